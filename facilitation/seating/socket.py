"""Socket.IO adapters for mixed tables: the plan for any viewer, an attendee's own table and profile."""

from __future__ import annotations

from facilitation.kernel import events
from facilitation.realtime.handling import acknowledged
from facilitation.seating import service as seating


@acknowledged(events.SEATING_PLAN)
def plan(actor, workshop_id, fields):
    return seating.table_plan(actor, workshop_id)


@acknowledged(events.SEATING_MINE)
def mine(actor, workshop_id, fields):
    return seating.my_table(actor, workshop_id)


@acknowledged(events.SEATING_PROFILE)
def profile(actor, workshop_id, fields):
    return seating.set_profile(actor, workshop_id, fields)
