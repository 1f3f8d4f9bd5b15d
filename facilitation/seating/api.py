"""JSON API for mixed tables: the plan, the organiser's people list, seating, swapping, staying, leaving."""

from __future__ import annotations

from facilitation.kernel.payloads import check_shape
from facilitation.seating import service as seating
from facilitation.web.api import blueprint, body, ok
from facilitation.web.auth import current_actor
from facilitation.web.openapi import path_parameter

bp = blueprint("seating")

PERSON_SHAPE = {
    "name": ((str,), True),
    "perspective_id": ((int, type(None)), False),
    "organisation": ((str,), False),
    "organisation_shared": ((bool,), False),
    "staying": ((bool,), False),
}
FLAG_SHAPES = {"staying": {"staying": ((bool,), True)}, "present": {"present": ((bool,), True)}}


@bp.get("/workshops/<int:workshop_id>/seating")
def plan(workshop_id: int):
    return ok(**seating.table_plan(current_actor(), workshop_id))


@bp.get("/workshops/<int:workshop_id>/seating/people")
def people(workshop_id: int):
    return ok(people=seating.people_view(current_actor(), workshop_id))


@bp.post("/workshops/<int:workshop_id>/seating/people")
def add_person(workshop_id: int):
    return ok(201, **seating.add_person(current_actor(), workshop_id, check_shape(body(), PERSON_SHAPE)))


@bp.put("/workshops/<int:workshop_id>/seating/people/<int:person_id>/staying")
def set_staying(workshop_id: int, person_id: int):
    fields = check_shape(body(), FLAG_SHAPES["staying"])
    return ok(**seating.set_staying(current_actor(), workshop_id, person_id, fields["staying"]))


@bp.put("/workshops/<int:workshop_id>/seating/people/<int:person_id>/present")
def set_present(workshop_id: int, person_id: int):
    fields = check_shape(body(), FLAG_SHAPES["present"])
    return ok(**seating.set_present(current_actor(), workshop_id, person_id, fields["present"]))


@bp.post("/workshops/<int:workshop_id>/seating/rounds")
def seat_everyone(workshop_id: int):
    return ok(201, **seating.seat_everyone(current_actor(), workshop_id))


@bp.post("/workshops/<int:workshop_id>/seating/swap")
def swap_tables(workshop_id: int):
    return ok(201, **seating.swap_tables(current_actor(), workshop_id))


def openapi_paths(op, schema_for, workshop_id: dict) -> dict:
    """Mixed tables for /api/v1/openapi.json."""
    person = [workshop_id, path_parameter("person_id")]
    return {
        "/api/v1/workshops/{workshop_id}/seating": {
            "parameters": [workshop_id],
            "get": op("The current round's table plan (any viewer; organisations only where shared)"),
        },
        "/api/v1/workshops/{workshop_id}/seating/people": {
            "parameters": [workshop_id],
            "get": op("Everyone to seat, with organisations (organiser)"),
            "post": op(
                "Add someone without a phone; seated at once if a round is on (organiser)",
                schema_for(PERSON_SHAPE),
                "201",
            ),
        },
        "/api/v1/workshops/{workshop_id}/seating/people/{person_id}/staying": {
            "parameters": person,
            "put": op("Keep someone at their table through swaps (organiser)", schema_for(FLAG_SHAPES["staying"])),
        },
        "/api/v1/workshops/{workshop_id}/seating/people/{person_id}/present": {
            "parameters": person,
            "put": op(
                "Someone leaves (seat freed) or comes back (seated, nobody moved)", schema_for(FLAG_SHAPES["present"])
            ),
        },
        "/api/v1/workshops/{workshop_id}/seating/rounds": {
            "parameters": [workshop_id],
            "post": op(
                "Seat everyone afresh: round 1, perspectives balanced, organisations apart (organiser)", None, "201"
            ),
        },
        "/api/v1/workshops/{workshop_id}/seating/swap": {
            "parameters": [workshop_id],
            "post": op("Swap tables: the next round, as many new pairs as the solver finds (organiser)", None, "201"),
        },
    }
