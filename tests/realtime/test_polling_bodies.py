"""Oversized long-polling bodies against a real server (issue 11, finding 9): answered at once with 413, the
session closed, a parked poll told, and posts within the limit still delivered, chunked or not."""

from __future__ import annotations

import json
import threading
import time
import uuid

import pytest
import requests

from facilitation.config import Config
from facilitation.kernel import events
from tests.support.live_server import LiveServer, assert_server_survived
from tests.support.raw_connections import (
    listening,
)
from tests.support.waiting import wait_until

pytestmark = pytest.mark.live

ANSWER_WITHIN = 2.0  # seconds a refusal may take
NS = events.NAMESPACE


def polling_session(server: LiveServer) -> str:
    """Open a raw Engine.IO long-polling session; its sid."""
    opened = requests.get(f"{server.base_url}/socket.io/?EIO=4&transport=polling", timeout=5)
    assert opened.status_code == 200 and opened.text.startswith("0"), opened.text
    return json.loads(opened.text[1:])["sid"]


def max_message_bytes(server: LiveServer) -> int:
    return int(server.env.get("MAX_MESSAGE_BYTES", Config().MAX_MESSAGE_BYTES))


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_oversized_polling_post_is_answered_at_once(live_server, framing):
    sid = polling_session(live_server)
    url = f"{live_server.base_url}/socket.io/?EIO=4&transport=polling&sid={sid}"
    body = ("4" + "z" * (max_message_bytes(live_server) + 1024)).encode()
    # A generator makes requests send the body chunked, with no Content-Length.
    data = body if framing == "content-length" else (body[i : i + 8192] for i in range(0, len(body), 8192))

    started = time.monotonic()
    response = requests.post(url, data=data, headers={"Content-Type": "text/plain"}, timeout=10)

    assert time.monotonic() - started < ANSWER_WITHIN
    assert response.status_code == 413, response.text
    assert response.json()["code"] == "request_entity_too_large"
    # The session is closed too (as docs/protocol.md says): its next poll is refused at once.
    started = time.monotonic()
    poll = requests.get(url, timeout=10)
    assert time.monotonic() - started < ANSWER_WITHIN
    assert poll.status_code == 400, (poll.status_code, poll.text)
    assert live_server.process.poll() is None


def test_a_waiting_poll_gets_the_close_packet_when_its_session_sends_too_much(live_server):
    sid = polling_session(live_server)
    url = f"{live_server.base_url}/socket.io/?EIO=4&transport=polling&sid={sid}"
    waiting: list[requests.Response] = []
    poller = threading.Thread(target=lambda: waiting.append(requests.get(url, timeout=15)))
    poller.start()
    time.sleep(0.5)  # the poll is now parked on the server, waiting for packets (up to the 10 s ping)
    body = "4" + "z" * (max_message_bytes(live_server) + 1)
    try:
        assert requests.post(url, data=body, timeout=10).status_code == 413
        started = time.monotonic()
        poller.join(timeout=ANSWER_WITHIN)
        assert not poller.is_alive() and time.monotonic() - started < ANSWER_WITHIN, "the waiting poll was not answered"
    finally:
        poller.join(timeout=15)
    (poll,) = waiting
    assert (poll.status_code, poll.text) == (200, "1")  # Engine.IO's close packet


def test_polling_posts_within_the_limit_still_work(live_server, demo):
    """The python-socketio client over long-polling only: its posts are polling POSTs, answered as before."""
    attendee = live_server.join("Polling phone")
    with (
        listening(live_server, demo["projector_token"], "polling") as projector,
        listening(live_server, attendee, "polling") as phone,
    ):
        board = next(b for b in demo["boards"] if b["kind"] == "solutions")
        payload = {
            "client_id": uuid.uuid4().hex,
            "board_id": board["id"],
            "section_id": board["sections"][0]["id"],
            "text": "Posted over long-polling " + "y" * 400,
        }
        ack = phone.sio.call(events.NOTE_POST, payload, namespace=NS, timeout=10)
        assert ack["ok"], ack
        assert wait_until(lambda: projector.has(payload["client_id"]), timeout=5)


def test_a_small_chunked_polling_post_is_delivered(live_server):
    """A body without Content-Length within the limit reaches Engine.IO whole (it read such bodies as empty)."""
    sid = polling_session(live_server)
    url = f"{live_server.base_url}/socket.io/?EIO=4&transport=polling&sid={sid}"
    # Engine.IO's own ping reply: a "3" (pong) is harmless; "40" opens the Socket.IO namespace, which answers.
    response = requests.post(url, data=(part for part in [b"40", b"/live,"]), timeout=5)
    assert response.status_code == 200 and response.text == "OK"
    poll = requests.get(url, timeout=15)
    assert poll.status_code == 200 and poll.text.startswith(("40/live,", "44/live,")), poll.text


def test_module_server_survived(live_server):
    """Run last in this module: nothing above crashed or wedged the shared server."""
    assert_server_survived(live_server)
