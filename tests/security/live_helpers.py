"""Talking to a real server as the people in the room: a signed-in organiser (requests + CSRF) and sockets."""

from __future__ import annotations

import re
import threading
import time

import requests
import socketio

from facilitation.kernel import events
from tests.support.live_server import ORGANISER_EMAIL, ORGANISER_PASSWORD, LiveServer
from tests.support.socket_clients import in_arrival_order
from tests.support.waiting import wait_until

NS = events.NAMESPACE
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


class Organiser:
    """A browser-like organiser session: signed in through the login form, CSRF token from the pages."""

    def __init__(self, server: LiveServer):
        self.server = server
        self.http = requests.Session()
        page = self.http.get(f"{server.base_url}/organiser/login", timeout=10)
        response = self.http.post(
            f"{server.base_url}/organiser/login",
            data={"email": ORGANISER_EMAIL, "password": ORGANISER_PASSWORD, "csrf_token": self.csrf(page.text)},
            timeout=10,
            allow_redirects=False,
        )
        assert response.status_code == 302, response.text[:500]
        self.token = self.csrf(self.http.get(f"{server.base_url}/organiser/", timeout=10).text)

    @staticmethod
    def csrf(html: str) -> str:
        match = CSRF_FIELD.search(html)
        assert match, "no CSRF token on the page"
        return match.group(1)

    def post_form(self, path: str, **fields: str) -> requests.Response:
        response = self.http.post(
            f"{self.server.base_url}{path}",
            data={**fields, "csrf_token": self.token},
            timeout=10,
            allow_redirects=False,
        )
        assert response.status_code in (302, 303), (response.status_code, response.text[:500])
        return response

    @property
    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)

    def close(self) -> None:
        self.http.close()


class Socket:
    """A python-socketio client that notes when the server drops it."""

    def __init__(self, server: LiveServer, transport: str = "websocket", origin: str | None = None):
        self.server = server
        self.transport = transport
        self.origin = origin
        self.http = requests.Session()
        # websocket-client sends its own Origin header; a second one in `headers` would make two.
        extra = {"origin": origin} if origin and transport == "websocket" else {}
        self.sio = in_arrival_order(
            socketio.Client(
                reconnection=False, request_timeout=5, http_session=self.http, websocket_extra_options=extra
            )
        )
        self.welcomes: list[dict] = []
        self.refusals: list = []
        self.dropped_at: float | None = None
        self.lock = threading.Lock()
        self.sio.on(events.WELCOME, self._welcome, namespace=NS)
        self.sio.on("connect_error", self._refused, namespace=NS)
        self.sio.on("disconnect", self._dropped, namespace=NS)

    def _welcome(self, data):
        with self.lock:
            self.welcomes.append(data)

    def _refused(self, data=None):
        with self.lock:
            self.refusals.append(data)

    def _dropped(self, *_reason):
        with self.lock:
            if self.dropped_at is None:
                self.dropped_at = time.monotonic()

    def connect(self, auth: dict, headers: dict | None = None) -> Socket:
        headers = dict(headers or {})
        if self.origin and self.transport == "polling":
            headers["Origin"] = self.origin
        self.sio.connect(
            self.server.base_url,
            namespaces=[NS],
            transports=[self.transport],
            auth=auth,
            headers=headers,
            wait_timeout=5,
        )
        assert wait_until(lambda: self.welcomes), "no welcome"
        return self

    @property
    def connected(self) -> bool:
        return self.sio.connected and NS in self.sio.namespaces and self.dropped_at is None

    def still_served(self) -> bool:
        """Connected and answered: a sync round trip on this socket, so a disconnect the server sent it
        earlier (say, with a revocation meant for others) has arrived before the answer."""
        if not self.connected:
            return False
        try:
            ack = self.sio.call(events.SYNC, {"since": self.welcomes[-1]["revision"]}, namespace=NS, timeout=5)
        except socketio.exceptions.SocketIOError:
            return False
        return bool(ack and ack.get("ok")) and self.connected

    def close(self) -> None:
        try:
            self.sio.disconnect()
        finally:
            self.http.close()


def refusal_of(server: LiveServer, auth: dict, transport: str = "websocket"):
    """Connect and return the refusal data ({code, message}); fails if the server accepts."""
    peer = Socket(server, transport)
    try:
        try:
            peer.connect(auth)
        except socketio.exceptions.ConnectionError:
            pass
        else:
            raise AssertionError("the server accepted a connection it should refuse")
        wait_until(lambda: peer.refusals, timeout=2)
        if not peer.refusals:
            return None
        data = peer.refusals[-1]
        # python-socketio hands over {"message", "data": {code, message}} (or just the data, by version).
        return data.get("data", data) if isinstance(data, dict) else data
    finally:
        peer.close()


def join(server: LiveServer, name: str = "") -> dict:
    response = requests.post(
        f"{server.base_url}/api/v1/join", json={"code": server.demo()["join_code"], "name": name}, timeout=10
    )
    response.raise_for_status()
    return response.json()
