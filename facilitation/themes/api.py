"""API for themes: a board's themes now, and the same decisions as the socket events (same broadcasts)."""

from __future__ import annotations

from flask_babel import gettext as _

from facilitation.kernel import events
from facilitation.kernel.lookups import load_workshop, owned
from facilitation.kernel.payloads import check_shape
from facilitation.models import THEME_LABEL_MAX, Board
from facilitation.themes import overrides, service
from facilitation.themes.overrides import MAX_SPLIT_NOTES
from facilitation.themes.views import board_themes_payload
from facilitation.web.api import blueprint, body, ok
from facilitation.web.auth import current_actor
from facilitation.web.openapi import path_parameter

bp = blueprint("themes")
BASE = "/workshops/<int:workshop_id>/themes"


def _fields(event: str) -> dict:
    return check_shape(body(), events.REQUEST_SHAPES[event])


@bp.get("/workshops/<int:workshop_id>/boards/<int:board_id>/themes")
def board_themes(workshop_id: int, board_id: int):
    workshop = load_workshop(current_actor(), workshop_id, "workshop.view")
    board = owned(Board, board_id, workshop, "unknown_board", _("No such board in this workshop."))
    return ok(**board_themes_payload(workshop.id, board.id), revision=workshop.revision)


@bp.post(f"{BASE}/rename")
def rename(workshop_id: int):
    fields = _fields(events.THEME_RENAME)
    return ok(**overrides.rename(current_actor(), workshop_id, fields["theme_id"], fields["label"]))


@bp.post(f"{BASE}/merge")
def merge(workshop_id: int):
    fields = _fields(events.THEME_MERGE)
    return ok(**overrides.merge(current_actor(), workshop_id, fields["theme_id"], fields["into_theme_id"]))


@bp.post(f"{BASE}/split")
def split(workshop_id: int):
    fields = _fields(events.THEME_SPLIT)
    return ok(**overrides.split(current_actor(), workshop_id, fields["theme_id"], fields["note_ids"]))


@bp.post(f"{BASE}/move_note")
def move_note(workshop_id: int):
    fields = _fields(events.THEME_MOVE_NOTE)
    return ok(**overrides.move_note(current_actor(), workshop_id, fields["note_id"], fields["theme_id"]))


@bp.post(f"{BASE}/recluster")
def recluster(workshop_id: int):
    fields = _fields(events.THEMES_RECLUSTER)
    return ok(**service.recluster(current_actor(), workshop_id, fields["board_id"]))


def openapi_paths(op, schema_for, workshop_id: dict) -> dict:
    """This module's entries for web/openapi.py, kept beside the routes they describe."""
    base = "/api/v1/workshops/{workshop_id}/themes"
    shape = events.REQUEST_SHAPES
    ids = {"type": "array", "minItems": 1, "maxItems": MAX_SPLIT_NOTES}
    return {
        "/api/v1/workshops/{workshop_id}/boards/{board_id}/themes": {
            "parameters": [workshop_id, path_parameter("board_id")],
            "get": op("A board's themes (visible notes only) and the revision they are correct at"),
        },
        f"{base}/rename": {
            "parameters": [workshop_id],
            "post": op(
                "Label a theme; an empty label goes back to the suggestion (organiser, facilitator)",
                schema_for(shape[events.THEME_RENAME], {"label": {"type": "string", "maxLength": THEME_LABEL_MAX}}),
            ),
        },
        f"{base}/merge": {
            "parameters": [workshop_id],
            "post": op(
                "Merge a theme into another of its board (organiser, facilitator)",
                schema_for(shape[events.THEME_MERGE]),
            ),
        },
        f"{base}/split": {
            "parameters": [workshop_id],
            "post": op(
                "The listed notes leave a theme and form a new one (organiser, facilitator)",
                schema_for(shape[events.THEME_SPLIT], {"note_ids": ids}),
            ),
        },
        f"{base}/move_note": {
            "parameters": [workshop_id],
            "post": op(
                "Move a note to another theme, or null for a theme of its own (organiser, facilitator)",
                schema_for(shape[events.THEME_MOVE_NOTE]),
            ),
        },
        f"{base}/recluster": {
            "parameters": [workshop_id],
            "post": op(
                "Regroup a board, keeping moved notes and typed labels (organiser)",
                schema_for(shape[events.THEMES_RECLUSTER]),
            ),
        },
    }
