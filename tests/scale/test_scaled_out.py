"""Scaled out: two server processes on one PostgreSQL database with Redis as the message queue.

Same code, configuration only. A post on one process reaches a screen on the other, revisions stay
unique across processes, and a screen that missed changes catches up from the shared change log.
"""

from __future__ import annotations

import threading
import time

import pytest
import requests
import socketio

pytestmark = [pytest.mark.live]

NAMESPACE = "/live"


@pytest.fixture
def cluster(scaled_out_servers):
    return scaled_out_servers


def connect(server, token: str) -> tuple[socketio.Client, list]:
    received: list = []
    client = socketio.Client(reconnection=False)
    client.on("note:added", received.append, namespace=NAMESPACE)
    client.connect(server.base_url, auth={"token": token}, namespaces=[NAMESPACE], transports=["websocket"])
    return client, received


def note_payload(board, text: str, client_id: str) -> dict:
    return {"client_id": client_id, "board_id": board["id"], "section_id": board["sections"][0]["id"], "text": text}


def open_board(server):
    return next(b for b in server.demo()["boards"] if b["open"])


def wait_for(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_a_post_on_one_process_reaches_a_screen_on_the_other(cluster):
    server_a, server_b = cluster
    projector, received = connect(server_b, server_b.demo()["projector_token"])
    poster, _ = connect(server_a, server_a.join("Ada"))
    try:
        ack = poster.call(
            "note:post", note_payload(open_board(server_a), "Across processes", "scale-cross-01"), namespace=NAMESPACE
        )
        assert ack["ok"], ack
        wait_for(lambda: any(e["data"]["note"]["client_id"] == "scale-cross-01" for e in received))
        envelope = next(e for e in received if e["data"]["note"]["client_id"] == "scale-cross-01")
        assert envelope["revision"] == ack["revision"]
    finally:
        poster.disconnect()
        projector.disconnect()


def test_revisions_stay_unique_when_both_processes_write_at_once(cluster):
    board = open_board(cluster[0])
    tokens = [(server, server.join()) for server in cluster for _ in range(3)]
    revisions: list[int] = []
    lock = threading.Lock()

    def post_five(server, token, worker):
        for n in range(5):
            response = requests.post(
                f"{server.base_url}/api/v1/workshops/{server.demo()['workshop_id']}/notes",
                json=note_payload(board, f"note {worker}-{n}", f"scale-{worker:02d}-{n:02d}"),
                headers={"Authorization": f"Bearer {token}"},
                timeout=10,
            )
            assert response.status_code == 201, response.text
            with lock:
                revisions.append(response.json()["revision"])

    threads = [threading.Thread(target=post_five, args=(s, t, i)) for i, (s, t) in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(revisions) == 30
    assert len(set(revisions)) == 30


def test_a_screen_that_missed_notes_catches_up_from_the_other_process(cluster):
    server_a, server_b = cluster
    board = open_board(server_a)
    projector, _ = connect(server_b, server_b.demo()["projector_token"])
    last = projector.call("sync", {"since": 1}, namespace=NAMESPACE)["revision"]
    projector.disconnect()
    poster, _ = connect(server_a, server_a.join())
    try:
        for n in range(2):
            assert poster.call(
                "note:post", note_payload(board, f"missed {n}", f"scale-missed-{n}"), namespace=NAMESPACE
            )["ok"]
    finally:
        poster.disconnect()
    projector, _ = connect(server_b, server_b.demo()["projector_token"])
    try:
        caught_up = projector.call("sync", {"since": last}, namespace=NAMESPACE)
        texts = [c["data"]["note"]["text"] for c in caught_up["changes"] if c["event"] == "note:added"]
        assert texts == ["missed 0", "missed 1"]
    finally:
        projector.disconnect()
