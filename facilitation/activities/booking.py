"""Signing up on the phone: a place while places are left, else the waiting list; leaving frees the place
for the next in the queue, who is told on their phone. Slots that clash with a place already held are refused.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from facilitation.activities import promotion
from facilitation.activities.service import load_activity, publish, waiting_position
from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import Closed, Invalid, NotFound
from facilitation.kernel.lookups import load_workshop
from facilitation.models import ActivitySignup


def _signup(activity_id: int, participant_id: int) -> ActivitySignup | None:
    return db.session.scalar(
        select(ActivitySignup).where(
            ActivitySignup.activity_id == activity_id, ActivitySignup.participant_id == participant_id
        )
    )


def _answer(result: dict[str, Any], signup: ActivitySignup) -> dict[str, Any]:
    return {
        **result,
        "signup": {"activity_id": signup.activity_id, "status": signup.status, "position": waiting_position(signup)},
    }


def join(actor: Actor, workshop_id: Any, activity_id: Any) -> dict[str, Any]:
    """A place if one is left (taken atomically, see promotion.take_place), else a place in the queue.

    Asking again answers with the sign-up already held; a slot overlapping a place already held is refused."""
    workshop = load_workshop(actor, workshop_id, "activity.join")
    if not workshop.is_open:
        raise Closed(_("This workshop has closed."), code="workshop_closed")
    activity = load_activity(workshop, activity_id)
    if activity.status != "open":
        raise Invalid(_("That activity has been cancelled."), code="activity_cancelled")
    existing = _signup(activity.id, actor.participant_id)
    if existing is not None and existing.status != "interested":
        return _answer({"duplicate": True, "revision": workshop.revision}, existing)
    clash = promotion.clashing_booking(actor.participant_id, activity)
    if clash is not None:
        raise Invalid(
            f"That overlaps {clash.title} ({clash.starts_at}-{clash.ends_at}), where you have a place.",
            code="slot_clash",
        )
    status = "booked" if promotion.take_place(activity) else "waiting"
    if existing is None:
        existing = ActivitySignup(activity_id=activity.id, participant_id=actor.participant_id, status=status)
        db.session.add(existing)
    else:
        existing.status = status
    db.session.flush()
    return _answer({"duplicate": False, **publish(workshop)}, existing)


def leave(actor: Actor, workshop_id: Any, activity_id: Any) -> dict[str, Any]:
    """Give up a place (the first in the queue without a clash gets it) or a place in the queue."""
    workshop = load_workshop(actor, workshop_id, "activity.join")
    activity = load_activity(workshop, activity_id)
    signup = _signup(activity.id, actor.participant_id)
    if signup is None or signup.status == "interested":
        raise NotFound(_("You are not signed up for that activity."), code="not_signed_up")
    had_place = signup.status == "booked"
    db.session.delete(signup)
    db.session.flush()
    notices = []
    if had_place:
        promotion.free_place(activity)
        notices = promotion.fill_free_places(activity)
    return {"left": activity.id, **publish(workshop, notices)}
