"""Organiser pages: plain forms that call one service each, then return to the editor."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for

from facilitation.kernel.errors import DomainError
from facilitation.kernel.visibility import structure_view
from facilitation.web.auth import organiser_required
from facilitation.web.forms import flash_outcome
from facilitation.workshops import service as workshops
from facilitation.workshops.links import workshop_links
from facilitation.workshops.templates import TEMPLATES

bp = Blueprint("organiser", __name__, url_prefix="/organiser")


def _optional_id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@bp.get("/")
@organiser_required
def dashboard(actor):
    return render_template(
        "organiser/dashboard.html", workshops=workshops.workshops_of(actor), templates=TEMPLATES.values()
    )


@bp.post("/workshops")
@organiser_required
def create(actor):
    try:
        workshop = workshops.create_workshop(
            actor, request.form.get("template", "blank"), request.form.get("title") or None
        )
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("organiser.dashboard"))
    flash("Workshop created.", "success")
    return redirect(url_for("organiser.workshop", workshop_id=workshop.id))


@bp.get("/workshops/<int:workshop_id>")
@organiser_required
def workshop(actor, workshop_id: int):
    found = workshops.managed_workshop(actor, workshop_id)
    return render_template(
        "organiser/workshop.html",
        workshop=found,
        links=workshop_links(found),
        state={"role": "organiser", "workshop_id": found.id, "structure": structure_view(found)},
    )


def _back(workshop_id: int, anchor: str):
    return redirect(url_for("organiser.workshop", workshop_id=workshop_id, _anchor=anchor))


def _apply(workshop_id: int, anchor: str, action, success: str):
    """Run one service call; show its error on the editor instead of losing the form."""
    flash_outcome(action, success)
    return _back(workshop_id, anchor)


@bp.post("/workshops/<int:workshop_id>/details")
@organiser_required
def details(actor, workshop_id: int):
    form = request.form
    return _apply(
        workshop_id,
        "details",
        lambda: workshops.update_details(
            actor,
            workshop_id,
            title=form.get("title", ""),
            event_date=form.get("event_date", ""),
            venue=form.get("venue", ""),
        ),
        "Details saved.",
    )


@bp.post("/workshops/<int:workshop_id>/open")
@organiser_required
def open_or_close(actor, workshop_id: int):
    is_open = request.form.get("is_open") == "1"
    return _apply(
        workshop_id,
        "details",
        lambda: workshops.set_open(actor, workshop_id, is_open),
        "Workshop opened." if is_open else "Workshop closed.",
    )


@bp.post("/workshops/<int:workshop_id>/groups")
@organiser_required
def group(actor, workshop_id: int):
    form = request.form
    return _apply(
        workshop_id,
        "groups",
        lambda: workshops.save_group(
            actor, workshop_id, _optional_id(form.get("id")), name=form.get("name", ""), colour=form.get("colour", "")
        ),
        "Group saved.",
    )


@bp.post("/workshops/<int:workshop_id>/groups/<int:item_id>/delete")
@organiser_required
def delete_group(actor, workshop_id: int, item_id: int):
    return _apply(workshop_id, "groups", lambda: workshops.delete_group(actor, workshop_id, item_id), "Group removed.")


@bp.post("/workshops/<int:workshop_id>/perspectives")
@organiser_required
def perspective(actor, workshop_id: int):
    form = request.form
    return _apply(
        workshop_id,
        "perspectives",
        lambda: workshops.save_perspective(actor, workshop_id, _optional_id(form.get("id")), name=form.get("name", "")),
        "Perspective saved.",
    )


@bp.post("/workshops/<int:workshop_id>/perspectives/<int:item_id>/delete")
@organiser_required
def delete_perspective(actor, workshop_id: int, item_id: int):
    return _apply(
        workshop_id,
        "perspectives",
        lambda: workshops.delete_perspective(actor, workshop_id, item_id),
        "Perspective removed.",
    )


@bp.post("/workshops/<int:workshop_id>/boards")
@organiser_required
def board(actor, workshop_id: int):
    form = request.form
    return _apply(
        workshop_id,
        "boards",
        lambda: workshops.save_board(
            actor,
            workshop_id,
            _optional_id(form.get("id")),
            kind=form.get("kind", ""),
            title=form.get("title", ""),
            prompt=form.get("prompt", ""),
            open_to_attendees=form.get("open_to_attendees") == "1",
            sections=form.get("sections", ""),
        ),
        "Board saved.",
    )


@bp.post("/workshops/<int:workshop_id>/boards/<int:item_id>/delete")
@organiser_required
def delete_board(actor, workshop_id: int, item_id: int):
    return _apply(workshop_id, "boards", lambda: workshops.delete_board(actor, workshop_id, item_id), "Board removed.")


@bp.post("/workshops/<int:workshop_id>/agenda")
@organiser_required
def agenda_item(actor, workshop_id: int):
    form = request.form
    return _apply(
        workshop_id,
        "agenda",
        lambda: workshops.save_agenda_item(
            actor,
            workshop_id,
            _optional_id(form.get("id")),
            starts_at=form.get("starts_at", ""),
            title=form.get("title", ""),
        ),
        "Agenda saved.",
    )


@bp.post("/workshops/<int:workshop_id>/agenda/<int:item_id>/delete")
@organiser_required
def delete_agenda_item(actor, workshop_id: int, item_id: int):
    return _apply(
        workshop_id, "agenda", lambda: workshops.delete_agenda_item(actor, workshop_id, item_id), "Agenda item removed."
    )


@bp.post("/workshops/<int:workshop_id>/projector")
@organiser_required
def projector(actor, workshop_id: int):
    board_id = _optional_id(request.form.get("board_id"))
    return _apply(
        workshop_id, "links", lambda: workshops.show_on_projector(actor, workshop_id, board_id), "Projector updated."
    )
