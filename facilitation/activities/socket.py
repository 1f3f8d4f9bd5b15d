"""Socket.IO adapters for the activities: the board (any viewer), signing up and leaving (attendees)."""

from __future__ import annotations

from facilitation.activities import booking
from facilitation.activities import service as activities
from facilitation.kernel import events
from facilitation.realtime.handling import acknowledged


@acknowledged(events.ACTIVITIES_STATE)
def state(actor, workshop_id, fields):
    return activities.activities_state(actor, workshop_id)


@acknowledged(events.ACTIVITY_JOIN)
def join(actor, workshop_id, fields):
    return booking.join(actor, workshop_id, fields["activity_id"])


@acknowledged(events.ACTIVITY_LEAVE)
def leave(actor, workshop_id, fields):
    return booking.leave(actor, workshop_id, fields["activity_id"])
