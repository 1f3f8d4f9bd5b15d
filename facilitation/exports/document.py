"""The complete, versioned JSON snapshot of a workshop: the one source every other format renders.

Records refer to each other by short references made for the file ("b2", "b2.s1", "n14"), never by
database ids: ids mean nothing in another installation, and the importer must not trust them.
Responses are anonymous (no phone session, no time); sign-ups are personal data and are included
only when the organiser asks for them, dated by the day and listed by name, so nothing pairs one with
a note.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from facilitation.exports import ExportFile
from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import NotFound
from facilitation.kernel.lookups import load_workshop
from facilitation.kernel.visibility import utc_iso
from facilitation.models import (
    BlockedWord,
    Note,
    NoteRevision,
    Questionnaire,
    Response,
    Signup,
    Theme,
    ThemeNote,
    Vote,
    VoteRound,
    Workshop,
)

FORMAT = "facilitation-board/workshop"
# 2 (issue 12): "themes" [{ref, board, label, suggested_label, custom_label, is_other}] and each note's
# "theme" (a theme ref or null). Version 1 files are read as version 2 without themes (import_reader.py),
# their themes found afresh (theme_restore.py).
FORMAT_VERSION = 2
JSON_MIMETYPE = "application/json"


def build_document(
    actor: Actor, workshop_id: int, *, board_id: int | None = None, include_signups: bool = False
) -> dict[str, Any]:
    """The snapshot an organiser may take of their own workshop (or of one of its boards)."""
    workshop = load_workshop(actor, workshop_id, "workshop.export")
    boards = list(workshop.boards)
    if board_id is not None:
        boards = [b for b in boards if b.id == board_id]
        if not boards:
            raise NotFound(_("No such board in this workshop."), code="unknown_board")
    return snapshot(workshop, boards, include_signups=include_signups and board_id is None)


def snapshot(workshop: Workshop, boards: list, *, include_signups: bool) -> dict[str, Any]:
    """The document for these boards of the workshop (no authorisation: callers have done it)."""
    perspective_refs = {p.id: f"p{i}" for i, p in enumerate(workshop.perspectives, 1)}
    group_refs = {g.id: f"g{i}" for i, g in enumerate(workshop.groups, 1)}
    board_refs = {b.id: f"b{b.position + 1}" for b in boards}
    section_refs = {s.id: f"{board_refs[b.id]}.s{j}" for b in boards for j, s in enumerate(b.sections, 1)}
    document: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "workshop": {
            "title": workshop.title,
            "event_date": workshop.event_date.isoformat() if workshop.event_date else None,
            "venue": workshop.venue,
            "is_open": workshop.is_open,
            "retention_until": workshop.retention_until.isoformat() if workshop.retention_until else None,
            "projector_board": board_refs.get(workshop.projector_board_id),
        },
        "agenda": [{"starts_at": a.starts_at, "title": a.title} for a in workshop.agenda],
        "perspectives": [{"ref": perspective_refs[p.id], "name": p.name} for p in workshop.perspectives],
        "groups": [
            {"ref": group_refs[g.id], "name": g.name, "colour": g.colour, "revoked": g.revoked} for g in workshop.groups
        ],
        "boards": [
            {
                "ref": board_refs[b.id],
                "kind": b.kind,
                "title": b.title,
                "prompt": b.prompt,
                "open_to_attendees": b.open_to_attendees,
                "mode": b.mode,
                "sections": [{"ref": section_refs[s.id], "name": s.name} for s in b.sections],
            }
            for b in boards
        ],
        "blocked_words": sorted(
            db.session.scalars(select(BlockedWord.word).where(BlockedWord.workshop_id == workshop.id))
        ),
        **_notes_and_votes(workshop, board_refs, section_refs, perspective_refs, group_refs),
        **_evaluation(workshop),
    }
    if include_signups:
        document["signups"] = _signups(workshop)
    return document


def _notes_and_votes(workshop: Workshop, board_refs, section_refs, perspective_refs, group_refs) -> dict[str, Any]:
    """Notes with their wording history, vote rounds, and votes by anonymous voter pseudonyms.

    A voter is "v1", "v2"... within this file only: enough to restore "one dot per note per person"
    without carrying anything that identifies a phone session.
    """
    notes = list(
        db.session.scalars(
            select(Note)
            .where(Note.workshop_id == workshop.id, Note.board_id.in_(board_refs))
            .order_by(Note.created_at, Note.id)
        )
    )
    note_refs = {n.id: f"n{i}" for i, n in enumerate(notes, 1)}
    themes = list(db.session.scalars(select(Theme).where(Theme.board_id.in_(board_refs)).order_by(Theme.id)))
    theme_refs = {t.id: f"t{i}" for i, t in enumerate(themes, 1)}
    theme_of = {
        row.note_id: theme_refs[row.theme_id]
        for row in db.session.scalars(select(ThemeNote).where(ThemeNote.theme_id.in_(theme_refs)))
    }
    revisions = db.session.scalars(
        select(NoteRevision).where(NoteRevision.note_id.in_(note_refs)).order_by(NoteRevision.note_id, NoteRevision.id)
    )
    history: dict[int, list[dict[str, Any]]] = {}
    for r in revisions:
        history.setdefault(r.note_id, []).append(
            {
                "version": r.version,
                "reason": r.reason,
                "text": r.text,
                "board": board_refs.get(r.board_id),
                "section": section_refs.get(r.section_id),
                "source_note": note_refs.get(r.source_note_id),
                "actor_role": r.actor_role,
                "actor_group": group_refs.get(r.actor_group_id),
                "at": utc_iso(r.at),
            }
        )
    rounds = list(
        db.session.scalars(
            select(VoteRound).where(VoteRound.board_id.in_(board_refs)).order_by(VoteRound.opened_at, VoteRound.id)
        )
    )
    round_refs = {r.id: f"r{i}" for i, r in enumerate(rounds, 1)}
    votes = list(
        db.session.scalars(
            select(Vote).where(Vote.round_id.in_(round_refs), Vote.note_id.in_(note_refs)).order_by(Vote.id)
        )
    )
    voter_refs: dict[int, str] = {}
    for vote in votes:
        voter_refs.setdefault(vote.participant_id, f"v{len(voter_refs) + 1}")
    counts: dict[int, int] = {}
    for vote in votes:
        counts[vote.note_id] = counts.get(vote.note_id, 0) + 1
    return {
        "notes": [
            {
                "ref": note_refs[n.id],
                "board": board_refs[n.board_id],
                "section": section_refs[n.section_id],
                "perspective": perspective_refs.get(n.perspective_id),
                "group": group_refs.get(n.group_id),
                "author_role": n.author_role,
                "author_name": n.author_name,
                "text": n.text,
                "status": n.status,
                "pinned": n.pinned,
                "version": n.version,
                "votes": counts.get(n.id, 0),
                "revealed_votes": n.votes,
                "created_at": utc_iso(n.created_at),
                "updated_at": utc_iso(n.updated_at),
                "history": history.get(n.id, []),
                "theme": theme_of.get(n.id),
            }
            for n in notes
        ],
        "themes": [
            {
                "ref": theme_refs[t.id],
                "board": board_refs[t.board_id],
                "label": t.custom_label or t.suggested_label,
                "suggested_label": t.suggested_label,
                "custom_label": t.custom_label,
                "is_other": t.is_other,
            }
            for t in themes
        ],
        "vote_rounds": [
            {
                "ref": round_refs[r.id],
                "board": board_refs[r.board_id],
                "votes_per_attendee": r.votes_per_attendee,
                "status": r.status,
                "revealed": r.revealed,
                "opened_at": utc_iso(r.opened_at),
                "closed_at": utc_iso(r.closed_at) if r.closed_at else None,
                "result": [
                    {
                        "note": note_refs.get(item.get("note_id")),
                        "text": item.get("text", ""),
                        "votes": item.get("votes", 0),
                    }
                    for item in (r.result or [])
                ]
                if r.result is not None
                else None,
            }
            for r in rounds
        ],
        "votes": [
            {
                "round": round_refs[v.round_id],
                "voter": voter_refs[v.participant_id],
                "note": note_refs[v.note_id],
                "at": utc_iso(v.at),
            }
            for v in votes
        ],
    }


def _evaluation(workshop: Workshop) -> dict[str, Any]:
    questionnaire = db.session.scalar(select(Questionnaire).where(Questionnaire.workshop_id == workshop.id))
    if questionnaire is None:
        return {"questionnaire": None, "responses": []}
    question_refs = {q.id: f"q{i}" for i, q in enumerate(questionnaire.questions, 1)}
    responses = db.session.scalars(
        select(Response).where(Response.questionnaire_id == questionnaire.id).order_by(Response.id)
    )
    return {
        "questionnaire": {
            "title": questionnaire.title,
            "intro": questionnaire.intro,
            "status": questionnaire.status,
            "questions": [
                {
                    "ref": question_refs[q.id],
                    "kind": q.kind,
                    "prompt": q.prompt,
                    "required": q.required,
                    "options": list(q.options or []),
                    "low_label": q.low_label,
                    "high_label": q.high_label,
                }
                for q in questionnaire.questions
            ],
        },
        "responses": [
            {
                "answers": [
                    {"question": question_refs[a.question_id], "value": a.value, "moderation": a.moderation}
                    for a in sorted(r.answers, key=lambda a: list(question_refs).index(a.question_id))
                    if a.question_id in question_refs
                ]
            }
            for r in responses
        ],
    }


def signup_order(signup: Signup) -> tuple[str, str, int]:
    """By name, then email: never the order people signed up in, which beside notes in posting order would
    pair a sign-up with the note its writer had just sent."""
    return (signup.name.casefold(), signup.email.casefold(), signup.id)


def _signups(workshop: Workshop) -> list[dict[str, Any]]:
    """The sign-ups with the day each consent was given, not the instant: a time to the microsecond beside
    the notes' times would tell which anonymous note each person wrote."""
    rows = db.session.scalars(select(Signup).where(Signup.workshop_id == workshop.id))
    return [
        {
            "name": s.name,
            "email": s.email,
            "role": s.role,
            "organisation": s.organisation,
            "consent_text": s.consent_text,
            "consented_on": s.consented_at.date().isoformat(),
        }
        for s in sorted(rows, key=signup_order)
    ]


def to_bytes(document: dict[str, Any]) -> bytes:
    """UTF-8 JSON that keeps accents, scripts and emoji readable rather than \\u-escaped."""
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def export_json(document: dict[str, Any], stem: str) -> ExportFile:
    """The snapshot as `<stem>.json`, the one file the importer reads back."""
    return ExportFile(f"{stem}.json", JSON_MIMETYPE, to_bytes(document))
