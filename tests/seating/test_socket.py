"""Mixed tables over Socket.IO: a phone describes itself, then hears the plan change live."""

from __future__ import annotations

from facilitation.kernel.events import NAMESPACE
from facilitation.seating import service as seating
from facilitation.workshops import participants


def test_a_phone_sets_its_profile_and_hears_the_tables_change(connect, organiser, workshop):
    token = participants.join(workshop.join_code, "Ana")["token"]
    phone = connect(auth={"token": token})
    phone.get_received(NAMESPACE)
    ack = phone.emit(
        "seating:profile",
        {"perspective_id": workshop.perspectives[1].id, "organisation": "Museum"},
        namespace=NAMESPACE,
        callback=True,
    )
    assert ack["ok"] and ack["profile"]["organisation"] == "Museum"
    seating.seat_everyone(organiser, workshop.id)
    received = [m for m in phone.get_received(NAMESPACE) if m["name"] == "seating:changed"]
    plan = received[-1]["args"][0]["data"]
    mine = [t for t in plan["tables"] if any(p["id"] == ack["profile"]["person_id"] for p in t["people"])]
    assert plan["round"] == 1 and len(mine) == 1
    assert phone.emit("seating:mine", {}, namespace=NAMESPACE, callback=True)["plan"]["round"] == 1


def test_a_phone_cannot_seat_and_unknown_fields_are_refused(connect, workshop):
    phone = connect(auth={"token": participants.join(workshop.join_code, "")["token"]})
    ack = phone.emit("seating:profile", {"perspective_id": None, "table": 3}, namespace=NAMESPACE, callback=True)
    assert ack["ok"] is False
