"""Pages of the graphic recording: the organiser's upload and console (which image, pan, zoom), and the
image files themselves for the organiser and the projector, served with their decoded type and nosniff (and
the app's strict Content-Security-Policy, web/security.py, like every response)."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from facilitation.kernel.access import actor_for_token
from facilitation.kernel.errors import DomainError, Invalid
from facilitation.kernel.lookups import get_workshop
from facilitation.recordings import service as recordings
from facilitation.recordings.images import MAX_UPLOAD_BYTES
from facilitation.web.auth import organiser_required
from facilitation.web.forms import flash_outcome

bp = Blueprint("recording_pages", __name__)
# What one press of a console button does: (zoom factor, move of the centre in screen fractions).
PAN_STEP = 0.15
STEPS = {
    "zoom_in": (1.5, 0, 0),
    "zoom_out": (1 / 1.5, 0, 0),
    "left": (1, -PAN_STEP, 0),
    "right": (1, PAN_STEP, 0),
    "up": (1, 0, -PAN_STEP),
    "down": (1, 0, PAN_STEP),
}


def _back(workshop_id: int):
    return redirect(url_for("recording_pages.console", workshop_id=workshop_id))


@bp.get("/organiser/workshops/<int:workshop_id>/recordings")
@organiser_required
def console(actor, workshop_id: int):
    return render_template(
        "recordings/organiser.html",
        workshop=get_workshop(workshop_id),
        wall=recordings.recording_state(actor, workshop_id),
        max_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
    )


@bp.post("/organiser/workshops/<int:workshop_id>/recordings")
@organiser_required
def upload(actor, workshop_id: int):
    # This form alone may send more than the app's usual request limit: an image of up to MAX_UPLOAD_BYTES.
    request.max_content_length = MAX_UPLOAD_BYTES + 64 * 1024
    uploaded = request.files.get("image")

    def store():
        if uploaded is None:
            raise Invalid(_("Choose an image file to upload."), code="no_file")
        return recordings.upload(actor, workshop_id, uploaded.read(MAX_UPLOAD_BYTES + 1), request.form.get("title", ""))

    flash_outcome(store, _("Uploaded: it is on the projector's recording view."))
    return _back(workshop_id)


@bp.post("/organiser/workshops/<int:workshop_id>/recordings/<int:recording_id>/steer")
@organiser_required
def steer(actor, workshop_id: int, recording_id: int):
    wall = recordings.recording_state(actor, workshop_id)
    step = request.form.get("step", "show")
    zoom, (x, y) = (wall["zoom"], wall["center"]) if wall["shown_id"] == recording_id else (1.0, (0.5, 0.5))
    if step == "reset":
        zoom, x, y = 1.0, 0.5, 0.5
    elif step in STEPS:
        factor, dx, dy = STEPS[step]
        zoom = min(max(zoom * factor, recordings.ZOOM_RANGE[0]), recordings.ZOOM_RANGE[1])
        # A step moves a fixed share of the screen, so it is a smaller share of the image when zoomed in.
        x, y = min(max(x + dx / zoom, 0.0), 1.0), min(max(y + dy / zoom, 0.0), 1.0)
    flash_outcome(lambda: recordings.steer(actor, workshop_id, recording_id, zoom, [x, y]), _("The projector follows."))
    return _back(workshop_id)


@bp.post("/organiser/workshops/<int:workshop_id>/recordings/<int:recording_id>/remove")
@organiser_required
def remove(actor, workshop_id: int, recording_id: int):
    flash_outcome(lambda: recordings.remove(actor, workshop_id, recording_id), _("Image removed."))
    return _back(workshop_id)


def _image(workshop, stored_name: str):
    try:
        path, mimetype = recordings.image_file(workshop, stored_name)
    except DomainError:
        abort(404)
    response = send_file(path, mimetype=mimetype, conditional=True, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Disposition"] = f'inline; filename="recording.{path.suffix.lstrip(".")}"'
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.get("/organiser/workshops/<int:workshop_id>/recordings/files/<stored_name>")
@organiser_required
def organiser_image(actor, workshop_id: int, stored_name: str):
    return _image(recordings.viewable_workshop(actor, workshop_id), stored_name)


@bp.get("/p/<token>/recordings/<stored_name>")
def projector_image(token: str, stored_name: str):
    try:
        actor = actor_for_token(token)
    except DomainError:
        abort(404)
    if actor.role != "projector":
        abort(404)
    return _image(recordings.viewable_workshop(actor, actor.workshop_id), stored_name)
