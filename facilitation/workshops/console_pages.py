"""The organiser's console for the day: one page to run the agenda, the projector, moderation and votes."""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template

from facilitation.web.auth import organiser_required
from facilitation.workshops import console
from facilitation.workshops import service as workshops

bp = Blueprint("console", __name__, url_prefix="/organiser/workshops/<int:workshop_id>/console")


@bp.get("")
@organiser_required
def page(actor, workshop_id: int):
    workshop = workshops.managed_workshop(actor, workshop_id)
    return render_template("organiser/console.html", workshop=workshop, state=console.console_state(actor, workshop.id))


@bp.get("/connected")
@organiser_required
def connected(actor, workshop_id: int):
    """Polled by the console: sockets come and go without a broadcast, so there is nothing to listen to."""
    return jsonify(ok=True, connected=console.connected(actor, workshop_id))
