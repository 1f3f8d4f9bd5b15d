"""The directory of cultural offers: cards made from notes, with an activity analysis, their history, and the
read-only link link workers use (no sign-in)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facilitation.extensions import db
from facilitation.models.workshop import utcnow

# The card's text fields, in the order a card shows them; the analysis fields follow an occupational
# therapist's activity analysis (resources, the skills asked of a participant, the benefits).
OFFER_TEXT_FIELDS = (
    "provider",
    "title",
    "when_where",
    "cost",
    "suits",
    "referral",
    "resources",
    "cognitive",
    "sensory",
    "mobility",
    "communication",
    "social",
    "benefits",
    "access_notes",
)


class Offer(db.Model):
    __tablename__ = "offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    source_note_id: Mapped[int | None] = mapped_column(ForeignKey("notes.id", ondelete="SET NULL"))
    provider: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    when_where: Mapped[str] = mapped_column(Text, default="")
    cost: Mapped[str] = mapped_column(String(200), default="")
    suits: Mapped[str] = mapped_column(Text, default="")
    referral: Mapped[str] = mapped_column(Text, default="")
    resources: Mapped[str] = mapped_column(Text, default="")
    cognitive: Mapped[str] = mapped_column(Text, default="")
    sensory: Mapped[str] = mapped_column(Text, default="")
    mobility: Mapped[str] = mapped_column(Text, default="")
    communication: Mapped[str] = mapped_column(Text, default="")
    social: Mapped[str] = mapped_column(Text, default="")
    benefits: Mapped[str] = mapped_column(Text, default="")
    access_notes: Mapped[str] = mapped_column(Text, default="")
    # Fixed vocabularies (directory.service.NEEDS, BENEFITS), for the link workers' filters.
    needs: Mapped[list[str]] = mapped_column(JSON, default=list)
    benefit_tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    published: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class OfferRevision(db.Model):
    """One saved version of a card: who changed it (role, group, the side they spoke for) and what it said."""

    __tablename__ = "offer_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    author_role: Mapped[str] = mapped_column(String(20))
    author_label: Mapped[str] = mapped_column(String(120), default="")
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DirectoryLink(db.Model):
    """The unguessable read-only link to a workshop's published offers."""

    __tablename__ = "directory_links"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
