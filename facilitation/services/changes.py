"""The revision counter and change log behind catch-up after a reconnect."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update

from ..access import Actor, authorise
from ..errors import Invalid, NotFound
from ..extensions import db
from ..models import Change, Note, Workshop
from ..presenters import change_visible_to, note_view, note_visible_to, structure_view, utc_iso

# Beyond this many missed changes a full state is cheaper than replaying them.
MAX_REPLAY = 500


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


def log_change(
    workshop_id: int, revision: int, event: str, data: dict[str, Any], audience: str = "public"
) -> tuple[str, dict]:
    """Log a change at `revision`; returns (audience, envelope) for broadcast.publish after commit."""
    db.session.add(Change(workshop_id=workshop_id, revision=revision, event=event, audience=audience, payload=data))
    return audience, {"revision": revision, "event": event, "data": data}


def record_change(workshop_id: int, event: str, data: dict[str, Any], audience: str = "public") -> tuple[str, dict]:
    """Take the next revision and log the change in one step, for payloads that do not carry it."""
    return log_change(workshop_id, next_revision(workshop_id), event, data, audience)


def get_workshop(workshop_id: Any) -> Workshop:
    if not isinstance(workshop_id, int) or isinstance(workshop_id, bool):
        raise NotFound("No such workshop.", code="unknown_workshop")
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        raise NotFound("No such workshop.", code="unknown_workshop")
    return workshop


def workshop_state(actor: Actor, workshop_id: int) -> dict[str, Any]:
    """Everything the actor may see now, with the revision it is correct at."""
    from .projector_state import projector_view  # here: projector_state logs its changes through this module

    workshop = get_workshop(workshop_id)
    authorise(actor, "workshop.view", workshop)
    notes = db.session.scalars(select(Note).where(Note.workshop_id == workshop.id).order_by(Note.id))
    return {
        "revision": workshop.revision,
        "structure": structure_view(workshop),
        "notes": [note_view(n) for n in notes if note_visible_to(actor, n)],
        "projector": projector_view(workshop),
        # Screens count the projector's timer down against this, not against their own clocks.
        "server_time": utc_iso(datetime.now(UTC)),
    }


def changes_since(actor: Actor, workshop_id: int, since: int) -> dict[str, Any]:
    """The changes after `since` that the actor may see, or a full state when too far behind."""
    workshop = get_workshop(workshop_id)
    authorise(actor, "workshop.view", workshop)
    if since < 0:
        raise Invalid("since must be zero or more.", code="bad_revision")
    current = workshop.revision
    if since > current:
        # The client knows a future the server does not (a restored database): start again.
        return {"revision": current, "reset": True, "state": workshop_state(actor, workshop_id)}
    if since == 0 or current - since > MAX_REPLAY:
        return {"revision": current, "reset": True, "state": workshop_state(actor, workshop_id)}
    rows = db.session.scalars(
        select(Change).where(Change.workshop_id == workshop.id, Change.revision > since).order_by(Change.revision)
    )
    changes = [
        {"revision": c.revision, "event": c.event, "data": c.payload}
        for c in rows
        if change_visible_to(actor, c.audience)
    ]
    return {"revision": current, "reset": False, "changes": changes}
