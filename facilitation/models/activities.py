"""Afternoon activities with time slots, places and capacity; sign-ups with a waiting list.

`booked` counts the booked sign-ups and is only ever changed by one conditional UPDATE (activities.service),
so concurrent sign-ups for the last places can never overbook.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitation.extensions import db
from facilitation.models.workshop import utcnow

ACTIVITY_STATUSES = ("open", "cancelled")
# booked: has a place; waiting: in the queue; interested: their activity was cancelled, the wish is kept.
SIGNUP_STATUSES = ("booked", "waiting", "interested")


class Activity(db.Model):
    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[str] = mapped_column(String(5))  # local wall-clock "HH:MM", like the agenda
    ends_at: Mapped[str] = mapped_column(String(5))
    place: Mapped[str] = mapped_column(String(120), default="")
    access_notes: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int]
    booked: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(10), default="open")
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ActivitySignup(db.Model):
    __tablename__ = "activity_signups"
    __table_args__ = (UniqueConstraint("activity_id", "participant_id", name="uq_activity_signup"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    attended: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ActivityInterest(db.Model):
    """Someone who wants to hear of a later session of a cancelled activity: given with consent, like the
    mailing list, and never linked to the phone session it came from."""

    __tablename__ = "activity_interests"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    activity_title: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    consent_text: Mapped[str] = mapped_column(Text)
    consented_at: Mapped[datetime] = mapped_column(default=utcnow)
