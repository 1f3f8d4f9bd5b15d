"""What the projector shows: one row per workshop, holding choices and times, never ticking state.

Clients work out the countdown and the rotation from the stored moments and the server's clock, so
every screen agrees without the server sending a tick, and a screen that reconnects simply reads the row.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from facilitation.extensions import db
from facilitation.models.workshop import utcnow

PROJECTOR_MODES = ("single", "rotation")
# tables, activities, recording: the views of issue 14 (seating, activities, recordings packages).
TARGET_KINDS = ("board", "welcome", "evaluation", "tables", "activities", "recording")
# wall: the notes; cloud: word cloud (ideas); themes: the ideas grouped by theme; summary: every note's theme
# at once on a paged board (ideas wall, washing line).
BOARD_DISPLAYS = ("wall", "cloud", "themes", "summary")
FOCUS_KINDS = ("group", "perspective", "theme", "note_kind")


class ProjectorState(db.Model):
    """The organiser's choices for a workshop's projector. The board shown in single mode stays in
    Workshop.projector_board_id, so deleting that board still clears it through the foreign key."""

    __tablename__ = "projector_states"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    mode: Mapped[str] = mapped_column(String(10), default="single")
    # board | welcome | evaluation; "board" with no board id left falls back to the welcome screen.
    target_kind: Mapped[str] = mapped_column(String(20), default="board")
    rotation_board_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    rotation_seconds: Mapped[int] = mapped_column(default=30)
    # The moment rotation began: every screen computes the current board from it and its own clock offset.
    rotation_started_at: Mapped[datetime | None]
    hidden_board_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    spotlight_note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id", ondelete="SET NULL"))
    # {"<board id>": "cloud"}; boards not listed show their wall.
    board_displays: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Zoom on demand: {"kind": group|perspective|theme|note_kind, "value": id or section kind}; None = whole board.
    # Cleared whenever another board is shown.
    focus: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    agenda_now_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))
    timer_duration_seconds: Mapped[int] = mapped_column(default=0)
    timer_running: Mapped[bool] = mapped_column(default=False)
    # While running: when it reaches zero. While paused or reset: what is left, in milliseconds.
    timer_ends_at: Mapped[datetime | None]
    timer_remaining_ms: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
