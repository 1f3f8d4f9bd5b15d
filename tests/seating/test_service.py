"""Mixed tables through the services: profiles, seating, swaps, staying, late arrivals and leavers, privacy."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from facilitation.extensions import db
from facilitation.kernel.access import actor_for_token
from facilitation.kernel.errors import Invalid, NotAllowed
from facilitation.models import Change
from facilitation.seating import service as seating
from facilitation.seating.seed import add_demo_people
from facilitation.workshops import participants


@pytest.fixture
def room(workshop):
    add_demo_people(workshop)
    db.session.commit()
    return workshop


def sizes(plan):
    return sorted(len(table["people"]) for table in plan["tables"])


def test_seating_the_demo_room_gives_six_even_tables_and_publishes_the_plan(organiser, room):
    result = seating.seat_everyone(organiser, room.id)
    assert result["plan"]["round"] == 1
    assert sizes(result["plan"]) == [8] * 6
    change = db.session.scalar(select(Change).where(Change.revision == result["revision"]))
    assert change.event == "seating:changed"
    # Nobody agreed to show their organisation: the public plan carries none.
    assert all(person["organisation"] == "" for table in result["plan"]["tables"] for person in table["people"])


def test_swaps_add_new_pairs_each_round(organiser, room):
    seating.seat_everyone(organiser, room.id)
    assert seating.summary(organiser, room.id)["pairs_met"] == 168
    seating.swap_tables(organiser, room.id)
    seating.swap_tables(organiser, room.id)
    summary = seating.summary(organiser, room.id)
    assert summary["rounds"] == 3
    assert summary["pairs_met"] >= 470


def test_a_staying_person_keeps_their_table(organiser, room):
    person = seating.people_view(organiser, room.id)[0]
    seating.set_staying(organiser, room.id, person["id"], True)
    first = seating.seat_everyone(organiser, room.id)["plan"]
    table = next(t["group_id"] for t in first["tables"] if any(p["id"] == person["id"] for p in t["people"]))
    for _ in range(2):
        plan = seating.swap_tables(organiser, room.id)["plan"]
        assert any(p["id"] == person["id"] for t in plan["tables"] if t["group_id"] == table for p in t["people"])


def test_a_late_phone_is_seated_without_moving_anyone(organiser, room):
    before = seating.seat_everyone(organiser, room.id)["plan"]
    seats_before = {p["id"]: t["group_id"] for t in before["tables"] for p in t["people"]}
    phone = actor_for_token(participants.join(room.join_code, "Robin")["token"])
    result = seating.set_profile(
        phone,
        room.id,
        {"perspective_id": room.perspectives[0].id, "organisation": "Museum of Oxford", "organisation_shared": True},
    )
    after = result["plan"]
    seats_after = {p["id"]: t["group_id"] for t in after["tables"] for p in t["people"]}
    me = result["profile"]["person_id"]
    assert {k: v for k, v in seats_after.items() if k != me} == seats_before
    mine = next(t for t in after["tables"] if any(p["id"] == me for p in t["people"]))
    shown = next(p for p in mine["people"] if p["id"] == me)
    assert shown["name"] == "Robin" and shown["organisation"] == "Museum of Oxford"
    assert seating.my_table(phone, room.id)["profile"]["person_id"] == me


def test_a_leaver_frees_their_seat_and_is_left_out_of_the_next_round(organiser, room):
    seating.seat_everyone(organiser, room.id)
    person = seating.people_view(organiser, room.id)[3]
    plan = seating.set_present(organiser, room.id, person["id"], False)["plan"]
    assert sizes(plan) == [7, 8, 8, 8, 8, 8]
    plan = seating.swap_tables(organiser, room.id)["plan"]
    assert person["id"] not in {p["id"] for t in plan["tables"] for p in t["people"]}
    assert sizes(plan) == [7, 8, 8, 8, 8, 8]


def test_an_organisation_kept_private_stays_private(organiser, workshop):
    phone = actor_for_token(participants.join(workshop.join_code, "")["token"])
    seating.set_profile(
        phone, workshop.id, {"perspective_id": None, "organisation": "Secret Org", "organisation_shared": False}
    )
    plan = seating.seat_everyone(organiser, workshop.id)["plan"]
    assert "Secret Org" not in str(plan)
    assert seating.people_view(organiser, workshop.id)[0]["organisation"] == "Secret Org"


def test_only_the_organiser_seats_and_swaps(attendee, facilitator, projector, workshop):
    for actor in (attendee, facilitator, projector):
        with pytest.raises(NotAllowed):
            seating.seat_everyone(actor, workshop.id)
        with pytest.raises(NotAllowed):
            seating.people_view(actor, workshop.id)
    with pytest.raises(NotAllowed):
        seating.set_profile(facilitator, workshop.id, {"perspective_id": None})


def test_swapping_before_seating_and_a_foreign_perspective_are_refused(organiser, other_organiser, attendee, workshop):
    with pytest.raises(Invalid):
        seating.swap_tables(organiser, workshop.id)
    from facilitation.workshops import service as workshops

    other = workshops.create_workshop(other_organiser, "oxford-2022")
    with pytest.raises(Exception) as refused:
        seating.set_profile(attendee, workshop.id, {"perspective_id": other.perspectives[0].id})
    assert getattr(refused.value, "code", "") == "unknown_perspective"
