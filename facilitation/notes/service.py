"""Posting notes: one note per client id, whatever the network does to the resends."""

from __future__ import annotations

import re
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Boolean, Text, bindparam, exists, insert, select
from sqlalchemy.exc import IntegrityError

from facilitation.extensions import db
from facilitation.kernel.access import PUBLIC, Actor, moderation_audience
from facilitation.kernel.errors import Closed, Conflict, DomainError, Invalid, NotAllowed, NotFound
from facilitation.kernel.events import NOTE_ADDED
from facilitation.kernel.lookups import is_id, load_workshop, owned
from facilitation.kernel.payloads import clean_characters
from facilitation.kernel.revisions import commit_and_publish, log_change, next_revision
from facilitation.kernel.visibility import note_view
from facilitation.models import BlockedWord, Board, Group, Note, Perspective, Section, Workshop, utcnow
from facilitation.moderation import wordlist

CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")

# The post's own statements, built once and run as Core: on every note, building an ORM query or flushing a
# unit of work costs several times what SQLite spends on the SQL (tests/notes/test_write_path.py counts them).
_INSERT_NOTE = insert(Note.__table__)
_BOARDS = Board.__table__
_SECTIONS = Section.__table__
_BOARD_AND_SECTION = (
    select(
        _BOARDS.c.id,
        _BOARDS.c.mode,
        _BOARDS.c.open_to_attendees,
        _SECTIONS.c.id.label("section_id"),
        (
            bindparam("check_words", type_=Boolean)
            & exists()
            .where(
                BlockedWord.workshop_id == bindparam("workshop_id"),
                bindparam("text", type_=Text).contains(BlockedWord.word),
            )
            .correlate(None)
        ).label("maybe_blocked"),
    )
    .join(_SECTIONS, _SECTIONS.c.board_id == _BOARDS.c.id)
    .where(
        _BOARDS.c.id == bindparam("board_id"),
        _SECTIONS.c.id == bindparam("section_id"),
        _BOARDS.c.workshop_id == bindparam("workshop_id"),
    )
)


def clean_text(text: str) -> str:
    """Trim and bound a note's text; the same rule for every way a note can arrive."""
    cleaned = clean_characters(text, "Your note").strip()
    if not cleaned:
        raise Invalid(_("Write something before sending."), code="empty_text")
    limit = current_app.config["NOTE_MAX_CHARS"]
    if len(cleaned) > limit:
        raise Invalid(_("Notes are limited to %(limit)s characters.", limit=limit), code="text_too_long")
    return cleaned


def _same_author(note: Note, actor: Actor) -> bool:
    return (
        note.author_role == actor.role
        and note.participant_id == actor.participant_id
        and (actor.role != "facilitator" or note.group_id == actor.group_id)
    )


def _find_by_client_id(workshop_id: int, client_id: str) -> Note | None:
    return db.session.scalar(select(Note).where(Note.workshop_id == workshop_id, Note.client_id == client_id))


def _resend_result(existing: Note, actor: Actor) -> dict[str, Any]:
    if not _same_author(existing, actor):
        raise Conflict(_("That note id is already taken; generate a new one."), code="client_id_taken")
    return {"note": note_view(existing), "revision": existing.revision, "duplicate": True}


def post_note(actor: Actor, workshop_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    """Store a note once per client id and broadcast it; a resend gets the first result back.

    `fields` has already been checked against REQUEST_SHAPES["note:post"] by the adapter. The first post
    of a client id costs at most five statements and one commit (tests/notes/test_write_path.py): the
    sender (already loaded with its workshop), the board with its section and a blocked-word pre-check,
    the revision, the note and its change-log entry. A resend is found by the unique client id the insert
    trips over, or, when the post would now be refused (the board locked since), by looking it up then.
    """
    workshop = load_workshop(actor, workshop_id, "note.post")
    if not CLIENT_ID.match(fields["client_id"]):
        raise Invalid("client_id must be 8-64 letters, digits, - or _.", code="bad_client_id")
    workshop_key = workshop.id
    try:
        return _store_note(actor, workshop, fields)
    except (IntegrityError, DomainError):
        # Another resend of the same client id won the race, or the first post went through and the board
        # or workshop has closed since: answer with its result; anything else is the refusal it was.
        db.session.rollback()
        existing = _find_by_client_id(workshop_key, fields["client_id"])
        if existing is None:
            raise
        return _resend_result(existing, actor)


def _store_note(actor: Actor, workshop: Workshop, fields: dict[str, Any]) -> dict[str, Any]:
    if not workshop.is_open:
        raise Closed(_("This workshop has closed."), code="workshop_closed")
    text = clean_text(fields["text"])
    board = _board_and_section(actor, workshop, fields, text)
    if actor.role == "attendee" and not board.open_to_attendees:
        raise NotAllowed(_("This board is not open for posting from phones."), code="board_closed")
    if board.mode == "locked":
        raise Closed(_("This board is read-only now."), code="board_locked")
    perspective_id = fields.get("perspective_id")
    if perspective_id is not None:
        owned(Perspective, perspective_id, workshop, "unknown_perspective", "No such perspective in this workshop.")
    group_id = _group_for(actor, workshop.id, fields.get("group_id"))
    status = initial_status(actor, workshop.id, board, text, board.maybe_blocked)
    # A pending note goes to moderators only; its author gets it back in the acknowledgement.
    audience = PUBLIC if status == "visible" else moderation_audience(group_id)
    now = utcnow()
    values = {
        "workshop_id": workshop.id,
        "client_id": fields["client_id"],
        "board_id": board.id,
        "section_id": board.section_id,
        "perspective_id": perspective_id,
        "group_id": group_id,
        "participant_id": actor.participant_id,
        "author_role": actor.role,
        "author_name": actor.display_name if actor.role == "attendee" else "",
        "text": text,
        "status": status,
        "version": 1,
        "pinned": False,
        "votes": None,
        # Taken first, so the note is inserted once with its revision (no UPDATE after the INSERT).
        "revision": next_revision(workshop.id, audience),
        "created_at": now,
        "updated_at": now,
    }
    # One Core INSERT, not an ORM flush (several times the SQL's own cost, on every note); a resend's
    # duplicate client id stops here (IntegrityError, caught by post_note).
    note_id = db.session.execute(_INSERT_NOTE, values).inserted_primary_key[0]
    view = note_view(Note(id=note_id, **values))
    change = log_change(workshop.id, values["revision"], NOTE_ADDED, {"note": view}, audience, at_once=True)
    commit_and_publish(workshop.id, [change])
    return {"note": view, "revision": change.revision, "duplicate": False}


def _board_and_section(actor: Actor, workshop: Workshop, fields: dict[str, Any], text: str):
    """The board posted to (id, mode, open_to_attendees), its section_id and whether a blocked word may
    occur in the text (maybe_blocked), in one Core query: the ORM would build two entities per note.

    The pre-check is a substring test of the normalised text against the list (no false negatives: a
    whole-word match is a substring of the single-spaced, case-folded text); only when it says maybe does
    wordlist.blocked_words_in run its exact whole-word test. Only an attendee's note is checked at all.
    """
    board_id, section_id = fields["board_id"], fields["section_id"]
    row = (
        db.session.execute(
            _BOARD_AND_SECTION,
            {
                "board_id": board_id,
                "section_id": section_id,
                "workshop_id": workshop.id,
                "text": wordlist.normalise(text),
                "check_words": actor.role == "attendee",
            },
        ).first()
        if is_id(board_id) and is_id(section_id)
        else None
    )
    if row is None:
        # Which one is wrong (an error path: one more query is fine here).
        owned(Board, board_id, workshop, "unknown_board", "No such board in this workshop.")
        raise NotFound(_("No such section on this board."), code="unknown_section")
    return row


def initial_status(actor: Actor, workshop_id: int, board: Board, text: str, maybe_blocked: bool = True) -> str:
    """Visible at once, or pending in the moderation queue: an attendee's note waits when the board is
    pre-moderated or the text contains a blocked word. Organiser and facilitators are trusted (they could
    approve their own notes anyway). `maybe_blocked` False skips the word test (the pre-check ruled it out)."""
    if actor.role != "attendee":
        return "visible"
    if board.mode == "premoderated":
        return "pending"
    if maybe_blocked and wordlist.blocked_words_in(workshop_id, text):
        return "pending"
    return "visible"


def _group_for(actor: Actor, workshop_id: int, requested: int | None) -> int | None:
    """Facilitators always post for their own group; others may name one of this workshop's groups."""
    if actor.role == "facilitator":
        if requested is not None and requested != actor.group_id:
            raise NotAllowed(_("Facilitators post for their own group only."), code="wrong_group")
        return actor.group_id
    if requested is None:
        return None
    group = db.session.get(Group, requested)
    if group is None or group.workshop_id != workshop_id:
        raise NotFound(_("No such group in this workshop."), code="unknown_group")
    return group.id
