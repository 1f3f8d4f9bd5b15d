"""Organiser pages for exports: downloads (whole workshop, ZIP, one board) and the JSON import form.

Adapters only: every download goes through services.exports.bundle, which authorises the organiser
and renders from one snapshot; the import goes through json_import, which validates the whole file.
"""

from __future__ import annotations

import io

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from facilitation.exports import ExportFile
from facilitation.exports.importer import import_workshop
from facilitation.exports.service import BOARD_FORMATS, WORKSHOP_FORMATS, board_file, workshop_bundle, workshop_file
from facilitation.kernel.errors import DomainError
from facilitation.web.auth import organiser_required
from facilitation.workshops import service as workshops

bp = Blueprint("exports", __name__, url_prefix="/organiser")

BOARD_FORMAT_LABELS = {
    "png": _l("Picture (PNG)"),
    "svg": _l("Picture (SVG)"),
    "pdf": _l("PDF"),
    "md": _l("Markdown"),
    "csv": _l("CSV"),
    "xlsx": _l("Excel"),
    "json": _l("JSON"),
}


def send_export(export: ExportFile):
    """The file as a download; Flask writes a UTF-8 filename* for titles in any script."""
    response = send_file(
        io.BytesIO(export.content), mimetype=export.mimetype, as_attachment=True, download_name=export.filename
    )
    # Exports hold every note and, on request, personal data: never keep them in a shared cache.
    response.headers["Cache-Control"] = "no-store"
    return response


def _wants_signups() -> bool:
    return request.args.get("signups") == "1"


@bp.get("/workshops/<int:workshop_id>/exports")
@organiser_required
def page(actor, workshop_id: int):
    found = workshops.managed_workshop(actor, workshop_id)
    return render_template(
        "organiser/exports.html",
        workshop=found,
        workshop_formats=[(key, str(label)) for key, (label, _render) in WORKSHOP_FORMATS.items()],
        board_formats=[(key, str(BOARD_FORMAT_LABELS[key])) for key in BOARD_FORMATS],
        state={"role": "organiser", "workshop_id": found.id},
    )


@bp.get("/workshops/<int:workshop_id>/exports/workshop.zip")
@organiser_required
def bundle(actor, workshop_id: int):
    return send_export(workshop_bundle(actor, workshop_id, include_signups=_wants_signups()))


@bp.get("/workshops/<int:workshop_id>/exports/workshop.<fmt>")
@organiser_required
def whole(actor, workshop_id: int, fmt: str):
    return send_export(workshop_file(actor, workshop_id, fmt, include_signups=_wants_signups()))


@bp.get("/workshops/<int:workshop_id>/exports/boards/<int:board_id>.<fmt>")
@organiser_required
def board(actor, workshop_id: int, board_id: int, fmt: str):
    return send_export(board_file(actor, workshop_id, board_id, fmt))


@bp.get("/import")
@organiser_required
def import_form(actor):
    return render_template("organiser/exports.html", workshop=None, state={"role": "organiser"})


@bp.post("/import")
@organiser_required
def import_upload(actor):
    upload = request.files.get("document")
    if upload is None or not upload.filename:
        flash(_("Choose a JSON export to import."), "error")
        return redirect(url_for("exports.import_form"))
    try:
        made = import_workshop(
            actor, upload.read(), request.form.get("mode", "restore"), request.form.get("title") or None
        )
    except DomainError as error:
        flash(error.message, "error")
        return redirect(url_for("exports.import_form"))
    mode = request.form.get("mode", "restore")
    flash(_("Workshop restored.") if mode == "restore" else _("New workshop created from the export."), "success")
    return redirect(url_for("organiser.workshop", workshop_id=made.id))
