"""Posting over the socket: the acknowledged wrapper checks note:post's shape once, before the service runs."""

from __future__ import annotations

import pytest

from facilitation.kernel.events import NAMESPACE, NOTE_POST
from facilitation.workshops import participants
from tests.conftest import board_by_kind
from tests.notes.test_service import change_count, note_count, note_payload, revision_of


@pytest.fixture
def attendee_token(workshop) -> str:
    return participants.join(workshop.join_code, "Sam")["token"]


def assert_refused_over_socket(connect, token, workshop_id, payload, code):
    """The ack names the error and notes, changes and revision are untouched."""
    before = (note_count(), change_count(workshop_id), revision_of(workshop_id))
    client = connect({"token": token})
    ack = client.emit(NOTE_POST, payload, namespace=NAMESPACE, callback=True)
    assert ack["ok"] is False
    assert ack["code"] == code
    assert (note_count(), change_count(workshop_id), revision_of(workshop_id)) == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("board_id", "1"),
        ("board_id", True),
        ("section_id", True),
        ("section_id", 1.0),
        ("text", 42),
        ("client_id", 12345678),
        ("perspective_id", "1"),
        ("group_id", False),
    ],
)
def test_wrong_types_are_refused(connect, workshop, attendee_token, field, value):
    board = board_by_kind(workshop, "solutions")
    assert_refused_over_socket(
        connect, attendee_token, workshop.id, note_payload(board, **{field: value}), "wrong_type"
    )


def test_extra_field_is_refused(connect, workshop, attendee_token):
    board = board_by_kind(workshop, "solutions")
    assert_refused_over_socket(
        connect, attendee_token, workshop.id, note_payload(board, colour="red"), "unexpected_field"
    )


@pytest.mark.parametrize("field", ["client_id", "board_id", "section_id", "text"])
def test_missing_field_is_refused(connect, workshop, attendee_token, field):
    payload = note_payload(board_by_kind(workshop, "solutions"))
    del payload[field]
    assert_refused_over_socket(connect, attendee_token, workshop.id, payload, "missing_field")


@pytest.mark.parametrize("payload", [["a", "list"], "text", 7])
def test_payload_that_is_not_an_object_is_refused(connect, workshop, attendee_token, payload):
    assert_refused_over_socket(connect, attendee_token, workshop.id, payload, "bad_payload")
