"""The write path of one note: at most five SQL statements and one commit, over the socket and over HTTP.

Counted with SQLAlchemy's own engine events around one post, after a first post has warmed the connection
pool up (a new connection's PRAGMAs are not the post's). The counts are behaviour, not timing: a feature
that adds a query per note to the hot path fails here, whatever the machine.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from facilitation.extensions import db
from facilitation.kernel.events import NAMESPACE, NOTE_POST
from facilitation.workshops import participants
from tests.conftest import board_by_kind
from tests.notes.test_service import note_payload

MAX_STATEMENTS = 5


@contextmanager
def counted():
    """Every statement and every commit the engine sees inside the block."""
    seen = {"statements": [], "commits": 0}

    def on_statement(_conn, _cursor, statement, *_rest):
        seen["statements"].append(statement.split()[0].upper() + " " + statement[:90])

    def on_commit(_conn):
        seen["commits"] += 1

    engine = db.engine
    event.listen(engine, "before_cursor_execute", on_statement)
    event.listen(engine, "commit", on_commit)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", on_statement)
        event.remove(engine, "commit", on_commit)


@pytest.fixture
def attendee_token(workshop) -> str:
    token = participants.join(workshop.join_code, "Sam")["token"]
    db.session.commit()
    return token


def forget_loaded_rows():
    """Start the counted post from a new session, as a real event does: the fixtures' rows (the workshop
    above all) would otherwise still be in this test's session and hide a second read of them."""
    db.session.remove()


def assert_lean(seen):
    assert len(seen["statements"]) <= MAX_STATEMENTS, "\n".join(seen["statements"])
    assert seen["commits"] == 1, seen


@pytest.mark.parametrize("who", ["attendee", "facilitator"])
def test_a_socket_post_is_five_statements_and_one_commit(connect, workshop, attendee_token, who):
    token = attendee_token if who == "attendee" else workshop.groups[0].facilitator_token
    board = board_by_kind(workshop, "solutions")
    client = connect({"token": token})
    assert client.emit(NOTE_POST, note_payload(board), namespace=NAMESPACE, callback=True)["ok"]
    payload = note_payload(board, text="Second note")
    forget_loaded_rows()
    with counted() as seen:
        ack = client.emit(NOTE_POST, payload, namespace=NAMESPACE, callback=True)
    assert ack["ok"], ack
    assert ack["duplicate"] is False
    assert_lean(seen)


def test_a_post_with_a_blocked_word_list_stays_lean_unless_a_word_may_match(connect, workshop, attendee_token):
    from facilitation.models import BlockedWord

    db.session.add_all(BlockedWord(workshop_id=workshop.id, word=word) for word in ("rude", "very bad"))
    db.session.commit()
    board = board_by_kind(workshop, "solutions")
    client = connect({"token": attendee_token})
    assert client.emit(NOTE_POST, note_payload(board), namespace=NAMESPACE, callback=True)["ok"]
    payload = note_payload(board, text="A kind idea")
    forget_loaded_rows()
    with counted() as seen:
        ack = client.emit(NOTE_POST, payload, namespace=NAMESPACE, callback=True)
    assert ack["note"]["status"] == "visible"
    assert_lean(seen)
    # The pre-check has no false negatives: a phrase typed with odd spacing and case still waits.
    ack = client.emit(NOTE_POST, note_payload(board, text="That is VERY   bad."), namespace=NAMESPACE, callback=True)
    assert ack["note"]["status"] == "pending"


def test_an_http_post_is_five_statements_and_one_commit(client, workshop, attendee_token):
    board = board_by_kind(workshop, "solutions")
    url = f"/api/v1/workshops/{workshop.id}/notes"
    headers = {"Authorization": f"Bearer {attendee_token}"}
    assert client.post(url, json=note_payload(board), headers=headers).status_code == 201
    payload = note_payload(board, text="Over HTTP")
    forget_loaded_rows()
    with counted() as seen:
        response = client.post(url, json=payload, headers=headers)
    assert response.status_code == 201, response.get_json()
    assert_lean(seen)


def test_a_resend_still_gets_the_first_result(connect, workshop, attendee_token):
    board = board_by_kind(workshop, "solutions")
    client = connect({"token": attendee_token})
    payload = note_payload(board)
    first = client.emit(NOTE_POST, payload, namespace=NAMESPACE, callback=True)
    again = client.emit(NOTE_POST, payload, namespace=NAMESPACE, callback=True)
    assert again["duplicate"] is True
    assert again["note"] == first["note"]
    assert again["revision"] == first["revision"]
