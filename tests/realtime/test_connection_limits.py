"""Connection limits of the real server: half-open connections, and one address's share.

Against `python app.py` under eventlet (tests/realtime/conftest.py), because these are properties of the
listening server and of the Engine.IO transport that Flask's and Flask-SocketIO's test clients bypass.

- The module's own server runs with the default HEADER_TIMEOUT_SECONDS and MAX_CONNECTIONS_PER_ADDRESS, so
  the flood test shows the defaults hold 500 half-open connections from one address and close them in time.
- `capped_server` has a small per-address cap and a short header timeout, to see the cap and the deadline
  quickly and to show websockets and long-polling are not cut by the deadline.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import closing

import pytest
import requests

from facilitation.config import Config
from tests.realtime.conftest import _start
from tests.support.live_server import LiveServer, assert_server_survived
from tests.support.raw_connections import (
    Flood,
    closed_by_server,
    half_open,
    listening,
    post_note,
    raw_get,
    status_of,
)
from tests.support.waiting import wait_until

pytestmark = pytest.mark.live

# The module server: default limits; only the posting limits are lifted, the flood test posts a note a round.
LIVE_SERVER_ENV = {"RATE_LIMITS": "post_per_sender=1000/60,post_per_ip=1000/60"}
HALF_OPEN = 500
HELD_SECONDS = 30  # how long the flood keeps HALF_OPEN half-open connections open (re-opening any the server closes)
DEFAULT_HEADER_TIMEOUT = 10.0
ANSWER_WITHIN = 2.0  # seconds a normal request may take while the flood is on

CAP = 6
SHORT_HEADER_TIMEOUT = 3.0
CAPPED_ENV = {
    "MAX_CONNECTIONS_PER_ADDRESS": str(CAP),
    "HEADER_TIMEOUT_SECONDS": str(SHORT_HEADER_TIMEOUT),
    "RATE_LIMITS": LIVE_SERVER_ENV["RATE_LIMITS"],
}


# --- helpers -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def capped_server(tmp_path_factory) -> Iterator[LiveServer]:
    server = _start(tmp_path_factory.mktemp("capped"), **CAPPED_ENV)
    try:
        yield server
    finally:
        server.stop()


# --- half-open connections (finding 4) --------------------------------------------------------------------


def test_defaults_are_a_ten_second_header_timeout_and_a_cap_above_the_flood():
    config = Config()
    assert config.HEADER_TIMEOUT_SECONDS == DEFAULT_HEADER_TIMEOUT
    assert config.MAX_CONNECTIONS_PER_ADDRESS > HALF_OPEN  # the flood below runs from one address, uncapped


def test_half_open_connections_are_closed_and_everyone_else_is_served_meanwhile(live_server, demo):
    attendee = live_server.join("Flood watcher")
    flood = Flood(live_server.port, HALF_OPEN).start()
    rounds = 0
    try:
        assert flood.held == HALF_OPEN, flood.failures
        until = time.monotonic() + HELD_SECONDS
        while time.monotonic() < until:
            started = time.monotonic()
            page = requests.get(f"{live_server.base_url}/", timeout=5)
            assert page.status_code == 200
            assert time.monotonic() - started < ANSWER_WITHIN, "a page took too long during the flood"

            # A phone connecting now (each round a new socket, alternating transports) gets its broadcasts.
            transport = ("websocket", "polling")[rounds % 2]
            with listening(live_server, demo["projector_token"], transport) as projector:
                client_id = post_note(live_server, demo, attendee, f"During the flood, round {rounds}")
                assert wait_until(lambda cid=client_id: projector.has(cid), timeout=5), f"no broadcast over {transport}"
            rounds += 1
            time.sleep(0.2)
        assert flood.held >= HALF_OPEN - 5, "the flood could not keep its connections open"
    finally:
        flood.stop()

    assert rounds >= 5
    assert not flood.failures, flood.failures[:5]
    # Every connection opened in the first 20 s was closed by the server, each after about the header timeout:
    # not before it (nothing refused early, the cap did not count them) and not long after.
    assert len(flood.lifetimes) >= 2 * HALF_OPEN, f"the server closed only {len(flood.lifetimes)}"
    assert min(flood.lifetimes) >= DEFAULT_HEADER_TIMEOUT * 0.9, min(flood.lifetimes)
    assert max(flood.lifetimes) <= DEFAULT_HEADER_TIMEOUT + 5, max(flood.lifetimes)
    assert live_server.process.poll() is None


def test_a_header_sent_a_byte_at_a_time_is_still_cut_at_the_deadline(capped_server):
    """The deadline counts from the connection's start, so a trickle of bytes does not extend it."""
    with closing(half_open(capped_server.port)) as sock:
        opened = time.monotonic()
        closed = False
        while not closed and time.monotonic() - opened < SHORT_HEADER_TIMEOUT * 3:
            try:
                sock.sendall(b"X")
            except (BrokenPipeError, ConnectionResetError):
                break
            closed = closed_by_server(sock, timeout=0.5)
        lived = time.monotonic() - opened
    assert SHORT_HEADER_TIMEOUT * 0.9 <= lived <= SHORT_HEADER_TIMEOUT + 2, lived


def test_an_idle_keep_alive_connection_is_closed_after_the_header_timeout(capped_server):
    with closing(socket.create_connection(("127.0.0.1", capped_server.port), timeout=5)) as sock:
        sock.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{capped_server.port}\r\n\r\n".encode())
        reply = b""
        while b"\r\n0\r\n\r\n" not in reply and b"</html>" not in reply:
            chunk = sock.recv(65536)
            assert chunk, "closed before the page was sent"
            reply += chunk
        assert status_of(reply) == 200
        answered = time.monotonic()
        assert closed_by_server(sock, timeout=SHORT_HEADER_TIMEOUT + 2)
        assert time.monotonic() - answered >= SHORT_HEADER_TIMEOUT * 0.9


def test_websocket_and_long_polling_outlive_the_header_timeout(capped_server):
    """Once the request is whole, the deadline is gone: sockets idle through pings (every 10 s) and stay up."""
    demo = capped_server.demo()
    attendee = capped_server.join("Outliver")
    with (
        listening(capped_server, demo["projector_token"], "websocket") as over_websocket,
        listening(capped_server, demo["projector_token"], "polling") as over_polling,
    ):
        time.sleep(10 + SHORT_HEADER_TIMEOUT)  # past a ping interval and well past the header timeout
        assert over_websocket.connected and over_polling.connected
        client_id = post_note(capped_server, demo, attendee, "After a quiet spell")
        assert wait_until(lambda: over_websocket.has(client_id) and over_polling.has(client_id), timeout=5)


def test_one_address_may_hold_only_its_cap_of_connections(capped_server):
    held = [half_open(capped_server.port) for _ in range(CAP)]
    try:
        # A connection the server has accepted and counted answers nothing yet; give it a moment to count them.
        time.sleep(0.3)
        refused = raw_get(capped_server.port)
        assert status_of(refused) in (503, None), refused[:200]  # a 503, or closed before it could say so
        if refused:
            assert b"Retry-After" in refused

        # Another address is not affected by this one's connections.
        assert status_of(raw_get(capped_server.port, source="127.0.0.2")) == 200

        # One connection fewer, and this address is served again.
        held.pop().close()
        assert wait_until(lambda: status_of(raw_get(capped_server.port)) == 200, timeout=2)
    finally:
        for sock in held:
            sock.close()


def test_the_per_address_cap_is_off_behind_trusted_proxies():
    """Behind a proxy every TCP peer is the proxy: counting its address would cap the whole room at CAP."""
    from facilitation.server import per_address_cap

    assert per_address_cap({"MAX_CONNECTIONS_PER_ADDRESS": CAP, "TRUSTED_PROXIES": 0}) == CAP
    assert per_address_cap({"MAX_CONNECTIONS_PER_ADDRESS": CAP, "TRUSTED_PROXIES": 1}) == 0
    assert per_address_cap({"MAX_CONNECTIONS_PER_ADDRESS": 0, "TRUSTED_PROXIES": 0}) == 0


def test_connection_guard_counts_each_address_and_releases_on_close():
    from facilitation.server import ConnectionGuard

    guard = ConnectionGuard(per_address=2)
    assert guard.admit("10.0.0.1") and guard.admit("10.0.0.1")
    assert not guard.admit("10.0.0.1")
    assert guard.admit("10.0.0.2")
    guard.release("10.0.0.1")
    assert guard.admit("10.0.0.1")
    unlimited = ConnectionGuard(per_address=0)
    assert all(unlimited.admit("10.0.0.1") for _ in range(10_000))


def test_both_servers_survived(live_server, capped_server):
    """Run last in this module: nothing above crashed or wedged either server, or left a traceback in its log."""
    for server in (live_server, capped_server):
        assert_server_survived(server)
