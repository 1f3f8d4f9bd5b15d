"""Connection limits of the real server: half-open connections, one address's share, oversized polling bodies.

Against `python app.py` under eventlet (tests/realtime/conftest.py), because these are properties of the
listening server and of the Engine.IO transport that Flask's and Flask-SocketIO's test clients bypass.

- The module's own server runs with the default HEADER_TIMEOUT_SECONDS and MAX_CONNECTIONS_PER_ADDRESS, so
  the flood test shows the defaults hold 500 half-open connections from one address and close them in time.
- `capped_server` has a small per-address cap and a short header timeout, to see the cap and the deadline
  quickly and to show websockets and long-polling are not cut by the deadline.
"""

from __future__ import annotations

import errno
import json
import selectors
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager

import pytest
import requests
import socketio

from facilitation.config import Config
from facilitation.kernel import events
from tests.realtime.conftest import _start
from tests.support.live_server import LiveServer

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

NS = events.NAMESPACE
PARTIAL_REQUEST_LINE = b"GET /?half-open HTTP/1."


# --- helpers -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def capped_server(tmp_path_factory) -> Iterator[LiveServer]:
    server = _start(tmp_path_factory.mktemp("capped"), **CAPPED_ENV)
    try:
        yield server
    finally:
        server.stop()


def wait_until(predicate: Callable[[], object], timeout: float = 10.0, interval: float = 0.02):
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(interval)


def half_open(port: int, source: str = "127.0.0.1") -> socket.socket:
    """A TCP connection that sent the start of a request line and will never finish it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((source, 0))
        sock.settimeout(5)
        sock.connect(("127.0.0.1", port))
        sock.sendall(PARTIAL_REQUEST_LINE)
    except BaseException:
        sock.close()
        raise
    return sock


def closed_by_server(sock: socket.socket, timeout: float) -> bool:
    """True once the server has closed `sock` (EOF or reset) within `timeout` seconds; whatever it sent is read."""
    sock.settimeout(timeout)
    try:
        while sock.recv(4096):
            pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        pass
    return True


def raw_get(port: int, source: str = "127.0.0.1", path: str = "/") -> bytes:
    """One complete GET over a fresh connection from `source`; what came back before the server closed it."""
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind((source, 0))
        sock.settimeout(5)
        sock.connect(("127.0.0.1", port))
        received = b""
        try:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
            while chunk := sock.recv(65536):
                received += chunk
        except (ConnectionResetError, BrokenPipeError):
            pass  # refused before or while we spoke: whatever arrived is the answer
        return received


def status_of(response: bytes) -> int | None:
    if not response.startswith(b"HTTP/1."):
        return None
    return int(response.split(b" ", 2)[1])


class Flood:
    """Holds `count` half-open connections open from a thread, re-opening each one the server closes.

    Records how long each lived, from our connect to the server's close, so the test can see the server's
    deadline (and that nothing was refused early).
    """

    def __init__(self, port: int, count: int):
        self.port = port
        self.count = count
        self.lifetimes: list[float] = []
        self.failures: list[str] = []
        self._selector = selectors.DefaultSelector()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._hold, name="half-open-flood", daemon=True)

    def _open(self) -> None:
        try:
            sock = half_open(self.port)
        except OSError as error:
            self.failures.append(f"connect: {error}")
            return
        sock.setblocking(False)
        self._selector.register(sock, selectors.EVENT_READ, time.monotonic())

    def start(self) -> Flood:
        for _ in range(self.count):
            self._open()
        self._thread.start()
        return self

    def _hold(self) -> None:
        while not self._stop.is_set():
            for key, _mask in self._selector.select(timeout=0.05):
                sock = key.fileobj
                try:
                    if sock.recv(4096):  # type: ignore[union-attr]
                        continue  # a reply before the close (none is expected): keep reading to the EOF
                except BlockingIOError:
                    continue
                except OSError as error:
                    if error.errno != errno.ECONNRESET:
                        self.failures.append(f"recv: {error}")
                self.lifetimes.append(time.monotonic() - key.data)
                self._selector.unregister(sock)
                sock.close()  # type: ignore[union-attr]
                if not self._stop.is_set():
                    self._open()

    @property
    def held(self) -> int:
        return len(self._selector.get_map())

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        for key in list(self._selector.get_map().values()):
            self._selector.unregister(key.fileobj)
            key.fileobj.close()  # type: ignore[union-attr]
        self._selector.close()


class Listener:
    """A python-socketio client on /live that records the note:added broadcasts it receives."""

    def __init__(self, server: LiveServer, token: str, transport: str):
        self.server = server
        self.token = token
        self.transport = transport
        self.http = requests.Session()  # ours to close: engine.io's own would leak (a ResourceWarning)
        self.sio = socketio.Client(reconnection=False, request_timeout=10, http_session=self.http)
        self.lock = threading.Lock()
        self.added: list[str] = []
        self.welcomed = threading.Event()
        self.sio.on(events.NOTE_ADDED, self._added, namespace=NS)
        self.sio.on(events.WELCOME, lambda _data: self.welcomed.set(), namespace=NS)

    def _added(self, envelope: dict) -> None:
        with self.lock:
            self.added.append(envelope["data"]["note"]["client_id"])

    def connect(self) -> Listener:
        self.sio.connect(
            self.server.base_url,
            namespaces=[NS],
            transports=[self.transport],
            auth={"token": self.token},
            wait_timeout=10,
        )
        assert self.sio.transport() == self.transport
        assert self.welcomed.wait(10), "no welcome after connect"
        return self

    def has(self, client_id: str) -> bool:
        with self.lock:
            return client_id in self.added

    @property
    def connected(self) -> bool:
        return self.sio.connected and NS in self.sio.namespaces

    def close(self) -> None:
        self.sio.disconnect()
        ws = getattr(self.sio.eio, "ws", None)
        if ws is not None:
            ws.shutdown()
        self.http.close()


@contextmanager
def listening(server: LiveServer, token: str, transport: str) -> Iterator[Listener]:
    listener = Listener(server, token, transport)
    try:
        yield listener.connect()
    finally:
        listener.close()


def post_note(server: LiveServer, demo: dict, token: str, text: str) -> str:
    """Post a note over the HTTP API, as a phone's fallback does; its client id."""
    board = next(b for b in demo["boards"] if b["kind"] == "solutions")
    payload = {
        "client_id": uuid.uuid4().hex,
        "board_id": board["id"],
        "section_id": board["sections"][0]["id"],
        "text": text,
    }
    response = requests.post(
        f"{server.base_url}/api/v1/workshops/{demo['workshop_id']}/notes",
        json=payload,
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )
    assert response.status_code == 201, response.text
    return payload["client_id"]


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


# --- oversized long-polling bodies (finding 9) ------------------------------------------------------------


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


def test_both_servers_survived(live_server, capped_server):
    """Run last in this module: nothing above crashed or wedged either server, or left a traceback in its log."""
    for server in (live_server, capped_server):
        assert server.process.poll() is None
        assert requests.get(f"{server.base_url}/", timeout=5).status_code == 200
        log = server.log_path.read_text()
        assert "Traceback" not in log, log[-4000:]
