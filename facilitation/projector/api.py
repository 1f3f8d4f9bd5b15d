"""API for the projector: its state, what it shows, the agenda's now marker, the timer, word clouds.

The same services as the socket events, so the same projector:changed broadcasts follow every write.
"""

from __future__ import annotations

from flask_babel import gettext as _

from facilitation.kernel import events
from facilitation.kernel.errors import Invalid
from facilitation.kernel.payloads import check_shape
from facilitation.models import BOARD_DISPLAYS, FOCUS_KINDS, TARGET_KINDS
from facilitation.projector import agenda_timer, focus, wordcloud
from facilitation.projector import service as projector
from facilitation.projector.agenda_timer import MAX_TIMER_MINUTES
from facilitation.projector.service import MAX_ROTATION_BOARDS, ROTATION_SECONDS
from facilitation.sync import service as changes
from facilitation.web.api import blueprint, body, ok
from facilitation.web.auth import current_actor
from facilitation.web.openapi import path_parameter

bp = blueprint("projector")
BASE = "/workshops/<int:workshop_id>/projector"

TIMER_SHAPE = {"action": ((str,), True), "minutes": ((int, float), False)}
AGENDA_SHAPE = {"step": ((int,), False), "item_id": ((int, type(None)), False)}


def _fields(event: str) -> dict:
    return check_shape(body(), events.REQUEST_SHAPES[event])


@bp.get(BASE)
def state(workshop_id: int):
    """The projector state alone (the full /state carries it too)."""
    full = changes.workshop_state(current_actor(), workshop_id)
    return ok(projector=full["projector"], revision=full["revision"], server_time=full["server_time"])


@bp.put(f"{BASE}/target")
def target(workshop_id: int):
    fields = _fields(events.PROJECTOR_TARGET)
    return ok(**projector.show(current_actor(), workshop_id, fields["kind"], fields.get("board_id")))


@bp.put(f"{BASE}/rotation")
def rotation(workshop_id: int):
    fields = _fields(events.PROJECTOR_ROTATE)
    return ok(**projector.rotate(current_actor(), workshop_id, fields["board_ids"], fields["seconds"]))


@bp.put(f"{BASE}/hidden")
def hidden(workshop_id: int):
    fields = _fields(events.PROJECTOR_HIDE)
    return ok(**projector.set_hidden(current_actor(), workshop_id, fields["board_id"], fields["hidden"]))


@bp.post(f"{BASE}/focus")
def zoom(workshop_id: int):
    fields = _fields(events.PROJECTOR_FOCUS)
    return ok(**focus.set_focus(current_actor(), workshop_id, fields["focus"]))


@bp.put(f"{BASE}/spotlight")
def spotlight(workshop_id: int):
    fields = _fields(events.PROJECTOR_SPOTLIGHT)
    return ok(**projector.spotlight(current_actor(), workshop_id, fields["note_id"]))


@bp.put(f"{BASE}/display")
def display(workshop_id: int):
    fields = _fields(events.PROJECTOR_DISPLAY)
    return ok(**projector.set_display(current_actor(), workshop_id, fields["board_id"], fields["display"]))


@bp.post(f"{BASE}/agenda")
def agenda(workshop_id: int):
    """{"step": 1 | -1} moves the now marker; {"item_id": id | null} puts it on an item (or clears it)."""
    fields = check_shape(body(), AGENDA_SHAPE)
    if ("step" in fields) == ("item_id" in fields):
        raise Invalid(_("Send either step or item_id."), code="bad_payload")
    if "step" in fields:
        return ok(**agenda_timer.step_now(current_actor(), workshop_id, fields["step"]))
    return ok(**agenda_timer.set_now(current_actor(), workshop_id, fields.get("item_id")))


@bp.post(f"{BASE}/timer")
def timer(workshop_id: int):
    """{"action": "start", "minutes"?: n} | {"action": "pause"} | {"action": "reset"}."""
    fields = check_shape(body(), TIMER_SHAPE)
    actor, action = current_actor(), fields["action"]
    if action == "start":
        return ok(**agenda_timer.start_timer(actor, workshop_id, fields.get("minutes")))
    if action == "pause":
        return ok(**agenda_timer.pause_timer(actor, workshop_id))
    if action == "reset":
        return ok(**agenda_timer.reset_timer(actor, workshop_id))
    raise Invalid(_("action is start, pause or reset."), code="bad_action")


@bp.get("/workshops/<int:workshop_id>/boards/<int:board_id>/wordcloud")
def word_cloud(workshop_id: int, board_id: int):
    return ok(**wordcloud.board_word_cloud(current_actor(), workshop_id, board_id))


def openapi_paths(op, schema_for, workshop_id: dict) -> dict:
    """This module's entries for web/openapi.py, kept beside the routes they describe."""
    board_id = path_parameter("board_id")
    base = "/api/v1/workshops/{workshop_id}/projector"
    shape = events.REQUEST_SHAPES
    return {
        base: {
            "parameters": [workshop_id],
            "get": op("The projector state, its revision and the server's time"),
            "put": op(
                "Choose the board the projector shows, or null for the welcome screen (organiser)",
                schema_for(shape[events.PROJECTOR_SHOW]),
            ),
        },
        f"{base}/target": {
            "parameters": [workshop_id],
            "put": op(
                "Show a board, the welcome screen or the evaluation (organiser)",
                schema_for(shape[events.PROJECTOR_TARGET], {"kind": {"type": "string", "enum": list(TARGET_KINDS)}}),
            ),
        },
        f"{base}/rotation": {
            "parameters": [workshop_id],
            "put": op(
                "Rotate through boards every N seconds (organiser)",
                schema_for(
                    shape[events.PROJECTOR_ROTATE],
                    {
                        "board_ids": {"type": "array", "minItems": 1, "maxItems": MAX_ROTATION_BOARDS},
                        "seconds": {"type": "integer", "minimum": ROTATION_SECONDS[0], "maximum": ROTATION_SECONDS[1]},
                    },
                ),
            ),
        },
        f"{base}/hidden": {
            "parameters": [workshop_id],
            "put": op("Hide or reveal a board on the projector (organiser)", schema_for(shape[events.PROJECTOR_HIDE])),
        },
        f"{base}/spotlight": {
            "parameters": [workshop_id],
            "put": op(
                "Show one note full-screen, or null to clear (organiser)", schema_for(shape[events.PROJECTOR_SPOTLIGHT])
            ),
        },
        f"{base}/focus": {
            "parameters": [workshop_id],
            "post": op(
                "Zoom the shown board in on a group, perspective, theme or note kind; null for all (organiser)",
                schema_for(
                    shape[events.PROJECTOR_FOCUS],
                    {
                        "focus": {
                            "type": ["object", "null"],
                            "required": ["kind", "value"],
                            "additionalProperties": False,
                            "properties": {
                                "kind": {"type": "string", "enum": list(FOCUS_KINDS)},
                                "value": {"type": ["integer", "string"]},
                            },
                        }
                    },
                ),
            ),
        },
        f"{base}/display": {
            "parameters": [workshop_id],
            "put": op(
                "An ideas board's wall or word cloud (organiser)",
                schema_for(
                    shape[events.PROJECTOR_DISPLAY], {"display": {"type": "string", "enum": list(BOARD_DISPLAYS)}}
                ),
            ),
        },
        f"{base}/agenda": {
            "parameters": [workshop_id],
            "post": op(
                "Move the agenda's now marker by a step, or set it to an item (organiser)", schema_for(AGENDA_SHAPE)
            ),
        },
        f"{base}/timer": {
            "parameters": [workshop_id],
            "post": op(
                "Start (minutes), pause or reset the countdown timer (organiser)",
                schema_for(
                    TIMER_SHAPE,
                    {
                        "action": {"type": "string", "enum": ["start", "pause", "reset"]},
                        "minutes": {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_TIMER_MINUTES},
                    },
                ),
            ),
        },
        "/api/v1/workshops/{workshop_id}/boards/{board_id}/wordcloud": {
            "parameters": [workshop_id, board_id],
            "get": op("Word frequencies of a board's visible notes, stop-words removed"),
        },
    }
