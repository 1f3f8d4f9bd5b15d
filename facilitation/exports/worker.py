"""Exports render in a worker process, so the room's event loop never stops while a ZIP is built.

Under eventlet every request shares one OS thread: a PDF and a dozen PNGs rendered inside a request froze
every socket for a second or more. The request still reads the snapshot (exports/service.py); the pure
rendering (exports/rendering.py) runs in a process pool of EXPORT_WORKERS processes, started on the first
export (so a room that never exports never pays for it) and kept for the next. The request waits
cooperatively, polling with socketio.sleep, which yields to every other green thread meanwhile.

Every render runs inside `force_locale(language)`, the workshop's language (exports/service.py chooses it):
the headings, labels and dates of the files are gettext and Babel calls. A worker process has no request and
no app, so it starts with an app of its own that only carries Flask-Babel with this app's catalogues and
time zone (`_start_worker`); without it force_locale would do nothing there and every file come out English.

EXPORT_WORKERS=0 renders in the request itself (the test default: no process per test app).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from flask import Flask, current_app
from flask_babel import Babel, force_locale, get_locale

from facilitation.extensions import socketio

EXTENSION = "exports.worker_pool"
POLL_SECONDS = 0.01
# How often a worker checks that the server that started it is still there.
PARENT_CHECK_SECONDS = 1.0
# What the worker's own app needs to translate and format exactly as the request would.
BABEL_SETTINGS = ("BABEL_DEFAULT_LOCALE", "BABEL_DEFAULT_TIMEZONE", "BABEL_TRANSLATION_DIRECTORIES", "BABEL_DOMAIN")


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
        settings = {key: current_app.config[key] for key in BABEL_SETTINGS if key in current_app.config}
        found = current_app.extensions[EXTENSION] = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(settings,)
        )
    return found


def _start_worker(settings: dict[str, Any]) -> None:
    """Give the worker process an app context with Flask-Babel, kept for the life of the process, and end
    the process when the server is gone."""
    app = Flask("facilitation.exports.worker")
    app.config.update(settings)
    Babel(app)
    app.app_context().push()
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A server killed outright (kill -9, a crash) never shuts its pool down, and the pool's workers would
    wait on its queue for ever, each holding a few hundred MB; once the worker is re-parented, it exits."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


def in_language(language: str, function, *args: Any):
    """`function(*args)` with gettext and Babel's formatting in `language` (module level: the pool pickles it)."""
    with force_locale(language):
        return function(*args)


def render(function, *args: Any, language: str | None = None):
    """`function(*args)` (a module-level function of plain data) in the worker, or here without one, in
    `language` (by default the request's own)."""
    language = language or str(get_locale() or "en")
    workers = pool()
    if workers is None:
        return in_language(language, function, *args)
    future: Future = workers.submit(in_language, language, function, *args)
    while not future.done():
        socketio.sleep(POLL_SECONDS)
    return future.result()
