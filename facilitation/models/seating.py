"""Mixed tables: who is in the room for seating, and each round's plan of who sits at which group's table.

A seated person is either an attendee's phone (participant_id) or someone the organiser typed in. Their
organisation is kept for the solver only: shown to others only when organisation_shared is true.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitation.extensions import db
from facilitation.models.workshop import utcnow


class SeatedPerson(db.Model):
    __tablename__ = "seated_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(80), default="")
    perspective_id: Mapped[int | None] = mapped_column(ForeignKey("perspectives.id", ondelete="SET NULL"))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    organisation_shared: Mapped[bool] = mapped_column(default=False)
    # A facilitator keeps their table through every swap.
    staying: Mapped[bool] = mapped_column(default=False)
    # False once they have left: kept out of later rounds, their seat in the current one freed.
    present: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SeatingRound(db.Model):
    __tablename__ = "seating_rounds"
    __table_args__ = (UniqueConstraint("workshop_id", "number", name="uq_seating_round_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Seat(db.Model):
    __tablename__ = "seats"
    __table_args__ = (UniqueConstraint("round_id", "person_id", name="uq_seat_round_person"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("seating_rounds.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("seated_people.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"))
