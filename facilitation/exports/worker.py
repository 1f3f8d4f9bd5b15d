"""Exports render in a worker process, so the room's event loop never stops while a ZIP is built.

Under eventlet every request shares one OS thread: a PDF and a dozen PNGs rendered inside a request froze
every socket for a second or more. The request still reads the snapshot (exports/service.py); the pure
rendering (exports/rendering.py) runs in a process pool of EXPORT_WORKERS processes, started on the first
export (so a room that never exports never pays for it) and kept for the next. The request waits
cooperatively, polling with socketio.sleep, which yields to every other green thread meanwhile.

EXPORT_WORKERS=0 renders in the request itself (the test default: no process per test app).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from flask import current_app

from facilitation.extensions import socketio

EXTENSION = "exports.worker_pool"
POLL_SECONDS = 0.01


def pool() -> ProcessPoolExecutor | None:
    """This app's pool, made on first use; None when EXPORT_WORKERS is 0."""
    workers = int(current_app.config.get("EXPORT_WORKERS") or 0)
    if workers <= 0:
        return None
    found = current_app.extensions.get(EXTENSION)
    if found is None:
        # spawn, not fork: a forked child would inherit the server's listening socket, its eventlet hub and
        # its database connections.
        context = multiprocessing.get_context("spawn")
        found = current_app.extensions[EXTENSION] = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    return found


def render(function, *args: Any):
    """`function(*args)` (a module-level function of plain data) in the worker, or here without one."""
    workers = pool()
    if workers is None:
        return function(*args)
    future: Future = workers.submit(function, *args)
    while not future.done():
        socketio.sleep(POLL_SECONDS)
    return future.result()
