"""The organiser's moderation page: queue, board modes, word list, deleted notes, audit log, dot voting.

The page renders its first view server-side from the same services, then its entry module
(static/js/organiser-moderation.js) keeps it live over the socket and acts through acknowledged events.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from facilitation.moderation import service as moderation
from facilitation.sync import service as changes
from facilitation.web.auth import organiser_required
from facilitation.workshops import service as workshops

bp = Blueprint("moderation_pages", __name__, url_prefix="/organiser")


@bp.get("/workshops/<int:workshop_id>/moderation")
@organiser_required
def moderation_page(actor, workshop_id: int):
    found = workshops.managed_workshop(actor, workshop_id)
    state = {
        "role": "organiser",
        "token": None,
        "workshop_id": found.id,
        "group_id": None,
        "participant_id": None,
        "note_max_chars": current_app.config["NOTE_MAX_CHARS"],
        **changes.workshop_state(actor, found.id),
        "overview": moderation.overview(actor, found.id),
    }
    return render_template("organiser/moderation.html", workshop=found, state=state)
