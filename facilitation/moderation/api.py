"""API for moderation: the same services, and so the same broadcasts and audit entries, as the socket events."""

from __future__ import annotations

from facilitation.kernel import events
from facilitation.kernel.payloads import check_shape
from facilitation.models import BOARD_MODES
from facilitation.moderation import audit, wordlist
from facilitation.moderation import service as moderation
from facilitation.web.api import blueprint, body, ok
from facilitation.web.auth import current_actor
from facilitation.web.openapi import path_parameter

bp = blueprint("moderation")
NOTE = "/workshops/<int:workshop_id>/notes/<int:note_id>"

STATUS_ACTIONS = {
    "approve": moderation.approve,
    "reject": moderation.reject,
    "hide": moderation.hide,
    "unhide": moderation.unhide,
    "delete": moderation.delete,
    "restore": moderation.restore,
}
# Bodies of the routes whose note id is in the path.
EDIT_SHAPE = {"text": ((str,), True), "version": ((int,), True)}
MOVE_SHAPE = {k: v for k, v in events.REQUEST_SHAPES[events.NOTE_MOVE].items() if k != "note_id"}
MERGE_SHAPE = {"into_id": ((int,), True)}
PIN_SHAPE = {"pinned": ((bool,), True)}
MODE_SHAPE = {"mode": ((str,), True)}


@bp.post(f"{NOTE}/<any(approve, reject, hide, unhide, delete, restore):action>")
def note_status(workshop_id: int, note_id: int, action: str):
    return ok(**STATUS_ACTIONS[action](current_actor(), workshop_id, note_id))


@bp.patch(NOTE)
def edit_note(workshop_id: int, note_id: int):
    fields = check_shape(body(), EDIT_SHAPE)
    return ok(**moderation.edit(current_actor(), workshop_id, note_id, fields["text"], fields["version"]))


@bp.post(f"{NOTE}/move")
def move_note(workshop_id: int, note_id: int):
    fields = check_shape(body(), MOVE_SHAPE)
    return ok(
        **moderation.move(
            current_actor(),
            workshop_id,
            note_id,
            fields["board_id"],
            fields["section_id"],
            fields.get("perspective_id"),
        )
    )


@bp.post(f"{NOTE}/merge")
def merge_note(workshop_id: int, note_id: int):
    fields = check_shape(body(), MERGE_SHAPE)
    return ok(**moderation.merge(current_actor(), workshop_id, note_id, fields["into_id"]))


@bp.put(f"{NOTE}/pin")
def pin_note(workshop_id: int, note_id: int):
    fields = check_shape(body(), PIN_SHAPE)
    return ok(**moderation.pin(current_actor(), workshop_id, note_id, fields["pinned"]))


@bp.get(f"{NOTE}/history")
def note_history(workshop_id: int, note_id: int):
    return ok(**moderation.history(current_actor(), workshop_id, note_id))


@bp.put("/workshops/<int:workshop_id>/boards/<int:board_id>/mode")
def board_mode(workshop_id: int, board_id: int):
    fields = check_shape(body(), MODE_SHAPE)
    return ok(**moderation.set_board_mode(current_actor(), workshop_id, board_id, fields["mode"]))


@bp.get("/workshops/<int:workshop_id>/wordlist")
def get_wordlist(workshop_id: int):
    return ok(words=wordlist.get_words(current_actor(), workshop_id))


@bp.put("/workshops/<int:workshop_id>/wordlist")
def set_wordlist(workshop_id: int):
    fields = check_shape(body(), events.REQUEST_SHAPES[events.WORDLIST_SET])
    return ok(**wordlist.set_words(current_actor(), workshop_id, fields["words"]))


@bp.get("/workshops/<int:workshop_id>/moderation")
def overview(workshop_id: int):
    return ok(**moderation.overview(current_actor(), workshop_id))


@bp.get("/workshops/<int:workshop_id>/audit")
def audit_log(workshop_id: int):
    return ok(entries=audit.entries(current_actor(), workshop_id))


def openapi_paths(op, schema_for, workshop_id: dict) -> dict:
    """This module's routes for /api/openapi.json, built from the same shapes the routes check."""
    note = [workshop_id, path_parameter("note_id")]
    base = "/api/v1/workshops/{workshop_id}"
    paths = {
        f"{base}/notes/{{note_id}}/{action}": {
            "parameters": note,
            "post": op(f"{action.capitalize()} a note (organiser, or the facilitator of its group)"),
        }
        for action in STATUS_ACTIONS
    }
    paths[f"{base}/notes/{{note_id}}/restore"]["post"] = op("Restore a deleted or merged note (organiser)")
    paths.update(
        {
            f"{base}/notes/{{note_id}}": {
                "parameters": note,
                "patch": op(
                    "Edit a note's wording from `version`; a stale version gives 409 version_conflict with "
                    "`current` {text, version}",
                    schema_for(EDIT_SHAPE, {"text": {"type": "string", "minLength": 1}}),
                ),
            },
            f"{base}/notes/{{note_id}}/move": {
                "parameters": note,
                "post": op("Move a note to another section or board", schema_for(MOVE_SHAPE)),
            },
            f"{base}/notes/{{note_id}}/merge": {
                "parameters": note,
                "post": op("Merge this note into `into_id`; both texts stay in history", schema_for(MERGE_SHAPE)),
            },
            f"{base}/notes/{{note_id}}/pin": {
                "parameters": note,
                "put": op("Pin or unpin a note", schema_for(PIN_SHAPE)),
            },
            f"{base}/notes/{{note_id}}/history": {
                "parameters": note,
                "get": op("A note's wording and place history, merged texts included (moderators)"),
            },
            f"{base}/boards/{{board_id}}/mode": {
                "parameters": [
                    workshop_id,
                    path_parameter("board_id"),
                ],
                "put": op(
                    "Set a board's mode: open, premoderated or locked (organiser)",
                    schema_for(MODE_SHAPE, {"mode": {"type": "string", "enum": list(BOARD_MODES)}}),
                ),
            },
            f"{base}/wordlist": {
                "parameters": [workshop_id],
                "get": op("The blocked-word list (organiser)"),
                "put": op(
                    "Replace the blocked-word list (organiser)",
                    schema_for(
                        events.REQUEST_SHAPES[events.WORDLIST_SET],
                        {"words": {"type": "array", "maxItems": 500, "items": {"type": "string", "maxLength": 80}}},
                    ),
                ),
            },
            f"{base}/moderation": {
                "parameters": [workshop_id],
                "get": op(
                    "Queue and hidden notes in the caller's scope; for the organiser also removed notes, "
                    "word list, audit log and vote rounds"
                ),
            },
            f"{base}/audit": {
                "parameters": [workshop_id],
                "get": op("The moderation audit log, newest first (organiser)"),
            },
        }
    )
    return paths
