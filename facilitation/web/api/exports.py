"""API for exports and import: the same service calls as the organiser's export page."""

from __future__ import annotations

from flask import request

from ...payloads import check_shape
from ...presenters import structure_view
from ...services.exports import json_export
from ...services.exports.bundle import BOARD_FORMATS, WORKSHOP_FORMATS, board_file, workshop_bundle, workshop_file
from ...services.exports.json_import import import_workshop
from ..auth import current_actor
from ..exports import send_export
from . import blueprint, body, ok

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
