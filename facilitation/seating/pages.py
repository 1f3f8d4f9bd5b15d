"""The organiser's page for mixed tables: people, who stays, who left, seat everyone, swap tables."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext as _

from facilitation.kernel.lookups import get_workshop, parse_id
from facilitation.seating import service as seating
from facilitation.web.auth import organiser_required
from facilitation.web.forms import flash_outcome

bp = Blueprint("seating_pages", __name__)


def _back(workshop_id: int):
    return redirect(url_for("seating_pages.tables", workshop_id=workshop_id))


@bp.get("/organiser/workshops/<int:workshop_id>/tables")
@organiser_required
def tables(actor, workshop_id: int):
    people = seating.people_view(actor, workshop_id)
    return render_template(
        "seating/organiser.html",
        workshop=get_workshop(workshop_id),
        people=people,
        plan=seating.table_plan(actor, workshop_id)["plan"],
        summary=seating.summary(actor, workshop_id),
    )


@bp.post("/organiser/workshops/<int:workshop_id>/tables/seat")
@organiser_required
def seat(actor, workshop_id: int):
    flash_outcome(lambda: seating.seat_everyone(actor, workshop_id), _("Everyone is seated: round 1."))
    return _back(workshop_id)


@bp.post("/organiser/workshops/<int:workshop_id>/tables/swap")
@organiser_required
def swap(actor, workshop_id: int):
    flash_outcome(
        lambda: seating.swap_tables(actor, workshop_id),
        lambda result: f"Tables swapped: round {result['plan']['round']}.",
    )
    return _back(workshop_id)


@bp.post("/organiser/workshops/<int:workshop_id>/tables/people")
@organiser_required
def add_person(actor, workshop_id: int):
    form = request.form
    fields = {
        "name": form.get("name", ""),
        "perspective_id": parse_id(form.get("perspective_id", "")),
        "organisation": form.get("organisation", ""),
        "organisation_shared": form.get("organisation_shared") == "1",
        "staying": form.get("staying") == "1",
    }
    flash_outcome(lambda: seating.add_person(actor, workshop_id, fields), _("Added."))
    return _back(workshop_id)


@bp.post("/organiser/workshops/<int:workshop_id>/tables/people/<int:person_id>")
@organiser_required
def change_person(actor, workshop_id: int, person_id: int):
    form = request.form
    if "staying" in form:
        flash_outcome(
            lambda: seating.set_staying(actor, workshop_id, person_id, form["staying"] == "1"), "Saved who stays."
        )
    else:
        flash_outcome(
            lambda: seating.set_present(actor, workshop_id, person_id, form.get("present") == "1"), "Saved who is here."
        )
    return _back(workshop_id)
