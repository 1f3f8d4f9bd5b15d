"""Themes: groups of a board's notes found by similarity (themes/), and the organiser's decisions about them.

A theme belongs to one board. Each note is in at most one theme (ThemeNote.note_id is the key), so a
note moved to another board leaves its old theme and joins one of the new board's.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column

from facilitation.extensions import db
from facilitation.models.workshop import utcnow

# Longest label a theme may carry, suggested or typed; a projector heading, not a sentence.
THEME_LABEL_MAX = 60


class Theme(db.Model):
    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    # Worked out from the visible notes' top terms each time the theme's notes change.
    suggested_label: Mapped[str] = mapped_column(String(THEME_LABEL_MAX), default="")
    # Typed by the organiser or a facilitator; "" falls back to the suggestion. Survives every recluster.
    custom_label: Mapped[str] = mapped_column(String(THEME_LABEL_MAX), default="", server_default="")
    # The catch-all for notes like no other (folded singletons), so the board keeps a readable count of themes.
    is_other: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ThemeNote(db.Model):
    """A note's place in a theme. `pinned` marks a person's decision (move, split, merge) that reclustering keeps."""

    __tablename__ = "theme_notes"

    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    pinned: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
