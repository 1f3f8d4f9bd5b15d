"""Which language a request is served in.

Order: a signed-in organiser's own setting (their pages follow it); the device's choice from the switcher
(a cookie); the browser's Accept-Language (phones, tablets, the projector on a first visit); English.
"""

from __future__ import annotations

from flask import current_app, has_request_context, request, session

from facilitation.extensions import db
from facilitation.kernel.access import organiser_from_session
from facilitation.models import Organiser

LANGUAGE_COOKIE = "lang"


def offered_tags() -> list[str]:
    return list(current_app.config["LANGUAGES"])


def organiser_language() -> str | None:
    """The signed-in organiser's own language setting, if they have one.

    Often asked half-way through a service, when an error message is translated: a query there must not
    flush the half-built row the service is about to refuse (an empty group name would reach the database
    as a constraint error, a 500, instead of the message)."""
    with db.session.no_autoflush:
        actor = organiser_from_session(session)
        if actor is None:
            return None
        return db.session.get(Organiser, actor.organiser_id).language


def choose_locale() -> str:
    """Flask-Babel's locale selector: the language this request (or Socket.IO event) is served in."""
    if not has_request_context():  # a CLI command or background task: the source language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    offered = offered_tags()
    for chosen in (organiser_language(), request.cookies.get(LANGUAGE_COOKIE)):
        if chosen in offered:
            return chosen
    return request.accept_languages.best_match(offered) or current_app.config["BABEL_DEFAULT_LOCALE"]
