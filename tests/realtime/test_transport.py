"""Transport behaviour against a real server process (app.py under eventlet) and real python-socketio clients.

Flask-SocketIO's test client bypasses the transport, so origin checks, size limits, reconnects, catch-up
and ordering are checked here over real websocket and long-polling connections.

Rate limit: note:post allows a burst of 10 per socket (refilling 0.5/s), and every note:post, good or bad,
takes a token. Tests therefore use fresh sockets (a new socket has a new bucket) and fresh attendee tokens.
"""

from __future__ import annotations

import itertools
import resource
import shutil
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import engineio.payload
import pytest
import requests
import socketio
import websocket

from facilitation.kernel import events
from tests.support.live_server import LiveServer
from tests.support.socket_clients import in_arrival_order

pytestmark = pytest.mark.live

# The module's server (tests/realtime/conftest.py): a file limit to raise and a backlog to honour.
LIVE_SERVER_ENV = {"MAX_CONNECTIONS": "3000", "LISTEN_BACKLOG": "1234"}
LIVE_SERVER_START_NOFILE = 1024

NS = events.NAMESPACE
TRANSPORTS = ["websocket", "polling"]
EVIL_ORIGIN = "http://evil.example"
_names = itertools.count(1)


def new_client_id() -> str:
    return uuid.uuid4().hex


def board(demo: dict, kind: str) -> dict:
    return next(b for b in demo["boards"] if b["kind"] == kind)


def open_board(demo: dict) -> dict:
    return board(demo, "solutions")


def note_payload(demo: dict, text: str = "Time to talk", **overrides) -> dict:
    target = open_board(demo)
    payload = {
        "client_id": new_client_id(),
        "board_id": target["id"],
        "section_id": target["sections"][0]["id"],
        "text": text,
    }
    payload.update(overrides)
    return payload


def wait_until(predicate: Callable[[], object], timeout: float = 10.0, interval: float = 0.02):
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() > deadline:
            return result
        time.sleep(interval)


class Peer:
    """A python-socketio client on the /live namespace that records what the server sends it."""

    def __init__(
        self,
        server: LiveServer,
        token: str | None,
        transport: str = "websocket",
        origin: str | None = None,
        request_timeout: float = 10,
    ):
        self.server = server
        self.token = token
        self.transport = transport
        self.origin = origin
        extra = {"origin": origin} if origin is not None else {}
        # Our own HTTP session: the engine.io client drops its own without closing it (a ResourceWarning).
        self.http = requests.Session()
        self.sio = in_arrival_order(
            socketio.Client(
                reconnection=False,
                request_timeout=request_timeout,
                websocket_extra_options=extra,
                http_session=self.http,
            )
        )
        self.lock = threading.Lock()
        self.envelopes: list[tuple[str, dict]] = []
        self.welcomes: list[dict] = []
        self.refusals: list = []
        for name in events.BROADCASTS:
            self.sio.on(name, self._recorder(name), namespace=NS)
        self.sio.on(events.WELCOME, self._welcome, namespace=NS)
        self.sio.on("connect_error", self._refused, namespace=NS)

    def _recorder(self, name: str):
        def record(envelope):
            with self.lock:
                self.envelopes.append((name, envelope))

        return record

    def _welcome(self, data):
        with self.lock:
            self.welcomes.append(data)

    def _refused(self, data=None):
        with self.lock:
            self.refusals.append(data)

    def connect(self, auth: object = None, wait_welcome: bool = True) -> Peer:
        headers = {"Origin": self.origin} if self.origin is not None and self.transport == "polling" else {}
        if auth is None and self.token is not None:
            auth = {"token": self.token}
        welcomes_before = len(self.welcomes)
        self.sio.connect(
            self.server.base_url,
            namespaces=[NS],
            transports=[self.transport],
            auth=auth,
            headers=headers,
            wait_timeout=10,
        )
        assert self.sio.transport() == self.transport
        if wait_welcome:
            assert wait_until(lambda: len(self.welcomes) > welcomes_before), "no welcome after connect"
        return self

    def disconnect(self) -> None:
        if self.sio.connected:
            self.sio.disconnect()

    def close(self) -> None:
        self.sio.disconnect()
        # When the server drops a websocket (as for an oversized frame), the engine.io client stops
        # reading but never closes its socket; close it so it does not leak into a later test.
        ws = getattr(self.sio.eio, "ws", None)
        if ws is not None:
            ws.shutdown()
        self.http.close()

    @property
    def connected(self) -> bool:
        return self.sio.connected and NS in self.sio.namespaces

    @property
    def welcome(self) -> dict:
        return self.welcomes[-1]

    def call(self, event: str, data: object = None, timeout: float = 10):
        if data is None:
            return self.sio.call(event, namespace=NS, timeout=timeout)
        return self.sio.call(event, data, namespace=NS, timeout=timeout)

    def post(self, payload: object):
        return self.call(events.NOTE_POST, payload)

    def sync(self, since: int) -> dict:
        ack = self.call(events.SYNC, {"since": since})
        assert ack["ok"], ack
        return ack

    def state(self) -> dict:
        ack = self.call(events.STATE, {})
        assert ack["ok"], ack
        return ack

    def added(self, client_ids: set[str] | None = None) -> list[dict]:
        """note:added envelopes received so far, optionally only those for the given client ids."""
        with self.lock:
            found = [env for name, env in self.envelopes if name == events.NOTE_ADDED]
        if client_ids is not None:
            found = [env for env in found if env["data"]["note"]["client_id"] in client_ids]
        return found

    def wait_for_added(self, client_ids: set[str], timeout: float = 10.0) -> list[dict]:
        wait_until(lambda: {e["data"]["note"]["client_id"] for e in self.added(client_ids)} >= client_ids, timeout)
        return self.added(client_ids)


@pytest.fixture
def peers():
    """Make connected peers; every one is disconnected at the end of the test."""
    made: list[Peer] = []

    def make(server: LiveServer, token: str | None, transport: str = "websocket", connect: bool = True, **kw) -> Peer:
        peer = Peer(server, token, transport, **kw)
        made.append(peer)
        if connect:
            peer.connect()
        return peer

    yield make
    for peer in made:
        peer.close()


def fresh_attendee(live_server: LiveServer) -> str:
    return live_server.join(f"Tester {next(_names)}")


def wait_for_a_later_note(poster: Peer, demo: dict, *watchers: Peer) -> None:
    """Post a new note and wait until every watcher has its broadcast.

    The server sends each socket its messages in order and a Peer records them in arrival order, so
    whatever the server sent a watcher before this note (a second broadcast that must not exist, say) is
    recorded once the note is: a positive signal to check for an absence after, where a fixed sleep would
    pass vacuously on a slow machine.
    """
    later = note_payload(demo, "Sent after everything before it")
    assert poster.post(later)["ok"]
    for watcher in watchers:
        assert watcher.wait_for_added({later["client_id"]}), "the later note never arrived"


# --- broadcast ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_post_reaches_projector_and_facilitator_with_the_same_revision(live_server, demo, peers, transport):
    projector = peers(live_server, demo["projector_token"], transport)
    facilitator = peers(live_server, demo["groups"][0]["token"], transport)
    attendee = peers(live_server, fresh_attendee(live_server), transport)
    assert projector.welcome["role"] == "projector"
    assert facilitator.welcome["role"] == "facilitator"
    assert attendee.welcome["role"] == "attendee"

    payload = note_payload(demo, f"Prescribers need to know what is on ({transport})")
    ack = attendee.post(payload)

    assert ack["ok"] is True, ack
    assert ack["duplicate"] is False
    note = ack["note"]
    assert note["client_id"] == payload["client_id"]
    assert note["revision"] == ack["revision"]
    for watcher in (projector, facilitator, attendee):
        (envelope,) = watcher.wait_for_added({payload["client_id"]})
        assert envelope == {"revision": ack["revision"], "event": events.NOTE_ADDED, "data": {"note": note}}


# --- catch-up after a reconnect -------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_reconnecting_client_catches_up_with_exactly_the_missed_notes(live_server, demo, peers, transport):
    poster = peers(live_server, fresh_attendee(live_server), transport)
    phone = peers(live_server, fresh_attendee(live_server), transport)

    seen = poster.post(note_payload(demo, "Seen before the tunnel"))
    assert seen["ok"], seen
    (envelope,) = phone.wait_for_added({seen["note"]["client_id"]})
    last_revision = envelope["revision"]
    assert last_revision > 0

    phone.disconnect()
    assert not phone.connected
    missed = [poster.post(note_payload(demo, f"Missed {n}")) for n in (1, 2)]
    assert all(ack["ok"] for ack in missed), missed
    missed_ids = {ack["note"]["client_id"] for ack in missed}

    phone.connect()
    assert phone.welcome["revision"] >= missed[-1]["revision"]

    caught_up = phone.sync(last_revision)
    # Nothing missed while offline reached the phone live, on the old connection or the new one: the sync's
    # ack is sent after anything the server sent the new socket before it.
    assert phone.added(missed_ids) == []
    assert caught_up["reset"] is False
    assert caught_up["revision"] == missed[-1]["revision"]
    changes = caught_up["changes"]
    assert [c["event"] for c in changes] == [events.NOTE_ADDED, events.NOTE_ADDED]
    assert [c["data"]["note"] for c in changes] == [ack["note"] for ack in missed]
    assert [c["revision"] for c in changes] == [ack["revision"] for ack in missed]
    assert changes[0]["revision"] < changes[1]["revision"]

    # Already up to date: an empty catch-up, not a replay.
    assert phone.sync(caught_up["revision"])["changes"] == []


# --- idempotent posting --------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_same_client_id_twice_gives_one_note_even_across_a_reconnect(live_server, demo, peers, transport):
    token = fresh_attendee(live_server)
    phone = peers(live_server, token, transport)
    projector = peers(live_server, demo["projector_token"], transport)
    payload = note_payload(demo, "Posted once, sent three times")

    first = phone.post(payload)
    again = phone.post(payload)
    phone.disconnect()
    phone.connect()
    after_reconnect = phone.post(payload)

    assert first["ok"] and again["ok"] and after_reconnect["ok"], (first, again, after_reconnect)
    assert first["duplicate"] is False
    assert again["duplicate"] is True and after_reconnect["duplicate"] is True
    for resend in (again, after_reconnect):
        assert resend["note"] == first["note"]
        assert resend["revision"] == first["revision"]

    state = phone.state()
    assert [n["id"] for n in state["notes"] if n["client_id"] == payload["client_id"]] == [first["note"]["id"]]
    wait_for_a_later_note(phone, demo, projector)
    assert len(projector.added({payload["client_id"]})) == 1


def test_client_id_of_someone_else_is_refused_not_merged(live_server, demo, peers):
    owner = peers(live_server, fresh_attendee(live_server))
    other = peers(live_server, fresh_attendee(live_server))
    payload = note_payload(demo, "Mine")
    assert owner.post(payload)["ok"]

    ack = other.post({**payload, "text": "Not mine"})

    assert ack["ok"] is False and ack["code"] == "client_id_taken", ack
    assert other.connected


# --- origin checks ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_foreign_origin_is_refused(live_server, demo, peers, transport):
    peer = peers(live_server, fresh_attendee(live_server), transport, connect=False, origin=EVIL_ORIGIN)

    with pytest.raises(socketio.exceptions.ConnectionError):
        peer.connect()

    assert not peer.connected
    assert peer.welcomes == []


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_own_origin_is_accepted(live_server, demo, peers, transport):
    peer = peers(live_server, fresh_attendee(live_server), transport, origin=live_server.base_url)

    assert peer.connected
    assert peer.post(note_payload(demo, f"From the page itself ({transport})"))["ok"]


def test_foreign_origin_is_refused_at_the_engineio_handshake(live_server):
    """The raw handshakes, so the test does not depend on how a client library spells the header."""
    polling = f"{live_server.base_url}/socket.io/?EIO=4&transport=polling"
    assert requests.get(polling, headers={"Origin": EVIL_ORIGIN}, timeout=5).status_code == 400
    allowed = requests.get(polling, headers={"Origin": live_server.base_url}, timeout=5)
    assert allowed.status_code == 200
    assert allowed.headers.get("Access-Control-Allow-Origin") == live_server.base_url

    ws_url = f"ws://127.0.0.1:{live_server.port}/socket.io/?EIO=4&transport=websocket"
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(ws_url, origin=EVIL_ORIGIN, timeout=5)
    assert refused.value.status_code == 400
    accepted = websocket.create_connection(ws_url, origin=live_server.base_url, timeout=5)
    try:
        assert accepted.recv().startswith("0{")  # the Engine.IO open packet
    finally:
        accepted.close()


# --- bad input: an error code in the ack, and the socket stays usable ----------------------------------------

BAD_POSTS: dict[str, tuple[Callable[[dict], object], str]] = {
    "empty text": (lambda d: note_payload(d, ""), "empty_text"),
    "whitespace only": (lambda d: note_payload(d, " \t\n  \u00a0"), "empty_text"),
    "501 characters": (lambda d: note_payload(d, "x" * 501), "text_too_long"),
    "text is a number": (lambda d: note_payload(d, 42), "wrong_type"),
    "board id is a string": (lambda d: note_payload(d, board_id=str(open_board(d)["id"])), "wrong_type"),
    "board id is a boolean": (lambda d: note_payload(d, board_id=True), "wrong_type"),
    "client id is a number": (lambda d: note_payload(d, client_id=12345678), "wrong_type"),
    "group id is a list": (lambda d: note_payload(d, group_id=[1]), "wrong_type"),
    "extra field": (lambda d: {**note_payload(d), "colour": "red"}, "unexpected_field"),
    "missing text": (lambda d: {k: v for k, v in note_payload(d).items() if k != "text"}, "missing_field"),
    "payload is a list": (lambda d: [note_payload(d)], "bad_payload"),
    "payload is a string": (lambda d: "hello", "bad_payload"),
    "payload is a number": (lambda d: 7, "bad_payload"),
    "two arguments": (lambda d: (note_payload(d), note_payload(d)), "bad_payload"),
    "bad client id": (lambda d: note_payload(d, client_id="short"), "bad_client_id"),
    "unknown board": (lambda d: note_payload(d, board_id=999_999), "unknown_board"),
    "unknown section": (lambda d: note_payload(d, section_id=999_999), "unknown_section"),
    "section of another board": (
        lambda d: note_payload(d, section_id=board(d, "tree")["sections"][0]["id"]),
        "unknown_section",
    ),
    "board closed to phones": (
        lambda d: note_payload(d, board_id=board(d, "tree")["id"], section_id=board(d, "tree")["sections"][0]["id"]),
        "board_closed",
    ),
    "unknown perspective": (lambda d: note_payload(d, perspective_id=999_999), "unknown_perspective"),
    "unknown group": (lambda d: note_payload(d, group_id=999_999), "unknown_group"),
}


@pytest.mark.parametrize("case", list(BAD_POSTS), ids=list(BAD_POSTS))
def test_bad_post_gets_its_error_code_and_the_socket_stays_usable(live_server, demo, peers, case):
    make_payload, code = BAD_POSTS[case]
    phone = peers(live_server, fresh_attendee(live_server))
    before = phone.state()["notes"]

    ack = phone.post(make_payload(demo))

    assert ack["ok"] is False, ack
    assert ack["code"] == code, ack
    assert isinstance(ack["message"], str) and ack["message"]
    assert phone.connected
    assert phone.state()["notes"] == before, "a refused post must not store anything"
    follow_up = phone.post(note_payload(demo, f"Still here after {case}"))
    assert follow_up["ok"], follow_up


def test_bad_posts_over_polling_keep_the_socket_usable(live_server, demo, peers):
    phone = peers(live_server, fresh_attendee(live_server), "polling")
    for case in ("empty text", "501 characters", "extra field", "payload is a string", "unknown board"):
        make_payload, code = BAD_POSTS[case]
        ack = phone.post(make_payload(demo))
        assert (ack["ok"], ack["code"]) == (False, code), (case, ack)
        assert phone.connected
    assert phone.post(note_payload(demo, "Still here over polling"))["ok"]


def test_five_hundred_characters_is_accepted(live_server, demo, peers):
    phone = peers(live_server, fresh_attendee(live_server))
    text = "y" * demo_max_chars(phone)
    ack = phone.post(note_payload(demo, f"  {text}  "))
    assert ack["ok"], ack
    assert ack["note"]["text"] == text


def demo_max_chars(peer: Peer) -> int:
    assert peer.welcome["note_max_chars"] == 500
    return peer.welcome["note_max_chars"]


def test_facilitator_may_post_on_the_board_closed_to_phones(live_server, demo, peers):
    tablet = peers(live_server, demo["groups"][1]["token"])
    tree = board(demo, "tree")
    ack = tablet.post(note_payload(demo, "Waiting lists", board_id=tree["id"], section_id=tree["sections"][0]["id"]))
    assert ack["ok"], ack
    assert ack["note"]["group_id"] == demo["groups"][1]["id"]


def test_projector_may_not_post(live_server, demo, peers):
    projector = peers(live_server, demo["projector_token"])

    ack = projector.post(note_payload(demo, "The screen has opinions"))

    assert ack["ok"] is False and ack["code"] == "forbidden", ack
    assert projector.connected
    assert projector.state()["revision"] >= 0  # still answering read requests


def test_unknown_event_fields_on_sync_are_refused(live_server, peers):
    phone = peers(live_server, fresh_attendee(live_server))
    assert phone.call(events.SYNC, {"since": "3"})["code"] == "wrong_type"
    assert phone.call(events.SYNC, {"since": 1, "more": True})["code"] == "unexpected_field"
    assert phone.call(events.SYNC, {"since": -1})["code"] == "bad_revision"
    assert phone.connected


MALFORMED_AUTH = {
    "garbage token": {"token": "not-a-token"},
    "token with a known prefix": {"token": "a_" + "0" * 32},
    "token not a string": {"token": 12345},
    "token too long": {"token": "a_" + "x" * 200},
    "no credentials": {},
    "auth not an object": "a_token-as-a-bare-string",
}


@pytest.mark.parametrize("case", list(MALFORMED_AUTH), ids=list(MALFORMED_AUTH))
@pytest.mark.parametrize("transport", TRANSPORTS)
def test_malformed_token_is_refused_at_connect(live_server, peers, case, transport):
    peer = peers(live_server, None, transport, connect=False)

    with pytest.raises(socketio.exceptions.ConnectionError):
        peer.connect(auth=MALFORMED_AUTH[case], wait_welcome=False)

    assert not peer.connected
    assert peer.welcomes == []
    (refusal,) = peer.refusals
    # The browser client reads the refusal's code from error.data (static/js/core/live.js).
    assert refusal["data"]["code"] == "bad_token", refusal
    assert refusal["message"] == refusal["data"]["message"]  # readable text, not a repr of a dict


def test_html_and_script_text_is_stored_and_sent_literally(live_server, demo, peers):
    text = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quoted\" &amp; <b>bold</b>"
    phone = peers(live_server, fresh_attendee(live_server))
    projector = peers(live_server, demo["projector_token"])
    payload = note_payload(demo, text)

    ack = phone.post(payload)

    assert ack["ok"], ack
    assert ack["note"]["text"] == text
    (envelope,) = projector.wait_for_added({payload["client_id"]})
    assert envelope["data"]["note"]["text"] == text
    stored = [n for n in projector.state()["notes"] if n["client_id"] == payload["client_id"]]
    assert [n["text"] for n in stored] == [text]
    over_http = requests.get(
        f"{live_server.base_url}/api/v1/workshops/{demo['workshop_id']}/state",
        headers={"Authorization": f"Bearer {phone.token}"},
        timeout=5,
    ).json()
    assert [n["text"] for n in over_http["notes"] if n["client_id"] == payload["client_id"]] == [text]


# --- HTTP and socket share one broadcast ---------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_http_post_produces_the_same_broadcast(live_server, demo, peers, transport):
    token = fresh_attendee(live_server)
    projector = peers(live_server, demo["projector_token"], transport)
    payload = note_payload(demo, f"Posted over HTTP ({transport})")
    url = f"{live_server.base_url}/api/v1/workshops/{demo['workshop_id']}/notes"
    headers = {"Authorization": f"Bearer {token}"}

    response = requests.post(url, json=payload, headers=headers, timeout=5)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["ok"] is True and body["duplicate"] is False
    (envelope,) = projector.wait_for_added({payload["client_id"]})
    assert envelope == {"revision": body["revision"], "event": events.NOTE_ADDED, "data": {"note": body["note"]}}

    # The socket path sees the same note as already posted: one note, whichever way it was resent.
    phone = peers(live_server, token, transport)
    resent = phone.post(payload)
    assert resent["ok"] and resent["duplicate"] is True
    assert (resent["note"], resent["revision"]) == (body["note"], body["revision"])
    again = requests.post(url, json=payload, headers=headers, timeout=5)
    assert again.status_code == 200 and again.json()["note"] == body["note"]
    wait_for_a_later_note(phone, demo, projector)
    assert len(projector.added({payload["client_id"]})) == 1


# --- oversized messages ------------------------------------------------------------------------------------------


def max_message_bytes(server: LiveServer) -> int:
    return int(server.env.get("MAX_MESSAGE_BYTES", 64 * 1024))


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_oversized_message_does_not_take_the_server_down(live_server, demo, peers, transport):
    limit = max_message_bytes(live_server)
    bystander = peers(live_server, fresh_attendee(live_server), transport)
    projector = peers(live_server, demo["projector_token"], transport)
    # Over polling the server may drop the session without answering the oversized POST; the client then
    # notices only when that request times out, so give it less than the ten seconds the drop is waited for.
    sender = peers(live_server, fresh_attendee(live_server), transport, request_timeout=3)

    # Just under the limit: an ordinary refusal in the ack, on a socket that stays up.
    near = sender.post(note_payload(demo, "z" * (limit - 1024)))
    assert (near["ok"], near["code"]) == (False, "text_too_long")
    assert sender.connected

    # Over the limit: Engine.IO drops this one socket; nothing is stored and nobody else notices.
    huge = note_payload(demo, "z" * (limit + 1024))
    acks: list[dict] = []
    sender.sio.emit(events.NOTE_POST, huge, namespace=NS, callback=acks.append)
    assert wait_until(lambda: not sender.connected), "the oversized message was accepted"
    assert acks == []

    assert live_server.process.poll() is None, live_server.log_path.read_text()
    assert requests.get(f"{live_server.base_url}/", timeout=5).status_code == 200
    follow_up = note_payload(demo, f"Still working after a flood ({transport})")
    assert bystander.post(follow_up)["ok"]
    assert projector.wait_for_added({follow_up["client_id"]})
    assert projector.added({huge["client_id"]}) == []
    newcomer = peers(live_server, fresh_attendee(live_server), transport)
    assert newcomer.post(note_payload(demo, "A new phone joins fine"))["ok"]


def test_oversized_http_body_is_refused(live_server, demo):
    from facilitation.config import Config

    url = f"{live_server.base_url}/api/v1/workshops/{demo['workshop_id']}/notes"
    token = fresh_attendee(live_server)
    too_big = note_payload(demo, "z" * (Config.MAX_CONTENT_LENGTH + 1024))
    response = requests.post(url, json=too_big, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert response.status_code == 413
    assert live_server.process.poll() is None


# --- ordering --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_rapid_posts_arrive_in_revision_order_and_none_missing(live_server, demo, peers, transport, monkeypatch):
    # python-engineio's client gives up on a poll that brings more than 16 packets (browsers do not);
    # a burst of acks and broadcasts easily does, so let this test client read bigger batches.
    monkeypatch.setattr(engineio.payload.Payload, "max_decode_packets", 256)
    token = fresh_attendee(live_server)
    watcher = peers(live_server, demo["groups"][2]["token"], transport)
    start_revision = watcher.welcome["revision"]

    acks: list[dict] = []
    done = threading.Event()
    posted: list[dict] = [note_payload(demo, f"Rapid {n:02d}") for n in range(20)]

    def on_ack(ack):
        acks.append(ack)
        if len(acks) == len(posted):
            done.set()

    # Ten per socket: the per-socket bucket holds ten, and a phone that reconnects gets a fresh one.
    for burst in (posted[:10], posted[10:]):
        phone = peers(live_server, token, transport)
        for payload in burst:
            phone.sio.emit(events.NOTE_POST, payload, namespace=NS, callback=on_ack)
        expected = len(acks) + len(burst)
        wait_until(lambda expected=expected: len(acks) >= expected, timeout=10)
        phone.disconnect()
    assert done.wait(10), f"only {len(acks)} acks"
    assert all(ack["ok"] for ack in acks), [a for a in acks if not a["ok"]]

    posted_ids = {p["client_id"] for p in posted}
    live = watcher.wait_for_added(posted_ids)
    revisions = [env["revision"] for _name, env in watcher.envelopes]
    assert revisions == sorted(set(revisions)), f"arrived out of order or twice: {revisions}"

    # Fill any gap the way a client does: ask for everything after the last revision before the burst.
    final = {env["data"]["note"]["client_id"]: env["revision"] for env in live}
    for change in watcher.sync(start_revision)["changes"]:
        note = change["data"]["note"]
        if note["client_id"] in posted_ids:
            assert final.setdefault(note["client_id"], change["revision"]) == change["revision"]
    assert set(final) == posted_ids
    assert sorted(final.values()) == sorted(ack["revision"] for ack in acks)
    assert len(set(final.values())) == len(posted)
    assert len(live) == len(posted), "the live stream lost notes that only sync recovered"


def test_eleventh_rapid_post_is_rate_limited_and_the_resend_is_accepted(live_server, demo, peers):
    """The refill (one token every two seconds) is timed on a moved clock in test_ratelimit.py."""
    phone = peers(live_server, fresh_attendee(live_server))
    acks = [phone.post(note_payload(demo, f"Burst {n}")) for n in range(10)]
    assert all(ack["ok"] for ack in acks)

    eleventh = note_payload(demo, "One too many")
    limited = phone.post(eleventh)

    assert (limited["ok"], limited["code"]) == (False, "rate_limited")
    assert phone.connected
    # The refused post was not stored: resent once a token is free (here: a reconnected phone's new bucket),
    # it is a new note, not a duplicate.
    phone.disconnect()
    phone.connect()
    resent = phone.post(eleventh)
    assert resent["ok"] and resent["duplicate"] is False, resent


# --- the listening socket ----------------------------------------------------------------------------------------


def _listeners(port: int) -> set[str]:
    """Local addresses in LISTEN state on `port`, from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, state = fields[1], fields[3]
            host_hex, port_hex = address.split(":")
            if state == "0A" and int(port_hex, 16) == port:
                if len(host_hex) == 8:
                    found.add(socket.inet_ntoa(bytes.fromhex(host_hex)[::-1]))
                else:
                    found.add(host_hex)
    return found


def test_server_listens_on_the_configured_host_and_port(live_server):
    assert _listeners(live_server.port) == {"127.0.0.1"}


def test_serve_raises_the_file_limit_and_uses_the_configured_backlog(live_server):
    """The module's server started with a soft limit of 1024 (LIVE_SERVER_START_NOFILE) and must have raised it."""
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    wanted = int(LIVE_SERVER_ENV["MAX_CONNECTIONS"]) + 256
    if hard != resource.RLIM_INFINITY and hard < wanted:
        pytest.skip(f"hard file limit {hard} is below {wanted}")
    limits = Path(f"/proc/{live_server.process.pid}/limits").read_text().splitlines()
    (line,) = [entry for entry in limits if entry.startswith("Max open files")]
    assert int(line.split()[3]) == wanted, line
    if not shutil.which("ss"):
        pytest.skip("ss is not installed: cannot read the listen backlog")
    out = subprocess.run(
        ["ss", "-ltnH", f"sport = :{live_server.port}"], capture_output=True, text=True, check=True
    ).stdout
    # For a listening socket, ss reports the backlog in Send-Q (capped by net.core.somaxconn).
    somaxconn = int(Path("/proc/sys/net/core/somaxconn").read_text())
    assert out.split()[2] == str(min(int(LIVE_SERVER_ENV["LISTEN_BACKLOG"]), somaxconn)), out


def test_raise_file_limit_raises_the_soft_limit_and_never_lowers_it():
    from facilitation.server import raise_file_limit

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (512, hard))
        assert raise_file_limit(100) == 512
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == 512
        target = 600 if hard == resource.RLIM_INFINITY else min(600, hard)
        assert raise_file_limit(600) == target
        assert resource.getrlimit(resource.RLIMIT_NOFILE) == (target, hard)
        if hard != resource.RLIM_INFINITY:
            assert raise_file_limit(hard + 10_000) == hard  # capped at the hard limit, no error
            assert resource.getrlimit(resource.RLIMIT_NOFILE) == (hard, hard)
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@pytest.mark.filterwarnings(r"ignore:\s*Eventlet is deprecated")
def test_listening_socket_sets_tcp_nodelay_and_accepted_sockets_inherit_it():
    from facilitation.server import listening_socket

    listener = listening_socket("127.0.0.1", 0, 2048)
    try:
        assert listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        host, port = listener.getsockname()
        assert host == "127.0.0.1" and port > 0
        with socket.create_connection((host, port), timeout=5):
            accepted, _address = listener.accept()
            try:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
            finally:
                accepted.close()
    finally:
        listener.close()


def test_module_server_survived(live_server):
    """Run last in this module: nothing above crashed or wedged the shared server."""
    assert live_server.process.poll() is None
    assert requests.get(f"{live_server.base_url}/", timeout=5).status_code == 200
    log = live_server.log_path.read_text()
    assert "Traceback" not in log, log[-4000:]
