"""The OpenAPI document for /api/v1, built from the same shapes the API checks."""

from __future__ import annotations

from flask import Blueprint, jsonify

from ..events import NOTE_POST, REQUEST_SHAPES

bp = Blueprint("openapi", __name__)

_JSON_TYPES = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    list: "array",
    dict: "object",
    type(None): "null",
}


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
    from .api import moderation as moderation_api
    from .api import projector as projector_api
    from .api import voting as voting_api
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
            **moderation_api.openapi_paths(_op, schema_for, workshop_id),
            **voting_api.openapi_paths(_op, schema_for, workshop_id),
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
            **_evaluation_and_signup_paths(),
            **_export_paths(),
            # Last, so its entry for .../projector (GET beside the first PUT) is the one kept.
            **projector_api.openapi_paths(_op, schema_for, workshop_id),
        },
    }


def _evaluation_and_signup_paths() -> dict:
    """The evaluation questionnaire, the mailing-list sign-up and retention (issue 5)."""
    from ..events import EVALUATION_SUBMIT
    from .api.evaluation import DETAILS_SHAPE, MODERATION_SHAPE, MOVE_SHAPE, QUESTION_SHAPE, STATUS_SHAPE
    from .api.signups import RETENTION_SHAPE, SIGNUP_SHAPE

    def path_id(name: str) -> dict:
        return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}

    workshop_id = path_id("workshop_id")
    base = "/api/v1/workshops/{workshop_id}/evaluation"
    return {
        base: {
            "parameters": [workshop_id],
            "get": _op("The questionnaire, public results and (attendee) my answers"),
            "patch": _op("Edit the questionnaire's title and introduction (organiser)", schema_for(DETAILS_SHAPE)),
        },
        f"{base}/status": {
            "parameters": [workshop_id],
            "put": _op("Set the status: draft, open or closed (organiser)", schema_for(STATUS_SHAPE)),
        },
        f"{base}/answers": {
            "parameters": [workshop_id],
            "post": _op(
                "Submit or change this phone's answers (attendee); the whole form, once per session",
                schema_for(REQUEST_SHAPES[EVALUATION_SUBMIT]),
            ),
        },
        f"{base}/review": {
            "parameters": [workshop_id],
            "get": _op("Results with pending counts and every free-text answer (organiser)"),
        },
        f"{base}/answers/{{answer_id}}/moderation": {
            "parameters": [workshop_id, path_id("answer_id")],
            "put": _op(
                "Approve, reject or return a free-text answer to pending (organiser)", schema_for(MODERATION_SHAPE)
            ),
        },
        f"{base}/questions": {
            "parameters": [workshop_id],
            "post": _op("Add a question (organiser)", schema_for(QUESTION_SHAPE), "201"),
        },
        f"{base}/questions/{{question_id}}": {
            "parameters": [workshop_id, path_id("question_id")],
            "put": _op("Edit a question (organiser)", schema_for(QUESTION_SHAPE)),
            "delete": _op("Remove a question and its answers (organiser)"),
        },
        f"{base}/questions/{{question_id}}/move": {
            "parameters": [workshop_id, path_id("question_id")],
            "post": _op("Move a question up (-1) or down (1) (organiser)", schema_for(MOVE_SHAPE)),
        },
        "/api/v1/signups/consent": {
            "parameters": [{"name": "code", "in": "query", "required": True, "schema": {"type": "string"}}],
            "get": _op("The exact consent wording to show for a workshop's sign-up form"),
        },
        "/api/v1/signups": {
            "post": _op(
                "Join the mailing list: consent true and the wording shown; never linked to a phone session",
                schema_for(SIGNUP_SHAPE),
                "201",
            ),
        },
        "/api/v1/workshops/{workshop_id}/signups": {
            "parameters": [workshop_id],
            "get": _op("List sign-ups (organiser)"),
            "delete": _op("Erase every sign-up (organiser)"),
        },
        "/api/v1/workshops/{workshop_id}/signups/{signup_id}": {
            "parameters": [workshop_id, path_id("signup_id")],
            "delete": _op("Erase one sign-up (organiser)"),
        },
        "/api/v1/workshops/{workshop_id}/signups.csv": {
            "parameters": [workshop_id],
            "get": _op("Sign-ups as CSV, formula cells neutralised (organiser)"),
        },
        "/api/v1/workshops/{workshop_id}/retention": {
            "parameters": [workshop_id],
            "put": _op(
                "Set or clear the date after which the workshop is purged (organiser)", schema_for(RETENTION_SHAPE)
            ),
        },
    }


def _export_paths() -> dict:
    """Exports (organiser): files come back as downloads, not JSON; the import takes an export document."""
    from .api.exports import BOARD_EXPORTS, IMPORT_SHAPE, WORKSHOP_EXPORTS

    def path_id(name: str) -> dict:
        return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}

    def download(summary: str) -> dict:
        operation = _op(summary)
        operation["responses"]["200"] = {"description": "The file, as an attachment"}
        return operation

    signups = {"name": "signups", "in": "query", "required": False, "schema": {"type": "string", "enum": ["1"]}}
    paths: dict = {
        f"/api/v1/workshops/{{workshop_id}}/exports/{fmt}": {
            "parameters": [path_id("workshop_id"), signups],
            "get": download(f"Export the whole workshop as {fmt}; signups=1 adds the mailing list (json, zip)"),
        }
        for fmt in WORKSHOP_EXPORTS
    }
    paths |= {
        f"/api/v1/workshops/{{workshop_id}}/boards/{{board_id}}/exports/{fmt}": {
            "parameters": [path_id("workshop_id"), path_id("board_id")],
            "get": download(f"Export one board as {fmt}"),
        }
        for fmt in BOARD_EXPORTS
    }
    paths["/api/v1/workshops/import"] = {
        "post": _op(
            "Create a workshop from a JSON export: mode restore (everything) or template (structure only)",
            schema_for(IMPORT_SHAPE),
            "201",
        )
    }
    return paths


@bp.get("/api/openapi.json")
def openapi_document():
    return jsonify(build_document())
