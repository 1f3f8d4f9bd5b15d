"""The graphic recording on the wall: the organiser uploads images (made safe by images.py), chooses one
for the projector and pans and zooms it from the console; screens follow recording:changed live.

Files live in instance/uploads/<workshop id>/recordings/ under random names, so security.retention's
erasure of a workshop removes them with it; removing one recording removes its file.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import Invalid, NotFound
from facilitation.kernel.events import RECORDING_CHANGED
from facilitation.kernel.lookups import load_workshop, owned
from facilitation.kernel.payloads import text_field
from facilitation.kernel.revisions import commit_and_publish, record_change
from facilitation.kernel.visibility import utc_iso
from facilitation.models import Recording, RecordingView, Workshop
from facilitation.recordings.images import clean_image

MAX_RECORDINGS = 30
ZOOM_RANGE = (1.0, 8.0)
FILE_MODE = 0o600


def folder(workshop_id: int) -> Path:
    return Path(current_app.instance_path) / "uploads" / str(workshop_id) / "recordings"


def file_of(recording: Recording) -> Path:
    return folder(recording.workshop_id) / recording.stored_name


def recordings_of(workshop_id: int) -> list[Recording]:
    return list(
        db.session.scalars(select(Recording).where(Recording.workshop_id == workshop_id).order_by(Recording.id))
    )


def recording_view(recording: Recording) -> dict[str, Any]:
    return {
        "id": recording.id,
        "title": recording.title,
        "file": recording.stored_name,
        "mimetype": recording.mimetype,
        "width": recording.width,
        "height": recording.height,
        "created_at": utc_iso(recording.created_at),
    }


def _view_row(workshop: Workshop) -> RecordingView:
    row = db.session.get(RecordingView, workshop.id)
    if row is None:
        row = RecordingView(workshop_id=workshop.id, recording_id=None, zoom=1.0, center_x=0.5, center_y=0.5)
        db.session.add(row)
    return row


def wall_view(workshop: Workshop) -> dict[str, Any]:
    """Every recording and what the projector shows: the chosen one (else the newest), zoom and centre."""
    recordings = recordings_of(workshop.id)
    row = db.session.get(RecordingView, workshop.id)
    shown = row.recording_id if row is not None and row.recording_id else (recordings[-1].id if recordings else None)
    return {
        "recordings": [recording_view(r) for r in recordings],
        "shown_id": shown,
        "zoom": row.zoom if row is not None else 1.0,
        "center": [row.center_x, row.center_y] if row is not None else [0.5, 0.5],
    }


def recording_state(actor: Actor, workshop_id: Any) -> dict[str, Any]:
    workshop = load_workshop(actor, workshop_id, "workshop.view")
    return {**wall_view(workshop), "revision": workshop.revision}


def _publish(workshop: Workshop) -> dict[str, Any]:
    db.session.flush()
    view = wall_view(workshop)
    revision = commit_and_publish(workshop.id, [record_change(workshop.id, RECORDING_CHANGED, view)])
    return {**view, "revision": revision}


def upload(actor: Actor, workshop_id: Any, data: bytes, title: Any = "") -> dict[str, Any]:
    """Store one image (re-encoded, metadata stripped, random name) and show it on the wall's view."""
    workshop = load_workshop(actor, workshop_id, "recording.manage")
    if len(recordings_of(workshop.id)) >= MAX_RECORDINGS:
        raise Invalid(
            _("A workshop keeps at most %(MAX_RECORDINGS)s images; remove one first.", MAX_RECORDINGS=MAX_RECORDINGS),
            code="too_many_recordings",
        )
    image = clean_image(data)
    stored_name = f"{secrets.token_hex(16)}.{image.extension}"
    target = folder(workshop.id)
    target.mkdir(parents=True, exist_ok=True)
    path = target / stored_name
    # Created owner-only and never overwritten: the name is new, so O_EXCL fails loudly on a clash.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(image.content)
    recording = Recording(
        workshop_id=workshop.id,
        title=text_field(title or "", "Title", 200, required=False),
        stored_name=stored_name,
        mimetype=image.mimetype,
        width=image.width,
        height=image.height,
        size_bytes=len(image.content),
    )
    db.session.add(recording)
    try:
        db.session.flush()
        row = _view_row(workshop)
        row.recording_id, row.zoom, row.center_x, row.center_y = recording.id, 1.0, 0.5, 0.5
        return _publish(workshop)
    except Exception:
        path.unlink(missing_ok=True)
        raise


def remove(actor: Actor, workshop_id: Any, recording_id: Any) -> dict[str, Any]:
    workshop = load_workshop(actor, workshop_id, "recording.manage")
    recording = owned(Recording, recording_id, workshop, "unknown_recording", _("No such image in this workshop."))
    path = file_of(recording)
    db.session.delete(recording)
    result = _publish(workshop)
    path.unlink(missing_ok=True)
    return result


def steer(actor: Actor, workshop_id: Any, recording_id: Any, zoom: Any, center: Any) -> dict[str, Any]:
    """Choose the image, zoom (1 fits the screen) and the point at the centre of the screen (0..1 each way)."""
    workshop = load_workshop(actor, workshop_id, "recording.manage")
    recording = owned(Recording, recording_id, workshop, "unknown_recording", _("No such image in this workshop."))
    low, high = ZOOM_RANGE
    if not isinstance(zoom, int | float) or isinstance(zoom, bool) or not low <= zoom <= high:
        raise Invalid(_("Zoom is from %(low)s to %(high)s.", low=f"{low:g}", high=f"{high:g}"), code="bad_zoom")
    if not (
        isinstance(center, list | tuple)
        and len(center) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1 for v in center)
    ):
        raise Invalid(_("The centre is two fractions from 0 to 1."), code="bad_center")
    row = _view_row(workshop)
    row.recording_id, row.zoom, row.center_x, row.center_y = (
        recording.id,
        float(zoom),
        float(center[0]),
        float(center[1]),
    )
    return _publish(workshop)


def image_file(workshop: Workshop, stored_name: Any) -> tuple[Path, str]:
    """The stored file and its content type, for a viewer already authorised for `workshop`."""
    recording = db.session.scalar(
        select(Recording).where(Recording.workshop_id == workshop.id, Recording.stored_name == str(stored_name))
    )
    if recording is None or not file_of(recording).is_file():
        raise NotFound(_("No such image."), code="unknown_recording")
    return file_of(recording), recording.mimetype


def viewable_workshop(actor: Actor, workshop_id: Any) -> Workshop:
    return load_workshop(actor, workshop_id, "workshop.view")
