"""Projector, agenda and timer events through Flask-SocketIO's test client: acks, broadcasts, refusals, catch-up."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

import pytest

from facilitation.kernel import events
from facilitation.kernel.events import NAMESPACE, PROJECTOR_CHANGED
from facilitation.workshops import participants
from tests.conftest import board_by_kind

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def organiser_socket(app, organiser, workshop, connect):
    """A signed-in organiser's socket on the workshop (cookie session, as the organiser pages connect)."""
    flask_client = app.test_client()
    page = flask_client.get("/organiser/login").get_data(as_text=True)
    token = CSRF_FIELD.search(page).group(1)
    response = flask_client.post(
        "/organiser/login",
        data={"email": "organiser@example.org", "password": "correct horse battery", "csrf_token": token},
    )
    assert response.status_code == 302
    return connect({"workshop_id": workshop.id}, flask_test_client=flask_client)


def emit(client, event, payload=None):
    return client.emit(event, payload if payload is not None else {}, namespace=NAMESPACE, callback=True)


def broadcasts(client, name=PROJECTOR_CHANGED) -> list:
    return [e["args"][0] for e in client.get_received(NAMESPACE) if e["name"] == name]


def test_organiser_moves_the_projector_and_every_screen_hears_the_whole_state(organiser_socket, workshop, connect):
    screen = connect({"token": workshop.projector_token})
    phone = connect({"token": participants.join(workshop.join_code, "Sam")["token"]})
    for client in (screen, phone):
        client.get_received(NAMESPACE)
    ideas = board_by_kind(workshop, "ideas")

    ack = emit(organiser_socket, events.PROJECTOR_TARGET, {"kind": "board", "board_id": ideas.id})

    assert ack["ok"] is True
    assert ack["projector"]["target"] == {"kind": "board", "board_id": ideas.id}
    for client in (screen, phone):
        (envelope,) = broadcasts(client)
        assert envelope == {"revision": ack["revision"], "event": PROJECTOR_CHANGED, "data": ack["projector"]}


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        (events.PROJECTOR_TARGET, {"kind": "welcome"}),
        (events.PROJECTOR_ROTATE, {"board_ids": "BOARDS", "seconds": 15}),
        (events.PROJECTOR_HIDE, {"board_id": "BOARD", "hidden": True}),
        (events.PROJECTOR_SPOTLIGHT, {"note_id": None}),
        (events.PROJECTOR_DISPLAY, {"board_id": "IDEAS", "display": "cloud"}),
        (events.AGENDA_STEP, {"step": 1}),
        (events.AGENDA_SET, {"item_id": None}),
        (events.TIMER_START, {"minutes": 3}),
        (events.TIMER_RESET, {}),
    ],
)
def test_each_control_event_is_acknowledged_with_the_new_state(organiser_socket, workshop, event, payload):
    ideas = board_by_kind(workshop, "ideas")
    filled = {
        key: {"BOARDS": [workshop.boards[0].id, ideas.id], "BOARD": workshop.boards[0].id, "IDEAS": ideas.id}.get(
            value, value
        )
        if isinstance(value, str)
        else value
        for key, value in payload.items()
    }
    organiser_socket.get_received(NAMESPACE)
    ack = emit(organiser_socket, event, filled)
    assert ack["ok"] is True, ack
    assert set(ack) == {"ok", "projector", "revision"}
    assert broadcasts(organiser_socket)[0]["data"] == ack["projector"]


def test_timer_pause_after_start(organiser_socket):
    assert emit(organiser_socket, events.TIMER_START, {"minutes": 2})["projector"]["timer"]["running"] is True
    paused = emit(organiser_socket, events.TIMER_PAUSE)
    assert paused["ok"] and paused["projector"]["timer"]["running"] is False
    assert 0 < paused["projector"]["timer"]["remaining_ms"] <= 120_000


@pytest.mark.parametrize("role", ["attendee", "facilitator", "projector"])
def test_only_the_organiser_may_control(role, workshop, connect):
    tokens = {
        "attendee": participants.join(workshop.join_code, "")["token"],
        "facilitator": workshop.groups[0].facilitator_token,
        "projector": workshop.projector_token,
    }
    client = connect({"token": tokens[role]})
    client.get_received(NAMESPACE)
    for event, payload in (
        (events.PROJECTOR_TARGET, {"kind": "welcome"}),
        (events.PROJECTOR_SPOTLIGHT, {"note_id": None}),
        (events.AGENDA_STEP, {"step": 1}),
        (events.TIMER_START, {"minutes": 1}),
        (events.PROJECTOR_SHOW, {"board_id": None}),
    ):
        ack = emit(client, event, payload)
        assert (ack["ok"], ack["code"]) == (False, "forbidden"), (event, ack)
    assert broadcasts(client) == []


@pytest.mark.parametrize(
    ("event", "payload", "code"),
    [
        (events.PROJECTOR_TARGET, {"kind": "board", "board_id": 99999}, "unknown_board"),
        (events.PROJECTOR_TARGET, {"kind": "board", "extra": 1}, "unexpected_field"),
        (events.PROJECTOR_TARGET, {}, "missing_field"),
        (events.PROJECTOR_ROTATE, {"board_ids": [], "seconds": 10}, "no_boards"),
        (events.PROJECTOR_ROTATE, {"board_ids": [1], "seconds": "10"}, "wrong_type"),
        (events.PROJECTOR_HIDE, {"board_id": 1, "hidden": "yes"}, "wrong_type"),
        (events.PROJECTOR_SPOTLIGHT, {"note_id": 99999}, "unknown_note"),
        (events.AGENDA_STEP, {"step": 3}, "bad_step"),
        (events.TIMER_START, {"minutes": 0}, "bad_minutes"),
        (events.TIMER_START, {"minutes": True}, "wrong_type"),
        (events.TIMER_PAUSE, {}, "timer_not_running"),
        (events.TIMER_PAUSE, "now", "bad_payload"),
    ],
)
def test_bad_control_requests_get_a_clear_code_and_change_nothing(organiser_socket, event, payload, code):
    organiser_socket.get_received(NAMESPACE)
    ack = emit(organiser_socket, event, payload)
    assert (ack["ok"], ack["code"]) == (False, code)
    assert broadcasts(organiser_socket) == []


def test_any_viewer_may_read_the_clock_and_a_word_cloud(workshop, connect, app):
    screen = connect({"token": workshop.projector_token})
    clock = emit(screen, events.PROJECTOR_CLOCK)
    assert clock["ok"] and datetime.fromisoformat(clock["server_time"]).tzinfo is not None
    ideas = board_by_kind(workshop, "ideas")
    facilitator = connect({"token": workshop.groups[0].facilitator_token})
    posted = emit(
        facilitator,
        events.NOTE_POST,
        {
            "client_id": uuid.uuid4().hex,
            "board_id": ideas.id,
            "section_id": ideas.sections[0].id,
            "text": "Choirs, choirs",
        },
    )
    assert posted["ok"], posted
    cloud = emit(screen, events.WORDCLOUD_GET, {"board_id": ideas.id})
    assert cloud["ok"] and cloud["words"] == [{"word": "choirs", "count": 2}]
    assert emit(screen, events.WORDCLOUD_GET, {"board_id": 99999})["code"] == "unknown_board"


def test_a_screen_that_reconnects_catches_up_on_projector_changes(organiser_socket, workshop, connect):
    emit(organiser_socket, events.PROJECTOR_TARGET, {"kind": "welcome"})
    screen = connect({"token": workshop.projector_token})
    since = emit(screen, events.SYNC, {"since": 0})["revision"]
    assert since == 1
    screen.disconnect(namespace=NAMESPACE)
    emit(organiser_socket, events.TIMER_START, {"minutes": 5})
    moved = emit(organiser_socket, events.AGENDA_STEP, {"step": 1})

    again = connect({"token": workshop.projector_token})
    caught_up = emit(again, events.SYNC, {"since": since})
    assert [c["event"] for c in caught_up["changes"]] == [PROJECTOR_CHANGED, PROJECTOR_CHANGED]
    assert caught_up["changes"][-1]["data"] == moved["projector"]
    assert caught_up["changes"][-1]["data"]["timer"]["running"] is True
