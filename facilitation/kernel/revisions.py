"""The revision counter and change log behind catch-up, and the one way a change is committed then published."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import update

from facilitation.extensions import db
from facilitation.kernel import broadcast
from facilitation.kernel.access import PUBLIC
from facilitation.kernel.events import NOTE_ADDED, NOTE_REMOVED, NOTE_UPDATED, THEMES_CHANGED
from facilitation.models import Change as ChangeRow
from facilitation.models import Workshop

# app.extensions key: callables (workshop_id, changes) told of every published batch, after it is published.
AFTER_PUBLISH = "facilitation.after_publish"


@dataclass(frozen=True)
class Change:
    """One logged change at `revision`, and the audience allowed to receive it (access.in_audience)."""

    audience: str
    revision: int
    event: str
    data: dict[str, Any]

    def envelope(self) -> dict[str, Any]:
        """What a client receives, live or in catch-up: {revision, event, data}."""
        return {"revision": self.revision, "event": self.event, "data": self.data}


def next_revision(workshop_id: int) -> int:
    """Take the workshop's next revision inside the caller's transaction.

    The UPDATE takes the write lock first, so two writers can never get the same revision.
    """
    return db.session.execute(
        update(Workshop)
        .where(Workshop.id == workshop_id)
        .values(revision=Workshop.revision + 1)
        .returning(Workshop.revision)
        .execution_options(synchronize_session=False)
    ).scalar_one()


def log_change(workshop_id: int, revision: int, event: str, data: dict[str, Any], audience: str = PUBLIC) -> Change:
    """Log a change at `revision` in the caller's transaction; publish it with commit_and_publish.

    What is broadcast is `data`; what is stored for a note is only which note (stored_payload), because
    catch-up reads the note as it is now.
    """
    note_id, payload = stored_payload(event, data)
    db.session.add(
        ChangeRow(
            workshop_id=workshop_id, revision=revision, event=event, audience=audience, payload=payload, note_id=note_id
        )
    )
    return Change(audience=audience, revision=revision, event=event, data=data)


def stored_payload(event: str, data: dict[str, Any]) -> tuple[int | None, dict[str, Any]]:
    """The note a change is about, and what of it the log keeps: {note_id, board_id} for a note, never its text.

    The text of a note changes and leaves people's view (hidden, rejected, deleted, merged away, reworded,
    its board removed); a copy in the log would be replayed to whoever asks for an old revision. The log
    keeps a reference, and sync.service.changes_since serves the note as it is now to those who may see it.
    """
    if event == NOTE_REMOVED:
        return data.get("note_id"), data
    if event == THEMES_CHANGED:
        # Labels are drawn from notes' words: the log keeps which board, and replay serves its themes now.
        return None, {"board_id": data.get("board_id")}
    note = data.get("note") if event in (NOTE_ADDED, NOTE_UPDATED) else None
    if isinstance(note, dict) and isinstance(note.get("id"), int):
        return note["id"], {"note_id": note["id"], "board_id": note.get("board_id")}
    return None, data


def record_change(workshop_id: int, event: str, data: dict[str, Any], audience: str = PUBLIC) -> Change:
    """Take the next revision and log the change in one step, for payloads that do not carry it."""
    return log_change(workshop_id, next_revision(workshop_id), event, data, audience)


def commit_and_publish(workshop_id: int, changes: Sequence[Change]) -> int | None:
    """Commit the caller's transaction, then (never before) broadcast its changes; returns the last revision.

    A change that was rolled back is never published, and nothing is emitted while a write lock is held.
    """
    db.session.commit()
    broadcast.publish(workshop_id, changes)
    # Work that must follow a change but not slow or widen its transaction (themes/scheduler.py) listens
    # here; listeners only take note and return, their work runs later outside this request.
    for listener in current_app.extensions.get(AFTER_PUBLISH, ()):
        listener(workshop_id, changes)
    return changes[-1].revision if changes else None
