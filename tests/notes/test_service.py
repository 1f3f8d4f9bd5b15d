"""Posting notes through the service: who may post where, idempotent resends, and bad input stores nothing."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.kernel.access import actor_for_token
from facilitation.kernel.errors import Closed, Conflict, DomainError, Invalid, NotAllowed, NotFound
from facilitation.kernel.events import NOTE_ADDED
from facilitation.models import Change, Note, Workshop
from facilitation.notes import service as notes
from facilitation.workshops import participants
from facilitation.workshops import service as workshops
from tests.conftest import board_by_kind


def new_client_id() -> str:
    return uuid.uuid4().hex


def note_payload(board, section=None, **overrides) -> dict:
    payload = {
        "client_id": new_client_id(),
        "board_id": board.id,
        "section_id": (section or board.sections[0]).id,
        "text": "Libraries run crochet groups",
    }
    payload.update(overrides)
    return payload


def note_count() -> int:
    return db.session.scalar(select(func.count(Note.id)))


def change_count(workshop_id: int) -> int:
    return db.session.scalar(select(func.count(Change.id)).where(Change.workshop_id == workshop_id))


def revision_of(workshop_id: int) -> int:
    return db.session.execute(select(Workshop.revision).where(Workshop.id == workshop_id)).scalar_one()


def assert_refused(actor, workshop_id, payload, error_type, code):
    """The service raises the expected error and leaves notes, changes and revision untouched."""
    before = (note_count(), change_count(workshop_id), revision_of(workshop_id))
    with pytest.raises(error_type) as raised:
        notes.post_note(actor, workshop_id, payload)
    assert raised.value.code == code
    db.session.rollback()
    assert (note_count(), change_count(workshop_id), revision_of(workshop_id)) == before


# --- who may post -------------------------------------------------------------------------------


def test_attendee_posts_a_note_with_their_name(workshop, attendee):
    board = board_by_kind(workshop, "solutions")
    payload = note_payload(board, board.sections[1], text="  Build in time to get it right  ")

    result = notes.post_note(attendee, workshop.id, payload)

    assert result["duplicate"] is False
    note = db.session.get(Note, result["note"]["id"])
    assert note.text == "Build in time to get it right"
    assert note.author_role == "attendee"
    assert note.author_name == "Sam"
    assert note.participant_id == attendee.participant_id
    assert note.section_id == board.sections[1].id
    assert note.group_id is None
    assert result["note"]["text"] == "Build in time to get it right"
    assert result["revision"] == note.revision == revision_of(workshop.id)


def test_attendee_may_name_a_group_of_the_workshop(workshop, attendee):
    board = board_by_kind(workshop, "washing_line")
    group = workshop.groups[2]
    result = notes.post_note(attendee, workshop.id, note_payload(board, group_id=group.id))
    assert result["note"]["group_id"] == group.id


def test_facilitator_posts_to_the_tree_with_their_group_forced(workshop, facilitator):
    tree = board_by_kind(workshop, "tree")
    perspective = workshop.perspectives[1]
    payload = note_payload(tree, tree.sections[0], perspective_id=perspective.id)

    result = notes.post_note(facilitator, workshop.id, payload)

    note = db.session.get(Note, result["note"]["id"])
    assert note.group_id == facilitator.group_id == workshop.groups[0].id
    assert note.perspective_id == perspective.id
    assert note.author_role == "facilitator"
    assert note.author_name == ""


def test_facilitator_may_name_their_own_group(workshop, facilitator):
    tree = board_by_kind(workshop, "tree")
    result = notes.post_note(facilitator, workshop.id, note_payload(tree, group_id=facilitator.group_id))
    assert result["note"]["group_id"] == facilitator.group_id


def test_facilitator_naming_another_group_is_refused(workshop, facilitator):
    tree = board_by_kind(workshop, "tree")
    payload = note_payload(tree, group_id=workshop.groups[1].id)
    assert_refused(facilitator, workshop.id, payload, NotAllowed, "wrong_group")


def test_organiser_posts_to_any_board(workshop, organiser):
    tree = board_by_kind(workshop, "tree")
    result = notes.post_note(
        organiser, workshop.id, note_payload(tree, tree.sections[1], group_id=workshop.groups[3].id)
    )
    note = db.session.get(Note, result["note"]["id"])
    assert note.author_role == "organiser"
    assert note.group_id == workshop.groups[3].id
    assert note.section_id == tree.sections[1].id


def test_projector_may_not_post(workshop, projector):
    board = board_by_kind(workshop, "solutions")
    assert_refused(projector, workshop.id, note_payload(board), NotAllowed, "forbidden")


def test_attendee_cannot_post_to_board_closed_to_attendees(workshop, attendee):
    tree = board_by_kind(workshop, "tree")
    assert tree.open_to_attendees is False
    assert_refused(attendee, workshop.id, note_payload(tree), NotAllowed, "board_closed")


def test_attendee_of_another_workshop_is_refused(workshop, attendee, other_organiser):
    other = workshops.create_workshop(other_organiser, "blank")
    stranger = actor_for_token(participants.join(other.join_code, "Alex")["token"])
    board = board_by_kind(workshop, "solutions")
    assert_refused(stranger, workshop.id, note_payload(board), NotAllowed, "forbidden")


def test_nobody_posts_to_a_closed_workshop(workshop, organiser, attendee, facilitator):
    workshops.set_open(organiser, workshop.id, False)
    board = board_by_kind(workshop, "solutions")
    for actor in (attendee, facilitator):
        assert_refused(actor, workshop.id, note_payload(board), Closed, "workshop_closed")


def test_unknown_workshop_is_refused(workshop, attendee):
    board = board_by_kind(workshop, "solutions")
    with pytest.raises(NotFound) as raised:
        notes.post_note(attendee, 9999, note_payload(board))
    assert raised.value.code == "unknown_workshop"


# --- idempotent resends -------------------------------------------------------------------------


def test_resending_the_same_client_id_stores_one_note_and_returns_the_first_result(workshop, attendee):
    board = board_by_kind(workshop, "solutions")
    payload = note_payload(board)

    first = notes.post_note(attendee, workshop.id, dict(payload))
    count, revision = note_count(), revision_of(workshop.id)
    second = notes.post_note(attendee, workshop.id, dict(payload))

    assert first["duplicate"] is False
    assert second["duplicate"] is True
    assert second["note"] == first["note"]
    assert second["revision"] == first["revision"]
    assert note_count() == count == 1
    assert revision_of(workshop.id) == revision


def test_resend_is_recognised_even_if_the_text_changed(workshop, facilitator):
    tree = board_by_kind(workshop, "tree")
    payload = note_payload(tree)
    first = notes.post_note(facilitator, workshop.id, dict(payload))
    second = notes.post_note(facilitator, workshop.id, {**payload, "text": "edited while offline"})
    assert second["duplicate"] is True
    assert second["note"]["text"] == first["note"]["text"]
    assert note_count() == 1


def test_client_id_reused_by_a_different_author_is_refused(workshop, attendee, facilitator):
    board = board_by_kind(workshop, "solutions")
    payload = note_payload(board)
    notes.post_note(attendee, workshop.id, dict(payload))

    other_attendee = actor_for_token(participants.join(workshop.join_code, "Kim")["token"])
    assert_refused(other_attendee, workshop.id, dict(payload), Conflict, "client_id_taken")
    assert_refused(facilitator, workshop.id, dict(payload), Conflict, "client_id_taken")


def test_client_id_reused_by_another_groups_facilitator_is_refused(workshop, facilitator):
    tree = board_by_kind(workshop, "tree")
    payload = note_payload(tree)
    notes.post_note(facilitator, workshop.id, dict(payload))
    second_group = actor_for_token(workshop.groups[1].facilitator_token)
    assert_refused(second_group, workshop.id, dict(payload), Conflict, "client_id_taken")


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "empty_text"), ("   \n\t ", "empty_text"), ("x" * 501, "text_too_long")],
    ids=["empty", "whitespace-only", "501-chars"],
)
def test_bad_text_is_refused(workshop, attendee, text, code):
    board = board_by_kind(workshop, "solutions")
    assert_refused(attendee, workshop.id, note_payload(board, text=text), Invalid, code)


def test_text_of_exactly_500_characters_is_accepted(workshop, attendee):
    board = board_by_kind(workshop, "solutions")
    result = notes.post_note(attendee, workshop.id, note_payload(board, text="y" * 500))
    assert len(result["note"]["text"]) == 500
    assert note_count() == 1


@pytest.mark.parametrize("client_id", ["short", "has space in it", "ü" * 10, "x" * 65])
def test_malformed_client_id_is_refused(workshop, attendee, client_id):
    board = board_by_kind(workshop, "solutions")
    assert_refused(attendee, workshop.id, note_payload(board, client_id=client_id), Invalid, "bad_client_id")


def test_unknown_board_is_refused(workshop, attendee):
    board = board_by_kind(workshop, "solutions")
    assert_refused(attendee, workshop.id, note_payload(board, board_id=99999), NotFound, "unknown_board")


def test_unknown_section_is_refused(workshop, attendee):
    board = board_by_kind(workshop, "solutions")
    assert_refused(attendee, workshop.id, note_payload(board, section_id=99999), NotFound, "unknown_section")


def test_section_of_another_board_is_refused(workshop, attendee):
    board = board_by_kind(workshop, "solutions")
    elsewhere = board_by_kind(workshop, "washing_line").sections[0]
    assert_refused(attendee, workshop.id, note_payload(board, section_id=elsewhere.id), NotFound, "unknown_section")


def test_board_of_another_workshop_is_refused(workshop, attendee, other_organiser):
    other = workshops.create_workshop(other_organiser, "blank")
    foreign = other.boards[0]
    payload = note_payload(foreign)
    assert_refused(attendee, workshop.id, payload, NotFound, "unknown_board")
    # Posting there directly is refused too: the attendee does not belong to that workshop.
    assert_refused(attendee, other.id, payload, NotAllowed, "forbidden")


def test_unknown_perspective_is_refused(workshop, facilitator, other_organiser):
    tree = board_by_kind(workshop, "tree")
    assert_refused(facilitator, workshop.id, note_payload(tree, perspective_id=99999), NotFound, "unknown_perspective")
    other = workshops.create_workshop(other_organiser, "oxford-2022")  # the blank template has no perspectives
    foreign = other.perspectives[0].id
    assert_refused(
        facilitator, workshop.id, note_payload(tree, perspective_id=foreign), NotFound, "unknown_perspective"
    )


def test_unknown_group_is_refused(workshop, attendee, other_organiser):
    board = board_by_kind(workshop, "solutions")
    assert_refused(attendee, workshop.id, note_payload(board, group_id=99999), NotFound, "unknown_group")
    other = workshops.create_workshop(other_organiser, "blank")
    foreign = other.groups[0].id
    assert_refused(attendee, workshop.id, note_payload(board, group_id=foreign), NotFound, "unknown_group")


def test_every_refusal_is_a_domain_error_with_a_message(workshop, attendee):
    board = board_by_kind(workshop, "solutions")
    with pytest.raises(DomainError) as raised:
        notes.post_note(attendee, workshop.id, note_payload(board, text=""))
    assert raised.value.as_ack() == {"ok": False, "code": "empty_text", "message": raised.value.message}
    assert raised.value.message


# --- what is stored and logged ------------------------------------------------------------------


def test_html_in_text_is_stored_literally(workshop, attendee):
    board = board_by_kind(workshop, "solutions")
    text = '<script>alert("x")</script> & <b>bold</b>'
    result = notes.post_note(attendee, workshop.id, note_payload(board, text=text))
    assert db.session.get(Note, result["note"]["id"]).text == text
    assert result["note"]["text"] == text


def test_every_post_takes_one_revision_and_logs_one_change(workshop, attendee, facilitator, organiser):
    solutions = board_by_kind(workshop, "solutions")
    tree = board_by_kind(workshop, "tree")
    posts = [(attendee, solutions), (facilitator, tree), (organiser, tree), (attendee, solutions)]
    for actor, board in posts:
        revision, changes = revision_of(workshop.id), change_count(workshop.id)

        result = notes.post_note(actor, workshop.id, note_payload(board))

        assert revision_of(workshop.id) == revision + 1
        assert result["revision"] == revision + 1
        assert change_count(workshop.id) == changes + 1
        change = db.session.scalar(
            select(Change).where(Change.workshop_id == workshop.id).order_by(Change.revision.desc()).limit(1)
        )
        assert change.revision == revision + 1
        assert change.event == NOTE_ADDED
        assert change.audience == "public"
        # The log keeps which note, never its text: catch-up reads the note as it is now (tests/sync/test_redaction.py).
        assert change.note_id == result["note"]["id"]
        assert change.payload == {"note_id": result["note"]["id"], "board_id": board.id}
    assert note_count() == len(posts)
