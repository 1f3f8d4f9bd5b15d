"""The OpenAPI document for /api/v1, built from the same shapes the API checks."""

from __future__ import annotations

from flask import Blueprint, jsonify

from ..events import NOTE_POST, REQUEST_SHAPES

bp = Blueprint("openapi", __name__)

_JSON_TYPES = {str: "string", int: "integer", bool: "boolean", list: "array", type(None): "null"}


def schema_for(shape: dict) -> dict:
    """Turn a request shape from the events catalogue into a JSON Schema object."""
    properties = {}
    for field, (types, _required) in shape.items():
        names = [_JSON_TYPES[t] for t in types]
        properties[field] = {"type": names[0] if len(names) == 1 else names}
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "required": [f for f, (_t, required) in shape.items() if required],
    }


ERROR = {
    "type": "object",
    "required": ["ok", "code", "message"],
    "properties": {"ok": {"const": False}, "code": {"type": "string"}, "message": {"type": "string"}},
}


def _op(summary: str, request_schema: dict | None = None, ok_status: str = "200") -> dict:
    operation: dict = {
        "summary": summary,
        "responses": {
            ok_status: {"description": "Done", "content": {"application/json": {"schema": {"type": "object"}}}},
            "default": {
                "description": "Error",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
        },
    }
    if request_schema is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": request_schema}}}
    return operation


def build_document() -> dict:
    from .api.workshops import AGENDA_SHAPE, BOARD_SHAPE, GROUP_SHAPE

    workshop_id = {"name": "workshop_id", "in": "path", "required": True, "schema": {"type": "integer"}}
    item_id = {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer"}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Facilitation Board API",
            "version": "1",
            "description": "Authenticate with `Authorization: Bearer <token>` (attendee token from /join, "
            "facilitator or projector link token) or an organiser session cookie plus X-CSRFToken. "
            "Every error is {ok:false, code, message}. See docs/protocol.md for the realtime side.",
        },
        "components": {
            "schemas": {"Error": ERROR},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/join": {
                "post": _op(
                    "Join a workshop with its 6-character code; returns an attendee token",
                    schema_for({"code": ((str,), True), "name": ((str, type(None)), False)}),
                    "201",
                )
            },
            "/api/v1/workshops": {
                "post": _op(
                    "Create a workshop from a template (organiser)",
                    schema_for({"template": ((str,), False), "title": ((str,), False)}),
                    "201",
                )
            },
            "/api/v1/workshops/{workshop_id}": {
                "parameters": [workshop_id],
                "patch": _op(
                    "Edit title, date, venue (organiser)",
                    schema_for(
                        {"title": ((str,), True), "event_date": ((str, type(None)), False), "venue": ((str,), False)}
                    ),
                ),
            },
            "/api/v1/workshops/{workshop_id}/state": {
                "parameters": [workshop_id],
                "get": _op("Everything the caller may see, with its revision"),
            },
            "/api/v1/workshops/{workshop_id}/changes": {
                "parameters": [
                    workshop_id,
                    {"name": "since", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 0}},
                ],
                "get": _op("Changes after a revision (or reset with a full state)"),
            },
            "/api/v1/workshops/{workshop_id}/notes": {
                "parameters": [workshop_id],
                "post": _op(
                    "Post a note; the same client_id twice stores one note",
                    schema_for(REQUEST_SHAPES[NOTE_POST]),
                    "201",
                ),
            },
            "/api/v1/workshops/{workshop_id}/projector": {
                "parameters": [workshop_id],
                "put": _op(
                    "Choose the board the projector shows (organiser)",
                    schema_for({"board_id": ((int, type(None)), True)}),
                ),
            },
            "/api/v1/workshops/{workshop_id}/groups": {
                "parameters": [workshop_id],
                "post": _op("Add a group", schema_for(GROUP_SHAPE)),
            },
            "/api/v1/workshops/{workshop_id}/groups/{item_id}": {
                "parameters": [workshop_id, item_id],
                "put": _op("Edit a group", schema_for(GROUP_SHAPE)),
                "delete": _op("Remove a group"),
            },
            "/api/v1/workshops/{workshop_id}/boards": {
                "parameters": [workshop_id],
                "post": _op("Add a board", schema_for(BOARD_SHAPE)),
            },
            "/api/v1/workshops/{workshop_id}/boards/{item_id}": {
                "parameters": [workshop_id, item_id],
                "put": _op("Edit a board and its sections", schema_for(BOARD_SHAPE)),
                "delete": _op("Remove a board"),
            },
            "/api/v1/workshops/{workshop_id}/agenda": {
                "parameters": [workshop_id],
                "post": _op("Add an agenda item", schema_for(AGENDA_SHAPE)),
            },
            "/api/v1/workshops/{workshop_id}/agenda/{item_id}": {
                "parameters": [workshop_id, item_id],
                "put": _op("Edit an agenda item", schema_for(AGENDA_SHAPE)),
                "delete": _op("Remove an agenda item"),
            },
            "/api/v1/workshops/{workshop_id}/perspectives/{item_id}": {
                "parameters": [workshop_id, item_id],
                "delete": _op("Remove a perspective"),
            },
        },
    }


@bp.get("/api/openapi.json")
def openapi_document():
    return jsonify(build_document())
