"""Per-socket rate limit: a token bucket kept in the connection's own session, not in module state.

Why not the `limits` storage (security/counters.py) like the shared limits: a socket lives in exactly one
process, so its bucket never needs sharing, and the session Flask-SocketIO keeps per connection costs no
lookup at all. The sizes are the app's SOCKET_RATE_LIMITS setting ("note:post=10/0.5,default=30/5").
The bucket reads the app's MONOTONIC_CLOCK setting (time.monotonic unless set), so a test can move time on.
"""

from __future__ import annotations

import math
import time

from flask import current_app, session

from facilitation.kernel.errors import SlowDown

# (bucket size, refill per second): bursts a person can type, not what a script can send.
LIMITS = {"note:post": (10, 0.5), "default": (30, 5.0)}


def configured_limits() -> dict[str, tuple[float, float]]:
    """LIMITS, overridden by the app's SOCKET_RATE_LIMITS ("event=burst/refill,...")."""
    configured = dict(LIMITS)
    for item in str(current_app.config.get("SOCKET_RATE_LIMITS") or "").split(","):
        name, _, value = item.strip().partition("=")
        burst, _, refill = value.partition("/")
        if name and burst and refill:
            configured[name] = (float(burst), float(refill))
    return configured


def take_token(event: str) -> None:
    limits = configured_limits()
    capacity, refill = limits.get(event, limits["default"])
    key = f"bucket:{event if event in limits else 'default'}"
    now = current_app.config.get("MONOTONIC_CLOCK", time.monotonic)()
    tokens, last = session.get(key, (capacity, now))
    tokens = min(capacity, tokens + (now - last) * refill)
    if tokens < 1:
        session[key] = (tokens, now)
        raise SlowDown(
            "Slow down: wait a few seconds before sending again.", retry_after=math.ceil((1 - tokens) / refill)
        )
    session[key] = (tokens - 1, now)
