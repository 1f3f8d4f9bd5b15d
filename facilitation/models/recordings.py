"""The graphic recording on the wall: uploaded images (re-encoded, stored under a random name in the
instance folder) and what the projector shows of them (which one, how far zoomed, where)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from facilitation.extensions import db
from facilitation.models.workshop import utcnow


class Recording(db.Model):
    __tablename__ = "recordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    # A random hex name and the extension of the format it was re-encoded to; never the uploaded name.
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    # From the decoded image, never from the upload.
    mimetype: Mapped[str] = mapped_column(String(20))
    width: Mapped[int]
    height: Mapped[int]
    size_bytes: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RecordingView(db.Model):
    """The console's choice for the projector's recording view; a zoom of 1 fits the image to the screen."""

    __tablename__ = "recording_views"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    recording_id: Mapped[int | None] = mapped_column(ForeignKey("recordings.id", ondelete="SET NULL"))
    zoom: Mapped[float] = mapped_column(default=1.0)
    # The point of the image at the centre of the screen, as fractions of its width and height.
    center_x: Mapped[float] = mapped_column(default=0.5)
    center_y: Mapped[float] = mapped_column(default=0.5)
