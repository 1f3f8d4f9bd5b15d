"""Moderation and voting over Socket.IO (Flask-SocketIO's test client): acks, refusals, who receives what."""

from __future__ import annotations

import uuid

import pytest

from facilitation.extensions import db, socketio
from facilitation.kernel import events
from facilitation.kernel.access import organiser_session
from facilitation.kernel.events import NAMESPACE
from facilitation.models import Note
from facilitation.moderation import service as moderation
from facilitation.workshops import participants
from tests.conftest import board_by_kind


@pytest.fixture
def connect(app):
    opened = []

    def open_socket(token):
        client = socketio.test_client(app, namespace=NAMESPACE, auth={"token": token})
        assert client.is_connected(NAMESPACE)
        client.get_received(NAMESPACE)  # drop the welcome
        opened.append(client)
        return client

    yield open_socket
    for client in opened:
        if client.is_connected(NAMESPACE):
            client.disconnect(namespace=NAMESPACE)


def emit(client, event, payload=None):
    return client.emit(event, payload if payload is not None else {}, namespace=NAMESPACE, callback=True)


def received(client) -> list[tuple[str, dict]]:
    return [(e["name"], e["args"][0]) for e in client.get_received(NAMESPACE)]


def post_note(client, board, text="Libraries lend more than books") -> dict:
    ack = emit(
        client,
        events.NOTE_POST,
        {"client_id": uuid.uuid4().hex, "board_id": board.id, "section_id": board.sections[0].id, "text": text},
    )
    assert ack["ok"], ack
    return ack["note"]


@pytest.fixture
def tokens(workshop):
    return {
        "facilitator": workshop.groups[0].facilitator_token,
        "other_facilitator": workshop.groups[1].facilitator_token,
        "attendee": participants.join(workshop.join_code, "Sam")["token"],
        "other_attendee": participants.join(workshop.join_code, "Lee")["token"],
        "projector": workshop.projector_token,
    }


def test_two_tablets_editing_one_note_the_second_gets_a_version_conflict(workshop, tokens, connect):
    solutions = board_by_kind(workshop, "solutions")
    first, second = connect(tokens["facilitator"]), connect(tokens["facilitator"])
    note = post_note(first, solutions, "Shared wording")

    ok = emit(first, events.NOTE_EDIT, {"note_id": note["id"], "text": "First tablet", "version": note["version"]})
    late = emit(second, events.NOTE_EDIT, {"note_id": note["id"], "text": "Second tablet", "version": note["version"]})

    assert ok["ok"] and ok["note"]["version"] == 2
    assert late["ok"] is False
    assert late["code"] == "version_conflict"
    assert late["current"] == {"note_id": note["id"], "text": "First tablet", "version": 2}
    assert db.session.get(Note, note["id"]).text == "First tablet"
    retry = emit(second, events.NOTE_EDIT, {"note_id": note["id"], "text": "Second tablet", "version": 2})
    assert retry["ok"] and retry["note"]["text"] == "Second tablet"


def test_attendee_cannot_hide_a_note(workshop, tokens, connect):
    phone = connect(tokens["attendee"])
    note = post_note(phone, board_by_kind(workshop, "solutions"))
    ack = emit(phone, events.NOTE_HIDE, {"note_id": note["id"]})
    assert (ack["ok"], ack["code"]) == (False, "forbidden")
    assert phone.is_connected(NAMESPACE)


def test_facilitator_of_another_group_cannot_touch_the_note(workshop, tokens, connect):
    own, intruder = connect(tokens["facilitator"]), connect(tokens["other_facilitator"])
    note = post_note(own, board_by_kind(workshop, "solutions"))
    for event, payload in [
        (events.NOTE_HIDE, {"note_id": note["id"]}),
        (events.NOTE_EDIT, {"note_id": note["id"], "text": "Mine now", "version": 1}),
        (events.NOTE_DELETE, {"note_id": note["id"]}),
        (events.NOTE_PIN, {"note_id": note["id"], "pinned": True}),
        (events.NOTE_MOVE, {"note_id": note["id"], "board_id": note["board_id"], "section_id": note["section_id"]}),
    ]:
        ack = emit(intruder, event, payload)
        assert (ack["ok"], ack["code"]) == (False, "not_your_group"), event
    assert db.session.get(Note, note["id"]).status == "visible"


def test_pending_note_reaches_moderators_only_and_approval_reaches_everyone(workshop, organiser, tokens, connect):
    solutions = board_by_kind(workshop, "solutions")
    moderation.set_board_mode(organiser, workshop.id, solutions.id, "premoderated")
    tablet, phone, other_phone, projector = (
        connect(tokens["facilitator"]),
        connect(tokens["attendee"]),
        connect(tokens["other_attendee"]),
        connect(tokens["projector"]),
    )

    note = post_note(phone, solutions, "Needs a look first")

    assert note["status"] == "pending"
    assert [name for name, _ in received(tablet)] == [events.NOTE_ADDED]
    assert received(other_phone) == [] and received(projector) == []

    ack = emit(tablet, events.NOTE_APPROVE, {"note_id": note["id"]})
    assert ack["ok"]
    [(name, envelope)] = received(projector)
    assert name == events.NOTE_ADDED and envelope["data"]["note"]["text"] == "Needs a look first"
    assert [name for name, _ in received(other_phone)] == [events.NOTE_ADDED]


def test_a_rejected_pending_note_is_reported_to_its_author_only(workshop, organiser, tokens, connect):
    solutions = board_by_kind(workshop, "solutions")
    moderation.set_board_mode(organiser, workshop.id, solutions.id, "premoderated")
    tablet, phone, other_phone = (
        connect(tokens["facilitator"]),
        connect(tokens["attendee"]),
        connect(tokens["other_attendee"]),
    )
    note = post_note(phone, solutions, "Held back")
    for socket in (tablet, phone, other_phone):
        received(socket)

    assert emit(tablet, events.NOTE_REJECT, {"note_id": note["id"]})["ok"]

    [(name, envelope)] = received(phone)
    assert name == events.NOTE_REMOVED and envelope["data"]["note_id"] == note["id"]
    assert received(other_phone) == []
    # A phone that was offline learns it when catching up; nobody else does.
    assert any(
        c["event"] == events.NOTE_REMOVED for c in emit(phone, events.SYNC, {"since": note["revision"]})["changes"]
    )
    assert emit(other_phone, events.SYNC, {"since": note["revision"]})["changes"] == []


def test_hidden_note_leaves_phones_without_its_text(workshop, tokens, connect):
    tablet, other_phone = connect(tokens["facilitator"]), connect(tokens["other_attendee"])
    note = post_note(connect(tokens["attendee"]), board_by_kind(workshop, "solutions"), "Contains a patient's name")
    received(tablet), received(other_phone)

    assert emit(tablet, events.NOTE_HIDE, {"note_id": note["id"]})["ok"]

    phone_events = received(other_phone)
    assert [name for name, _ in phone_events] == [events.NOTE_REMOVED]
    assert "patient" not in str(phone_events)
    assert [name for name, _ in received(tablet)] == [events.NOTE_REMOVED, events.NOTE_UPDATED]


def test_a_groups_hidden_note_reaches_its_facilitator_and_the_organiser_but_not_other_groups(
    app, workshop, organiser, tokens, connect, client
):
    tablet, other_tablet = connect(tokens["facilitator"]), connect(tokens["other_facilitator"])
    organiser_socket = signed_in_organiser_socket(app, client, workshop)
    note = post_note(tablet, board_by_kind(workshop, "solutions"), "Group one's private wording")
    for socket in (tablet, other_tablet, organiser_socket):
        received(socket)

    assert emit(tablet, events.NOTE_HIDE, {"note_id": note["id"]})["ok"]

    assert [name for name, _ in received(tablet)] == [events.NOTE_REMOVED, events.NOTE_UPDATED]
    assert [name for name, _ in received(organiser_socket)] == [events.NOTE_REMOVED, events.NOTE_UPDATED]
    other_events = received(other_tablet)
    assert [name for name, _ in other_events] == [events.NOTE_REMOVED]
    assert "private wording" not in str(other_events)
    # Catching up, and the full state, hold the same line.
    caught_up = emit(other_tablet, events.SYNC, {"since": note["revision"]})
    assert "private wording" not in str(caught_up)
    assert "private wording" not in str(emit(other_tablet, events.STATE))
    assert "private wording" in str(emit(tablet, events.STATE))


def signed_in_organiser_socket(app, client, workshop):
    """An organiser socket authenticated by the signed-in session cookie, as the organiser page connects."""
    with client.session_transaction() as session:
        session.update(organiser_session(workshop.organiser_id))
    socket = socketio.test_client(app, namespace=NAMESPACE, auth={"workshop_id": workshop.id}, flask_test_client=client)
    assert socket.is_connected(NAMESPACE)
    return socket


def test_bad_payloads_get_clear_codes(workshop, tokens, connect):
    tablet = connect(tokens["facilitator"])
    assert emit(tablet, events.NOTE_HIDE, {"note_id": "7"})["code"] == "wrong_type"
    assert emit(tablet, events.NOTE_HIDE, {"note_id": 7, "extra": 1})["code"] == "unexpected_field"
    assert emit(tablet, events.NOTE_HIDE, {"note_id": 987654})["code"] == "unknown_note"
    assert emit(tablet, events.NOTE_EDIT, {"note_id": 1, "text": "x"})["code"] == "missing_field"


def test_dot_voting_over_the_socket(workshop, organiser, tokens, connect):
    solutions = board_by_kind(workshop, "solutions")
    tablet = connect(tokens["facilitator"])
    notes = [post_note(tablet, solutions, f"Idea {n}")["id"] for n in range(2)]
    from facilitation.voting import service as voting

    vote_round = voting.open_round(organiser, workshop.id, solutions.id, 1)["round"]
    phone = connect(tokens["attendee"])

    status = emit(phone, events.VOTE_STATUS)
    assert status["rounds"][0]["left"] == 1
    assert emit(phone, events.VOTE_CAST, {"round_id": vote_round["id"], "note_id": notes[0]})["left"] == 0
    refused = emit(phone, events.VOTE_CAST, {"round_id": vote_round["id"], "note_id": notes[1]})
    assert (refused["ok"], refused["code"]) == (False, "no_votes_left")
    assert emit(tablet, events.VOTE_CAST, {"round_id": vote_round["id"], "note_id": notes[1]})["code"] == "forbidden"
    assert emit(tablet, events.VOTE_REVEAL, {"round_id": vote_round["id"]})["code"] == "forbidden"
    assert emit(phone, events.VOTE_RETRACT, {"round_id": vote_round["id"], "note_id": notes[0]})["left"] == 1
