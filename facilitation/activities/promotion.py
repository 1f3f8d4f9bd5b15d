"""Moving people up the waiting list when a place frees, and the one rule for which slots clash.

Every change to Activity.booked is a single conditional UPDATE, so the count can never pass the capacity
whatever number of phones sign up at once (SQLite takes its write lock on the UPDATE; PostgreSQL locks the row).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from facilitation.activities.views import activity_view
from facilitation.extensions import db
from facilitation.models import Activity, ActivitySignup


def overlaps(a: Activity, b: Activity) -> bool:
    """Two slots clash when one starts before the other ends; back-to-back (13:20-14:00, 14:00-14:40) is fine."""
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def clashing_booking(participant_id: int, activity: Activity) -> Activity | None:
    """An open activity this person already has a place at whose slot overlaps `activity`'s."""
    booked = db.session.scalars(
        select(Activity)
        .join(ActivitySignup, ActivitySignup.activity_id == Activity.id)
        .where(
            ActivitySignup.participant_id == participant_id,
            ActivitySignup.status == "booked",
            Activity.status == "open",
            Activity.id != activity.id,
        )
    )
    return next((other for other in booked if overlaps(other, activity)), None)


def take_place(activity: Activity) -> bool:
    """Take one place if one is left: the atomic step that makes overbooking impossible."""
    result = db.session.execute(
        update(Activity)
        .where(Activity.id == activity.id, Activity.status == "open", Activity.booked < Activity.capacity)
        .values(booked=Activity.booked + 1)
        .execution_options(synchronize_session=False)
    )
    # The row's count is the database's; read it afresh next time rather than trust the loaded copy.
    db.session.expire(activity, ["booked"])
    return result.rowcount == 1


def free_place(activity: Activity) -> None:
    db.session.execute(
        update(Activity)
        .where(Activity.id == activity.id, Activity.booked > 0)
        .values(booked=Activity.booked - 1)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(activity, ["booked"])


def fill_free_places(activity: Activity) -> list[tuple[int, dict[str, Any]]]:
    """Promote waiting people, first come first served, while places are free; someone whose other booking
    now clashes is passed over (and keeps their place in the queue). Returns the phones to tell."""
    notices = []
    waiting = list(
        db.session.scalars(
            select(ActivitySignup)
            .where(ActivitySignup.activity_id == activity.id, ActivitySignup.status == "waiting")
            .order_by(ActivitySignup.id)
        )
    )
    for signup in waiting:
        if clashing_booking(signup.participant_id, activity) is not None:
            continue
        if not take_place(activity):
            break
        signup.status = "booked"
        db.session.flush()
        notices.append((signup.participant_id, {"kind": "promoted", "activity_id": activity.id}))
    if notices:
        view = activity_view(activity)
        notices = [(pid, {**notice, "activity": view}) for pid, notice in notices]
    return notices
