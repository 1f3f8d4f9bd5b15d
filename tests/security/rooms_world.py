"""The security world's part for issue 14 (mixed tables, activities, directory, recordings): the rows the
authorisation matrix needs ids of, added by world.build once the rest of the world exists."""

from __future__ import annotations

from facilitation.seating import service as seating


def add_room_features(owner, workshop, ids: dict) -> None:
    """A seated person (and a seated round, so swapping is valid)."""
    ids["person"] = seating.add_person(owner, workshop.id, {"name": "Robin"})["person_id"]
    seating.seat_everyone(owner, workshop.id)
