"""This process's rate-limit counters: a `limits` storage that never switches green threads.

limits' own MemoryStorage keeps its keys tidy with a threading.Timer it starts again every 10 ms while
counting. Under eventlet that timer is a green thread, and starting one switches away from the request that
is counting: a note post paused there in the middle, already holding its database connection, while other
posts ran and took connections of their own (the pool opened and closed extra ones, and the posts queued
behind each other: bench/README.md). Here an expired key is dropped when it is read and the rest are swept
inline at most once every SWEEP_SECONDS, so counting is plain dictionary work that nothing interrupts.

The counts live in this process only: the laptop's one server. Scaled out they are in Redis (counters.py).
"""

from __future__ import annotations

import time

from limits.storage import Storage

# How often expired keys are swept (each window's key is dropped once its window cannot count any more).
SWEEP_SECONDS = 10.0


class ProcessCounters(Storage):
    """Fixed-window counters with expiry, for `limits`' fixed-window strategies; `process://` in a URL."""

    STORAGE_SCHEME = ["process"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str):
        self.counts: dict[str, int] = {}
        self.expirations: dict[str, float] = {}
        self.swept_at = time.time()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception]:
        return ValueError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        if now - self.swept_at >= SWEEP_SECONDS:
            self._sweep(now)
        count = self.get(key) + amount
        self.counts[key] = count
        if count == amount:  # a new key (or one that had expired): its window starts now
            self.expirations[key] = now + expiry
        return count

    def get(self, key: str) -> int:
        if self.expirations.get(key, 0) <= time.time():
            self.clear(key)
        return self.counts.get(key, 0)

    def get_expiry(self, key: str) -> float:
        return self.expirations.get(key, time.time())

    def check(self) -> bool:
        return True

    def reset(self) -> int | None:
        cleared = len(self.counts)
        self.counts.clear()
        self.expirations.clear()
        return cleared

    def clear(self, key: str) -> None:
        self.counts.pop(key, None)
        self.expirations.pop(key, None)

    def _sweep(self, now: float) -> None:
        self.swept_at = now
        for key in [key for key, until in self.expirations.items() if until <= now]:
            self.clear(key)
