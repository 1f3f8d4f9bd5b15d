"""Two projector changes committed at once (two organiser consoles): the last broadcast is the database's state.

Each change runs in its own thread with its own app context, database session and connection, against the
same SQLite file, as two requests on a live server do. The interleaving is forced, not hoped for: the first
change is held just after it has read the projector row, and the second runs to its commit meanwhile (or,
once the row is locked for the reader, waits for the first). Without the lock the first change would then
broadcast a view built from the row as it was before the second, undoing it on every screen.
"""

from __future__ import annotations

import threading

from sqlalchemy import event

from facilitation.extensions import db
from facilitation.kernel.events import PROJECTOR_CHANGED
from facilitation.kernel.revisions import AFTER_PUBLISH
from facilitation.models import Change, ProjectorState, Workshop
from facilitation.projector import agenda_timer, focus
from facilitation.projector import service as projector
from facilitation.projector.state import projector_view
from tests.conftest import board_by_kind

HELD = "held-change"
# How long the held change waits for the other to commit. Without the lock the other commits at once;
# with it the other cannot, so the held change goes on after this and the other follows it.
HOLD_SECONDS = 1.0


def run_in_own_context(app, name, work, errors):
    def target():
        try:
            with app.app_context():
                try:
                    work()
                finally:
                    db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append((name, error))

    return threading.Thread(target=target, name=name)


def test_two_changes_at_once_end_with_every_screen_showing_the_final_state(app, workshop, organiser):
    tree = board_by_kind(workshop, "tree")
    projector.show(organiser, workshop.id, "board", tree.id)  # the row exists; both changes below read it
    workshop_id = workshop.id
    group_id = workshop.groups[0].id
    db.session.commit()
    db.session.remove()

    published: list[tuple[int, dict]] = []
    app.extensions.setdefault(AFTER_PUBLISH, []).append(
        lambda _wid, changes: published.extend((c.revision, c.data) for c in changes if c.event == PROJECTOR_CHANGED)
    )
    other_committed = threading.Event()
    held_once = threading.Event()

    def hold_after_reading(_target, _context):
        if threading.current_thread().name == HELD and not held_once.is_set():
            held_once.set()
            other_committed.wait(HOLD_SECONDS)

    event.listen(ProjectorState, "load", hold_after_reading)
    event.listen(ProjectorState, "refresh", hold_after_reading)
    errors: list = []

    def zoom_in():
        focus.set_focus(organiser, workshop_id, {"kind": "group", "value": group_id})

    def start_timer():
        held_once.wait(HOLD_SECONDS * 5)
        agenda_timer.start_timer(organiser, workshop_id, 10)
        other_committed.set()

    try:
        threads = [
            run_in_own_context(app, HELD, zoom_in, errors),
            run_in_own_context(app, "other", start_timer, errors),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        event.remove(ProjectorState, "load", hold_after_reading)
        event.remove(ProjectorState, "refresh", hold_after_reading)
        app.extensions[AFTER_PUBLISH].pop()

    assert errors == []
    final = projector_view(db.session.get(Workshop, workshop_id))
    assert final["focus"] == {"kind": "group", "value": group_id}
    assert final["timer"]["running"] is True
    last_logged = db.session.query(Change).filter_by(workshop_id=workshop_id).order_by(Change.revision.desc()).first()
    assert last_logged.payload == final  # what a screen catching up is given
    assert max(published, key=lambda item: item[0])[1] == final  # what live screens end on
