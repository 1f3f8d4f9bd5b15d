"""Who is asking over HTTP: a bearer token, the organiser's signed-in session, or an attendee's phone session."""

from __future__ import annotations

from functools import wraps

from flask import g, redirect, request, session, url_for

from facilitation.kernel.access import ANONYMOUS, Actor, actor_for_token, organiser_from_session
from facilitation.kernel.errors import NotSignedIn


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header.startswith("Bearer ") else None


def current_actor() -> Actor:
    """The bearer token wins; then a signed-in organiser; then this browser's attendee session."""
    token = bearer_token()
    if token:
        # Resolved once per request: the rate-limit hook and the view both ask (one query, not two).
        cached = g.get("bearer_actor")
        if cached is None or cached[0] != token:
            g.bearer_actor = cached = (token, actor_for_token(token))
        return cached[1]
    organiser = organiser_from_session(session)
    if organiser is not None:
        return organiser
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
