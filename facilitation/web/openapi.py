"""The OpenAPI document for /api/v1, built from the same shapes the API checks."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from facilitation.kernel.payloads import INT64_MAX, INT64_MIN

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


def schema_for(shape: dict, constraints: dict | None = None) -> dict:
    """Turn a request shape from the events catalogue into a JSON Schema object.

    Integers are bounded as check_shape bounds them (64 bits); `constraints` adds, per field, what the
    service checks beyond the type (enum, maxLength, minimum...), so the document promises no more than
    the server accepts."""
    properties = {}
    for field, (types, _required) in shape.items():
        names = [_JSON_TYPES[t] for t in types]
        schema: dict = {"type": names[0] if len(names) == 1 else names}
        if int in types:
            schema |= {"minimum": INT64_MIN, "maximum": INT64_MAX}
        properties[field] = schema | (constraints or {}).get(field, {})
    return {
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "required": [f for f, (_t, required) in shape.items() if required],
    }


ERROR = {
    "type": "object",
    "required": ["ok", "code", "message"],
    "properties": {
        "ok": {"const": False},
        "code": {"type": "string", "pattern": "^[a-z_]+$"},
        "message": {"type": "string"},
        "retry_after": {"type": "integer", "minimum": 0},
    },
}
# Every JSON success says so; what else it carries is in docs/protocol.md.
OK = {"type": "object", "required": ["ok"], "properties": {"ok": {"const": True}}}


def _op(summary: str, request_schema: dict | None = None, ok_status: str = "200") -> dict:
    operation: dict = {
        "summary": summary,
        "responses": {
            ok_status: {
                "description": "Done",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ok"}}},
            },
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
    """An id in the path, as the routes' converter (web/converters.IdConverter) matches it: 1 to 2^63 - 1."""
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": {"type": "integer", "minimum": 1, "maximum": INT64_MAX},
    }


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
            "schemas": {"Error": ERROR, "Ok": OK},
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
