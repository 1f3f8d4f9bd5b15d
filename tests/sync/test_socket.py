"""Socket.IO handlers through Flask-SocketIO's test client: connect, acks, broadcasts, refusals, rate limit."""

from __future__ import annotations

import re
import uuid

import pytest

from facilitation.extensions import db
from facilitation.kernel import revisions
from facilitation.kernel.events import (
    NAMESPACE,
    NOTE_ADDED,
    NOTE_POST,
    NOTE_UPDATED,
    PROJECTOR_CHANGED,
    PROJECTOR_SHOW,
    STATE,
    SYNC,
    WELCOME,
)
from facilitation.models import Note, Participant, Workshop
from facilitation.workshops import participants
from facilitation.workshops import service as workshops
from tests.conftest import board_by_kind

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def attendee_token(workshop, name="Sam") -> str:
    return participants.join(workshop.join_code, name)["token"]


def received(client, name=None) -> list:
    events = client.get_received(NAMESPACE)
    return [e for e in events if name is None or e["name"] == name]


def emit(client, event, *args):
    return client.emit(event, *args, namespace=NAMESPACE, callback=True)


def note(board, **overrides) -> dict:
    return {
        "client_id": uuid.uuid4().hex,
        "board_id": board.id,
        "section_id": board.sections[0].id,
        "text": "Hi",
        **overrides,
    }


def signed_in_flask_client(app, email="organiser@example.org", password="correct horse battery"):
    client = app.test_client()
    token = CSRF_FIELD.search(client.get("/organiser/login").get_data(as_text=True)).group(1)
    response = client.post("/organiser/login", data={"email": email, "password": password, "csrf_token": token})
    assert response.status_code == 302
    return client


# --- connecting -------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["attendee", "facilitator", "projector"])
def test_token_holders_connect_and_get_a_welcome(connect, workshop, role):
    token = {
        "attendee": lambda: attendee_token(workshop),
        "facilitator": lambda: workshop.groups[3].facilitator_token,
        "projector": lambda: workshop.projector_token,
    }[role]()

    client = connect({"token": token})

    assert client.is_connected(NAMESPACE)
    welcome = received(client, WELCOME)
    assert len(welcome) == 1
    assert welcome[0]["args"][0] == {"role": role, "workshop_id": workshop.id, "revision": 0, "note_max_chars": 500}


@pytest.mark.parametrize(
    "auth", [{"token": "a_nope"}, {"token": "f_nope"}, {"token": 42}, {"token": ""}, {}, None, {"workshop_id": 1}]
)
def test_bad_credentials_are_refused_at_connect(connect, workshop, auth):
    client = connect(auth)
    assert client.is_connected(NAMESPACE) is False


def test_attendee_of_a_closed_workshop_is_refused(connect, workshop, organiser):
    token = attendee_token(workshop)
    workshops.set_open(organiser, workshop.id, False)
    assert connect({"token": token}).is_connected(NAMESPACE) is False


def test_organiser_connects_with_the_signed_in_cookie(app, connect, workshop, organiser):
    client = connect({"workshop_id": workshop.id}, flask_test_client=signed_in_flask_client(app))
    assert client.is_connected(NAMESPACE)
    assert received(client, WELCOME)[0]["args"][0]["role"] == "organiser"


def test_organiser_cannot_connect_to_another_organisers_workshop(app, connect, workshop, other_organiser):
    flask_client = signed_in_flask_client(app, "other@example.org", "another long password")
    assert connect({"workshop_id": workshop.id}, flask_test_client=flask_client).is_connected(NAMESPACE) is False
    assert connect({"workshop_id": str(workshop.id)}, flask_test_client=flask_client).is_connected(NAMESPACE) is False


def test_workshop_id_without_a_signed_in_cookie_is_refused(app, connect, workshop, organiser):
    assert connect({"workshop_id": workshop.id}, flask_test_client=app.test_client()).is_connected(NAMESPACE) is False


# --- posting and broadcasts ------------------------------------------------------------------------------


def test_note_post_is_acknowledged_and_broadcast_with_the_same_revision(connect, workshop):
    phone = connect({"token": attendee_token(workshop)})
    projector = connect({"token": workshop.projector_token})
    tablet = connect({"token": workshop.groups[0].facilitator_token})
    for client in (phone, projector, tablet):
        received(client)

    ack = emit(phone, NOTE_POST, note(board_by_kind(workshop, "solutions"), text="Build in time"))

    assert ack["ok"] is True
    assert ack["duplicate"] is False
    assert ack["note"]["text"] == "Build in time"
    assert ack["revision"] == 1
    for client in (projector, tablet, phone):
        added = received(client, NOTE_ADDED)
        assert len(added) == 1
        envelope = added[0]["args"][0]
        assert envelope == {"revision": ack["revision"], "event": NOTE_ADDED, "data": {"note": ack["note"]}}


def test_resend_is_acknowledged_with_the_first_result_and_not_broadcast_again(connect, workshop):
    tablet = connect({"token": workshop.groups[1].facilitator_token})
    projector = connect({"token": workshop.projector_token})
    payload = note(board_by_kind(workshop, "tree"))

    first = emit(tablet, NOTE_POST, payload)
    received(projector)
    again = emit(tablet, NOTE_POST, payload)

    assert again["ok"] is True
    assert again["duplicate"] is True
    assert again["note"] == first["note"]
    assert received(projector, NOTE_ADDED) == []
    assert db.session.query(Note).count() == 1


def test_other_workshops_do_not_hear_the_broadcast(connect, workshop, other_organiser):
    other = workshops.create_workshop(other_organiser, "blank")
    stranger = connect({"token": other.projector_token})
    received(stranger)
    phone = connect({"token": attendee_token(workshop)})
    assert emit(phone, NOTE_POST, note(board_by_kind(workshop, "solutions")))["ok"] is True
    assert received(stranger) == []


def test_moderator_only_changes_reach_moderators_only(connect, workshop):
    phone = connect({"token": attendee_token(workshop)})
    tablet = connect({"token": workshop.groups[0].facilitator_token})
    projector = connect({"token": workshop.projector_token})
    for client in (phone, tablet, projector):
        received(client)

    change = revisions.record_change(workshop.id, NOTE_UPDATED, {"note": {"id": 0}}, audience="moderators")
    revisions.commit_and_publish(workshop.id, [change])

    assert [e["args"][0]["revision"] for e in received(tablet, NOTE_UPDATED)] == [1]
    assert received(phone) == []
    assert received(projector) == []


@pytest.mark.parametrize(
    ("make_payload", "code"),
    [
        (lambda w: note(board_by_kind(w, "solutions"), text="   "), "empty_text"),
        (lambda w: note(board_by_kind(w, "solutions"), text="x" * 501), "text_too_long"),
        (lambda w: note(board_by_kind(w, "solutions"), board_id="1"), "wrong_type"),
        (lambda w: note(board_by_kind(w, "solutions"), section_id=True), "wrong_type"),
        (lambda w: note(board_by_kind(w, "solutions"), votes=3), "unexpected_field"),
        (lambda w: {"client_id": uuid.uuid4().hex, "text": "x"}, "missing_field"),
        (lambda w: note(board_by_kind(w, "solutions"), board_id=99999), "unknown_board"),
        (lambda w: note(board_by_kind(w, "solutions"), section_id=99999), "unknown_section"),
        (lambda w: note(board_by_kind(w, "tree")), "board_closed"),
        (lambda w: note(board_by_kind(w, "solutions"), client_id="no"), "bad_client_id"),
        (lambda w: "just a string", "bad_payload"),
        (lambda w: ["a", "list"], "bad_payload"),
    ],
)
def test_bad_note_is_refused_in_the_ack_and_the_socket_stays_connected(connect, workshop, make_payload, code):
    phone = connect({"token": attendee_token(workshop)})

    ack = emit(phone, NOTE_POST, make_payload(workshop))

    assert ack["ok"] is False
    assert ack["code"] == code
    assert isinstance(ack["message"], str) and ack["message"]
    assert phone.is_connected(NAMESPACE)
    assert db.session.query(Note).count() == 0
    follow_up = emit(phone, NOTE_POST, note(board_by_kind(workshop, "solutions")))
    assert follow_up["ok"] is True


def test_two_arguments_in_one_event_are_refused(connect, workshop):
    phone = connect({"token": attendee_token(workshop)})
    ack = emit(phone, NOTE_POST, note(board_by_kind(workshop, "solutions")), {"extra": True})
    assert ack["ok"] is False
    assert ack["code"] == "bad_payload"
    assert phone.is_connected(NAMESPACE)
    assert db.session.query(Note).count() == 0


def test_note_without_payload_is_refused(connect, workshop):
    phone = connect({"token": attendee_token(workshop)})
    ack = emit(phone, NOTE_POST)
    assert (ack["ok"], ack["code"]) == (False, "missing_field")


def test_projector_may_not_post(connect, workshop):
    projector = connect({"token": workshop.projector_token})
    ack = emit(projector, NOTE_POST, note(board_by_kind(workshop, "solutions")))
    assert (ack["ok"], ack["code"]) == (False, "forbidden")


def test_removed_attendee_is_refused_on_the_next_event(connect, workshop):
    joined = participants.join(workshop.join_code, "Sam")
    phone = connect({"token": joined["token"]})
    db.session.get(Participant, joined["participant_id"]).removed = True
    db.session.commit()
    ack = emit(phone, NOTE_POST, note(board_by_kind(workshop, "solutions")))
    assert (ack["ok"], ack["code"]) == (False, "bad_token")


# --- sync and state ----------------------------------------------------------------------------------


def test_sync_returns_the_missed_changes(connect, workshop):
    tablet = connect({"token": workshop.groups[0].facilitator_token})
    tree = board_by_kind(workshop, "tree")
    posted = [emit(tablet, NOTE_POST, note(tree, text=f"n{i}")) for i in range(3)]

    ack = emit(tablet, SYNC, {"since": 1})

    assert ack["ok"] is True
    assert ack["reset"] is False
    assert ack["revision"] == 3
    assert [c["data"]["note"] for c in ack["changes"]] == [p["note"] for p in posted[1:]]

    reset = emit(tablet, SYNC, {"since": 0})
    assert reset["ok"] is True
    assert reset["reset"] is True
    assert [n["text"] for n in reset["state"]["notes"]] == ["n0", "n1", "n2"]


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"since": -1}, "bad_revision"),
        ({"since": "1"}, "wrong_type"),
        ({}, "missing_field"),
        ({"since": 1, "x": 1}, "unexpected_field"),
    ],
)
def test_bad_sync_is_refused(connect, workshop, payload, code):
    phone = connect({"token": attendee_token(workshop)})
    ack = emit(phone, SYNC, payload)
    assert (ack["ok"], ack["code"]) == (False, code)
    assert phone.is_connected(NAMESPACE)


def test_state_ack_carries_the_full_state(connect, workshop):
    phone = connect({"token": attendee_token(workshop)})
    emit(phone, NOTE_POST, note(board_by_kind(workshop, "solutions"), text="first"))

    ack = emit(phone, STATE, {})

    assert ack["ok"] is True
    assert ack["revision"] == 1
    assert ack["structure"]["workshop"]["id"] == workshop.id
    assert [n["text"] for n in ack["notes"]] == ["first"]
    assert emit(phone, STATE, {"all": True})["code"] == "unexpected_field"


# --- projector control ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["attendee", "facilitator", "projector"])
def test_only_the_organiser_moves_the_projector(connect, workshop, who):
    token = {
        "attendee": lambda: attendee_token(workshop),
        "facilitator": lambda: workshop.groups[0].facilitator_token,
        "projector": lambda: workshop.projector_token,
    }[who]()
    client = connect({"token": token})
    ack = emit(client, PROJECTOR_SHOW, {"board_id": None})
    assert (ack["ok"], ack["code"]) == (False, "forbidden")
    assert db.session.get(Workshop, workshop.id).projector_board_id == workshop.boards[0].id


def test_organiser_moves_the_projector_and_the_room_hears_it(app, connect, workshop, organiser):
    control = connect({"workshop_id": workshop.id}, flask_test_client=signed_in_flask_client(app))
    screen = connect({"token": workshop.projector_token})
    received(screen)
    ideas = board_by_kind(workshop, "ideas")

    ack = emit(control, PROJECTOR_SHOW, {"board_id": ideas.id})

    assert (ack["ok"], ack["board_id"], ack["revision"]) == (True, ideas.id, 1)
    heard = [e["args"][0] for e in received(screen, PROJECTOR_CHANGED)]
    assert [(e["revision"], e["event"], e["data"]["board_id"]) for e in heard] == [(1, PROJECTOR_CHANGED, ideas.id)]
    assert emit(control, PROJECTOR_SHOW, {"board_id": "2"})["code"] == "wrong_type"
    assert emit(control, PROJECTOR_SHOW, {"board_id": 99999})["code"] == "unknown_board"


# --- rate limit ---------------------------------------------------------------------------------------


def test_note_post_is_rate_limited_per_socket(connect, workshop):
    phone = connect({"token": attendee_token(workshop)})
    board = board_by_kind(workshop, "solutions")

    acks = [emit(phone, NOTE_POST, note(board)) for _ in range(30)]

    codes = [a.get("code") for a in acks if not a["ok"]]
    assert acks[0]["ok"] is True
    assert "rate_limited" in codes
    assert set(codes) == {"rate_limited"}
    stored = db.session.query(Note).count()
    assert stored == sum(1 for a in acks if a["ok"])
    assert stored < 30
    assert phone.is_connected(NAMESPACE)

    # The bucket belongs to that socket: another phone can still post.
    other = connect({"token": attendee_token(workshop, "Kim")})
    assert emit(other, NOTE_POST, note(board))["ok"] is True
