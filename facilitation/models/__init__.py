"""Typed ORM classes only: no commits, no emits, no request access. Times are UTC.

One module per concern; every model is imported here so Alembic and the app see one metadata.
"""

from .workshop import (
    BOARD_KINDS,
    NOTE_STATUSES,
    ROLES,
    AgendaItem,
    Board,
    Change,
    Group,
    Note,
    Organiser,
    Participant,
    Perspective,
    Section,
    Workshop,
    utcnow,
)

__all__ = [
    "BOARD_KINDS",
    "NOTE_STATUSES",
    "ROLES",
    "AgendaItem",
    "Board",
    "Change",
    "Group",
    "Note",
    "Organiser",
    "Participant",
    "Perspective",
    "Section",
    "Workshop",
    "utcnow",
]
