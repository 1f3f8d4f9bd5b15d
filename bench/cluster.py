"""The cluster against one process: 2 workers behind nginx vs 1 worker behind nginx, same machine, same run.

Both are `make cluster` clusters (facilitation/cluster) on PostgreSQL and Redis, so the only difference is
the number of app processes. For each: a room of PHONES websocket phones through nginx;
- fan-out: NOTES notes posted one at a time, latency of every delivery (p50/p99) and of the whole room;
- posts/s sustained: POSTERS threads posting over HTTP (spread across workers by nginx) for SECONDS;
- mass reconnect: every phone dropped at once and connected again, time until the whole room is back.
All clients live in this process, which shares the machine's cores with the servers: on a small machine the
clients are part of what is measured, so compare the two rows, not the numbers with another machine's.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
import socketio

from bench.common import UNLIMITED, save, summary
from facilitation.cluster.launcher import Cluster, Settings

PHONES = int(os.environ.get("BENCH_CLUSTER_PHONES", "2000"))
NOTES = int(os.environ.get("BENCH_CLUSTER_NOTES", "20"))
POSTERS = int(os.environ.get("BENCH_CLUSTER_POSTERS", "16"))
SECONDS = float(os.environ.get("BENCH_CLUSTER_SECONDS", "10"))
PORT = int(os.environ.get("BENCH_CLUSTER_PORT", "5630"))
NAMESPACE = "/live"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))], 1) if ordered else 0.0


class Room:
    """PHONES clients through nginx, each noting when each marker arrives."""

    def __init__(self, url: str, tokens: list[str]):
        self.url = url
        self.tokens = tokens
        self.lock = threading.Lock()
        self.arrivals: dict[str, list[float]] = {}
        self.clients: list[socketio.Client] = []

    def on_note(self, envelope) -> None:
        now = time.perf_counter()
        with self.lock:
            self.arrivals.setdefault(envelope["data"]["note"]["text"], []).append(now)

    def _connect(self, token: str) -> socketio.Client:
        client = socketio.Client(reconnection=False)
        client.on("note:added", self.on_note, namespace=NAMESPACE)
        for attempt in range(5):
            try:
                client.connect(
                    self.url, namespaces=[NAMESPACE], auth={"token": token}, transports=["websocket"], wait_timeout=30
                )
                return client
            except socketio.exceptions.ConnectionError:
                time.sleep(0.5 * (attempt + 1))
        raise RuntimeError("a phone could not connect")

    def connect_all(self) -> float:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=64) as pool:
            self.clients = list(pool.map(self._connect, self.tokens))
        return time.perf_counter() - started

    def drop_all(self) -> None:
        with ThreadPoolExecutor(max_workers=64) as pool:
            list(pool.map(lambda c: c.disconnect(), self.clients))
        self.clients = []


def _join_all(base: str, code: str, count: int) -> list[str]:
    def join(_n: int) -> str:
        return requests.post(f"{base}/api/v1/join", json={"code": code}, timeout=30).json()["token"]

    with ThreadPoolExecutor(max_workers=16) as pool:
        return list(pool.map(join, range(count)))


def _demo(cluster: Cluster) -> dict:
    from sqlalchemy import create_engine, text

    engine = create_engine(cluster.postgres.url)
    try:
        with engine.connect() as con:
            workshop_id, code = con.execute(text("select id, join_code from workshops order by id limit 1")).one()
            board_id, section_id = con.execute(
                text(
                    "select b.id, s.id from boards b join sections s on s.board_id = b.id where b.workshop_id = :w "
                    "and b.open_to_attendees order by b.position, s.position limit 1"
                ),
                {"w": workshop_id},
            ).one()
    finally:
        engine.dispose()
    return {"workshop_id": workshop_id, "code": code, "board_id": board_id, "section_id": section_id}


def _post(session: requests.Session, base: str, demo: dict, token: str, text: str) -> None:
    note = {"client_id": uuid.uuid4().hex, "board_id": demo["board_id"], "section_id": demo["section_id"], "text": text}
    url = f"{base}/api/v1/workshops/{demo['workshop_id']}/notes"
    try:
        response = session.post(url, json=note, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    except requests.ConnectionError:
        # A kept-alive connection closed as it was reused: resend, as the outbox would (same client_id).
        response = session.post(url, json=note, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert response.status_code in (200, 201), response.text


def _fan_out(room: Room, base: str, demo: dict, token: str) -> dict:
    sent: dict[str, float] = {}
    with requests.Session() as session:
        for _ in range(NOTES):
            marker = uuid.uuid4().hex
            sent[marker] = time.perf_counter()
            _post(session, base, demo, token, marker)
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and len(room.arrivals.get(marker, [])) < len(room.tokens):
                time.sleep(0.005)
            time.sleep(0.2)
    every, whole, missing = [], [], 0
    for marker, start in sent.items():
        arrivals = room.arrivals.get(marker, [])
        missing += len(room.tokens) - len(arrivals)
        every += [(t - start) * 1000 for t in arrivals]
        if arrivals:
            whole.append((max(arrivals) - start) * 1000)
    return {
        "every_p50_ms": _percentile(every, 0.5),
        "every_p99_ms": _percentile(every, 0.99),
        "whole_room_p50_ms": _percentile(whole, 0.5),
        "whole_room_p99_ms": _percentile(whole, 0.99),
        "missing": missing,
        "every_ms": summary(every) if every else {},
    }


def _sustained_posts(base: str, demo: dict, tokens: list[str]) -> float:
    done = [0] * len(tokens)
    stop_at = time.monotonic() + SECONDS

    def keep_posting(n: int) -> None:
        with requests.Session() as session:
            while time.monotonic() < stop_at:
                _post(session, base, demo, tokens[n], f"load {n}")
                done[n] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        list(pool.map(keep_posting, range(len(tokens))))
    return round(sum(done) / (time.perf_counter() - started), 1)


def measure(workers: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as folder:
        settings = Settings(
            folder=Path(folder),
            workers=workers,
            port=PORT,
            per_address=PHONES + 500,
            extra_env={"RATE_LIMITS": UNLIMITED, "SEED_DEMO": "1"},
        )
        cluster = Cluster(settings)
        try:
            cluster.start()
            base = f"http://127.0.0.1:{PORT}"
            demo = _demo(cluster)
            tokens = _join_all(base, demo["code"], PHONES + POSTERS + 1)
            phones, posters, poster = tokens[:PHONES], tokens[PHONES:-1], tokens[-1]
            room = Room(base, phones)
            room.connect_all()
            try:
                fan_out = _fan_out(room, base, demo, poster)
                posts_per_second = _sustained_posts(base, demo, posters)
                room.drop_all()
                reconnect_seconds = round(room.connect_all(), 1)
            finally:
                room.drop_all()
            return {
                "workers": workers,
                "phones": PHONES,
                **fan_out,
                "posts_per_second": posts_per_second,
                "reconnect_all_seconds": reconnect_seconds,
            }
        finally:
            cluster.stop()


def run() -> dict:
    # A timeout's SIGTERM must still stop the cluster's processes (they run in sessions of their own).
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(1))
    results: dict = {"cores": os.cpu_count()}
    for name, workers in (("one_process", 1), ("two_workers", 2)):
        results[name] = measure(workers)
        print(f"{name}: {results[name]}", flush=True)
    save("cluster", results)
    return results


def table(results: dict) -> list[str]:
    phones = results["one_process"]["phones"]
    lines = [f"Cluster behind nginx, {phones} websocket phones, {NOTES} notes, {results['cores']} cores"]
    lines.append(
        f"  {'':<12} {'fan-out p50':>12} {'p99':>8} {'room p99':>9} {'missing':>8} {'posts/s':>8} {'reconnect s':>12}"
    )
    for name in ("one_process", "two_workers"):
        r = results[name]
        lines.append(
            f"  {name:<12} {r['every_p50_ms']:>12} {r['every_p99_ms']:>8} {r['whole_room_p99_ms']:>9} "
            f"{r['missing']:>8} {r['posts_per_second']:>8} {r['reconnect_all_seconds']:>12}"
        )
    return lines


if __name__ == "__main__":
    print("\n".join(table(run())))
