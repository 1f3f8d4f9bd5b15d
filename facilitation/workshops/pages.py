"""Pages for the room: landing and join, the attendee phone, the facilitator tablet, the projector."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _

from facilitation.kernel.access import actor_for_token
from facilitation.kernel.errors import DomainError
from facilitation.languages import catalogues
from facilitation.seating import service as seating
from facilitation.sync import service as changes
from facilitation.web.auth import current_actor
from facilitation.web.security import CONTENT_SECURITY_POLICY
from facilitation.workshops import participants
from facilitation.workshops.links import base_url

bp = Blueprint("pages", __name__)


def page_state(actor, token: str | None) -> dict:
    """The JSON state island each page's entry module reads: who I am plus the current state."""
    return {
        "role": actor.role,
        "token": token,
        "workshop_id": actor.workshop_id,
        "group_id": actor.group_id,
        "participant_id": actor.participant_id,
        "display_name": actor.display_name,
        "note_max_chars": current_app.config["NOTE_MAX_CHARS"],
        "join_url": f"{base_url()}/join/",
        **changes.workshop_state(actor, actor.workshop_id),
    }


def _join_page(code: str):
    return render_template("attendee/join.html", code=code, perspectives=participants.perspectives_for_code(code))


@bp.get("/")
def index():
    return _join_page("")


@bp.get("/join/<code>")
def join_form(code: str):
    return _join_page(code)


@bp.post("/join")
def join():
    try:
        joined = participants.join(request.form.get("code", ""), request.form.get("name", ""))
    except DomainError as error:
        flash(error.message, "error")
        return _join_page(request.form.get("code", "")), error.status
    try:
        seating.set_profile_at_join(joined["token"], request.form)
    except DomainError as error:
        # Joined all the same: the phone's "Your table" panel lets them answer again.
        flash(_("You have joined, but your side was not saved: %(reason)s", reason=error.message), "error")
    session["attendee_token"] = joined["token"]
    session.permanent = True
    return redirect(url_for("pages.attendee"))


@bp.get("/attend")
def attendee():
    actor = current_actor()
    if actor.role != "attendee":
        return redirect(url_for("pages.index"))
    state = page_state(actor, session["attendee_token"])
    return render_template("attendee/board.html", state=state)


@bp.post("/attend/leave")
def leave():
    session.pop("attendee_token", None)
    return redirect(url_for("pages.index"))


def _token_page(token: str, role: str, template: str):
    try:
        actor = actor_for_token(token)
    except DomainError as error:
        return render_template("error.html", message=error.message), 404
    if actor.role != role:
        abort(404)
    return render_template(template, state=page_state(actor, token))


@bp.get("/f/<token>")
def facilitator(token: str):
    return _token_page(token, "facilitator", "facilitator/group.html")


def _projector_page(token: str):
    """The projector in the workshop's language(s), else the device's: a bilingual room's chrome in both."""
    try:
        actor = actor_for_token(token)
    except DomainError as error:
        return render_template("error.html", message=error.message), 404
    if actor.role != "projector":
        abort(404)
    state = page_state(actor, token)
    tags = catalogues.room_languages(state["structure"]["workshop"]["languages"], str(get_locale()))
    state["room_languages"] = catalogues.room_catalogues(tags)
    with force_locale(tags[0]):
        return render_template("projector/show.html", state=state, room_languages=tags)


@bp.get("/p/<token>")
def projector(token: str):
    """The projector; the organiser's console shows it live in a frame, so this site (only) may frame it."""
    response = make_response(_projector_page(token))
    if response.status_code != 200:
        return response
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
        "frame-ancestors 'none'", "frame-ancestors 'self'"
    )
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response
