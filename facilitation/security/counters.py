"""Where rate-limit counters live: the `limits` package's storage, in this process's memory or in Redis.

One process (the laptop default) counts in its own memory (counter_storage.py): no row, no commit and no
fsync per post or join. Scaled out, every process must see the same counts, so they go to Redis, the
service the message queue already needs. The storage URL is RATE_LIMIT_STORAGE ("process://",
"redis://host:6379/1", any URL `limits` understands); unset, it is MESSAGE_QUEUE when that is a Redis URL,
else process:// (docs/deployment.md).

The storage is made once per app (app.extensions), never at import, so each app and each test has its own.
Keys carry the window's start, computed from the app's CLOCK (see throttle.py), so a test can move time on;
the storage's own expiry only forgets windows that can no longer count. When the storage cannot be reached
(Redis restarting), counting fails open and logs it: the room keeps posting, unthrottled for that while.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from flask import current_app
from limits.errors import StorageError
from limits.storage import Storage, storage_from_string

# Imported for its registration: `process://` URLs are this process's counters (counter_storage.py).
from facilitation.security import counter_storage  # noqa: F401

logger = logging.getLogger(__name__)

EXTENSION = "security.rate_limit_storage"
PREFIX = "fb"


def storage_url(config: Mapping) -> str:
    """RATE_LIMIT_STORAGE, else a Redis MESSAGE_QUEUE (shared by every process), else this process's memory
    (`process://`; `memory://` means the same here, not limits' MemoryStorage: see counter_storage.py)."""
    configured = str(config.get("RATE_LIMIT_STORAGE") or "")
    if configured.startswith("memory://"):
        return "process://"
    if configured:
        return configured
    queue = str(config.get("MESSAGE_QUEUE") or "")
    if queue.startswith(("redis://", "rediss://", "redis+unix://")):
        return queue
    return "process://"


def storage() -> Storage:
    """This app's counter storage, made on first use; its errors come wrapped as limits' StorageError."""
    found = current_app.extensions.get(EXTENSION)
    if found is None:
        url = storage_url(current_app.config)
        found = current_app.extensions[EXTENSION] = storage_from_string(url, wrap_exceptions=True)
    return found


def _unreachable(error: StorageError) -> None:
    """Counting fails open: with Redis away the room keeps posting (issue 10), only unthrottled meanwhile."""
    logger.warning("rate-limit storage unreachable, not counting: %s", error.storage_error)


def window_start(now: float, seconds: int) -> int:
    return int(now) - int(now) % seconds


def bump(scope: str, key: str, seconds: int, now: float) -> tuple[int, int]:
    """Count one more in the current fixed window; returns (count in this window, count in the previous one)."""
    start = window_start(now, seconds)
    base = f"{PREFIX}:{scope}:{key}"
    counters = storage()
    try:
        current = counters.incr(f"{base}:{start}", expiry=2 * seconds)
        previous = counters.get(f"{base}:{start - seconds}")
    except StorageError as error:
        _unreachable(error)
        return 0, 0
    return current, previous or 0


def until(scope: str, key: str) -> int:
    """The epoch second a mark (a lockout) set by mark_until ends at; 0 when there is none."""
    try:
        return int(storage().get(f"{PREFIX}:{scope}:{key}") or 0)
    except StorageError as error:
        _unreachable(error)
        return 0


def mark_until(scope: str, key: str, moment: int, seconds: int) -> None:
    """Remember `moment` under the key for `seconds` unless a mark still running says otherwise."""
    counters = storage()
    name = f"{PREFIX}:{scope}:{key}"
    try:
        running = int(counters.get(name) or 0)
        if running >= moment:
            return
        if running:
            counters.clear(name)
        counters.incr(name, expiry=max(1, seconds), amount=moment)
    except StorageError as error:
        _unreachable(error)
