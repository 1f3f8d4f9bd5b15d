"""python-socketio peers for the transport tests: a client that records what the server sends it, and the
payloads and waits those tests share."""

from __future__ import annotations

import threading
import uuid

import requests
import socketio

from facilitation.kernel import events
from tests.support.live_server import LiveServer
from tests.support.socket_clients import in_arrival_order
from tests.support.waiting import wait_until

NS = events.NAMESPACE
TRANSPORTS = ["websocket", "polling"]
EVIL_ORIGIN = "http://evil.example"


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


def fresh_attendee(live_server: LiveServer) -> str:
    return live_server.join(f"Tester {uuid.uuid4().hex[:6]}")


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
