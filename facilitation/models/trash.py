"""What an organiser removed and may still restore: the rows a removal took with it, kept whole for a while.

A removed board, group, perspective, agenda item or question is deleted from its live tables as before (so
no query anywhere has to learn to skip it) and its rows are kept here as JSON, written in the same
transaction as the delete. A removed workshop keeps its own rows and is only marked (Workshop.removed_at);
its entry here says when it may still come back. workshops/trash.py explains the choice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from facilitation.extensions import db
from facilitation.models.workshop import utcnow

REMOVABLE_KINDS = ("board", "group", "perspective", "agenda_item", "question", "workshop")


class RemovedItem(db.Model):
    """One removal: what it was, what it held, who removed it and when, and until when it can be restored."""

    __tablename__ = "removed_items"
    __table_args__ = (Index("ix_removed_items_expires_at", "expires_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    # The id the removed row had (and gets back on restore).
    item_id: Mapped[int]
    # Its title or name as the organiser knew it ("Solutions"), for the list and the audit log.
    label: Mapped[str] = mapped_column(String(200))
    # What went with it, table name -> rows: {"notes": 55, "sections": 3, ...}.
    held: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The rows themselves: {"tables": {name: [row, ...]}, "references": [[table, key, column, value], ...]}.
    rows: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    removed_by_role: Mapped[str] = mapped_column(String(20))
    removed_by_organiser_id: Mapped[int | None] = mapped_column(ForeignKey("organisers.id", ondelete="SET NULL"))
    removed_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
