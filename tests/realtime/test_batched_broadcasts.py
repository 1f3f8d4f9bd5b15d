"""Under load, broadcasts to one room within a tick leave as one `changes` frame (kernel/broadcast.Coalescer).

A real server with a long tick (300 ms) so a handful of posts is "load" on any machine: the first goes at
once, the rest of its tick arrive together, in order, each with its revision; a client that loses one of
them still catches up through `sync`.
"""

from __future__ import annotations

import threading
import uuid

import pytest
import socketio

from facilitation.kernel.events import BATCH, NAMESPACE, NOTE_ADDED, NOTE_POST, SYNC
from tests.support.socket_clients import in_arrival_order

pytestmark = pytest.mark.live
LIVE_SERVER_ENV = {"BROADCAST_TICK_MS": "300", "RATE_LIMITS": "post_per_sender=1000/60"}
POSTS = 6


class Listener:
    """A phone recording every frame in arrival order: ('single', envelope) or ('batch', [envelopes])."""

    def __init__(self, url: str, token: str):
        self.frames: list[tuple[str, object]] = []
        self.done = threading.Event()
        self.client = in_arrival_order(socketio.Client(reconnection=False))
        self.client.on(NOTE_ADDED, lambda envelope: self.record("single", envelope), namespace=NAMESPACE)
        self.client.on(BATCH, lambda envelopes: self.record("batch", envelopes), namespace=NAMESPACE)
        self.client.connect(url, namespaces=[NAMESPACE], auth={"token": token}, transports=["websocket"])

    def record(self, kind, payload):
        self.frames.append((kind, payload))
        if len(self.envelopes()) >= POSTS:
            self.done.set()

    def envelopes(self) -> list[dict]:
        flat = []
        for kind, payload in self.frames:
            flat += payload if kind == "batch" else [payload]
        return flat


def test_batched_broadcasts_arrive_in_order_and_a_lost_one_comes_back_through_sync(live_server, demo):
    board = next(b for b in demo["boards"] if b["kind"] == "ideas")
    phone = Listener(live_server.base_url, live_server.join("Sam"))
    poster = socketio.Client(reconnection=False)
    poster.connect(
        live_server.base_url,
        namespaces=[NAMESPACE],
        auth={"token": demo["groups"][0]["token"]},
        transports=["websocket"],
    )
    try:
        acks = []
        for n in range(POSTS):
            payload = {
                "client_id": uuid.uuid4().hex,
                "board_id": board["id"],
                "section_id": board["sections"][0]["id"],
                "text": f"note {n}",
            }
            acks.append(poster.call(NOTE_POST, payload, namespace=NAMESPACE, timeout=10))
        assert all(ack["ok"] for ack in acks), acks
        assert phone.done.wait(10), phone.frames

        envelopes = phone.envelopes()
        assert [e["revision"] for e in envelopes] == [ack["revision"] for ack in acks]
        assert [e["data"]["note"]["text"] for e in envelopes] == [f"note {n}" for n in range(POSTS)]
        assert all(e["event"] == NOTE_ADDED for e in envelopes)
        # The first went at once; the posts of its tick arrived together in one frame.
        assert phone.frames[0][0] == "single"
        batches = [payload for kind, payload in phone.frames if kind == "batch"]
        assert batches and max(len(batch) for batch in batches) >= 2, phone.frames

        # A phone that lost the first envelope of a batch: sync from what it had brings it back.
        lost = batches[0][0]
        ack = phone.client.call(SYNC, {"since": lost["revision"] - 1}, namespace=NAMESPACE, timeout=10)
        assert ack["ok"] and ack["reset"] is False
        assert ack["changes"][0]["revision"] == lost["revision"]
        assert ack["changes"][0]["data"]["note"]["id"] == lost["data"]["note"]["id"]
        assert ack["revision"] == acks[-1]["revision"]
    finally:
        poster.disconnect()
        phone.client.disconnect()
