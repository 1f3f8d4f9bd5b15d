"""A clock that only moves when the test says so, for the rate limits' CLOCK and MONOTONIC_CLOCK settings."""

from __future__ import annotations


class FakeClock:
    """Call it for the time in seconds; `advance(seconds)` lets that much time pass at once."""

    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
