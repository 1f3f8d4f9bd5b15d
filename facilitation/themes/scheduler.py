"""Theme assignment after note changes, outside their transactions and at most about once a second per
workshop: a post stays one short transaction (issue 9), and a burst of forty posts costs one regrouping.

The scheduler lives on the app (app.extensions), never in module state. Each process schedules the changes
it published itself. In one process a workshop is never refreshed twice at once (a change that arrives
during a run waits for the next); across processes service.refresh_boards takes a PostgreSQL lock.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence

from flask import Flask

from facilitation.extensions import db, socketio
from facilitation.kernel.events import NOTE_ADDED, NOTE_REMOVED, NOTE_UPDATED
from facilitation.kernel.revisions import AFTER_PUBLISH, Change
from facilitation.themes.service import refresh_boards

log = logging.getLogger(__name__)

EXTENSION = "themes.scheduler"
# The most of the event loop's time a workshop's theme refreshes may take: regrouping a board of a thousand
# notes takes a few hundred milliseconds of CPU in which no other green thread runs, so the next refresh waits
# until that much is at most this share (a room posting flat out keeps its posts, themes follow less often).
BUSY_SHARE = 0.2
NOTE_EVENTS = frozenset({NOTE_ADDED, NOTE_UPDATED, NOTE_REMOVED})


class ThemeScheduler:
    """Collects the boards whose notes changed, per workshop, and refreshes their themes after a pause."""

    def __init__(self, app: Flask):
        self.app = app
        self.pending: dict[int, set[int]] = {}
        self.running: set[int] = set()
        self.took: dict[int, float] = {}  # seconds the last refresh of each workshop took
        self.lock = threading.Lock()

    def changes_published(self, workshop_id: int, changes: Sequence[Change]) -> None:
        boards = set()
        for change in changes:
            if change.event not in NOTE_EVENTS:
                continue
            note = change.data.get("note")
            board_id = note.get("board_id") if isinstance(note, dict) else change.data.get("board_id")
            if isinstance(board_id, int):
                boards.add(board_id)
        if boards:
            self.schedule(workshop_id, boards)

    def schedule(self, workshop_id: int, board_ids: set[int]) -> None:
        with self.lock:
            waiting = self.pending.get(workshop_id)
            if waiting is not None:
                waiting |= board_ids  # a run is already due: it takes these boards too
                return
            self.pending[workshop_id] = set(board_ids)
        delay = self.delay_for(workshop_id)
        if delay is not None:  # None (tests): run_pending() does the work when the test says so
            socketio.start_background_task(self._run_after, workshop_id, delay)

    def delay_for(self, workshop_id: int) -> float | None:
        """THEMES_DEBOUNCE_SECONDS, or longer after a slow refresh: long enough that refreshing takes at most
        BUSY_SHARE of the time. None when refreshes wait for run_pending()."""
        debounce = self.app.config.get("THEMES_DEBOUNCE_SECONDS")
        if debounce is None:
            return None
        return max(float(debounce), self.took.get(workshop_id, 0.0) * (1 - BUSY_SHARE) / BUSY_SHARE)

    def _run_after(self, workshop_id: int, delay: float) -> None:
        socketio.sleep(delay)
        self.run(workshop_id)

    def run(self, workshop_id: int) -> None:
        with self.lock:
            if workshop_id in self.running:
                return  # the run under way finds these boards pending when it ends
            board_ids = self.pending.pop(workshop_id, set())
            if not board_ids:
                return
            self.running.add(workshop_id)
        started = time.monotonic()
        try:
            with self.app.app_context():
                try:
                    refresh_boards(workshop_id, sorted(board_ids))
                except Exception:  # a background task must not die silently; the next change tries again
                    db.session.rollback()
                    log.exception("could not refresh the themes of workshop %s", workshop_id)
        finally:
            with self.lock:
                self.took[workshop_id] = time.monotonic() - started
                self.running.discard(workshop_id)
                again = self.pending.get(workshop_id)
                if again is not None:
                    del self.pending[workshop_id]
            if again:
                self.schedule(workshop_id, again)

    def run_pending(self) -> None:
        """Do every waiting refresh now, in this thread."""
        for workshop_id in sorted(self.pending):
            self.run(workshop_id)


def init_app(app: Flask) -> ThemeScheduler:
    scheduler = ThemeScheduler(app)
    app.extensions[EXTENSION] = scheduler
    app.extensions.setdefault(AFTER_PUBLISH, []).append(scheduler.changes_published)
    return scheduler


def scheduler_of(app: Flask) -> ThemeScheduler:
    return app.extensions[EXTENSION]
