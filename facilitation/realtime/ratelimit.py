"""Per-socket rate limit: a token bucket kept in the connection's own session, not in module state.

The bucket reads the app's MONOTONIC_CLOCK setting (time.monotonic unless set), so a test can move time on.
"""

from __future__ import annotations

import math
import time

from flask import current_app, session

from facilitation.kernel.errors import SlowDown

# (bucket size, refill per second): bursts a person can type, not what a script can send.
LIMITS = {"note:post": (10, 0.5), "default": (30, 5.0)}


def take_token(event: str) -> None:
    capacity, refill = LIMITS.get(event, LIMITS["default"])
    key = f"bucket:{event if event in LIMITS else 'default'}"
    now = current_app.config.get("MONOTONIC_CLOCK", time.monotonic)()
    tokens, last = session.get(key, (capacity, now))
    tokens = min(capacity, tokens + (now - last) * refill)
    if tokens < 1:
        session[key] = (tokens, now)
        raise SlowDown(
            "Slow down: wait a few seconds before sending again.", retry_after=math.ceil((1 - tokens) / refill)
        )
    session[key] = (tokens - 1, now)
