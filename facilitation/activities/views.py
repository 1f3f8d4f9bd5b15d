"""What the board and the phones show of the activities: plain dicts, read-only."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.models import Activity, ActivitySignup, Workshop


def activities_of(workshop_id: int) -> list[Activity]:
    return list(
        db.session.scalars(
            select(Activity)
            .where(Activity.workshop_id == workshop_id)
            .order_by(Activity.starts_at, Activity.position, Activity.id)
        )
    )


def waiting_counts(workshop_id: int) -> dict[int, int]:
    rows = db.session.execute(
        select(ActivitySignup.activity_id, func.count())
        .join(Activity, Activity.id == ActivitySignup.activity_id)
        .where(Activity.workshop_id == workshop_id, ActivitySignup.status == "waiting")
        .group_by(ActivitySignup.activity_id)
    ).all()
    return dict(rows)


def activity_view(activity: Activity, waiting: int = 0) -> dict[str, Any]:
    return {
        "id": activity.id,
        "title": activity.title,
        "description": activity.description,
        "starts_at": activity.starts_at,
        "ends_at": activity.ends_at,
        "place": activity.place,
        "access_notes": activity.access_notes,
        "capacity": activity.capacity,
        "places_left": max(0, activity.capacity - activity.booked) if activity.status == "open" else 0,
        "waiting": waiting,
        "status": activity.status,
    }


def board_view(workshop: Workshop) -> dict[str, Any]:
    """The public board: every activity, its slot, place, access notes and places left."""
    waiting = waiting_counts(workshop.id)
    return {"activities": [activity_view(a, waiting.get(a.id, 0)) for a in activities_of(workshop.id)]}


ACTIVITY_EXPORT_HEADERS = ("starts_at", "ends_at", "title", "place", "capacity", "booked", "waiting", "came", "status")


def export_rows(workshop_id: int) -> list[list[Any]]:
    """One row per activity for the workshop's export: counts only, never who signed up."""
    came = dict(
        db.session.execute(
            select(ActivitySignup.activity_id, func.count())
            .join(Activity, Activity.id == ActivitySignup.activity_id)
            .where(Activity.workshop_id == workshop_id, ActivitySignup.attended.is_(True))
            .group_by(ActivitySignup.activity_id)
        ).all()
    )
    waiting = waiting_counts(workshop_id)
    rows: list[list[Any]] = [list(ACTIVITY_EXPORT_HEADERS)]
    for a in activities_of(workshop_id):
        rows.append(
            [
                a.starts_at,
                a.ends_at,
                a.title,
                a.place,
                a.capacity,
                a.booked,
                waiting.get(a.id, 0),
                came.get(a.id, 0),
                a.status,
            ]
        )
    return rows
