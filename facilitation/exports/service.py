"""The whole workshop as one ZIP, and single files for the whole workshop or one board.

The one entry point the web layer calls: it authorises (through json_export.build_document), takes
one snapshot, and has every requested format rendered from it (exports/rendering.py, in the export
worker: exports/worker.py), so all files in a ZIP agree and the event loop never renders.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import gettext as _

from facilitation.exports import ExportFile, file_stem, worker
from facilitation.exports.document import build_document
from facilitation.exports.rendering import (
    BOARD_FORMATS,
    WORKSHOP_FORMATS,
    ZIP_MIMETYPE,
    render_board_file,
    render_bundle,
    render_workshop_file,
)
from facilitation.exports.rooms import recording_images, room_files
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import NotFound
from facilitation.signups.service import export_csv as signups_csv

__all__ = ["BOARD_FORMATS", "WORKSHOP_FORMATS", "ZIP_MIMETYPE", "board_file", "workshop_bundle", "workshop_file"]


def _unknown_format() -> NotFound:
    return NotFound(_("No such export format."), code="unknown_format")


def workshop_file(actor: Actor, workshop_id: int, fmt: str, *, include_signups: bool = False) -> ExportFile:
    """One format of the whole workshop; sign-ups go into the JSON only, and only when asked for."""
    if fmt not in WORKSHOP_FORMATS:
        raise _unknown_format()
    document = build_document(actor, workshop_id, include_signups=include_signups and fmt == "json")
    recordings = recording_images(workshop_id) if fmt == "pdf" else []
    return worker.render(render_workshop_file, document, fmt, recordings)


def board_file(actor: Actor, workshop_id: int, board_id: int, fmt: str) -> ExportFile:
    """One board's picture or notes; the document then holds that board only."""
    if fmt not in BOARD_FORMATS:
        raise _unknown_format()
    document = build_document(actor, workshop_id, board_id=board_id)
    return worker.render(render_board_file, document, fmt)


def workshop_bundle(actor: Actor, workshop_id: int, *, include_signups: bool = False) -> ExportFile:
    """Every format in one ZIP: report files at the top, board pictures in boards/."""
    document = build_document(actor, workshop_id, include_signups=include_signups)
    signups = signups_csv(actor, workshop_id) if include_signups else None
    stamp = datetime.now(UTC).timetuple()[:6]
    # The room's files (directory, tables, activities, recordings) are read here, with the snapshot.
    extra = room_files(workshop_id, file_stem(document))
    return worker.render(render_bundle, document, signups, stamp, recording_images(workshop_id), extra)
