"""Pages for the activities: the organiser's list and roster, and the public "tell me about a later session"
form for a cancelled activity (reached with the join code, like the mailing list)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from facilitation.activities import interest
from facilitation.activities import service as activities
from facilitation.kernel.errors import DomainError
from facilitation.kernel.lookups import get_workshop
from facilitation.web.auth import organiser_required
from facilitation.web.forms import flash_outcome

bp = Blueprint("activity_pages", __name__)


def _back(workshop_id: int):
    return redirect(url_for("activity_pages.organiser", workshop_id=workshop_id))


@bp.get("/organiser/workshops/<int:workshop_id>/activities")
@organiser_required
def organiser(actor, workshop_id: int):
    return render_template(
        "activities/organiser.html",
        workshop=get_workshop(workshop_id),
        roster=activities.roster(actor, workshop_id),
        interested=interest.interest_counts(actor, workshop_id),
    )


def _form_fields(form) -> dict:
    capacity = form.get("capacity", "")
    return {
        "title": form.get("title", ""),
        "description": form.get("description", ""),
        "starts_at": form.get("starts_at", ""),
        "ends_at": form.get("ends_at", ""),
        "place": form.get("place", ""),
        "access_notes": form.get("access_notes", ""),
        "capacity": int(capacity) if capacity.isascii() and capacity.isdigit() and len(capacity) < 6 else None,
    }


@bp.post("/organiser/workshops/<int:workshop_id>/activities")
@organiser_required
def create(actor, workshop_id: int):
    flash_outcome(
        lambda: activities.create_activity(actor, workshop_id, _form_fields(request.form)), _("Activity added.")
    )
    return _back(workshop_id)


@bp.post("/organiser/workshops/<int:workshop_id>/activities/<int:activity_id>/cancel")
@organiser_required
def cancel(actor, workshop_id: int, activity_id: int):
    flash_outcome(
        lambda: activities.cancel_activity(actor, workshop_id, activity_id),
        "Cancelled: everyone signed up has been told on their phone and offered an alternative.",
    )
    return _back(workshop_id)


@bp.post("/organiser/workshops/<int:workshop_id>/activities/signups/<int:signup_id>/attendance")
@organiser_required
def attendance(actor, workshop_id: int, signup_id: int):
    attended = request.form.get("attended") == "1"
    flash_outcome(lambda: activities.mark_attendance(actor, workshop_id, signup_id, attended), _("Attendance saved."))
    return _back(workshop_id)


@bp.route("/interest/<code>/<int:activity_id>", methods=["GET", "POST"])
def later_session(code: str, activity_id: int):
    try:
        workshop, activity = interest.cancelled_activity(code, activity_id)
    except DomainError as error:
        return render_template("error.html", message=error.message), error.status
    wording = interest.consent_text(workshop, activity)
    if request.method == "POST":
        form = request.form
        fields = {
            "name": form.get("name", ""),
            "email": form.get("email", ""),
            "consent": form.get("consent") == "yes",
            "consent_text": form.get("consent_text", ""),
        }
        try:
            interest.record_interest(code, activity_id, fields)
        except DomainError as error:
            flash(error.message, "error")
            return render_template(
                "activities/interest.html", activity=activity, consent_text=wording, form=form
            ), error.status
        return render_template("activities/interest.html", activity=activity, done=True)
    return render_template("activities/interest.html", activity=activity, consent_text=wording, form={})
