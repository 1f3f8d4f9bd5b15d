"""The demo's room: the report's 48 people, half link workers and half cultural providers, from a
handful of organisations each, so the first seating has something to balance and keep apart."""

from __future__ import annotations

from facilitation.extensions import db
from facilitation.models import SeatedPerson, Workshop

# Invented first names: the report names nobody who attended.
DEMO_NAMES = [
    "Aisha",
    "Alex",
    "Amir",
    "Ana",
    "Ben",
    "Bea",
    "Cal",
    "Cara",
    "Dan",
    "Dee",
    "Eli",
    "Ema",
    "Finn",
    "Fay",
    "Gus",
    "Gia",
    "Hal",
    "Hana",
    "Ian",
    "Ivy",
    "Jay",
    "Jo",
    "Kai",
    "Kim",
    "Leo",
    "Lia",
    "Max",
    "Mia",
    "Ned",
    "Nia",
    "Oli",
    "Ora",
    "Pat",
    "Pia",
    "Raj",
    "Ria",
    "Sam",
    "Sia",
    "Tom",
    "Tia",
    "Uma",
    "Ude",
    "Vic",
    "Viv",
    "Wes",
    "Wil",
    "Zak",
    "Zoe",
]
# Where link workers and cultural providers in Oxfordshire come from (the report's own list and stalls).
LINK_WORKER_ORGANISATIONS = ("Age UK Oxfordshire", "Oxford City PCN", "Banbury PCN", "Oxfordshire Mind", "Abingdon PCN")
PROVIDER_ORGANISATIONS = ("Museum of Oxford", "The Story Museum", "The Mill Arts Centre", "Oxford Playhouse", "GLAM")


def demo_people() -> list[tuple[str, int, str]]:
    """(name, perspective index, organisation) for the 48: alternate sides, organisations in turn."""
    people = []
    for index, name in enumerate(DEMO_NAMES):
        side = index % 2
        organisations = LINK_WORKER_ORGANISATIONS if side == 0 else PROVIDER_ORGANISATIONS
        people.append((name, side, organisations[(index // 2) % len(organisations)]))
    return people


def add_demo_people(workshop: Workshop) -> None:
    """Add the 48 to be seated (caller commits); nobody is seated until the organiser asks."""
    perspectives = [p.id for p in workshop.perspectives]
    for name, side, organisation in demo_people():
        db.session.add(
            SeatedPerson(
                workshop_id=workshop.id,
                name=name,
                perspective_id=perspectives[side] if side < len(perspectives) else None,
                organisation=organisation,
                organisation_shared=False,
            )
        )
