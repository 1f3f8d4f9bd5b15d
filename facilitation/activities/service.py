"""The afternoon activities: the organiser's list (time slots, capacity, place, access notes), cancelling
with an alternative, attendance, and the views the board and phones draw.

Booking itself (places, waiting list, promotion) is booking.py. Every change commits, then publishes
activities:changed with the whole public board, so phones and the projector show places left live.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from facilitation.activities import promotion
from facilitation.activities.views import activities_of, activity_view, board_view, waiting_counts
from facilitation.extensions import db
from facilitation.kernel.access import Actor, author_audience
from facilitation.kernel.errors import Invalid
from facilitation.kernel.events import ACTIVITIES_CHANGED, ACTIVITY_NOTICE
from facilitation.kernel.lookups import load_workshop, owned
from facilitation.kernel.payloads import text_field
from facilitation.kernel.revisions import Change, commit_and_publish, record_change
from facilitation.models import Activity, ActivitySignup, Participant, Workshop

CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MAX_CAPACITY = 1000
MAX_ACTIVITIES = 100


def _mine(actor: Actor, workshop_id: int) -> list[dict[str, Any]]:
    if actor.participant_id is None:
        return []
    rows = db.session.scalars(
        select(ActivitySignup)
        .join(Activity, Activity.id == ActivitySignup.activity_id)
        .where(Activity.workshop_id == workshop_id, ActivitySignup.participant_id == actor.participant_id)
    )
    return [{"activity_id": s.activity_id, "status": s.status, "position": waiting_position(s)} for s in rows]


def waiting_position(signup: ActivitySignup) -> int | None:
    """1 for the next to be promoted; None unless waiting."""
    if signup.status != "waiting":
        return None
    ahead = db.session.scalar(
        select(func.count())
        .select_from(ActivitySignup)
        .where(
            ActivitySignup.activity_id == signup.activity_id,
            ActivitySignup.status == "waiting",
            ActivitySignup.id < signup.id,
        )
    )
    return (ahead or 0) + 1


def activities_state(actor: Actor, workshop_id: Any) -> dict[str, Any]:
    """The board for any viewer, plus an attendee's own sign-ups and waiting places."""
    workshop = load_workshop(actor, workshop_id, "workshop.view")
    return {**board_view(workshop), "mine": _mine(actor, workshop.id), "revision": workshop.revision}


# --- the organiser's list ----------------------------------------------------------------------------------


def _clock(value: Any, field: str) -> str:
    if not isinstance(value, str) or not CLOCK.match(value.strip()):
        raise Invalid(_("%(field)s is a time like 13:20.", field=field), code="bad_time")
    return value.strip()


def _fields(fields: dict[str, Any]) -> dict[str, Any]:
    starts_at, ends_at = _clock(fields.get("starts_at"), "Start"), _clock(fields.get("ends_at"), "End")
    if ends_at <= starts_at:
        raise Invalid(_("An activity ends after it starts."), code="bad_time")
    capacity = fields.get("capacity")
    if not isinstance(capacity, int) or isinstance(capacity, bool) or not 1 <= capacity <= MAX_CAPACITY:
        raise Invalid(
            _("Capacity is a number from 1 to %(MAX_CAPACITY)s.", MAX_CAPACITY=MAX_CAPACITY), code="bad_capacity"
        )
    return {
        "title": text_field(fields.get("title", ""), "Title", 120),
        "description": text_field(fields.get("description", ""), "Description", 2000, required=False),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": text_field(fields.get("place", ""), "Place", 120, required=False),
        "access_notes": text_field(fields.get("access_notes", ""), "Access notes", 2000, required=False),
        "capacity": capacity,
    }


def create_activity(actor: Actor, workshop_id: Any, fields: dict[str, Any]) -> dict[str, Any]:
    workshop = load_workshop(actor, workshop_id, "activity.manage")
    if len(activities_of(workshop.id)) >= MAX_ACTIVITIES:
        raise Invalid(
            _("A workshop has at most %(MAX_ACTIVITIES)s activities.", MAX_ACTIVITIES=MAX_ACTIVITIES),
            code="too_many_activities",
        )
    activity = Activity(workshop_id=workshop.id, booked=0, status="open", **_fields(fields))
    db.session.add(activity)
    db.session.flush()
    return {"activity_id": activity.id, **publish(workshop)}


def update_activity(actor: Actor, workshop_id: Any, activity_id: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """Edit an activity. Raising the capacity promotes people from the waiting list; lowering it below
    the places already booked is refused (nobody loses a place they were given)."""
    workshop = load_workshop(actor, workshop_id, "activity.manage")
    activity = load_activity(workshop, activity_id)
    values = _fields(fields)
    if values["capacity"] < activity.booked:
        raise Invalid(
            _("%(booked)s people already have a place; capacity cannot go below that.", booked=activity.booked),
            code="bad_capacity",
        )
    for key, value in values.items():
        setattr(activity, key, value)
    db.session.flush()
    notices = promotion.fill_free_places(activity)
    return publish(workshop, notices)


def load_activity(workshop: Workshop, activity_id: Any) -> Activity:
    return owned(Activity, activity_id, workshop, "unknown_activity", _("No such activity in this workshop."))


def next_alternative(workshop: Workshop, cancelled: Activity) -> Activity | None:
    """What to offer instead: an open activity with places during the cancelled slot (the people were free
    then), the one starting nearest to it first; else the next one starting later; else none."""
    candidates = [
        a for a in activities_of(workshop.id) if a.status == "open" and a.id != cancelled.id and a.booked < a.capacity
    ]
    during = [a for a in candidates if promotion.overlaps(a, cancelled)]
    if during:
        return min(during, key=lambda a: (abs(_minutes(a.starts_at) - _minutes(cancelled.starts_at)), a.starts_at))
    later = [a for a in candidates if a.starts_at >= cancelled.ends_at]
    return later[0] if later else None


def _minutes(clock: str) -> int:
    return int(clock[:2]) * 60 + int(clock[3:])


def cancel_activity(actor: Actor, workshop_id: Any, activity_id: Any) -> dict[str, Any]:
    """Cancel (the seed's forest bathing): every sign-up is told on their phone and offered the next
    alternative; their wish is kept as "interested" for a later session."""
    workshop = load_workshop(actor, workshop_id, "activity.manage")
    activity = load_activity(workshop, activity_id)
    if activity.status == "cancelled":
        raise Invalid(_("That activity is already cancelled."), code="already_cancelled")
    activity.status = "cancelled"
    activity.booked = 0
    alternative = next_alternative(workshop, activity)
    offered = activity_view(alternative) if alternative else None
    notices = []
    for signup in db.session.scalars(
        select(ActivitySignup).where(ActivitySignup.activity_id == activity.id, ActivitySignup.status != "interested")
    ):
        signup.status = "interested"
        notices.append(
            (signup.participant_id, {"kind": "cancelled", "activity": activity_view(activity), "alternative": offered})
        )
    return publish(workshop, notices)


def mark_attendance(actor: Actor, workshop_id: Any, signup_id: Any, attended: Any) -> dict[str, Any]:
    """A facilitator or the organiser ticks who came."""
    workshop = load_workshop(actor, workshop_id, "activity.attendance")
    if not isinstance(attended, bool):
        raise Invalid(_("attended must be true or false."), code="wrong_type")
    signup = db.session.get(ActivitySignup, signup_id) if isinstance(signup_id, int) else None
    activity = db.session.get(Activity, signup.activity_id) if signup else None
    if activity is None or activity.workshop_id != workshop.id or signup.status != "booked":
        raise Invalid(_("No such booked place in this workshop."), code="unknown_signup")
    signup.attended = attended
    db.session.commit()
    return {"signup_id": signup.id, "attended": attended}


def roster(actor: Actor, workshop_id: Any) -> list[dict[str, Any]]:
    """Each activity with who is booked (first names given, else "Guest"), who waits, who came."""
    workshop = load_workshop(actor, workshop_id, "activity.attendance")
    names = dict(
        db.session.execute(
            select(Participant.id, Participant.display_name).where(Participant.workshop_id == workshop.id)
        ).all()
    )
    waiting = waiting_counts(workshop.id)
    result = []
    for activity in activities_of(workshop.id):
        signups = db.session.scalars(
            select(ActivitySignup).where(ActivitySignup.activity_id == activity.id).order_by(ActivitySignup.id)
        )
        result.append(
            {
                **activity_view(activity, waiting.get(activity.id, 0)),
                "signups": [
                    {
                        "id": s.id,
                        "name": names.get(s.participant_id) or "Guest",
                        "status": s.status,
                        "attended": s.attended,
                    }
                    for s in signups
                ],
            }
        )
    return result


def publish(workshop: Workshop, notices: list[tuple[int, dict[str, Any]]] = ()) -> dict[str, Any]:
    """Commit, then tell everyone the board and each phone concerned its own news."""
    db.session.flush()
    board = board_view(workshop)
    changes: list[Change] = [record_change(workshop.id, ACTIVITIES_CHANGED, board)]
    for participant_id, notice in notices:
        changes.append(record_change(workshop.id, ACTIVITY_NOTICE, notice, author_audience(participant_id)))
    revision = commit_and_publish(workshop.id, changes)
    return {**board, "revision": revision}
