"""What a client needs to be correct: the whole state now, or the changes after its revision."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import Invalid
from facilitation.kernel.lookups import load_workshop
from facilitation.kernel.visibility import change_visible_to, note_view, note_visible_to, structure_view, utc_iso
from facilitation.models import Change, Note
from facilitation.projector.state import projector_view

# Beyond this many missed changes a full state is cheaper than replaying them.
MAX_REPLAY = 500


def workshop_state(actor: Actor, workshop_id: int) -> dict[str, Any]:
    """Everything the actor may see now, with the revision it is correct at."""
    workshop = load_workshop(actor, workshop_id, "workshop.view")
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
    workshop = load_workshop(actor, workshop_id, "workshop.view")
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
