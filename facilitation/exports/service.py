"""The whole workshop as one ZIP, and single files for the whole workshop or one board.

The one entry point the web layer calls: it authorises (through json_export.build_document), takes
one snapshot, and has every requested format rendered from it (exports/rendering.py, in the export
worker: exports/worker.py), so all files in a ZIP agree and the event loop never renders.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask_babel import force_locale, get_locale
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
from facilitation.kernel.lookups import get_workshop
from facilitation.languages.catalogues import workshop_languages
from facilitation.signups.service import export_csv as signups_csv

__all__ = ["BOARD_FORMATS", "WORKSHOP_FORMATS", "ZIP_MIMETYPE", "board_file", "workshop_bundle", "workshop_file"]


def _unknown_format() -> NotFound:
    return NotFound(_("No such export format."), code="unknown_format")


def export_language(workshop_id: int) -> str:
    """The language a workshop's files are written in: its own (the first of a bilingual room's), else the
    language of whoever asks (organiser's setting, then the device's; docs/i18n.md)."""
    tags = workshop_languages(get_workshop(workshop_id).languages)
    return tags[0] if tags else str(get_locale() or "en")


def workshop_file(actor: Actor, workshop_id: int, fmt: str, *, include_signups: bool = False) -> ExportFile:
    """One format of the whole workshop; sign-ups go into the JSON only, and only when asked for."""
    if fmt not in WORKSHOP_FORMATS:
        raise _unknown_format()
    document = build_document(actor, workshop_id, include_signups=include_signups and fmt == "json")
    recordings = recording_images(workshop_id) if fmt == "pdf" else []
    return worker.render(render_workshop_file, document, fmt, recordings, language=export_language(workshop_id))


def board_file(actor: Actor, workshop_id: int, board_id: int, fmt: str) -> ExportFile:
    """One board's picture or notes; the document then holds that board only."""
    if fmt not in BOARD_FORMATS:
        raise _unknown_format()
    document = build_document(actor, workshop_id, board_id=board_id)
    return worker.render(render_board_file, document, fmt, language=export_language(workshop_id))


def workshop_bundle(actor: Actor, workshop_id: int, *, include_signups: bool = False) -> ExportFile:
    """Every format in one ZIP: report files at the top, board pictures in boards/."""
    document = build_document(actor, workshop_id, include_signups=include_signups)
    language = export_language(workshop_id)
    stamp = datetime.now(UTC).timetuple()[:6]
    # The sign-ups and the room's files (directory, tables, activities, recordings) are made here, with the
    # snapshot, so their headings are put in the workshop's language here too.
    with force_locale(language):
        signups = signups_csv(actor, workshop_id) if include_signups else None
        extra = room_files(workshop_id, file_stem(document))
    return worker.render(
        render_bundle, document, signups, stamp, recording_images(workshop_id), extra, language=language
    )
