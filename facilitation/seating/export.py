"""The table plans of every round, for the workshop's export: names people gave and their side, never
an organisation (that was given for seating only)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from facilitation.extensions import db
from facilitation.models import Group, Participant, Perspective, Seat, SeatedPerson, SeatingRound
from facilitation.seating.service import UNNAMED

SEATING_EXPORT_HEADERS = ("round", "table", "name", "perspective")


def export_rows(workshop_id: int) -> list[list[Any]]:
    rows: list[list[Any]] = [list(SEATING_EXPORT_HEADERS)]
    found = db.session.execute(
        select(SeatingRound.number, Group.name, SeatedPerson.name, Participant.display_name, Perspective.name)
        .join(Seat, Seat.round_id == SeatingRound.id)
        .join(Group, Group.id == Seat.group_id)
        .join(SeatedPerson, SeatedPerson.id == Seat.person_id)
        .outerjoin(Participant, Participant.id == SeatedPerson.participant_id)
        .outerjoin(Perspective, Perspective.id == SeatedPerson.perspective_id)
        .where(SeatingRound.workshop_id == workshop_id)
        .order_by(SeatingRound.number, Group.position, SeatedPerson.name)
    ).all()
    rows += [[number, table, name or phone or UNNAMED, side or ""] for number, table, name, phone, side in found]
    return rows
