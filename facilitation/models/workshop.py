"""The workshop and what it is made of: organisers, groups, perspectives, boards, notes, the change log."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitation.extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


BOARD_KINDS = ("tree", "solutions", "washing_line", "ideas")
ROLES = ("organiser", "facilitator", "attendee", "projector")
NOTE_STATUSES = ("visible", "pending", "hidden", "deleted", "merged")
# open: notes appear at once; premoderated: attendee notes wait for approval; locked: read-only.
BOARD_MODES = ("open", "premoderated", "locked")


class Organiser(db.Model):
    __tablename__ = "organisers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    # Every signed-in session carries the generation it was issued under; sign-out, a password change and
    # removal bump it, which ends every session (cookie and socket) of this organiser at once.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    # The language of the organiser's own pages (languages/choice.py); None follows the device and browser.
    language: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Workshop(db.Model):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    organiser_id: Mapped[int] = mapped_column(ForeignKey("organisers.id"))
    title: Mapped[str] = mapped_column(String(200))
    event_date: Mapped[date | None]
    venue: Mapped[str] = mapped_column(String(200), default="")
    # The language(s) of the room's shared screens and exports: one tag, or two space-separated for a
    # bilingual projector, the first shown first ("cy en": Welsh, then English); "" lets each screen follow
    # its own device (switcher, then Accept-Language).
    languages: Mapped[str] = mapped_column(String(16), default="", server_default="")
    join_code: Mapped[str] = mapped_column(String(6), unique=True)
    projector_token: Mapped[str] = mapped_column(String(64), unique=True)
    # Monotonic per workshop: every committed change takes the next value.
    revision: Mapped[int] = mapped_column(default=0)
    # The revision of the latest change every screen may see, and of the one before it: a public broadcast
    # names the one before ("after"), so a phone that skipped moderator-only revisions need not resync.
    public_revision: Mapped[int] = mapped_column(default=0, server_default="0")
    public_before: Mapped[int] = mapped_column(default=0, server_default="0")
    is_open: Mapped[bool] = mapped_column(default=True)
    projector_board_id: Mapped[int | None] = mapped_column(ForeignKey("boards.id", use_alter=True, ondelete="SET NULL"))
    retention_until: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the organiser removes it: closed, gone from every lookup and link, restorable until its
    # removed_items entry expires (workshops/trash.py), then erased by the purge.
    removed_at: Mapped[datetime | None]

    groups: Mapped[list[Group]] = relationship(
        back_populates="workshop", order_by="Group.position", cascade="all, delete-orphan"
    )
    perspectives: Mapped[list[Perspective]] = relationship(
        back_populates="workshop", order_by="Perspective.position", cascade="all, delete-orphan"
    )
    boards: Mapped[list[Board]] = relationship(
        back_populates="workshop",
        order_by="Board.position",
        cascade="all, delete-orphan",
        foreign_keys="Board.workshop_id",
    )
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="workshop", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )


class Group(db.Model):
    """A small discussion group; its facilitator posts on its behalf through a secret link."""

    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    colour: Mapped[str] = mapped_column(String(7))
    position: Mapped[int] = mapped_column(default=0)
    facilitator_token: Mapped[str] = mapped_column(String(64), unique=True)
    revoked: Mapped[bool] = mapped_column(default=False)

    workshop: Mapped[Workshop] = relationship(back_populates="groups")


class Perspective(db.Model):
    """Whose view a tree note records (link workers, cultural providers); editable per workshop."""

    __tablename__ = "perspectives"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)

    workshop: Mapped[Workshop] = relationship(back_populates="perspectives")


class Board(db.Model):
    __tablename__ = "boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(120))
    prompt: Mapped[str] = mapped_column(Text, default="")
    open_to_attendees: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)
    mode: Mapped[str] = mapped_column(String(12), default="open", server_default="open")

    workshop: Mapped[Workshop] = relationship(back_populates="boards", foreign_keys=[workshop_id])
    sections: Mapped[list[Section]] = relationship(
        back_populates="board", order_by="Section.position", cascade="all, delete-orphan"
    )

    @property
    def uses_perspective(self) -> bool:
        return self.kind == "tree"


class Section(db.Model):
    """A part of a board: barriers/enablers on the tree, a theme on solutions, the one line or wall."""

    __tablename__ = "sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)

    board: Mapped[Board] = relationship(back_populates="sections")


class AgendaItem(db.Model):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[str] = mapped_column(String(5))  # local wall-clock "HH:MM", as on the timetable
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)

    workshop: Mapped[Workshop] = relationship(back_populates="agenda")


class Participant(db.Model):
    """An attendee's phone session: anonymous unless they choose to give a first name."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(40), default="")
    removed: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Note(db.Model):
    __tablename__ = "notes"
    __table_args__ = (UniqueConstraint("workshop_id", "client_id", name="uq_note_client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    # Generated by the sender so a resend after a dropped connection stores one note.
    client_id: Mapped[str] = mapped_column(String(64))
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    perspective_id: Mapped[int | None] = mapped_column(ForeignKey("perspectives.id", ondelete="SET NULL"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id", ondelete="SET NULL"))
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"))
    author_role: Mapped[str] = mapped_column(String(20))
    author_name: Mapped[str] = mapped_column(String(40), default="")
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="visible")
    # Counts wording edits: an edit names the version it started from, so two tablets never overwrite silently.
    version: Mapped[int] = mapped_column(default=1)
    pinned: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    # The revealed dot-vote tally of the board's latest revealed round; None while tallies are hidden.
    votes: Mapped[int | None]
    # The workshop revision at which this note last changed; a resend is acknowledged with it.
    revision: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Change(db.Model):
    """The workshop's change log: what a client replays to catch up after a gap or reconnect.

    A note's change is logged as a reference (`note_id`, and a payload of {note_id, board_id}), never its
    text: catch-up reads the note as it is now (sync.service.changes_since), so nothing a moderator takes
    out of someone's view can come back from here.
    """

    __tablename__ = "changes"
    __table_args__ = (
        UniqueConstraint("workshop_id", "revision", name="uq_change_revision"),
        Index("ix_change_workshop_revision", "workshop_id", "revision"),
        Index("ix_change_workshop_note", "workshop_id", "note_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    revision: Mapped[int]
    event: Mapped[str] = mapped_column(String(40))
    # "public": everyone in the workshop; "moderators": organiser and facilitators only.
    audience: Mapped[str] = mapped_column(String(12), default="public")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The note a note:added/updated/removed is about. No foreign key: the entry outlives a removed board's notes.
    note_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
