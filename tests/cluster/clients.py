"""Phones and screens for the cluster tests: python-socketio clients through nginx that behave like the app's
own client (static/js/core): on every (re)connect they sync from the last revision they saw, a revision gap
in live traffic makes them sync, and posts keep their client_id until acknowledged (the outbox)."""

from __future__ import annotations

import threading
import time

import requests
import socketio
from sqlalchemy import create_engine, text

NAMESPACE = "/live"


def wait_for(condition, timeout: float, what: str = "condition") -> float:
    """Wait until condition() holds; return the seconds it took, or fail saying `what`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"{what}: not within {timeout:g} s")


class Demo:
    """The demo workshop's ids and tokens, read from the cluster's database."""

    def __init__(self, cluster):
        self.base_url = f"http://127.0.0.1:{cluster.settings.port}"
        self.database_url = cluster.postgres.url
        engine = create_engine(self.database_url)
        try:
            with engine.connect() as con:
                self.workshop_id, self.join_code, self.projector_token = con.execute(
                    text("select id, join_code, projector_token from workshops order by id limit 1")
                ).one()
                self.board_id, self.section_id = con.execute(
                    text(
                        "select b.id, s.id from boards b join sections s on s.board_id = b.id "
                        "where b.workshop_id = :w and b.open_to_attendees order by b.position, s.position limit 1"
                    ),
                    {"w": self.workshop_id},
                ).one()
        finally:
            engine.dispose()

    def join(self, name: str = "") -> str:
        body = {"code": self.join_code, "name": name}
        response = requests.post(f"{self.base_url}/api/v1/join", json=body, timeout=10)
        response.raise_for_status()
        return response.json()["token"]

    def note(self, client_id: str, text_: str | None = None) -> dict:
        return {
            "client_id": client_id,
            "board_id": self.board_id,
            "section_id": self.section_id,
            "text": text_ or f"note {client_id}",
        }

    def stored_counts(self, client_ids) -> dict[str, int]:
        """How many rows each client_id has in the notes table."""
        engine = create_engine(self.database_url)
        try:
            with engine.connect() as con:
                rows = con.execute(
                    text("select client_id, count(*) from notes where workshop_id = :w group by client_id"),
                    {"w": self.workshop_id},
                ).all()
        finally:
            engine.dispose()
        counts = dict(rows)
        return {cid: counts.get(cid, 0) for cid in client_ids}


class Client:
    """One socket through nginx, named in its URL so nginx's access log shows which worker served it."""

    def __init__(self, demo: Demo, token: str, name: str, transports: tuple[str, ...] = ("websocket",)):
        self.demo = demo
        self.name = name
        self.revision = 0
        self.seen: set[str] = set()  # client_ids of notes seen, live or in catch-up
        self.live: set[str] = set()  # of those, the ones that came as a live broadcast
        self.connects = 0
        self.connected_at = 0.0
        self.gaps = 0
        self.syncing = False
        self.pending: int | None = None
        self.lock = threading.Lock()
        self.sio = socketio.Client(reconnection=True, reconnection_delay=0.2, reconnection_delay_max=1)
        self.sio.on("connect", self._on_connect, namespace=NAMESPACE)
        self.sio.on("note:added", self._on_note, namespace=NAMESPACE)
        self.sio.connect(
            f"{demo.base_url}/?client={name}",
            auth={"token": token},
            namespaces=[NAMESPACE],
            transports=list(transports),
            wait_timeout=20,
        )
        wait_for(lambda: self.connects > 0 and self.revision > 0, 20, f"{name} connected and caught up")

    def _on_connect(self) -> None:
        # As live.js: every (re)connect catches up from the last revision seen, in the background.
        self.connects += 1
        self.connected_at = time.monotonic()
        self.sio.start_background_task(self.catch_up)

    def _on_note(self, envelope: dict) -> None:
        with self.lock:
            cid = envelope["data"]["note"]["client_id"]
            self.live.add(cid)
            self.seen.add(cid)
            before = self.revision
            self.revision = max(self.revision, envelope["revision"])
        if envelope["revision"] > before + 1:
            # Revisions were skipped: fetch everything after the last one seen in order.
            self.gaps += 1
            self.sio.start_background_task(self.catch_up, before)

    def catch_up(self, since: int | None = None) -> None:
        """As live.js: one sync at a time; asked again meanwhile, it runs once more from the lowest point."""
        with self.lock:
            wanted = self.revision if since is None else min(self.revision, since)
            self.pending = wanted if self.pending is None else min(self.pending, wanted)
            if self.syncing:
                return
            self.syncing = True
        try:
            for _attempt in range(20):
                with self.lock:
                    if self.pending is None:
                        return
                    since, self.pending = self.pending, None
                if not self._sync(since):
                    with self.lock:
                        self.pending = since if self.pending is None else min(self.pending, since)
                    time.sleep(0.5)
        finally:
            with self.lock:
                self.syncing = False

    def _sync(self, since: int) -> bool:
        try:
            ack = self.sio.call("sync", {"since": since}, namespace=NAMESPACE, timeout=10)
        except (socketio.exceptions.TimeoutError, socketio.exceptions.BadNamespaceError):
            return False
        if not ack.get("ok"):
            return False
        with self.lock:
            for change in ack.get("changes", []):
                if change["event"] == "note:added":
                    self.seen.add(change["data"]["note"]["client_id"])
            self.revision = max(self.revision, ack["revision"])
        return True

    def post(self, client_id: str, timeout: float = 10) -> dict:
        """One try: the ack, or {ok: False, code: offline/timeout} as the app's client reports it."""
        try:
            return self.sio.call("note:post", self.demo.note(client_id), namespace=NAMESPACE, timeout=timeout)
        except socketio.exceptions.TimeoutError:
            return {"ok": False, "code": "timeout"}
        except (socketio.exceptions.BadNamespaceError, socketio.exceptions.DisconnectedError):
            return {"ok": False, "code": "offline"}

    def post_until_acknowledged(self, client_id: str, within: float = 30) -> dict:
        """The outbox: the same client_id again until an ack says ok (retryable codes only)."""
        deadline = time.monotonic() + within
        while True:
            ack = self.post(client_id)
            if ack.get("ok") or ack.get("code") not in ("offline", "timeout", "unavailable", "server_error"):
                return ack
            if time.monotonic() > deadline:
                return ack
            time.sleep(0.3)

    def close(self) -> None:
        self.sio.disconnect()


def workers_serving(cluster, name: str) -> set[str]:
    """The upstream addresses nginx's access log names for a client's requests (logged when they end)."""
    log = (cluster.logs / "nginx-access.log").read_text()
    lines = [line for line in log.splitlines() if f"client={name}&" in line and "upstream=" in line]
    # A request nginx retried on the next worker names both: "127.0.0.1:5621, 127.0.0.1:5622".
    tried = (line.split("upstream=")[1].split(" time=")[0] for line in lines)
    return {address.strip() for addresses in tried for address in addresses.split(",")}
