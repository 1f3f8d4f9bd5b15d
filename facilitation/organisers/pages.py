"""The organiser's sign-in and sign-out pages."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for

from facilitation.kernel.errors import DomainError
from facilitation.organisers import service as organisers

# Named "auth" so every url_for("auth.login") in templates and redirects keeps working.
bp = Blueprint("auth", __name__)


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
