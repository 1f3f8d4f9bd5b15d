"""The organiser's sign-in and sign-out pages."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for

from facilitation.kernel.access import SESSION_KEYS
from facilitation.kernel.errors import DomainError, SlowDown
from facilitation.organisers import service as organisers

# Named "auth" so every url_for("auth.login") in templates and redirects keeps working.
bp = Blueprint("auth", __name__)
# Made when the app is built, so the first unknown email costs no more than the next one.
bp.record_once(lambda state: organisers.dummy_hash(state.app))


@bp.route("/organiser/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        try:
            claims = organisers.sign_in(
                request.form.get("email", ""), request.form.get("password", ""), request.remote_addr
            )
        except DomainError as error:
            flash(error.message, "error")
            # A wait is answered as the rate limits are everywhere: 429 and when to come back.
            headers = {"Retry-After": str(error.retry_after)} if isinstance(error, SlowDown) else {}
            status = 429 if isinstance(error, SlowDown) else 401
            return render_template("organiser/login.html"), status, headers
        session.clear()
        session.update(claims)
        # A permanent session: the cookie expires after SESSION_HOURS, and access refuses it from then on.
        session.permanent = True
        target = request.args.get("next", "")
        # Only local paths: an open redirect would hand the session to another site.
        if not target.startswith("/") or target.startswith("//"):
            target = url_for("organiser.dashboard")
        return redirect(target)
    return render_template("organiser/login.html")


@bp.post("/organiser/logout")
def logout():
    # Ends every session of this organiser, copies of this cookie and open organiser sockets included.
    organisers.sign_out(session)
    for key in SESSION_KEYS:
        session.pop(key, None)
    return redirect(url_for("auth.login"))
