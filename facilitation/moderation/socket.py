"""Socket.IO adapters for moderation: call one service with the checked fields, ack its result.

Each handler goes through `acknowledged`, which re-resolves the sender on every event, rate-limits it,
checks the payload's shape and turns any domain error into an `{ok: false, code, message}` ack (a version
conflict also carries `current`).
"""

from __future__ import annotations

from facilitation.kernel import events
from facilitation.moderation import service as moderation
from facilitation.moderation import wordlist
from facilitation.realtime.handling import acknowledged

# One adapter per status action: they differ only in the service function they call.
STATUS_ACTIONS = {
    events.NOTE_APPROVE: moderation.approve,
    events.NOTE_REJECT: moderation.reject,
    events.NOTE_HIDE: moderation.hide,
    events.NOTE_UNHIDE: moderation.unhide,
    events.NOTE_DELETE: moderation.delete,
    events.NOTE_RESTORE: moderation.restore,
}


def _register_status_action(event: str, action) -> None:
    @acknowledged(event)
    def handle(actor, workshop_id, fields):
        return action(actor, workshop_id, fields["note_id"])

    handle.__name__ = f"handle_{event.replace(':', '_')}"


for _event, _action in STATUS_ACTIONS.items():
    _register_status_action(_event, _action)


@acknowledged(events.NOTE_EDIT)
def edit_note(actor, workshop_id, fields):
    return moderation.edit(actor, workshop_id, fields["note_id"], fields["text"], fields["version"])


@acknowledged(events.NOTE_MOVE)
def move_note(actor, workshop_id, fields):
    return moderation.move(
        actor, workshop_id, fields["note_id"], fields["board_id"], fields["section_id"], fields.get("perspective_id")
    )


@acknowledged(events.NOTE_MERGE)
def merge_notes(actor, workshop_id, fields):
    return moderation.merge(actor, workshop_id, fields["note_id"], fields["into_id"])


@acknowledged(events.NOTE_PIN)
def pin_note(actor, workshop_id, fields):
    return moderation.pin(actor, workshop_id, fields["note_id"], fields["pinned"])


@acknowledged(events.NOTE_HISTORY)
def note_history(actor, workshop_id, fields):
    return moderation.history(actor, workshop_id, fields["note_id"])


@acknowledged(events.BOARD_MODE)
def board_mode(actor, workshop_id, fields):
    return moderation.set_board_mode(actor, workshop_id, fields["board_id"], fields["mode"])


@acknowledged(events.WORDLIST_SET)
def set_wordlist(actor, workshop_id, fields):
    return wordlist.set_words(actor, workshop_id, fields["words"])


@acknowledged(events.MODERATION_OVERVIEW)
def overview(actor, workshop_id, fields):
    return moderation.overview(actor, workshop_id)
