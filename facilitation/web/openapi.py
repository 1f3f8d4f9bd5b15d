"""The OpenAPI document for /api/v1, built from the same shapes the API checks."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

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


def path_parameter(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


def build_document(sources) -> dict:
    """The whole document: each feature's API module contributes its paths through `openapi_paths`.

    Later sources win on a shared path, so a feature that adds methods to another's path lists them all.
    """
    workshop_id = path_parameter("workshop_id")
    paths: dict = {}
    for openapi_paths in sources:
        paths |= openapi_paths(_op, schema_for, workshop_id)
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
        "paths": paths,
    }


# The key under app.extensions where register_web keeps the features' openapi_paths functions.
EXTENSION_KEY = "facilitation.openapi_sources"


@bp.get("/api/openapi.json")
def openapi_document():
    return jsonify(build_document(current_app.extensions[EXTENSION_KEY]))
