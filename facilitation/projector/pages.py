"""The organiser's projector controls: one page of plain forms, each calling one projector service.

Forms work without script (a slow organiser laptop, a page left open all day); a small module on the
page only keeps the countdown ticking and re-reads the page when another screen changed the projector.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from facilitation.extensions import db
from facilitation.kernel.lookups import parse_id
from facilitation.models import Note
from facilitation.projector import agenda_timer
from facilitation.projector import service as projector
from facilitation.sync import service as changes
from facilitation.web.auth import organiser_required
from facilitation.web.forms import flash_outcome
from facilitation.workshops import service as workshops

bp = Blueprint("projector_control", __name__, url_prefix="/organiser/workshops/<int:workshop_id>/projector-control")


def _int(name: str) -> int | None:
    return parse_id(request.form.get(name, ""))


def _apply(workshop_id: int, action: Callable[[], object], success: str):
    """Run one service call; show its refusal on the page instead of losing the organiser's place."""
    flash_outcome(action, success)
    return redirect(url_for("projector_control.page", workshop_id=workshop_id))


@bp.get("")
@organiser_required
def page(actor, workshop_id: int):
    workshop = workshops.managed_workshop(actor, workshop_id)
    state = changes.workshop_state(actor, workshop.id)
    visible = db.session.scalars(
        select(Note).where(Note.workshop_id == workshop.id, Note.status == "visible").order_by(Note.board_id, Note.id)
    )
    notes_by_board: dict[int, list[Note]] = {}
    for note in visible:
        notes_by_board.setdefault(note.board_id, []).append(note)
    return render_template(
        "organiser/projector.html",
        workshop=workshop,
        projector=state["projector"],
        notes_by_board=notes_by_board,
        state={
            "role": "organiser",
            "workshop_id": workshop.id,
            "revision": state["revision"],
            "projector": state["projector"],
            "server_time": state["server_time"],
        },
    )


@bp.post("/show")
@organiser_required
def show(actor, workshop_id: int):
    kind = request.form.get("kind", "board")
    board_id = _int("board_id") if kind == "board" else None
    return _apply(workshop_id, lambda: projector.show(actor, workshop_id, kind, board_id), _("The projector follows."))


@bp.post("/rotate")
@organiser_required
def rotate(actor, workshop_id: int):
    board_ids = [board_id for board_id in map(parse_id, request.form.getlist("board_ids")) if board_id is not None]
    seconds = _int("seconds")
    return _apply(workshop_id, lambda: projector.rotate(actor, workshop_id, board_ids, seconds), "Rotation started.")


@bp.post("/hide")
@organiser_required
def hide(actor, workshop_id: int):
    hidden = request.form.get("hidden") == "1"
    return _apply(
        workshop_id,
        lambda: projector.set_hidden(actor, workshop_id, _int("board_id"), hidden),
        "Board hidden from the projector." if hidden else "Board revealed on the projector.",
    )


@bp.post("/spotlight")
@organiser_required
def spotlight(actor, workshop_id: int):
    note_id = _int("note_id")
    return _apply(
        workshop_id,
        lambda: projector.spotlight(actor, workshop_id, note_id),
        _("Note spotlighted.") if note_id else _("Spotlight cleared."),
    )


@bp.post("/display")
@organiser_required
def display(actor, workshop_id: int):
    shown = request.form.get("display", "wall")
    return _apply(
        workshop_id,
        lambda: projector.set_display(actor, workshop_id, _int("board_id"), shown),
        str(DISPLAY_MESSAGES[shown]) if shown in DISPLAY_MESSAGES else _("Showing the wall of notes."),
    )


DISPLAY_MESSAGES = {
    "cloud": _l("Showing the word cloud."),
    "themes": _l("Showing the ideas by theme."),
    "summary": _l("Showing a summary by theme."),
}


@bp.post("/agenda")
@organiser_required
def agenda(actor, workshop_id: int):
    step = {"next": 1, "previous": -1}.get(request.form.get("step", ""))
    if step is not None:
        return _apply(workshop_id, lambda: agenda_timer.step_now(actor, workshop_id, step), "Agenda moved.")
    return _apply(workshop_id, lambda: agenda_timer.set_now(actor, workshop_id, _int("item_id")), "Agenda set.")


@bp.post("/timer")
@organiser_required
def timer(actor, workshop_id: int):
    action = request.form.get("action", "")
    if action == "start":
        raw = request.form.get("minutes", "").strip()
        try:
            minutes = float(raw) if raw else None
        except ValueError:
            minutes = -1.0  # the service refuses it with a clear message
        if minutes is not None and minutes.is_integer():
            minutes = int(minutes)
        return _apply(workshop_id, lambda: agenda_timer.start_timer(actor, workshop_id, minutes), "Timer started.")
    if action == "pause":
        return _apply(workshop_id, lambda: agenda_timer.pause_timer(actor, workshop_id), "Timer paused.")
    return _apply(workshop_id, lambda: agenda_timer.reset_timer(actor, workshop_id), "Timer reset.")
