"""This process's rate-limit counters: counted, expired and swept without starting any thread."""

from __future__ import annotations

import threading
import time

from facilitation.security import counter_storage, counters
from facilitation.security.counter_storage import ProcessCounters


def test_the_laptop_counts_in_process_counters_whether_unset_or_memory(app):
    assert isinstance(counters.storage(), ProcessCounters)
    assert counters.storage_url({}) == "process://"
    assert counters.storage_url({"RATE_LIMIT_STORAGE": "memory://"}) == "process://"
    assert counters.storage_url({"MESSAGE_QUEUE": "redis://127.0.0.1:6379/0"}) == "redis://127.0.0.1:6379/0"


def test_counting_starts_no_thread():
    # limits' MemoryStorage starts a Timer every 10 ms while counting: a green thread under eventlet, whose
    # start switches away from the post that is counting while it holds its database connection.
    store = ProcessCounters()
    before = threading.active_count()
    for n in range(200):
        store.incr(f"post:{n % 7}", expiry=60)
    assert threading.active_count() == before
    assert store.get("post:0") == 29 and store.get("post:6") == 28


def test_a_window_counts_from_its_first_hit_and_is_gone_when_it_expires(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(counter_storage.time, "time", lambda: now[0])
    store = ProcessCounters()
    assert store.incr("k", expiry=60) == 1
    now[0] += 30
    assert store.incr("k", expiry=60, amount=2) == 3  # the window's expiry stays at its first hit
    assert store.get_expiry("k") == 1060.0
    now[0] += 30
    assert store.get("k") == 0  # expired: read as nothing, and dropped
    assert store.incr("k", expiry=60) == 1  # a new window
    store.clear("k")
    assert store.get("k") == 0


def test_keys_nobody_reads_again_are_swept(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(counter_storage.time, "time", lambda: now[0])
    store = ProcessCounters()
    for window in range(5):  # a sender's keys carry their window's start: each is written in one window only
        store.incr(f"post:sender:1:{window}", expiry=120)
        now[0] += 60
    now[0] += counter_storage.SWEEP_SECONDS
    store.incr("post:sender:2:0", expiry=120)
    assert sorted(store.counts) == ["post:sender:1:4", "post:sender:2:0"]
    assert store.reset() == 2 and store.counts == {} and store.check()


def test_time_is_real_time():
    assert abs(ProcessCounters().get_expiry("never counted") - time.time()) < 5
