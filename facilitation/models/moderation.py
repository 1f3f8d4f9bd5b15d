"""Moderation and dot voting: a note's wording history, the audit log, the blocked-word list, vote rounds.

Board.mode, Note.pinned and Note.votes live on their own tables in workshop.py; these are the new tables.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitation.extensions import db
from facilitation.models.workshop import utcnow

VOTE_ROUND_STATUSES = ("open", "closed")


class NoteRevision(db.Model):
    """One state a note's wording and place went through; a merge adds the merged-away note's text here."""

    __tablename__ = "note_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    # posted | edited | moved | merged: why this row exists.
    reason: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    board_id: Mapped[int | None] = mapped_column(ForeignKey("boards.id", ondelete="SET NULL"))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))
    # For a merge: the note whose text was folded into this one.
    source_note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id", ondelete="SET NULL"))
    actor_role: Mapped[str] = mapped_column(String(20))
    actor_group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="SET NULL"))
    actor_participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(db.Model):
    """Who did what to which note or setting, when, with the state before and after. Written in the
    same transaction as the action, so the log can never claim something that was rolled back."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_workshop_at", "workshop_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    actor_role: Mapped[str] = mapped_column(String(20))
    actor_organiser_id: Mapped[int | None] = mapped_column(ForeignKey("organisers.id", ondelete="SET NULL"))
    actor_group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="SET NULL"))
    actor_participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id", ondelete="SET NULL"))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class BlockedWord(db.Model):
    """A word or phrase that sends an attendee's note to the moderation queue instead of the screen."""

    __tablename__ = "blocked_words"
    __table_args__ = (UniqueConstraint("workshop_id", "word", name="uq_blocked_word"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    word: Mapped[str] = mapped_column(String(80))


class VoteRound(db.Model):
    """A dot-voting round on one board; its result is kept when it closes."""

    __tablename__ = "vote_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    votes_per_attendee: Mapped[int]
    status: Mapped[str] = mapped_column(String(10), default="open")
    revealed: Mapped[bool] = mapped_column(default=False)
    # At close: [{note_id, text, votes}, ...] most votes first, so later edits do not rewrite history.
    result: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]


class Vote(db.Model):
    """One dot: an attendee session's vote for a note in a round (at most one per note per attendee)."""

    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("round_id", "participant_id", "note_id", name="uq_vote_once_per_note"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("vote_rounds.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
