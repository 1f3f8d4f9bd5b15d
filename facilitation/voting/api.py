"""API for dot voting: the organiser's round controls and the attendee's dots, through the same services."""

from __future__ import annotations

from facilitation.kernel import events
from facilitation.kernel.payloads import check_shape
from facilitation.voting import service as voting
from facilitation.voting.service import MAX_VOTES_PER_ATTENDEE
from facilitation.web.api import blueprint, body, ok
from facilitation.web.auth import current_actor
from facilitation.web.openapi import path_parameter

bp = blueprint("voting")
ROUNDS = "/workshops/<int:workshop_id>/vote-rounds"
ROUND = f"{ROUNDS}/<int:round_id>"
VOTE_SHAPE = {"note_id": ((int,), True)}


@bp.get(ROUNDS)
def rounds(workshop_id: int):
    """Open rounds for anyone in the workshop (an attendee also gets their dots)."""
    return ok(**voting.status(current_actor(), workshop_id))


@bp.post(ROUNDS)
def open_round(workshop_id: int):
    fields = check_shape(body(), events.REQUEST_SHAPES[events.VOTE_ROUND_OPEN])
    return ok(201, **voting.open_round(current_actor(), workshop_id, fields["board_id"], fields["votes_per_attendee"]))


@bp.post(f"{ROUND}/reveal")
def reveal(workshop_id: int, round_id: int):
    return ok(**voting.reveal(current_actor(), workshop_id, round_id))


@bp.post(f"{ROUND}/close")
def close_round(workshop_id: int, round_id: int):
    return ok(**voting.close_round(current_actor(), workshop_id, round_id))


@bp.post(f"{ROUND}/votes")
def cast(workshop_id: int, round_id: int):
    fields = check_shape(body(), VOTE_SHAPE)
    return ok(201, **voting.cast(current_actor(), workshop_id, round_id, fields["note_id"]))


@bp.delete(f"{ROUND}/votes/<int:note_id>")
def retract(workshop_id: int, round_id: int, note_id: int):
    return ok(**voting.retract(current_actor(), workshop_id, round_id, note_id))


def openapi_paths(op, schema_for, workshop_id: dict) -> dict:
    """This module's routes for /api/openapi.json."""
    round_id = path_parameter("round_id")
    note_id = path_parameter("note_id")
    rounds = "/api/v1/workshops/{workshop_id}/vote-rounds"
    return {
        rounds: {
            "parameters": [workshop_id],
            "get": op("Open voting rounds; an attendee also gets `mine` and `left`"),
            "post": op(
                "Open a round on a board with N votes per attendee (organiser)",
                schema_for(
                    events.REQUEST_SHAPES[events.VOTE_ROUND_OPEN],
                    {"votes_per_attendee": {"type": "integer", "minimum": 1, "maximum": MAX_VOTES_PER_ATTENDEE}},
                ),
                "201",
            ),
        },
        f"{rounds}/{{round_id}}/reveal": {
            "parameters": [workshop_id, round_id],
            "post": op("Reveal the tallies on every screen (organiser)"),
        },
        f"{rounds}/{{round_id}}/close": {
            "parameters": [workshop_id, round_id],
            "post": op("Close the round and keep its result (organiser)"),
        },
        f"{rounds}/{{round_id}}/votes": {
            "parameters": [workshop_id, round_id],
            "post": op(
                "Spend one vote on a note (attendee; refused past the allowance)", schema_for(VOTE_SHAPE), "201"
            ),
        },
        f"{rounds}/{{round_id}}/votes/{{note_id}}": {
            "parameters": [workshop_id, round_id, note_id],
            "delete": op("Take back your vote from a note (attendee)"),
        },
    }
