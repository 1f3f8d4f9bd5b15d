"""API for exports and import: the same service calls as the organiser's export page."""

from __future__ import annotations

from flask import request

from facilitation.exports import document as json_export
from facilitation.exports.importer import IMPORT_MODES, import_workshop
from facilitation.exports.pages import send_export
from facilitation.exports.service import BOARD_FORMATS, WORKSHOP_FORMATS, board_file, workshop_bundle, workshop_file
from facilitation.kernel.payloads import check_shape
from facilitation.kernel.visibility import structure_view
from facilitation.web.api import blueprint, body, ok
from facilitation.web.auth import current_actor
from facilitation.web.openapi import path_parameter

bp = blueprint("exports")

# Spelled out so the routes and the OpenAPI document list the same formats.
WORKSHOP_EXPORTS = ("zip", *WORKSHOP_FORMATS)
BOARD_EXPORTS = BOARD_FORMATS
IMPORT_SHAPE = {"document": ((dict,), True), "mode": ((str,), False), "title": ((str,), False)}


def _signups_requested() -> bool:
    return request.args.get("signups") == "1"


@bp.get(f"/workshops/<int:workshop_id>/exports/<any({', '.join(WORKSHOP_EXPORTS)}):fmt>")
def workshop_export(workshop_id: int, fmt: str):
    actor = current_actor()
    if fmt == "zip":
        return send_export(workshop_bundle(actor, workshop_id, include_signups=_signups_requested()))
    return send_export(workshop_file(actor, workshop_id, fmt, include_signups=_signups_requested()))


@bp.get(f"/workshops/<int:workshop_id>/boards/<int:board_id>/exports/<any({', '.join(BOARD_EXPORTS)}):fmt>")
def board_export(workshop_id: int, board_id: int, fmt: str):
    return send_export(board_file(current_actor(), workshop_id, board_id, fmt))


@bp.post("/workshops/import")
def import_document():
    payload = check_shape(body(), IMPORT_SHAPE)
    workshop = import_workshop(
        current_actor(),
        json_export.to_bytes(payload["document"]),
        payload.get("mode", "restore"),
        payload.get("title"),
    )
    return ok(201, structure=structure_view(workshop))


def openapi_paths(op, schema_for, workshop_id: dict) -> dict:
    """Exports (organiser): files come back as downloads, not JSON; the import takes an export document."""

    def download(summary: str) -> dict:
        operation = op(summary)
        operation["responses"]["200"] = {"description": "The file, as an attachment"}
        return operation

    signups = {"name": "signups", "in": "query", "required": False, "schema": {"type": "string", "enum": ["1"]}}
    paths: dict = {
        f"/api/v1/workshops/{{workshop_id}}/exports/{fmt}": {
            "parameters": [path_parameter("workshop_id"), signups],
            "get": download(f"Export the whole workshop as {fmt}; signups=1 adds the mailing list (json, zip)"),
        }
        for fmt in WORKSHOP_EXPORTS
    }
    paths |= {
        f"/api/v1/workshops/{{workshop_id}}/boards/{{board_id}}/exports/{fmt}": {
            "parameters": [path_parameter("workshop_id"), path_parameter("board_id")],
            "get": download(f"Export one board as {fmt}"),
        }
        for fmt in BOARD_EXPORTS
    }
    paths["/api/v1/workshops/import"] = {
        "post": op(
            "Create a workshop from a JSON export: mode restore (everything) or template (structure only)",
            schema_for(
                IMPORT_SHAPE,
                {"mode": {"type": "string", "enum": list(IMPORT_MODES)}, "title": {"type": "string", "maxLength": 200}},
            ),
            "201",
        )
    }
    return paths
