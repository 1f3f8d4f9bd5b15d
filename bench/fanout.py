"""Broadcast fan-out: N python-socketio clients on our server and on a bare Flask-SocketIO server.

Each server gets the same room of N websocket clients; one more client posts M notes, one at a time, and every
client records when each arrives. Latency = arrival - send, on one clock (all clients live in this process).
Reported: every delivery (median, p95) and the last delivery of each note (when the whole room has it).
Ours does the real work per note (authorise, validate, SQLite insert, revision, change log); the bare
server only re-emits.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
import socketio

from bench.common import live_server, save, summary
from tests.support.live_server import free_port

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "200"))
NOTES = int(os.environ.get("BENCH_NOTES", "30"))
NAMESPACE = "/live"
ROOT = Path(__file__).resolve().parents[1]


class Room:
    """N listening clients that note when each marker arrives."""

    def __init__(self):
        self.lock = threading.Lock()
        self.arrivals: dict[str, list[float]] = {}
        self.clients: list[socketio.Client] = []

    def on_note(self, envelope):
        now = time.perf_counter()
        marker = envelope["data"]["note"]["text"] if "note" in envelope["data"] else envelope["data"]["text"]
        with self.lock:
            self.arrivals.setdefault(marker, []).append(now)

    def join(self, url: str, auth: dict | None) -> None:
        client = socketio.Client(reconnection=False)
        client.on("note:added", self.on_note, namespace=NAMESPACE)
        client.connect(url, namespaces=[NAMESPACE], auth=auth, transports=["websocket"], wait_timeout=30)
        with self.lock:
            self.clients.append(client)

    def close(self) -> None:
        with ThreadPoolExecutor(max_workers=32) as pool:
            list(pool.map(lambda c: c.disconnect(), self.clients))


def measure(url: str, auths: list[dict | None], send) -> dict:
    room = Room()
    with ThreadPoolExecutor(max_workers=32) as pool:
        list(pool.map(lambda auth: room.join(url, auth), auths))
    sent: dict[str, float] = {}
    try:
        for _ in range(NOTES):
            marker = uuid.uuid4().hex
            sent[marker] = time.perf_counter()
            send(marker)
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and len(room.arrivals.get(marker, [])) < len(auths):
                time.sleep(0.005)
            time.sleep(0.1)
    finally:
        room.close()
    every, last, missing = [], [], 0
    for marker, start in sent.items():
        arrivals = room.arrivals.get(marker, [])
        missing += len(auths) - len(arrivals)
        every += [(t - start) * 1000 for t in arrivals]
        if arrivals:
            last.append((max(arrivals) - start) * 1000)
    return {
        "clients": len(auths),
        "notes": NOTES,
        "missing": missing,
        "every_ms": summary(every),
        "last_ms": summary(last),
    }


def ours() -> dict:
    with live_server() as server:
        demo = server.demo()
        board = next(b for b in demo["boards"] if b["kind"] == "ideas")
        tokens = [
            requests.post(f"{server.base_url}/api/v1/join", json={"code": demo["join_code"]}, timeout=10).json()[
                "token"
            ]
            for _ in range(CLIENTS)
        ]
        # The per-socket bucket allows a burst of 10 posts: spread the notes over enough posting sockets.
        posters = []
        for i in range(-(-NOTES // 8)):
            poster = socketio.Client(reconnection=False)
            token = demo["groups"][i % len(demo["groups"])]["token"]
            poster.connect(server.base_url, namespaces=[NAMESPACE], auth={"token": token}, transports=["websocket"])
            posters.append(poster)
        turn = iter(range(NOTES * 2))

        def send(marker: str) -> None:
            payload = {
                "client_id": uuid.uuid4().hex,
                "board_id": board["id"],
                "section_id": board["sections"][0]["id"],
                "text": marker,
            }
            poster = posters[next(turn) % len(posters)]
            ack = poster.call("note:post", payload, namespace=NAMESPACE, timeout=15)
            assert ack["ok"], ack

        try:
            return measure(server.base_url, [{"token": t} for t in tokens], send)
        finally:
            for poster in posters:
                poster.disconnect()


def bare() -> dict:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "bench.bare_server", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(f"{url}/socket.io/?EIO=4&transport=polling", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        poster = socketio.Client(reconnection=False)
        poster.connect(url, namespaces=[NAMESPACE], transports=["websocket"])
        try:
            return measure(
                url, [None] * CLIENTS, lambda marker: poster.call("post", {"text": marker}, namespace=NAMESPACE)
            )
        finally:
            poster.disconnect()
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()


def run() -> dict:
    results = {"ours": ours(), "bare": bare()}
    save("fanout", results)
    return results


def table(results: dict) -> list[str]:
    lines = [
        f"Broadcast fan-out to {results['ours']['clients']} websocket clients, {results['ours']['notes']} notes (ms)"
    ]
    lines.append(f"  {'server':<8} {'every med':>10} {'p95':>8} {'whole room med':>15} {'p95':>8} {'missing':>8}")
    for name in ("ours", "bare"):
        r = results[name]
        lines.append(
            f"  {name:<8} {r['every_ms']['median']:>10} {r['every_ms']['p95']:>8} "
            f"{r['last_ms']['median']:>15} {r['last_ms']['p95']:>8} {r['missing']:>8}"
        )
    return lines


if __name__ == "__main__":
    print("\n".join(table(run())))
