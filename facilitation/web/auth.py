"""Who is asking: bearer tokens, the organiser's signed-in session, or an attendee's phone session."""

from __future__ import annotations

from functools import wraps

from flask import Blueprint, flash, redirect, render_template, request, session, url_for

from ..access import ANONYMOUS, Actor, actor_for_token
from ..errors import DomainError, NotSignedIn
from ..extensions import db
from ..models import Organiser
from ..services import organisers

bp = Blueprint("auth", __name__)


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.startswith("Bearer ") else None


def current_actor() -> Actor:
    """The bearer token wins; then a signed-in organiser; then this browser's attendee session."""
    token = bearer_token()
    if token:
        return actor_for_token(token)
    organiser_id = session.get("organiser_id")
    if organiser_id is not None and db.session.get(Organiser, organiser_id) is not None:
        return organisers.organiser_actor(organiser_id)
    attendee_token = session.get("attendee_token")
    if attendee_token:
        try:
            return actor_for_token(attendee_token)
        except NotSignedIn:
            session.pop("attendee_token", None)
    return ANONYMOUS


def organiser_required(view):
    """Pages for organisers: send everyone else to the sign-in form."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        actor = current_actor()
        if actor.role != "organiser":
            return redirect(url_for("auth.login", next=request.path))
        return view(actor, *args, **kwargs)

    return wrapped


@bp.route("/organiser/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        try:
            actor = organisers.authenticate(request.form.get("email", ""), request.form.get("password", ""))
        except DomainError as error:
            flash(error.message, "error")
            return render_template("organiser/login.html"), 401
        session.clear()
        session["organiser_id"] = actor.organiser_id
        target = request.args.get("next", "")
        # Only local paths: an open redirect would hand the session to another site.
        if not target.startswith("/") or target.startswith("//"):
            target = url_for("organiser.dashboard")
        return redirect(target)
    return render_template("organiser/login.html")


@bp.post("/organiser/logout")
def logout():
    session.pop("organiser_id", None)
    return redirect(url_for("auth.login"))
