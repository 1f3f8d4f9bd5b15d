"""API for workshops and notes: join, state and catch-up, posting, and the organiser's editing."""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _

from facilitation.kernel.errors import Invalid
from facilitation.kernel.events import NOTE_POST, PROJECTOR_SHOW, REQUEST_SHAPES
from facilitation.kernel.payloads import INT64_MAX, check_shape
from facilitation.kernel.visibility import structure_view
from facilitation.models import BOARD_KINDS
from facilitation.notes import service as notes
from facilitation.sync import service as changes
from facilitation.web.api import blueprint, body, ok
from facilitation.web.auth import current_actor
from facilitation.web.openapi import path_parameter
from facilitation.workshops import ordering, participants, removal
from facilitation.workshops import service as workshops
from facilitation.workshops.links import base_url, workshop_links
from facilitation.workshops.templates import TEMPLATES

bp = blueprint("workshops")


@bp.post("/join")
def join():
    payload = check_shape(body(), {"code": ((str,), True), "name": ((str, type(None)), False)})
    return ok(201, **participants.join(payload["code"], payload.get("name", "")))


@bp.get("/workshops/<int:workshop_id>/state")
def state(workshop_id: int):
    return ok(**changes.workshop_state(current_actor(), workshop_id))


@bp.get("/workshops/<int:workshop_id>/changes")
def changes_since(workshop_id: int):
    since = request.args.get("since", "")
    # ASCII digits only ("²".isdigit() is true, and int() refuses it), and a number a revision can be.
    if not (since.isascii() and since.isdigit()) or int(since) > INT64_MAX:
        raise Invalid(_("since must be a whole number."), code="bad_revision")
    return ok(**changes.changes_since(current_actor(), workshop_id, int(since)))


@bp.post("/workshops/<int:workshop_id>/notes")
def post_note(workshop_id: int):
    result = notes.post_note(current_actor(), workshop_id, check_shape(body(), REQUEST_SHAPES[NOTE_POST]))
    return ok(200 if result["duplicate"] else 201, **result)


@bp.put("/workshops/<int:workshop_id>/projector")
def show_on_projector(workshop_id: int):
    payload = check_shape(body(), REQUEST_SHAPES[PROJECTOR_SHOW])
    return ok(**workshops.show_on_projector(current_actor(), workshop_id, payload["board_id"]))


@bp.post("/workshops")
def create_workshop():
    payload = check_shape(body(), {"template": ((str,), False), "title": ((str,), False)})
    workshop = workshops.create_workshop(current_actor(), payload.get("template", "blank"), payload.get("title"))
    return ok(201, structure=structure_view(workshop))


@bp.patch("/workshops/<int:workshop_id>")
def update_workshop(workshop_id: int):
    payload = check_shape(
        body(),
        {
            "title": ((str,), True),
            "event_date": ((str, type(None)), False),
            "venue": ((str,), False),
            "languages": ((str,), False),
        },
    )
    structure = workshops.update_details(
        current_actor(),
        workshop_id,
        title=payload["title"],
        event_date=payload.get("event_date"),
        venue=payload.get("venue", ""),
        languages=payload.get("languages"),
    )
    return ok(structure=structure)


GROUP_SHAPE = {"name": ((str,), True), "colour": ((str,), True)}
BOARD_SHAPE = {
    "kind": ((str,), True),
    "title": ((str,), True),
    "prompt": ((str,), False),
    "open_to_attendees": ((bool,), False),
    "sections": ((list,), False),
}
AGENDA_SHAPE = {"starts_at": ((str,), True), "title": ((str,), True)}


@bp.route("/workshops/<int:workshop_id>/groups", methods=["POST"], defaults={"item_id": None})
@bp.route("/workshops/<int:workshop_id>/groups/<int:item_id>", methods=["PUT"])
def save_group(workshop_id: int, item_id: int | None):
    payload = check_shape(body(), GROUP_SHAPE)
    return ok(structure=workshops.save_group(current_actor(), workshop_id, item_id, **payload))


@bp.route("/workshops/<int:workshop_id>/boards", methods=["POST"], defaults={"item_id": None})
@bp.route("/workshops/<int:workshop_id>/boards/<int:item_id>", methods=["PUT"])
def save_board(workshop_id: int, item_id: int | None):
    payload = check_shape(body(), BOARD_SHAPE)
    return ok(
        structure=workshops.save_board(
            current_actor(),
            workshop_id,
            item_id,
            kind=payload["kind"],
            title=payload["title"],
            prompt=payload.get("prompt", ""),
            open_to_attendees=payload.get("open_to_attendees", True),
            sections=payload.get("sections"),
        )
    )


@bp.route("/workshops/<int:workshop_id>/agenda", methods=["POST"], defaults={"item_id": None})
@bp.route("/workshops/<int:workshop_id>/agenda/<int:item_id>", methods=["PUT"])
def save_agenda_item(workshop_id: int, item_id: int | None):
    payload = check_shape(body(), AGENDA_SHAPE)
    return ok(structure=workshops.save_agenda_item(current_actor(), workshop_id, item_id, **payload))


@bp.put("/workshops/<int:workshop_id>/<any(groups, boards, perspectives):kind>/order")
def reorder(workshop_id: int, kind: str):
    payload = check_shape(body(), {"ids": ((list,), True)})
    return ok(structure=ordering.reorder(current_actor(), workshop_id, kind, payload["ids"]))


PERSPECTIVE_SHAPE = {"name": ((str,), True)}


@bp.route("/workshops/<int:workshop_id>/perspectives", methods=["POST"], defaults={"item_id": None})
@bp.route("/workshops/<int:workshop_id>/perspectives/<int:item_id>", methods=["PUT"])
def save_perspective(workshop_id: int, item_id: int | None):
    payload = check_shape(body(), PERSPECTIVE_SHAPE)
    return ok(structure=workshops.save_perspective(current_actor(), workshop_id, item_id, name=payload["name"]))


@bp.get("/workshops/<int:workshop_id>/links")
def links(workshop_id: int):
    workshop = workshops.workshop_with_links(current_actor(), workshop_id)
    found = workshop_links(workshop)
    return ok(
        join_code=workshop.join_code,
        join_url=found["join"],
        join_qr_url=f"{base_url()}/qr/{workshop.join_code}.svg",
        projector_url=found["projector"],
        facilitators=[
            {"group_id": item["group"].id, "group": item["group"].name, "url": item["url"]}
            for item in found["facilitators"]
        ],
    )


DELETERS = {
    "groups": (workshops.delete_group, "group"),
    "boards": (workshops.delete_board, "board"),
    "agenda": (workshops.delete_agenda_item, "agenda_item"),
    "perspectives": (workshops.delete_perspective, "perspective"),
}


@bp.delete("/workshops/<int:workshop_id>/<any(groups, boards, agenda, perspectives):kind>/<int:item_id>")
def delete_item(workshop_id: int, kind: str, item_id: int):
    """Removed at once but undoably: the answer names the trash entry that POST .../removed/<id>/restore takes."""
    deleter, removable = DELETERS[kind]
    structure = deleter(current_actor(), workshop_id, item_id)
    return ok(structure=structure, removed=removal.removal_of(workshop_id, removable, item_id))


@bp.delete("/workshops/<int:workshop_id>")
def remove_workshop(workshop_id: int):
    return ok(removed=removal.remove_workshop(current_actor(), workshop_id))


@bp.get("/workshops/<int:workshop_id>/removed")
def removed_items(workshop_id: int):
    return ok(removed=removal.removed_items(current_actor(), workshop_id))


@bp.post("/workshops/<int:workshop_id>/removed/<int:entry_id>/restore")
def restore_removed(workshop_id: int, entry_id: int):
    return ok(**removal.restore_removed(current_actor(), workshop_id, entry_id))


def openapi_paths(op, schema_for, workshop_id: dict) -> dict:
    """This module's routes for /api/openapi.json, built from the same shapes the routes check."""
    item_id = path_parameter("item_id")
    # What the services check beyond the type (workshops/service.py, participants.py, notes/service.py).
    text = {"type": "string", "minLength": 1}
    group = {"name": text | {"maxLength": 80}, "colour": {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"}}
    board = {
        "kind": {"type": "string", "enum": list(BOARD_KINDS)},
        "title": text | {"maxLength": 120},
        "prompt": {"type": "string", "maxLength": 500},
        "sections": {"type": "array", "items": {"type": "string", "maxLength": 80}},
    }
    perspective = {"name": text | {"maxLength": 80}}
    agenda = {
        "starts_at": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
        "title": text | {"maxLength": 200},
    }
    details = {
        "title": text | {"maxLength": 200},
        "event_date": {"type": ["string", "null"], "pattern": "^(\\d{4}-\\d{2}-\\d{2})?$"},
        "venue": {"type": "string", "maxLength": 200},
        "languages": {"type": "string", "description": "'' (each screen its own), 'en', 'cy', 'ar' or 'cy en'"},
    }
    note = {"client_id": {"type": "string", "pattern": "^[A-Za-z0-9_-]{8,64}$"}, "text": text}
    return {
        "/api/v1/join": {
            "post": op(
                "Join a workshop with its 6-character code; returns an attendee token",
                schema_for(
                    {"code": ((str,), True), "name": ((str, type(None)), False)},
                    {"code": {"type": "string", "maxLength": 20}},
                ),
                "201",
            )
        },
        "/api/v1/workshops": {
            "post": op(
                "Create a workshop from a template (organiser)",
                schema_for(
                    {"template": ((str,), False), "title": ((str,), False)},
                    {"template": {"type": "string", "enum": list(TEMPLATES)}, "title": text | {"maxLength": 200}},
                ),
                "201",
            )
        },
        "/api/v1/workshops/{workshop_id}": {
            "parameters": [workshop_id],
            "patch": op(
                "Edit title, date, venue, the shared screens' language(s) (organiser)",
                schema_for(
                    {
                        "title": ((str,), True),
                        "event_date": ((str, type(None)), False),
                        "venue": ((str,), False),
                        "languages": ((str,), False),
                    },
                    details,
                ),
            ),
            "delete": op("Remove the workshop, undoably: it closes and its code and links stop working (organiser)"),
        },
        "/api/v1/workshops/{workshop_id}/removed": {
            "parameters": [workshop_id],
            "get": op("What was removed and can still be restored, newest first, with restorable_until (organiser)"),
        },
        "/api/v1/workshops/{workshop_id}/removed/{entry_id}/restore": {
            "parameters": [
                workshop_id,
                path_parameter("entry_id"),
            ],
            "post": op(
                "Restore a removed board, group, perspective, agenda item, question or the workshop (organiser)"
            ),
        },
        "/api/v1/workshops/{workshop_id}/state": {
            "parameters": [workshop_id],
            "get": op("Everything the caller may see, with its revision"),
        },
        "/api/v1/workshops/{workshop_id}/changes": {
            "parameters": [
                workshop_id,
                {
                    "name": "since",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 0, "maximum": INT64_MAX},
                },
            ],
            "get": op("Changes after a revision (or reset with a full state)"),
        },
        "/api/v1/workshops/{workshop_id}/notes": {
            "parameters": [workshop_id],
            "post": op(
                "Post a note; the same client_id twice stores one note",
                schema_for(REQUEST_SHAPES[NOTE_POST], note),
                "201",
            ),
        },
        "/api/v1/workshops/{workshop_id}/projector": {
            "parameters": [workshop_id],
            "put": op(
                "Choose the board the projector shows (organiser)",
                schema_for({"board_id": ((int, type(None)), True)}),
            ),
        },
        "/api/v1/workshops/{workshop_id}/groups": {
            "parameters": [workshop_id],
            "post": op("Add a group", schema_for(GROUP_SHAPE, group)),
        },
        "/api/v1/workshops/{workshop_id}/groups/{item_id}": {
            "parameters": [workshop_id, item_id],
            "put": op("Edit a group", schema_for(GROUP_SHAPE, group)),
            "delete": op("Remove a group, undoably (the answer's `removed` entry can be restored)"),
        },
        **{
            f"/api/v1/workshops/{{workshop_id}}/{kind}/order": {
                "parameters": [workshop_id],
                "put": op(
                    f"Put the {kind} in a new order: every id once (organiser)",
                    schema_for({"ids": ((list,), True)}, {"ids": {"type": "array", "items": {"type": "integer"}}}),
                ),
            }
            for kind in ("groups", "boards", "perspectives")
        },
        "/api/v1/workshops/{workshop_id}/boards": {
            "parameters": [workshop_id],
            "post": op("Add a board", schema_for(BOARD_SHAPE, board)),
        },
        "/api/v1/workshops/{workshop_id}/boards/{item_id}": {
            "parameters": [workshop_id, item_id],
            "put": op("Edit a board and its sections", schema_for(BOARD_SHAPE, board)),
            "delete": op("Remove a board, undoably (the answer's `removed` entry can be restored)"),
        },
        "/api/v1/workshops/{workshop_id}/agenda": {
            "parameters": [workshop_id],
            "post": op("Add an agenda item", schema_for(AGENDA_SHAPE, agenda)),
        },
        "/api/v1/workshops/{workshop_id}/agenda/{item_id}": {
            "parameters": [workshop_id, item_id],
            "put": op("Edit an agenda item", schema_for(AGENDA_SHAPE, agenda)),
            "delete": op("Remove an agenda item, undoably (the answer's `removed` entry can be restored)"),
        },
        "/api/v1/workshops/{workshop_id}/perspectives": {
            "parameters": [workshop_id],
            "post": op("Add a perspective (organiser)", schema_for(PERSPECTIVE_SHAPE, perspective)),
        },
        "/api/v1/workshops/{workshop_id}/perspectives/{item_id}": {
            "parameters": [workshop_id, item_id],
            "put": op("Rename a perspective (organiser)", schema_for(PERSPECTIVE_SHAPE, perspective)),
            "delete": op("Remove a perspective, undoably (the answer's `removed` entry can be restored)"),
        },
        "/api/v1/workshops/{workshop_id}/links": {
            "parameters": [workshop_id],
            "get": op(
                "The join code and link, the join QR code's address, the projector link and every group's "
                "facilitator link (organiser: these links are the keys to the room)"
            ),
        },
    }
