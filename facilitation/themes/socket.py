"""Socket.IO adapters for themes: rename, merge, split, move a note, regroup a board.

Each handler calls one service with the checked fields; authorisation happens in the services.
"""

from __future__ import annotations

from facilitation.kernel import events
from facilitation.realtime.handling import acknowledged
from facilitation.themes import overrides, service


@acknowledged(events.THEME_RENAME)
def rename(actor, workshop_id, fields):
    return overrides.rename(actor, workshop_id, fields["theme_id"], fields["label"])


@acknowledged(events.THEME_MERGE)
def merge(actor, workshop_id, fields):
    return overrides.merge(actor, workshop_id, fields["theme_id"], fields["into_theme_id"])


@acknowledged(events.THEME_SPLIT)
def split(actor, workshop_id, fields):
    return overrides.split(actor, workshop_id, fields["theme_id"], fields["note_ids"])


@acknowledged(events.THEME_MOVE_NOTE)
def move_note(actor, workshop_id, fields):
    return overrides.move_note(actor, workshop_id, fields["note_id"], fields["theme_id"])


@acknowledged(events.THEMES_RECLUSTER)
def recluster(actor, workshop_id, fields):
    return service.recluster(actor, workshop_id, fields["board_id"])
