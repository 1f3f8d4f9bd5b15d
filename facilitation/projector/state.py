"""The projector's state as every screen receives it, and the one way a change to it is committed.

Kept apart from the actions (service.py, agenda_timer.py) so sync.service.workshop_state can include the
view without importing the services that themselves depend on the change log.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update

from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.events import PROJECTOR_CHANGED
from facilitation.kernel.lookups import load_workshop
from facilitation.kernel.revisions import commit_and_publish, record_change
from facilitation.kernel.visibility import utc_iso
from facilitation.models import ProjectorState, Workshop


def now_utc() -> datetime:
    """One clock for every projector computation, so tests can reason about it."""
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands stored UTC back without a zone; say so before comparing with now_utc()."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def locked_workshop(actor: Actor, workshop_id: Any, action: str) -> Workshop:
    """The workshop, authorised for `action`, with its projector locked until the caller commits.

    Every projector change starts here. Two changes at once (two organiser consoles) would otherwise each
    read the row before the other wrote it, and the later broadcast would undo the earlier change on every
    screen. A no-op UPDATE of the workshop row takes the lock on both databases: SQLite's write lock (it
    has no SELECT ... FOR UPDATE) and PostgreSQL's row lock, the same lock next_revision takes at commit.
    So changes run one after another, each reads what the one before committed, and revisions (the order
    screens apply them in) follow that order.
    """
    workshop = load_workshop(actor, workshop_id, action)
    db.session.execute(
        update(Workshop)
        .where(Workshop.id == workshop.id)
        .values(revision=Workshop.revision)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(workshop)  # read before the lock; what it holds now is what the last change committed
    return workshop


def state_row(workshop: Workshop) -> ProjectorState:
    """The workshop's projector row as committed (call under locked_workshop), created on first change."""
    row = db.session.get(ProjectorState, workshop.id, populate_existing=True)
    if row is None:
        row = ProjectorState(
            workshop_id=workshop.id,
            mode="single",
            target_kind="board",
            rotation_board_ids=[],
            rotation_seconds=30,
            hidden_board_ids=[],
            board_displays={},
            timer_duration_seconds=0,
            timer_running=False,
            timer_remaining_ms=0,
        )
        db.session.add(row)
    return row


def _target(workshop: Workshop, row: ProjectorState | None) -> dict[str, Any]:
    kind = row.target_kind if row is not None else "board"
    if kind == "board":
        if workshop.projector_board_id is None:
            return {"kind": "welcome"}
        return {"kind": "board", "board_id": workshop.projector_board_id}
    return {"kind": kind}


def _timer(row: ProjectorState | None) -> dict[str, Any]:
    if row is None:
        return {"duration_seconds": 0, "running": False, "ends_at": None, "remaining_ms": 0}
    ends_at = aware(row.timer_ends_at)
    return {
        "duration_seconds": row.timer_duration_seconds,
        "running": row.timer_running,
        "ends_at": utc_iso(ends_at) if row.timer_running and ends_at else None,
        "remaining_ms": row.timer_remaining_ms,
    }


def projector_view(workshop: Workshop) -> dict[str, Any]:
    """Everything a screen needs to draw the projector; ids of boards since deleted are left out."""
    row = db.session.get(ProjectorState, workshop.id)
    board_ids = {board.id for board in workshop.boards}
    started = aware(row.rotation_started_at) if row is not None else None
    displays = row.board_displays if row is not None else {}
    target = _target(workshop, row)
    return {
        "mode": row.mode if row is not None else "single",
        "target": target,
        # Kept for clients written before the projector state existed (they read data.board_id).
        "board_id": target.get("board_id"),
        "rotation": {
            "board_ids": [i for i in (row.rotation_board_ids if row is not None else []) if i in board_ids],
            "seconds": row.rotation_seconds if row is not None else 30,
            "started_at": utc_iso(started) if started else None,
        },
        "hidden_board_ids": [i for i in (row.hidden_board_ids if row is not None else []) if i in board_ids],
        "spotlight_note_id": row.spotlight_note_id if row is not None else None,
        "board_displays": {key: value for key, value in displays.items() if int(key) in board_ids},
        "agenda_now_id": row.agenda_now_id if row is not None else None,
        # Zoom on demand (projector/focus.py): null is the whole board.
        "focus": row.focus if row is not None else None,
        "timer": _timer(row),
    }


def commit_projector_change(workshop: Workshop) -> dict[str, Any]:
    """Log the whole new projector state at the next revision, commit, then tell every screen."""
    db.session.flush()
    db.session.refresh(workshop)
    view = projector_view(workshop)
    revision = commit_and_publish(workshop.id, [record_change(workshop.id, PROJECTOR_CHANGED, view)])
    return {"projector": view, "revision": revision}
