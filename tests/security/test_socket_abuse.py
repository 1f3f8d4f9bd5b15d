"""Socket abuse: unknown events get an answer, and oversized messages are refused without memory growth."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import pytest
import requests
import websocket

from facilitation.extensions import socketio
from facilitation.kernel import events
from tests.security.live_helpers import Socket, join

NS = events.NAMESPACE


def test_an_unknown_event_is_answered_with_unknown_event(world_app):
    world = world_app.world
    client = socketio.test_client(world_app, namespace=NS, auth={"token": world.attendee_token})
    try:
        ack = client.emit("note:psot", {"text": "typo"}, namespace=NS, callback=True)
        assert ack == {"ok": False, "code": "unknown_event", "message": "There is no event called 'note:psot'."}
        assert client.is_connected(NS)
        assert client.emit(events.STATE, {}, namespace=NS, callback=True)["ok"] is True
    finally:
        client.disconnect(namespace=NS)


def test_a_flood_of_unknown_events_is_rate_limited(world_app):
    client = socketio.test_client(world_app, namespace=NS, auth={"token": world_app.world.attendee_token})
    try:
        acks = [client.emit(f"made:up:{n}", {}, namespace=NS, callback=True) for n in range(40)]
        assert {a["code"] for a in acks} == {"unknown_event", "rate_limited"}
        assert acks[-1]["code"] == "rate_limited"
    finally:
        client.disconnect(namespace=NS)


def vm_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def send_oversized(server, token: str, size: int) -> None:
    """One raw websocket: open, connect to /live, send one event just over the limit, see what happens."""
    ws = websocket.create_connection(
        f"ws://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=websocket", origin=server.base_url, timeout=10
    )
    try:
        assert ws.recv().startswith("0{")
        ws.send(f"40{NS}," + json.dumps({"token": token}))
        payload = {"client_id": uuid.uuid4().hex, "board_id": 1, "section_id": 1, "text": "z" * size}
        ws.send(f"42{NS},1" + json.dumps([events.NOTE_POST, payload]))
        ws.settimeout(5)
        try:
            while True:
                frame = ws.recv()
                assert not frame.startswith(f"43{NS},1"), "an oversized message was answered"
                if not frame:
                    break
        except (websocket.WebSocketConnectionClosedException, websocket.WebSocketTimeoutException, ConnectionError):
            pass
    finally:
        ws.close()
        ws.shutdown()  # close() skips the socket when the server already dropped the connection


@pytest.mark.live
def test_oversized_messages_are_refused_without_memory_growth(start_server):
    limit = 256 * 1024
    server = start_server(MAX_MESSAGE_BYTES=str(limit))
    token = join(server)["token"]
    pid = server.process.pid
    for _ in range(20):  # warm up: allocator pools, first imports
        send_oversized(server, token, limit + 1024)
    baseline = vm_rss_kib(pid)
    started = time.monotonic()
    for _ in range(200):
        send_oversized(server, token, limit + 1024)
    elapsed = time.monotonic() - started
    grown = vm_rss_kib(pid) - baseline
    print(f"\n200 oversized messages ({(limit + 1024) // 1024} KiB each) in {elapsed:.1f} s; RSS grew {grown} KiB")
    # Keeping them would cost 200 × 257 KiB ≈ 50 MiB; allow a little for logs and buffers.
    assert grown < 16 * 1024, f"RSS grew by {grown} KiB"

    assert server.process.poll() is None
    assert requests.get(f"{server.base_url}/", timeout=10).status_code == 200
    demo = server.demo()
    board = next(b for b in demo["boards"] if b["kind"] == "solutions")
    phone = Socket(server).connect({"token": join(server)["token"]})
    try:
        ack = phone.sio.call(
            events.NOTE_POST,
            {
                "client_id": uuid.uuid4().hex,
                "board_id": board["id"],
                "section_id": board["sections"][0]["id"],
                "text": "Still here",
            },
            namespace=NS,
            timeout=10,
        )
        assert ack["ok"] is True, ack
        unknown = phone.sio.call("no:such:event", {}, namespace=NS, timeout=10)
        assert unknown["code"] == "unknown_event"
    finally:
        phone.close()
    assert "Traceback" not in server.log_path.read_text()
