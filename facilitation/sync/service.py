"""What a client needs to be correct: the whole state now, or the changes after its revision."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from facilitation.evaluation.results import results_view
from facilitation.evaluation.service import questionnaire_of
from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import Invalid
from facilitation.kernel.events import (
    EVALUATION_CHANGED,
    EVALUATION_RESULTS,
    NOTE_ADDED,
    NOTE_REMOVED,
    NOTE_UPDATED,
    THEMES_CHANGED,
    VOTE_CHANGED,
)
from facilitation.kernel.lookups import load_workshop
from facilitation.kernel.visibility import change_visible_to, note_view, note_visible_to, structure_view, utc_iso
from facilitation.models import Change, Note, Workshop
from facilitation.projector.state import projector_view
from facilitation.themes.views import board_themes_payload, themes_view

# Beyond this many missed changes a full state is cheaper than replaying them.
MAX_REPLAY = 500


def workshop_state(actor: Actor, workshop_id: int) -> dict[str, Any]:
    """Everything the actor may see now, with the revision it is correct at."""
    workshop = load_workshop(actor, workshop_id, "workshop.view")
    notes = db.session.scalars(select(Note).where(Note.workshop_id == workshop.id).order_by(Note.id))
    return {
        "revision": workshop.revision,
        "structure": structure_view(workshop),
        "notes": [note_view(n) for n in notes if shown_to(actor, n)],
        "projector": projector_view(workshop),
        # Labels and note ids from visible notes only (themes.views), the same for every viewer.
        "themes": themes_view(workshop.id),
        # Screens count the projector's timer down against this, not against their own clocks.
        "server_time": utc_iso(datetime.now(UTC)),
    }


def shown_to(actor: Actor, note: Note) -> bool:
    """The one test of whether a note reaches an actor, applied alike by the state and by replay."""
    return note_visible_to(actor, note)


def changes_since(actor: Actor, workshop_id: int, since: int) -> dict[str, Any]:
    """The changes after `since` that the actor may see, or a full state when too far behind.

    Replay is built from current state where the log would otherwise hand back text: the log stores a
    note's change as a reference (revisions.stored_payload), and each replayed envelope carries the note as
    it is NOW if the actor may see it now, else `note:removed` {note_id, board_id} with no text. So a note
    hidden, rejected, deleted, merged away, reworded or gone with its board never comes back to someone who
    may no longer see it (or in its old wording to anyone: moderators read that through the audited note
    history). Vote results and evaluation results are treated alike (_replayed). Every entry the actor's
    audience admits is still served at its own revision, in order, so a client steps through the same
    revisions as before, and applying the envelopes (protocol §8: store by id, drop on removal) ends with
    the notes the state gives. Why not rewrite old entries at each moderation action instead: this way no
    action, present or future, has to remember to redact, and the log holds no copy of any note's text.
    """
    workshop = load_workshop(actor, workshop_id, "workshop.view")
    if since < 0:
        raise Invalid(_("since must be zero or more."), code="bad_revision")
    current = workshop.revision
    if since > current:
        # The client knows a future the server does not (a restored database): start again.
        return {"revision": current, "reset": True, "state": workshop_state(actor, workshop_id)}
    if since == 0 or current - since > MAX_REPLAY:
        return {"revision": current, "reset": True, "state": workshop_state(actor, workshop_id)}
    if since == current:
        # Already caught up (most phones after a reconnect): the workshop row says so; no log query.
        return {"revision": current, "reset": False, "changes": []}
    rows = [
        row
        for row in db.session.scalars(
            select(Change).where(Change.workshop_id == workshop.id, Change.revision > since).order_by(Change.revision)
        )
        if change_visible_to(actor, row.audience)
    ]
    now = _Now(actor, workshop, rows)
    return {"revision": current, "reset": False, "changes": [_replayed(row, now) for row in rows]}


class _Now:
    """What replay reads of the current state, each part loaded once per request and only if needed."""

    def __init__(self, actor: Actor, workshop: Workshop, rows: list[Change]):
        self.actor = actor
        self.workshop = workshop
        ids = {row.note_id for row in rows if row.note_id is not None}
        for row in rows:
            if row.event == VOTE_CHANGED:
                ids.update(entry.get("note_id") for entry in _result_of(row.payload))
        ids.discard(None)
        found = db.session.scalars(select(Note).where(Note.workshop_id == workshop.id, Note.id.in_(ids))) if ids else []
        self.notes: dict[int, Note] = {note.id: note for note in found}
        self.board_themes: dict[Any, dict[str, Any]] = {}

    def note(self, note_id: Any) -> Note | None:
        """The note if it still exists and the actor may see it now."""
        note = self.notes.get(note_id)
        return note if note is not None and shown_to(self.actor, note) else None

    def themes(self, board_id: Any) -> dict[str, Any]:
        """A board's themes as they are now, read once per board per replay."""
        if board_id not in self.board_themes:
            self.board_themes[board_id] = board_themes_payload(self.workshop.id, board_id)
        return self.board_themes[board_id]

    @cached_property
    def evaluation_results(self) -> dict[str, Any] | None:
        """The public evaluation results now (approved comments only), or None while a draft."""
        questionnaire = questionnaire_of(self.workshop.id)
        if questionnaire is None or questionnaire.status == "draft":
            return None
        return results_view(questionnaire)


def _replayed(row: Change, now: _Now) -> dict[str, Any]:
    """One logged change as a client catching up may receive it now."""
    envelope = {"revision": row.revision, "event": row.event, "data": row.payload}
    if row.event in (NOTE_ADDED, NOTE_UPDATED) and row.note_id is not None:
        note = now.note(row.note_id)
        if note is not None:
            envelope["data"] = {"note": note_view(note)}
        else:
            # No longer the actor's to see (or gone with its board): the same removal a screen got live.
            gone = now.notes.get(row.note_id)
            board_id = gone.board_id if gone is not None else row.payload.get("board_id")
            envelope.update(event=NOTE_REMOVED, data={"note_id": row.note_id, "board_id": board_id})
    elif row.event == VOTE_CHANGED and _result_of(row.payload):
        # A closed round's result names notes by their text at close: their text now, or none.
        result = [_result_entry(entry, now) for entry in _result_of(row.payload)]
        envelope["data"] = {**row.payload, "round": {**row.payload["round"], "result": result}}
    elif row.event == EVALUATION_RESULTS:
        # Free-text comments are shown once approved and leave when rejected or reworded.
        envelope["data"] = now.evaluation_results
    elif row.event == EVALUATION_CHANGED:
        envelope["data"] = {**row.payload, "results": now.evaluation_results}
    elif row.event == THEMES_CHANGED:
        # The board's themes now (labels and ids from notes visible now), never those of when it was logged.
        envelope["data"] = now.themes(row.payload.get("board_id"))
    return envelope


def _result_of(payload: dict[str, Any]) -> list[dict[str, Any]]:
    round_ = payload.get("round") if isinstance(payload, dict) else None
    result = round_.get("result") if isinstance(round_, dict) else None
    return [entry for entry in result if isinstance(entry, dict)] if isinstance(result, list) else []


def _result_entry(entry: dict[str, Any], now: _Now) -> dict[str, Any]:
    note = now.note(entry.get("note_id"))
    return {**entry, "text": note.text if note is not None else None}
