"""Raw sockets and small python-socketio listeners for the connection-limit tests: half-open connections that
never finish a request, one-shot HTTP over a chosen source address, and a flood that keeps many open."""

from __future__ import annotations

import errno
import selectors
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager

import requests
import socketio

from facilitation.kernel import events
from tests.support.live_server import LiveServer

NS = events.NAMESPACE
PARTIAL_REQUEST_LINE = b"GET /?half-open HTTP/1."


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
