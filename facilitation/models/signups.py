"""The mailing-list sign-up: personal data given with consent, kept apart from anonymous content.

Deliberately has no participant_id or any other link to notes, responses or phone sessions, so a
sign-up can never be joined back to what someone wrote anonymously. The exact consent wording shown
and the moment it was given are stored with the entry, as evidence of consent.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facilitation.extensions import db
from facilitation.models.workshop import utcnow


class Signup(db.Model):
    """One person asking to join the organiser's mailing list."""

    __tablename__ = "signups"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(120), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    consent_text: Mapped[str] = mapped_column(Text)
    consented_at: Mapped[datetime] = mapped_column(default=utcnow)
