"""What each role may receive: plain-dict views of models and the one visibility filter."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from facilitation.kernel.access import Actor, in_audience, may_moderate
from facilitation.models import Board, Note, Workshop


def utc_iso(moment: datetime) -> str:
    """Stored times are UTC but come back from the database naive; always say so, or a resend's ack
    differs from the first one and browsers read the time as local."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def note_view(note: Note) -> dict[str, Any]:
    """A note as the screens that may see it receive it; which phone wrote it never leaves the server."""
    return {
        "id": note.id,
        "client_id": note.client_id,
        "board_id": note.board_id,
        "section_id": note.section_id,
        "perspective_id": note.perspective_id,
        "group_id": note.group_id,
        "text": note.text,
        "author_role": note.author_role,
        "author_name": note.author_name,
        "status": note.status,
        "version": note.version,
        "pinned": note.pinned,
        # Only a revealed tally is ever stored on the note, so every audience may see it.
        "votes": note.votes,
        "revision": note.revision,
        "created_at": utc_iso(note.created_at),
    }


def board_view(board: Board) -> dict[str, Any]:
    """A board's settings and sections, which every participant may see."""
    return {
        "id": board.id,
        "kind": board.kind,
        "title": board.title,
        "prompt": board.prompt,
        "open_to_attendees": board.open_to_attendees,
        "mode": board.mode,
        "uses_perspective": board.uses_perspective,
        "sections": [{"id": s.id, "name": s.name} for s in board.sections],
    }


def structure_view(workshop: Workshop) -> dict[str, Any]:
    """Everything about a workshop's shape that any participant may see (never its secrets)."""
    return {
        "workshop": {
            "id": workshop.id,
            "title": workshop.title,
            "event_date": workshop.event_date.isoformat() if workshop.event_date else None,
            "venue": workshop.venue,
            "languages": workshop.languages,
            "join_code": workshop.join_code,
            "is_open": workshop.is_open,
            "projector_board_id": workshop.projector_board_id,
        },
        "groups": [{"id": g.id, "name": g.name, "colour": g.colour} for g in workshop.groups],
        "perspectives": [{"id": p.id, "name": p.name} for p in workshop.perspectives],
        "boards": [board_view(b) for b in workshop.boards],
        "agenda": [{"id": a.id, "starts_at": a.starts_at, "title": a.title} for a in workshop.agenda],
    }


# Soft-deleted and merged-away notes: only the organiser, who may restore them, still sees them.
REMOVED_STATUSES = frozenset({"deleted", "merged"})


def note_visible_to(actor: Actor, note: Note) -> bool:
    """Visible notes go to everyone; the rest only to moderators and, while pending, their author."""
    if note.status == "visible":
        return True
    if note.status in REMOVED_STATUSES:
        return actor.role == "organiser"
    if actor.is_moderator:
        return may_moderate(actor, note)
    return note.status == "pending" and actor.participant_id is not None and actor.participant_id == note.participant_id


def change_visible_to(actor: Actor, audience: str) -> bool:
    """Whether a logged change reaches this actor: in_audience's rule, applied by the visibility filter."""
    return in_audience(actor, audience)
