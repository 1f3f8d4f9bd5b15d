"""Organiser pages for taking access away: replace a facilitator link, remove an attendee.

Plain forms, one service call each (services/access_control.py), back to the page with a message.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for

from facilitation.security import revocation as access_control
from facilitation.web.auth import organiser_required
from facilitation.web.forms import flash_outcome
from facilitation.workshops import service as workshops

bp = Blueprint("access_pages", __name__, url_prefix="/organiser/workshops/<int:workshop_id>")


@bp.get("/attendees")
@organiser_required
def attendees(actor, workshop_id: int):
    return render_template(
        "organiser/attendees.html",
        workshop=workshops.managed_workshop(actor, workshop_id),
        attendees=access_control.participants_of(actor, workshop_id),
    )


@bp.post("/attendees/<int:participant_id>/remove")
@organiser_required
def remove_attendee(actor, workshop_id: int, participant_id: int):
    flash_outcome(
        lambda: access_control.remove_participant(actor, workshop_id, participant_id),
        lambda result: f"Attendee removed; {result['disconnected']} connection(s) closed.",
    )
    return redirect(url_for("access_pages.attendees", workshop_id=workshop_id))


@bp.post("/groups/<int:group_id>/replace-link")
@organiser_required
def replace_link(actor, workshop_id: int, group_id: int):
    flash_outcome(
        lambda: access_control.replace_facilitator_link(actor, workshop_id, group_id),
        lambda result: (
            f"New facilitator link made; the old one no longer works ({result['disconnected']} tablet(s) disconnected)."
        ),
    )
    return redirect(url_for("organiser.workshop", workshop_id=workshop_id, _anchor="links"))
