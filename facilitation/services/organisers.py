"""Organiser accounts: the only people who sign in with a password."""

from __future__ import annotations

import secrets

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..access import Actor
from ..errors import Conflict, Invalid, NotSignedIn
from ..extensions import db
from ..models import Organiser

MIN_PASSWORD = 10


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
    organiser = Organiser(email=email, password_hash=generate_password_hash(password))
    db.session.add(organiser)
    db.session.commit()
    return organiser, password


def authenticate(email: str, password: str) -> Actor:
    organiser = db.session.scalar(select(Organiser).where(Organiser.email == email.strip().lower()))
    # Hash even for an unknown email so response time does not reveal which emails exist.
    stored = organiser.password_hash if organiser else generate_password_hash("unused-password")
    if not check_password_hash(stored, password) or organiser is None:
        raise NotSignedIn("Email or password not recognised.", code="bad_credentials")
    return organiser_actor(organiser.id)


def organiser_actor(organiser_id: int) -> Actor:
    return Actor(role="organiser", organiser_id=organiser_id)


def organiser_count() -> int:
    return db.session.scalar(select(func.count(Organiser.id))) or 0
