"""What the organiser's console for the day reads: the workshop's live state, vote rounds, who is connected.

The console changes nothing itself: every action it offers is a socket request the projector, agenda,
timer, moderation and voting services already answer. This module only gathers what it shows first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.models import SocketPresence
from facilitation.sync import service as changes
from facilitation.voting import service as voting
from facilitation.workshops.service import managed_workshop

COUNTED_ROLES = ("attendee", "facilitator", "projector")


def connected(actor: Actor, workshop_id: int) -> dict[str, int]:
    """Open sockets per screen kind: phones (attendees), tablets (facilitators) and projector screens."""
    workshop = managed_workshop(actor, workshop_id)
    rows = db.session.execute(
        select(SocketPresence.role, func.count())
        .where(SocketPresence.workshop_id == workshop.id, SocketPresence.role.in_(COUNTED_ROLES))
        .group_by(SocketPresence.role)
    ).all()
    counts = {role: 0 for role in COUNTED_ROLES}
    counts.update({role: count for role, count in rows})
    return {"phones": counts["attendee"], "tablets": counts["facilitator"], "projectors": counts["projector"]}


def console_state(actor: Actor, workshop_id: int) -> dict[str, Any]:
    """The console's state island: the same state every screen syncs from, plus rounds and counts."""
    workshop = managed_workshop(actor, workshop_id)
    return {
        "role": "organiser",
        "workshop_id": workshop.id,
        **changes.workshop_state(actor, workshop.id),
        "rounds": voting.rounds_for_organiser(actor, workshop.id),
        "connected": connected(actor, workshop.id),
    }
