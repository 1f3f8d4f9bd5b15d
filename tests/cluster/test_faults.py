"""The loss of any one part of a 2-worker cluster, mid-session: a worker (kill -9), Redis, PostgreSQL.

Each test puts the cluster back as it found it. Recovery times are printed (run with -s), not asserted:
the bounds below only tell a recovery from a hang.
"""

from __future__ import annotations

import signal
import threading
import time

import pytest
import requests

from tests.cluster.clients import Client, Demo, wait_for, workers_serving

pytestmark = [
    pytest.mark.live,
    # A killed worker or a restarted Redis cuts sockets whose engine.io clients python-socketio replaces on
    # reconnect without closing; the collector may find one mid-test. That is the fault these tests inject,
    # not a leak of the product's (the module's clients are closed, and conftest collects the rest).
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
]

PHONES = 50
NOTES_EACH = 6
REDIS_OUTAGE_SECONDS = 30


@pytest.fixture(scope="module")
def demo(cluster) -> Demo:
    return Demo(cluster)


def test_kill_9_of_a_worker_while_50_phones_post(cluster, demo):
    screen = Client(demo, demo.projector_token, "screen-kill")
    phones = [Client(demo, demo.join(f"P{n}"), f"phone-kill-{n:02d}") for n in range(PHONES)]
    acknowledged: list[str] = []
    revisions: list[int] = []
    failures: list[tuple[str, dict]] = []
    lock = threading.Lock()
    started = threading.Event()

    def post_all(n: int, phone: Client) -> None:
        for k in range(NOTES_EACH):
            if k == 2:
                started.wait()
            client_id = f"kill-{n:02d}-{k:02d}"
            ack = phone.post_until_acknowledged(client_id, within=45)
            with lock:
                if ack.get("ok"):
                    acknowledged.append(client_id)
                    revisions.append(ack["revision"])
                else:
                    failures.append((client_id, ack))
            time.sleep(0.1)

    threads = [threading.Thread(target=post_all, args=(n, phone)) for n, phone in enumerate(phones)]
    try:
        for thread in threads:
            thread.start()
        wait_for(lambda: len(acknowledged) >= PHONES, 30, "the first notes were acknowledged")
        victim = cluster.workers[0]
        victim.process.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        victim.process.wait(timeout=10)
        started.set()
        for thread in threads:
            thread.join(timeout=90)
        all_acked = time.monotonic() - killed_at
        assert not failures, failures[:5]
        assert len(acknowledged) == PHONES * NOTES_EACH
        # Both workers took revisions from one counter: no two notes share one.
        assert len(set(revisions)) == len(revisions)
        # Every acknowledged note is stored exactly once, retries and all.
        counts = demo.stored_counts(acknowledged)
        assert {cid: c for cid, c in counts.items() if c != 1} == {}
        # The screen (wherever it was) has every note, live or by catching up after its reconnect.
        try:
            took = wait_for(lambda: set(acknowledged) <= screen.seen, 30, "the screen has every acknowledged note")
        except AssertionError:
            missing = sorted(set(acknowledged) - screen.seen)
            print(f"screen misses {len(missing)}: {missing[:10]}; rev {screen.revision} connects {screen.connects}")
            raise
        moved = [phone for phone in phones if phone.connects > 1]
        reconnected = max((phone.connected_at - killed_at for phone in moved), default=0.0)
        print(
            f"kill -9: {len(moved)} of {PHONES} phones reconnected, the last {reconnected:.1f} s after the kill; "
            f"all {len(acknowledged)} notes acknowledged {all_acked:.1f} s after it; screen complete {took:.1f} s later"
        )
        assert moved, "no phone was on the killed worker"
    finally:
        for phone in phones:
            phone.close()
        screen.close()
        if not cluster.workers[0].alive():
            cluster.workers[0].start()


def test_redis_stopped_for_30_seconds_then_back(cluster, demo):
    phone = Client(demo, demo.join("Redis phone"), "phone-redis")
    screen = Client(demo, demo.projector_token, "screen-redis")
    try:
        assert phone.post("redis-before-00")["ok"]
        wait_for(lambda: "redis-before-00" in screen.live, 10, "live fan-out before the outage")
        cluster.redis.stop()
        outage_started = time.monotonic()
        posted = []
        n = 0
        while time.monotonic() - outage_started < REDIS_OUTAGE_SECONDS:
            ack = phone.post(f"redis-during-{n:02d}")
            assert ack.get("ok"), ack  # stored and acknowledged without Redis
            posted.append(f"redis-during-{n:02d}")
            n += 1
            time.sleep(2)
        # Nothing travelled live to the screen while the queue was down.
        assert not set(posted) & screen.live
        cluster.redis.start()
        # Live fan-out resumes without restarting anything: keep posting until one arrives live.
        m = 0

        def one_arrives_live() -> bool:
            nonlocal m
            client_id = f"redis-after-{m:02d}"
            m += 1
            assert phone.post(client_id).get("ok")
            time.sleep(0.3)
            return client_id in screen.live

        resumed = wait_for(one_arrives_live, 30, "live fan-out resumed after Redis came back")
        # The first live note after the gap shows the missed revisions, and the screen catches up.
        caught_up = wait_for(lambda: set(posted) <= screen.seen, 15, "the screen caught up on the outage")
        assert screen.gaps >= 1
        print(
            f"Redis {REDIS_OUTAGE_SECONDS} s outage: {len(posted)} posts acknowledged during it; live fan-out back "
            f"{resumed:.1f} s after Redis, screen caught up {caught_up:.1f} s later"
        )
    finally:
        phone.close()
        screen.close()
        if cluster.redis.process is None or cluster.redis.process.poll() is not None:
            cluster.redis.start()


def test_postgresql_restarted(cluster, demo):
    phone_token = demo.join("PG phone")
    phone = Client(demo, phone_token, "phone-pg")
    screen = Client(demo, demo.projector_token, "screen-pg")
    try:
        assert phone.post("pg-before-00")["ok"]
        cluster.postgres.stop()
        stopped_at = time.monotonic()
        # During the outage: a clear `unavailable`, quickly, over Socket.IO and HTTP; never an ack.
        started = time.monotonic()
        ack = phone.post("pg-during-00", timeout=15)
        answered = time.monotonic() - started
        assert ack == {"ok": False, "code": "unavailable", "message": ack.get("message")}, ack
        response = requests.post(
            f"{demo.base_url}/api/v1/workshops/{demo.workshop_id}/notes",
            json=demo.note("pg-during-http-00"),
            headers={"Authorization": f"Bearer {phone_token}"},
            timeout=15,
        )
        assert response.status_code == 503 and response.json()["code"] == "unavailable", response.text
        cluster.postgres.start()
        # The outbox resends the same note; the workers reconnect by themselves (pool pre-ping).
        ack = phone.post_until_acknowledged("pg-during-00", within=30)
        assert ack.get("ok"), ack
        recovered = time.monotonic() - stopped_at
        assert phone.post_until_acknowledged("pg-after-00")["ok"]
        assert demo.stored_counts(["pg-before-00", "pg-during-00", "pg-during-http-00", "pg-after-00"]) == {
            "pg-before-00": 1,
            "pg-during-00": 1,
            "pg-during-http-00": 0,
            "pg-after-00": 1,
        }
        wait_for(lambda: {"pg-during-00", "pg-after-00"} <= screen.seen, 15, "the screen has the notes after")
        print(f"PostgreSQL restart: 'unavailable' in {answered:.2f} s; first ack {recovered:.1f} s after the stop")
    finally:
        phone.close()
        screen.close()
        cluster.postgres.start()


def test_each_worker_served_some_phones(cluster):
    # The kill test spread its phones across both workers (least_conn), or it would have proven nothing.
    served = set().union(*(workers_serving(cluster, f"phone-kill-{n:02d}") for n in range(PHONES)))
    assert len(served) == 2, served
