"""The revision counter and change log behind catch-up, and the one way a change is committed then published."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import bindparam, insert, update

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
    """One logged change at `revision`, and the audience allowed to receive it (access.in_audience).

    `after`, on a public change, is the revision of the public change before it: a screen that sees only
    public changes and already has `after` has missed nothing it may see (protocol: "after").
    """

    audience: str
    revision: int
    event: str
    data: dict[str, Any]
    after: int | None = None

    def envelope(self) -> dict[str, Any]:
        """What a client receives live: {revision, event, data}, and `after` on a public change that skips."""
        envelope = {"revision": self.revision, "event": self.event, "data": self.data}
        # Only when revisions were skipped: right after its predecessor, `revision` alone says as much.
        if self.after is not None and self.after < self.revision - 1:
            envelope["after"] = self.after
        return envelope


_WORKSHOPS = Workshop.__table__
_CHANGES = ChangeRow.__table__
# Built once and run as plain Core statements: on the hot path (every note) an ORM UPDATE or a flush costs
# several times the SQL itself. Every SET reads the old row, so public_before is the revision before.
_TAKE_REVISION = (
    update(_WORKSHOPS)
    .where(_WORKSHOPS.c.id == bindparam("workshop_id"))
    .values(revision=_WORKSHOPS.c.revision + 1)
    .returning(_WORKSHOPS.c.revision, _WORKSHOPS.c.public_before)
)
_TAKE_PUBLIC_REVISION = (
    update(_WORKSHOPS)
    .where(_WORKSHOPS.c.id == bindparam("workshop_id"))
    .values(
        revision=_WORKSHOPS.c.revision + 1,
        public_before=_WORKSHOPS.c.public_revision,
        public_revision=_WORKSHOPS.c.revision + 1,
    )
    .returning(_WORKSHOPS.c.revision, _WORKSHOPS.c.public_before)
)

# db.session.info key: {(workshop_id, revision): the public revision before it}, from next_revision to
# log_change within one transaction (the session's own scratch space, not module state).
PUBLIC_AFTER = "revisions.public_after"


def next_revision(workshop_id: int, audience: str | None = None) -> int:
    """Take the workshop's next revision inside the caller's transaction.

    The UPDATE takes the write lock first, so two writers can never get the same revision. The same
    statement keeps the public chain: unless the caller says the change is not public, it becomes the
    latest public revision and the UPDATE returns the one before (every SET reads the old row). A caller
    that does not say is counted as public: phones may then resync once for nothing, never miss a change.
    """
    public = audience is None or audience == PUBLIC
    revision, before = db.session.execute(
        _TAKE_PUBLIC_REVISION if public else _TAKE_REVISION, {"workshop_id": workshop_id}
    ).one()
    pending = db.session.info.setdefault(PUBLIC_AFTER, {})
    pending.pop((workshop_id, revision), None)
    if public:
        pending[(workshop_id, revision)] = before
    return revision


def log_change(
    workshop_id: int,
    revision: int,
    event: str,
    data: dict[str, Any],
    audience: str = PUBLIC,
    *,
    at_once: bool = False,
) -> Change:
    """Log a change at `revision` in the caller's transaction; publish it with commit_and_publish.

    What is broadcast is `data`; what is stored for a note is only which note (stored_payload), because
    catch-up reads the note as it is now. `at_once` writes the entry now, with one Core INSERT, instead of
    at the next flush: for a caller that writes its other rows the same way (the note post), so that its
    commit has nothing left to flush. Others keep the flush, which orders the entry before a pending delete.
    """
    note_id, payload = stored_payload(event, data)
    row = {
        "workshop_id": workshop_id,
        "revision": revision,
        "event": event,
        "audience": audience,
        "payload": payload,
        "note_id": note_id,
    }
    if at_once:
        db.session.execute(insert(_CHANGES), row)
    else:
        db.session.add(ChangeRow(**row))
    after = db.session.info.get(PUBLIC_AFTER, {}).pop((workshop_id, revision), None) if audience == PUBLIC else None
    return Change(audience=audience, revision=revision, event=event, data=data, after=after)


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
    return log_change(workshop_id, next_revision(workshop_id, audience), event, data, audience)


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
