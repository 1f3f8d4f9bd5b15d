"""Organiser pages: plain forms that call one service each, then return to the editor.

Removing asks first, with no script: "Remove board X" opens a page naming what will go ("and its 55 notes")
with a button that posts the removal. What was removed is listed under "Recently removed" on the editor
(a removed workshop, on the dashboard) with a Restore button, for as long as it can be undone.
"""

from __future__ import annotations

from datetime import datetime

from babel import dates
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from facilitation.kernel.errors import DomainError
from facilitation.kernel.lookups import parse_id
from facilitation.kernel.visibility import structure_view
from facilitation.security import retention
from facilitation.web.auth import organiser_required
from facilitation.web.forms import flash_outcome
from facilitation.workshops import removal
from facilitation.workshops import service as workshops
from facilitation.workshops.links import workshop_links
from facilitation.workshops.ordering import next_group_colour
from facilitation.workshops.templates import PREFERRED_TEMPLATE, TEMPLATES

bp = Blueprint("organiser", __name__, url_prefix="/organiser")


def _optional_id(value: str | None) -> int | None:
    return parse_id(value)


@bp.get("/")
@organiser_required
def dashboard(actor):
    return render_template(
        "organiser/dashboard.html",
        workshops=workshops.workshops_of(actor),
        removed=removal.removed_workshops(actor),
        templates=TEMPLATES.values(),
        chosen_template=PREFERRED_TEMPLATE.get(str(get_locale()), next(iter(TEMPLATES))),
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
    flash(_("Workshop created."), "success")
    return redirect(url_for("organiser.workshop", workshop_id=workshop.id))


@bp.get("/workshops/<int:workshop_id>")
@organiser_required
def workshop(actor, workshop_id: int):
    found = workshops.managed_workshop(actor, workshop_id)
    return render_template(
        "organiser/workshop.html",
        workshop=found,
        links=workshop_links(found),
        removed=removal.removed_items(actor, workshop_id),
        next_colour=next_group_colour([group.colour for group in found.groups]),
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
            languages=form.get("languages"),
        ),
        _("Details saved."),
    )


@bp.post("/workshops/<int:workshop_id>/open")
@organiser_required
def open_or_close(actor, workshop_id: int):
    is_open = request.form.get("is_open") == "1"
    return _apply(
        workshop_id,
        "details",
        lambda: workshops.set_open(actor, workshop_id, is_open),
        _("Workshop opened.") if is_open else _("Workshop closed."),
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
        _("Group saved."),
    )


@bp.post("/workshops/<int:workshop_id>/groups/<int:item_id>/delete")
@organiser_required
def delete_group(actor, workshop_id: int, item_id: int):
    return _remove(workshop_id, "group", item_id, lambda: workshops.delete_group(actor, workshop_id, item_id))


@bp.post("/workshops/<int:workshop_id>/perspectives")
@organiser_required
def perspective(actor, workshop_id: int):
    form = request.form
    return _apply(
        workshop_id,
        "perspectives",
        lambda: workshops.save_perspective(actor, workshop_id, _optional_id(form.get("id")), name=form.get("name", "")),
        _("Perspective saved."),
    )


@bp.post("/workshops/<int:workshop_id>/perspectives/<int:item_id>/delete")
@organiser_required
def delete_perspective(actor, workshop_id: int, item_id: int):
    return _remove(
        workshop_id, "perspective", item_id, lambda: workshops.delete_perspective(actor, workshop_id, item_id)
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
        _("Board saved."),
    )


@bp.post("/workshops/<int:workshop_id>/boards/<int:item_id>/delete")
@organiser_required
def delete_board(actor, workshop_id: int, item_id: int):
    return _remove(workshop_id, "board", item_id, lambda: workshops.delete_board(actor, workshop_id, item_id))


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
        _("Agenda saved."),
    )


@bp.post("/workshops/<int:workshop_id>/agenda/<int:item_id>/delete")
@organiser_required
def delete_agenda_item(actor, workshop_id: int, item_id: int):
    return _remove(
        workshop_id, "agenda_item", item_id, lambda: workshops.delete_agenda_item(actor, workshop_id, item_id)
    )


@bp.post("/workshops/<int:workshop_id>/projector")
@organiser_required
def projector(actor, workshop_id: int):
    board_id = _optional_id(request.form.get("board_id"))
    return _apply(
        workshop_id, "links", lambda: workshops.show_on_projector(actor, workshop_id, board_id), _("Projector updated.")
    )


# --- removing, with a confirmation first, and restoring ------------------------------------------------------

# The URL segment of each removable kind, as the editor's other routes spell it, and the editor's section.
KIND_OF_SEGMENT = {"boards": "board", "groups": "group", "perspectives": "perspective", "agenda": "agenda_item"}
SECTION_OF_KIND = {"board": "boards", "group": "groups", "perspective": "perspectives", "agenda_item": "agenda"}
DELETE_ENDPOINTS = {
    "board": "organiser.delete_board",
    "group": "organiser.delete_group",
    "perspective": "organiser.delete_perspective",
    "agenda_item": "organiser.delete_agenda_item",
}


@bp.app_template_filter("local_time")
def local_time(iso: str) -> str:
    """A stored UTC moment as the laptop's clock shows it, for "restorable until 23:59 on Tue 23 Jun"."""
    # Babel's own date functions on the laptop's wall clock: flask_babel's would move it to BABEL_DEFAULT_TIMEZONE.
    moment = datetime.fromisoformat(iso).astimezone().replace(tzinfo=None)
    locale = get_locale()
    return _(
        "%(time)s on %(date)s",
        time=dates.format_time(moment.time(), "HH:mm", locale=locale),
        date=dates.format_date(moment.date(), "EEE d MMM", locale=locale),
    )


def _remove(workshop_id: int, kind: str, item_id: int, action):
    """Run a removal and say what went and until when it can be restored; back to the list it came from."""
    try:
        action()
    except DomainError as error:
        flash(error.message, "error")
        return _back(workshop_id, SECTION_OF_KIND[kind])
    entry = removal.removal_of(workshop_id, kind, item_id)
    until = local_time(entry["restorable_until"])
    flash(
        _(
            "Removed: %(summary)s. Restore it under “Recently removed” until %(until)s.",
            summary=entry["summary"],
            until=until,
        ),
        "success",
    )
    return _back(workshop_id, "removed")


@bp.get("/workshops/<int:workshop_id>/<any(boards, groups, perspectives, agenda):kind>/<int:item_id>/remove")
@organiser_required
def confirm_removal(actor, workshop_id: int, kind: str, item_id: int):
    removable = KIND_OF_SEGMENT[kind]
    try:
        preview = removal.removal_preview(actor, workshop_id, removable, item_id)
    except DomainError as error:
        flash(error.message, "error")
        return _back(workshop_id, kind)
    return render_template(
        "organiser/confirm_removal.html",
        workshop=workshops.managed_workshop(actor, workshop_id),
        preview=preview,
        action=url_for(DELETE_ENDPOINTS[removable], workshop_id=workshop_id, item_id=item_id),
        cancel=url_for("organiser.workshop", workshop_id=workshop_id, _anchor=kind),
    )


@bp.get("/workshops/<int:workshop_id>/remove")
@organiser_required
def confirm_workshop_removal(actor, workshop_id: int):
    preview = removal.workshop_removal_preview(actor, workshop_id)
    return render_template(
        "organiser/confirm_removal.html",
        workshop=workshops.managed_workshop(actor, workshop_id),
        preview=preview,
        action=url_for("organiser.remove_workshop", workshop_id=workshop_id),
        cancel=url_for("organiser.workshop", workshop_id=workshop_id),
    )


@bp.post("/workshops/<int:workshop_id>/remove")
@organiser_required
def remove_workshop(actor, workshop_id: int):
    try:
        entry = removal.remove_workshop(actor, workshop_id)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("organiser.dashboard"))
    until = local_time(entry["restorable_until"])
    flash(
        _(
            "Removed: %(summary)s. Its links no longer work. Restore it below until %(until)s.",
            summary=entry["summary"],
            until=until,
        ),
        "success",
    )
    return redirect(url_for("organiser.dashboard", _anchor="removed"))


@bp.post("/workshops/<int:workshop_id>/erase")
@organiser_required
def erase_workshop(actor, workshop_id: int):
    """Erase now, for good (the retention section's button; the scheduled purge does the same at its date)."""
    if request.form.get("confirm") != "yes":
        flash(_("Tick the box to confirm: erasing cannot be undone."), "error")
        return redirect(url_for("evaluation_pages.organiser_evaluation", workshop_id=workshop_id, _anchor="retention"))
    try:
        rows = retention.delete_workshop(actor, workshop_id)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("organiser.dashboard"))
    flash(
        ngettext(
            "Erased for good: the workshop and its %(num)d note, answers and sign-ups.",
            "Erased for good: the workshop and its %(num)d notes, answers and sign-ups.",
            rows.get("notes", 0),
        ),
        "success",
    )
    return redirect(url_for("organiser.dashboard"))


@bp.post("/workshops/<int:workshop_id>/removed/<int:entry_id>/restore")
@organiser_required
def restore_removed(actor, workshop_id: int, entry_id: int):
    try:
        result = removal.restore_removed(actor, workshop_id, entry_id)
    except DomainError as error:
        flash(error.message, "error")
        try:
            workshops.managed_workshop(actor, workshop_id)
        except DomainError:
            return redirect(url_for("organiser.dashboard", _anchor="removed"))
        return _back(workshop_id, "removed")
    restored = result["restored"]
    flash(_("Restored: %(summary)s.", summary=restored["summary"]), "success")
    anchor = SECTION_OF_KIND.get(restored["kind"])
    if restored["kind"] == "question":
        return redirect(url_for("evaluation_pages.organiser_evaluation", workshop_id=workshop_id, _anchor="questions"))
    return redirect(url_for("organiser.workshop", workshop_id=workshop_id, _anchor=anchor))
