"""Moderating notes: approve or reject the queue, hide, edit wording, move, merge, delete and restore, pin;
and the per-board mode (open, pre-moderated, locked).

Every action validates, authorises (access.authorise for the role, access.may_moderate for the note),
writes the change, its audit entry and its change-log rows in ONE transaction, commits, then publishes.
What each audience is told follows one rule (`_note_changes`): a visible note goes to everyone, a note
leaving public view is announced to everyone as `note:removed` (no text), and pending or hidden notes go
to moderators only.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from facilitation.extensions import db
from facilitation.kernel.access import Actor, author_audience, may_moderate, moderation_audience
from facilitation.kernel.errors import Conflict, Invalid, NotAllowed, NotFound
from facilitation.kernel.events import NOTE_ADDED, NOTE_REMOVED, NOTE_UPDATED, STRUCTURE_CHANGED
from facilitation.kernel.lookups import load_workshop, owned
from facilitation.kernel.revisions import Change, commit_and_publish, log_change, next_revision, record_change
from facilitation.kernel.visibility import REMOVED_STATUSES, note_view, structure_view, utc_iso
from facilitation.models import BOARD_MODES, Board, Note, NoteRevision, Perspective, Section, Vote, VoteRound, Workshop
from facilitation.moderation import audit, wordlist
from facilitation.notes.service import clean_text
from facilitation.voting import service as voting


class VersionConflict(Conflict):
    """An edit started from an older wording: the ack carries the current text so the tablet can show it."""

    def __init__(self, note: Note):
        super().__init__(
            "Someone else changed this note while you were editing it. Their wording is shown; "
            "edit again from it if you still want to change it.",
            code="version_conflict",
        )
        self.current = {"note_id": note.id, "text": note.text, "version": note.version}

    def as_ack(self) -> dict:
        """The conflict ack plus the note's current wording and version, for the tablet to edit again from."""
        return {**super().as_ack(), "current": self.current}


# --- finding the note and telling people -------------------------------------------------------------


def _moderated_note(
    actor: Actor, workshop_id: int, note_id: Any, action: str = "note.moderate"
) -> tuple[Workshop, Note]:
    """The note, if the actor may moderate it: role by authorise(), the note's group by may_moderate()."""
    workshop = load_workshop(actor, workshop_id, action)
    note = db.session.get(Note, note_id) if isinstance(note_id, int) and not isinstance(note_id, bool) else None
    # A removed note is invisible to everyone but the organiser, so to others it does not exist.
    if (
        note is None
        or note.workshop_id != workshop.id
        or (note.status in REMOVED_STATUSES and actor.role != "organiser")
    ):
        raise NotFound(_("No such note in this workshop."), code="unknown_note")
    if not may_moderate(actor, note):
        raise NotAllowed(_("That note belongs to another group."), code="not_your_group")
    return workshop, note


def _require_status(note: Note, allowed: tuple[str, ...], message: str) -> None:
    if note.status not in allowed:
        raise Conflict(message, code="wrong_status")


def _note_changes(note: Note, was_public: bool) -> list[Change]:
    """Log what each audience must learn about the note's new state (inside the caller's transaction)."""
    workshop_id = note.workshop_id
    where = {"note_id": note.id, "board_id": note.board_id}
    if note.status == "visible":
        note.revision = next_revision(workshop_id)
        event = NOTE_UPDATED if was_public else NOTE_ADDED
        return [log_change(workshop_id, note.revision, event, {"note": note_view(note)})]
    changes: list[Change] = []
    if was_public:
        changes.append(record_change(workshop_id, NOTE_REMOVED, where))
    elif note.status != "pending" and note.participant_id is not None:
        # Its author saw it waiting for approval; say it will not appear (no one else could see it).
        changes.append(record_change(workshop_id, NOTE_REMOVED, where, author_audience(note.participant_id)))
    if note.status in REMOVED_STATUSES:
        if not was_public:
            changes.append(record_change(workshop_id, NOTE_REMOVED, where, moderation_audience(note.group_id)))
        note.revision = db.session.scalar(select(Workshop.revision).where(Workshop.id == workshop_id))
        return changes
    note.revision = next_revision(workshop_id)
    audience = moderation_audience(note.group_id)
    changes.append(log_change(workshop_id, note.revision, NOTE_UPDATED, {"note": note_view(note)}, audience))
    return changes


def _commit(workshop_id: int, changes: list[Change], note: Note | None = None) -> dict[str, Any]:
    revision = commit_and_publish(workshop_id, changes)
    return {"note": note_view(note) if note is not None else None, "revision": revision}


def _apply(actor: Actor, workshop: Workshop, note: Note, action: str, mutate) -> dict[str, Any]:
    """Snapshot, mutate, audit with before/after, log the changes, commit, publish: every action's spine."""
    before = audit.note_snapshot(note)
    was_public = note.status == "visible"
    mutate()
    db.session.flush()
    audit.record(actor, workshop.id, action, note=note, before=before, after=audit.note_snapshot(note))
    return _commit(workshop.id, _note_changes(note, was_public), note)


def _set_status(status: str):
    def mutate(note: Note) -> None:
        note.status = status

    return mutate


# --- history -----------------------------------------------------------------------------------------


def _ensure_history_starts(note: Note) -> None:
    """The first change to a note first records how it was posted, so its history is complete."""
    has_history = db.session.scalar(select(func.count(NoteRevision.id)).where(NoteRevision.note_id == note.id))
    if has_history:
        return
    db.session.add(
        NoteRevision(
            note_id=note.id,
            version=note.version,
            reason="posted",
            text=note.text,
            board_id=note.board_id,
            section_id=note.section_id,
            actor_role=note.author_role,
            actor_group_id=note.group_id,
            actor_participant_id=note.participant_id,
            at=note.created_at,
        )
    )


def _add_history(note: Note, actor: Actor, reason: str, text: str, source: Note | None = None) -> None:
    db.session.add(
        NoteRevision(
            note_id=note.id,
            version=note.version,
            reason=reason,
            text=text,
            board_id=note.board_id,
            section_id=note.section_id,
            source_note_id=source.id if source is not None else None,
            actor_role=actor.role,
            actor_group_id=actor.group_id,
            actor_participant_id=actor.participant_id,
        )
    )


def history(actor: Actor, workshop_id: int, note_id: Any) -> dict[str, Any]:
    """Every wording and place a note has had, oldest first, merged-in texts included."""
    _workshop, note = _moderated_note(actor, workshop_id, note_id)
    rows = db.session.scalars(select(NoteRevision).where(NoteRevision.note_id == note.id).order_by(NoteRevision.id))
    entries = [
        {
            "version": row.version,
            "reason": row.reason,
            "text": row.text,
            "board_id": row.board_id,
            "section_id": row.section_id,
            "source_note_id": row.source_note_id,
            "actor_role": row.actor_role,
            "actor_group_id": row.actor_group_id,
            "at": utc_iso(row.at),
        }
        for row in rows
    ]
    return {"note": note_view(note), "history": entries}


# --- the actions ---------------------------------------------------------------------------------------


def approve(actor: Actor, workshop_id: int, note_id: Any) -> dict[str, Any]:
    """A pending note goes on the screens: everyone gets it as note:added."""
    workshop, note = _moderated_note(actor, workshop_id, note_id)
    _require_status(note, ("pending",), "Only a note waiting for approval can be approved.")
    return _apply(actor, workshop, note, "note.approve", lambda: _set_status("visible")(note))


def reject(actor: Actor, workshop_id: int, note_id: Any) -> dict[str, Any]:
    """A pending note stays off the screens, kept as hidden so a moderator can still change their mind."""
    workshop, note = _moderated_note(actor, workshop_id, note_id)
    _require_status(note, ("pending",), "Only a note waiting for approval can be rejected.")
    return _apply(actor, workshop, note, "note.reject", lambda: _set_status("hidden")(note))


def hide(actor: Actor, workshop_id: int, note_id: Any) -> dict[str, Any]:
    """A visible note leaves the screens but stays with the moderators, who can show it again."""
    workshop, note = _moderated_note(actor, workshop_id, note_id)
    _require_status(note, ("visible",), "Only a note on the screen can be hidden.")
    return _apply(actor, workshop, note, "note.hide", lambda: _set_status("hidden")(note))


def unhide(actor: Actor, workshop_id: int, note_id: Any) -> dict[str, Any]:
    """A hidden note goes back on the screens: everyone gets it again."""
    workshop, note = _moderated_note(actor, workshop_id, note_id)
    _require_status(note, ("hidden",), "Only a hidden note can be shown again.")
    return _apply(actor, workshop, note, "note.unhide", lambda: _set_status("visible")(note))


def delete(actor: Actor, workshop_id: int, note_id: Any) -> dict[str, Any]:
    """Soft delete: the note leaves every screen; only the organiser sees it afterwards and may restore it."""
    workshop, note = _moderated_note(actor, workshop_id, note_id)
    _require_status(note, ("visible", "pending", "hidden"), "That note is already deleted.")
    return _apply(actor, workshop, note, "note.delete", lambda: _set_status("deleted")(note))


def restore(actor: Actor, workshop_id: int, note_id: Any) -> dict[str, Any]:
    """The organiser brings back a deleted or merged-away note, straight onto the screens."""
    workshop, note = _moderated_note(actor, workshop_id, note_id, action="note.restore")
    _require_status(note, tuple(REMOVED_STATUSES), "Only a deleted or merged note can be restored.")
    return _apply(actor, workshop, note, "note.restore", lambda: _set_status("visible")(note))


def pin(actor: Actor, workshop_id: int, note_id: Any, pinned: bool) -> dict[str, Any]:
    """Pin or unpin a note on every screen that shows it; audited like any other moderation."""
    workshop, note = _moderated_note(actor, workshop_id, note_id)
    if not isinstance(pinned, bool):
        raise Invalid(_("pinned must be true or false."), code="wrong_type")

    def mutate() -> None:
        note.pinned = pinned

    return _apply(actor, workshop, note, "note.pin" if pinned else "note.unpin", mutate)


def edit(actor: Actor, workshop_id: int, note_id: Any, text: Any, version: Any) -> dict[str, Any]:
    """Change a note's wording, only if nobody changed it since `version`; otherwise VersionConflict."""
    workshop, note = _moderated_note(actor, workshop_id, note_id)
    if not isinstance(text, str) or not isinstance(version, int) or isinstance(version, bool):
        raise Invalid(_("Send the new text and the version you started from."), code="wrong_type")
    new_text = clean_text(text)
    if version != note.version:
        raise VersionConflict(note)
    if new_text == note.text:
        return {"note": note_view(note), "revision": note.revision, "unchanged": True}
    # Claim the version with one conditional UPDATE: of two tablets racing, exactly one matches the row.
    claimed = db.session.execute(
        update(Note)
        .where(Note.id == note.id, Note.version == version)
        .values(version=version + 1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        db.session.refresh(note)
        raise VersionConflict(note)

    def mutate() -> None:
        _ensure_history_starts(note)
        note.text = new_text
        note.version = version + 1
        _add_history(note, actor, "edited", new_text)

    return _apply(actor, workshop, note, "note.edit", mutate)


def move(actor: Actor, workshop_id: int, note_id: Any, board_id: Any, section_id: Any, perspective_id: Any = None):
    """Move a note to another section or board of the same workshop."""
    workshop, note = _moderated_note(actor, workshop_id, note_id)
    _require_status(note, ("visible", "pending", "hidden"), "A deleted note cannot be moved.")
    board = owned(Board, board_id, workshop, "unknown_board", _("No such board in this workshop."))
    section = db.session.get(Section, section_id)
    if section is None or section.board_id != board.id:
        raise NotFound(_("No such section on this board."), code="unknown_section")
    if perspective_id is not None:
        owned(Perspective, perspective_id, workshop, "unknown_perspective", _("No such perspective in this workshop."))
    elif board.uses_perspective:
        perspective_id = note.perspective_id

    def mutate() -> None:
        _ensure_history_starts(note)
        if note.board_id != board.id:
            note.votes = None  # a tally belongs to the old board's round
        note.board_id, note.section_id = board.id, section.id
        note.perspective_id = perspective_id if board.uses_perspective else None
        _add_history(note, actor, "moved", note.text)

    return _apply(actor, workshop, note, "note.move", mutate)


def merge(actor: Actor, workshop_id: int, note_id: Any, into_id: Any) -> dict[str, Any]:
    """Fold a duplicate into another note: both texts stay in the kept note's history; votes follow it."""
    workshop, merged = _moderated_note(actor, workshop_id, note_id)
    _workshop, kept = _moderated_note(actor, workshop_id, into_id)
    if merged.id == kept.id:
        raise Invalid(_("A note cannot be merged into itself."), code="same_note")
    for note in (merged, kept):
        _require_status(note, ("visible", "pending", "hidden"), "A deleted note cannot be merged.")
    before = {"merged": audit.note_snapshot(merged), "into": audit.note_snapshot(kept)}
    merged_was_public = merged.status == "visible"
    _ensure_history_starts(kept)
    _ensure_history_starts(merged)
    _add_history(kept, actor, "merged", merged.text, source=merged)
    merged.status = "merged"
    _move_votes(merged, kept)
    db.session.flush()
    after = {"merged": audit.note_snapshot(merged), "into": audit.note_snapshot(kept), "into_id": kept.id}
    audit.record(actor, workshop.id, "note.merge", note=kept, before=before, after=after)
    changes = _note_changes(merged, merged_was_public)
    if kept.status == "visible" and kept.votes is not None:
        changes += _note_changes(kept, True)
    result = _commit(workshop.id, changes, kept)
    return {**result, "merged": note_view(merged)}


def _move_votes(merged: Note, kept: Note) -> None:
    """Dots on the duplicate move to the kept note in open rounds; a voter who has both gets a dot back."""
    open_rounds = select(VoteRound.id).where(VoteRound.status == "open")
    votes = db.session.scalars(select(Vote).where(Vote.note_id == merged.id, Vote.round_id.in_(open_rounds)))
    for vote in votes:
        already = db.session.scalar(
            select(Vote.id).where(
                Vote.round_id == vote.round_id, Vote.participant_id == vote.participant_id, Vote.note_id == kept.id
            )
        )
        if already:
            db.session.delete(vote)
        else:
            vote.note_id = kept.id
            if kept.votes is not None:
                kept.votes += 1
    merged.votes = None


# --- board modes ---------------------------------------------------------------------------------------


def set_board_mode(actor: Actor, workshop_id: int, board_id: Any, mode: Any) -> dict[str, Any]:
    """Open, pre-moderated or locked; every screen learns it through structure:changed."""
    workshop = load_workshop(actor, workshop_id, "board.mode")
    board = owned(Board, board_id, workshop, "unknown_board", _("No such board in this workshop."))
    if mode not in BOARD_MODES:
        raise Invalid(_("Mode must be one of %(choices)s.", choices=", ".join(BOARD_MODES)), code="bad_mode")
    if board.mode == mode:
        return {"board_id": board.id, "mode": mode, "revision": workshop.revision}
    audit.record(
        actor,
        workshop.id,
        "board.mode",
        before={"board_id": board.id, "mode": board.mode},
        after={"board_id": board.id, "mode": mode},
    )
    board.mode = mode
    db.session.flush()
    db.session.refresh(workshop)
    revision = commit_and_publish(
        workshop.id, [record_change(workshop.id, STRUCTURE_CHANGED, structure_view(workshop))]
    )
    return {"board_id": board.id, "mode": mode, "revision": revision}


# --- what a moderator's screens load -------------------------------------------------------------------


def overview(actor: Actor, workshop_id: int) -> dict[str, Any]:
    """The queue and hidden notes in the actor's scope; for the organiser also removed notes, the word list,
    the audit log and every vote round with its tallies."""
    workshop = load_workshop(actor, workshop_id, "note.moderate")
    statuses = ("pending", "hidden", *REMOVED_STATUSES) if actor.role == "organiser" else ("pending", "hidden")
    notes = [
        note
        for note in db.session.scalars(
            select(Note).where(Note.workshop_id == workshop.id, Note.status.in_(statuses)).order_by(Note.id)
        )
        if may_moderate(actor, note)
    ]
    result: dict[str, Any] = {
        "revision": workshop.revision,
        "queue": [note_view(n) for n in notes if n.status == "pending"],
        "hidden": [note_view(n) for n in notes if n.status == "hidden"],
    }
    if actor.role == "organiser":
        result["removed"] = [note_view(n) for n in notes if n.status in REMOVED_STATUSES]
        result["words"] = wordlist.words_of(workshop.id)
        result["audit"] = audit.entries(actor, workshop.id)
        result["rounds"] = voting.rounds_for_organiser(actor, workshop.id)
    return result
