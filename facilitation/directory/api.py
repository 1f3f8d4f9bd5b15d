"""JSON API for the directory of cultural offers: cards from notes, editing with history, publishing."""

from __future__ import annotations

from facilitation.directory import service as directory
from facilitation.kernel.payloads import check_shape
from facilitation.models import OFFER_TEXT_FIELDS
from facilitation.web.api import blueprint, body, ok
from facilitation.web.auth import current_actor
from facilitation.web.openapi import path_parameter

bp = blueprint("directory")

FROM_NOTE_SHAPE = {"note_id": ((int,), True), "side": ((str,), False)}
OFFER_SHAPE = {
    **{name: ((str,), False) for name in OFFER_TEXT_FIELDS},
    "needs": ((list,), False),
    "benefit_tags": ((list,), False),
    "version": ((int,), True),
    "side": ((str,), False),
}
PUBLISHED_SHAPE = {"published": ((bool,), True)}
OFFERS = "/workshops/<int:workshop_id>/offers"


@bp.get(OFFERS)
def offers(workshop_id: int):
    return ok(offers=directory.list_offers(current_actor(), workshop_id), vocabulary=directory.editing_vocabulary())


@bp.post(OFFERS)
def from_note(workshop_id: int):
    fields = check_shape(body(), FROM_NOTE_SHAPE)
    return ok(201, **directory.create_from_note(current_actor(), workshop_id, fields["note_id"], fields.get("side")))


@bp.put(f"{OFFERS}/<int:offer_id>")
def update(workshop_id: int, offer_id: int):
    return ok(**directory.update_offer(current_actor(), workshop_id, offer_id, check_shape(body(), OFFER_SHAPE)))


@bp.put(f"{OFFERS}/<int:offer_id>/published")
def publish(workshop_id: int, offer_id: int):
    fields = check_shape(body(), PUBLISHED_SHAPE)
    return ok(**directory.set_published(current_actor(), workshop_id, offer_id, fields["published"]))


@bp.get(f"{OFFERS}/<int:offer_id>/history")
def history(workshop_id: int, offer_id: int):
    return ok(revisions=directory.history(current_actor(), workshop_id, offer_id))


def openapi_paths(op, schema_for, workshop_id: dict) -> dict:
    """The directory of cultural offers for /api/openapi.json."""
    one = [workshop_id, path_parameter("offer_id")]
    return {
        "/api/v1/workshops/{workshop_id}/offers": {
            "parameters": [workshop_id],
            "get": op("Every offer card, published or not, and the editor's field labels (organiser, facilitators)"),
            "post": op(
                "Turn an ideas-board or washing-line note into an offer card", schema_for(FROM_NOTE_SHAPE), "201"
            ),
        },
        "/api/v1/workshops/{workshop_id}/offers/{offer_id}": {
            "parameters": one,
            "put": op(
                "Edit a card and its activity analysis; version must be current; kept in its history",
                schema_for(OFFER_SHAPE),
            ),
        },
        "/api/v1/workshops/{workshop_id}/offers/{offer_id}/published": {
            "parameters": one,
            "put": op(
                "Publish a card to the link workers' directory, or withdraw it (organiser)", schema_for(PUBLISHED_SHAPE)
            ),
        },
        "/api/v1/workshops/{workshop_id}/offers/{offer_id}/history": {
            "parameters": one,
            "get": op("Every saved version of a card, newest first, with who saved it"),
        },
    }
