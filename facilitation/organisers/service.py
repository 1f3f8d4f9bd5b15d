"""Organiser accounts: the only people who sign in with a password."""

from __future__ import annotations

import secrets

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from facilitation.extensions import db
from facilitation.kernel.access import Actor, organiser_actor
from facilitation.kernel.errors import Conflict, Invalid, NotSignedIn
from facilitation.models import Organiser

MIN_PASSWORD = 10


def _hash(password: str) -> str:
    """Hash with the app's PASSWORD_HASH_METHOD (werkzeug's default when unset), salted per password."""
    method = current_app.config.get("PASSWORD_HASH_METHOD")
    return generate_password_hash(password, method) if method else generate_password_hash(password)


def create_organiser(email: str, password: str | None = None) -> tuple[Organiser, str]:
    """Create an account; with no password given, generate a one-time one and return it."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise Invalid("Give an email address.", code="bad_email")
    password = password or secrets.token_urlsafe(12)
    if len(password) < MIN_PASSWORD:
        raise Invalid(f"Passwords need at least {MIN_PASSWORD} characters.", code="weak_password")
    if db.session.scalar(select(Organiser).where(Organiser.email == email)):
        raise Conflict("An organiser with that email exists.", code="organiser_exists")
    organiser = Organiser(email=email, password_hash=_hash(password))
    db.session.add(organiser)
    db.session.commit()
    return organiser, password


def authenticate(email: str, password: str) -> Actor:
    """The organiser with this email and password, or NotSignedIn; the same work whether or not the email exists."""
    organiser = db.session.scalar(select(Organiser).where(Organiser.email == email.strip().lower()))
    # Hash even for an unknown email (with the same method) so response time does not reveal which emails exist.
    stored = organiser.password_hash if organiser else _hash("unused-password")
    if not check_password_hash(stored, password) or organiser is None:
        raise NotSignedIn("Email or password not recognised.", code="bad_credentials")
    return organiser_actor(organiser.id)


def organiser_count() -> int:
    """How many accounts exist: the first start creates one when there are none."""
    return db.session.scalar(select(func.count(Organiser.id))) or 0
