"""Organiser accounts: the only people who sign in with a password, and the sessions that sign-in starts.

A session is the signed cookie holding kernel.access.organiser_session: the organiser, the generation of
their sessions it was issued under, and when. Ending an organiser's sessions (sign-out, a new password,
removal) moves the generation on, which refuses every cookie issued before, and drops their open sockets.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from flask import Flask, current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update
from werkzeug.security import check_password_hash, generate_password_hash

from facilitation.extensions import db
from facilitation.kernel.access import Actor, organiser_actor, organiser_from_session, organiser_session
from facilitation.kernel.errors import Conflict, Invalid, NotFound, NotSignedIn
from facilitation.models import Organiser, Workshop
from facilitation.security import presence, retention, throttle

MIN_PASSWORD = 10
# app.extensions key: {hash method: a hash of a random password}, what an unknown email is checked against.
DUMMY_HASHES = "organisers.dummy_password_hashes"


def _hash(password: str, app: Flask | None = None) -> str:
    """Hash with the app's PASSWORD_HASH_METHOD (werkzeug's default when unset), salted per password."""
    method = (app or current_app).config.get("PASSWORD_HASH_METHOD")
    return generate_password_hash(password, method) if method else generate_password_hash(password)


def dummy_hash(app: Flask | None = None) -> str:
    """A hash made with the app's method, once per app (and method), never at import: checking a password
    against it costs what checking a real one costs."""
    app = app or current_app._get_current_object()
    hashes = app.extensions.setdefault(DUMMY_HASHES, {})
    method = app.config.get("PASSWORD_HASH_METHOD")
    if method not in hashes:
        hashes[method] = _hash(secrets.token_urlsafe(16), app)
    return hashes[method]


def _normalised(email: str) -> str:
    return email.strip().lower()


def _check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise Invalid(
            _("Passwords need at least %(MIN_PASSWORD)s characters.", MIN_PASSWORD=MIN_PASSWORD), code="weak_password"
        )


def _by_email(email: str) -> Organiser:
    # PostgreSQL refuses a NUL in a query parameter outright: such an email matches nobody, at the same cost.
    clean = "\x00" not in email
    organiser = db.session.scalar(select(Organiser).where(Organiser.email == _normalised(email))) if clean else None
    if organiser is None:
        raise NotFound(_("No organiser has the email %(email)s.", email=_normalised(email)), code="unknown_organiser")
    return organiser


def create_organiser(email: str, password: str | None = None) -> tuple[Organiser, str]:
    """Create an account; with no password given, generate a one-time one and return it."""
    email = _normalised(email)
    if "@" not in email or len(email) > 254:
        raise Invalid(_("Give an email address."), code="bad_email")
    password = password or secrets.token_urlsafe(12)
    _check_password_rules(password)
    if db.session.scalar(select(Organiser).where(Organiser.email == email)):
        raise Conflict(_("An organiser with that email exists."), code="organiser_exists")
    organiser = Organiser(email=email, password_hash=_hash(password))
    db.session.add(organiser)
    db.session.commit()
    return organiser, password


def authenticate(email: str, password: str) -> Actor:
    """The organiser with this email and password, or NotSignedIn; the same work whether or not the email
    exists: one lookup and one hash check, against a dummy hash of the same method for an unknown email."""
    # PostgreSQL refuses a NUL in a query parameter outright: such an email matches nobody, at the same cost.
    clean = "\x00" not in email
    organiser = db.session.scalar(select(Organiser).where(Organiser.email == _normalised(email))) if clean else None
    stored = organiser.password_hash if organiser else dummy_hash()
    if not check_password_hash(stored, password) or organiser is None:
        raise NotSignedIn(_("Email or password not recognised."), code="bad_credentials")
    return organiser_actor(organiser.id)


def sign_in(email: str, password: str, address: str | None) -> dict[str, int]:
    """Check the password within the sign-in limits (SlowDown while the account or the address must wait);
    returns what the session must hold to be signed in."""
    attempt = throttle.begin_sign_in(email, address)
    actor = authenticate(email, password)  # a wrong password leaves the attempt counted as a failure
    throttle.sign_in_succeeded(attempt)
    return organiser_session(actor.organiser_id)


def end_sessions(organiser_id: int) -> list[str]:
    """Every session of this organiser ends now: cookies issued before are refused from the next request,
    and their open sockets are dropped. Returns the sockets dropped."""
    db.session.execute(
        update(Organiser)
        .where(Organiser.id == organiser_id)
        .values(session_generation=Organiser.session_generation + 1)
    )
    sockets = presence.sockets_of_organiser(organiser_id)
    db.session.commit()
    return presence.drop(sockets)  # after the commit: a dropped page that reconnects is refused


def sign_out(session: Mapping) -> None:
    """Sign-out ends every session of the organiser this session names (a copy of the cookie included);
    a session already ended, or a copy of one, changes nothing."""
    actor = organiser_from_session(session)
    if actor is not None:
        end_sessions(actor.organiser_id)


def end_organiser_sessions(email: str) -> list[str]:
    """Sign an organiser out everywhere (from the laptop's command line); returns the sockets dropped."""
    return end_sessions(_by_email(email).id)


def set_password(email: str, password: str) -> Organiser:
    """Give an account a new password (from the laptop's command line); ends every session it had and any
    sign-in wait its failures had started."""
    _check_password_rules(password)
    organiser = _by_email(email)
    organiser.password_hash = _hash(password)
    db.session.commit()
    throttle.forget_sign_in_failures(organiser.email)
    end_sessions(organiser.id)
    return organiser


def set_language(organiser_id: int, language: str) -> Organiser:
    """Remember the language an organiser's own pages are shown in (the switcher, while signed in)."""
    if language not in current_app.config["LANGUAGES"]:
        raise Invalid(_("That language is not offered."), code="bad_language")
    organiser = db.session.get(Organiser, organiser_id)
    if organiser is None:
        raise NotFound(_("No such organiser."), code="no_organiser")
    organiser.language = language
    db.session.commit()
    return organiser


def owned_workshops(organiser_id: int) -> list[int]:
    """The ids of the workshops an organiser owns."""
    return list(db.session.scalars(select(Workshop.id).where(Workshop.organiser_id == organiser_id)))


def remove_organiser(email: str, transfer_to: str | None = None, delete_workshops: bool = False) -> dict:
    """Remove an account and end its sessions. Its workshops are never left without an owner: with
    transfer_to they pass to that organiser, with delete_workshops they are erased with everything in them
    (as `flask delete-workshop`), and with neither an organiser who owns any is refused. The audit log
    keeps its entries, without the name of the removed organiser."""
    organiser = _by_email(email)
    owned = owned_workshops(organiser.id)
    if transfer_to and delete_workshops:
        raise Invalid(_("Either give the workshops to another organiser or delete them, not both."), code="bad_choice")
    if owned and not (transfer_to or delete_workshops):
        raise Conflict(
            _(
                "%(email)s owns %(count)s workshop(s): give them to another organiser or delete them.",
                email=organiser.email,
                count=len(owned),
            ),
            code="organiser_owns_workshops",
        )
    heir = None
    if transfer_to:
        heir = _by_email(transfer_to)
        if heir.id == organiser.id:
            raise Invalid(_("Give the workshops to a different organiser."), code="bad_choice")
    organiser_id, removed_email = organiser.id, organiser.email
    heir_id, heir_email = (heir.id, heir.email) if heir else (None, None)
    db.session.commit()  # end the read before the erasures, each its own transaction
    if delete_workshops:
        for workshop_id in owned:
            retention.erase_workshop(workshop_id)
    elif heir_id is not None:
        db.session.execute(update(Workshop).where(Workshop.organiser_id == organiser_id).values(organiser_id=heir_id))
    sockets = presence.sockets_of_organiser(organiser_id)
    db.session.delete(db.session.get(Organiser, organiser_id))
    db.session.commit()
    presence.drop(sockets)
    return {
        "email": removed_email,
        "workshops": owned,
        "workshops_to": heir_email,
        "workshops_deleted": bool(delete_workshops and owned),
    }


def organiser_count() -> int:
    """How many accounts exist: the first start creates one when there are none."""
    return db.session.scalar(select(func.count(Organiser.id))) or 0
