"""The whole workshop as one ZIP, and single files for the whole workshop or one board.

The one entry point the web layer calls: it authorises (through json_export.build_document), takes
one snapshot, and renders every requested format from it, so all files in a ZIP agree.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from facilitation.exports import ExportFile, file_stem, slug
from facilitation.exports.document import build_document, export_json
from facilitation.exports.formats.board_images import export_board_png, export_board_svg
from facilitation.exports.formats.csv_export import export_csv
from facilitation.exports.formats.markdown_export import export_markdown
from facilitation.exports.formats.pdf_export import export_pdf
from facilitation.exports.formats.xlsx_export import export_xlsx
from facilitation.exports.rooms import recording_appendix, room_files
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import NotFound
from facilitation.signups.service import export_csv as signups_csv

ZIP_MIMETYPE = "application/zip"

# format -> (label shown on the page, renderer of a whole document)
WORKSHOP_FORMATS: dict[str, tuple[str, Callable[[dict[str, Any], str], ExportFile]]] = {
    "pdf": ("PDF report", export_pdf),
    "xlsx": ("Excel workbook", export_xlsx),
    "csv": ("CSV, one row per note", export_csv),
    "md": ("Markdown report draft", export_markdown),
    "json": ("JSON (complete, re-importable)", export_json),
}
BOARD_FORMATS = ("png", "svg", "pdf", "md", "csv", "xlsx", "json")


def _unknown_format() -> NotFound:
    return NotFound("No such export format.", code="unknown_format")


def workshop_file(actor: Actor, workshop_id: int, fmt: str, *, include_signups: bool = False) -> ExportFile:
    """One format of the whole workshop; sign-ups go into the JSON only, and only when asked for."""
    if fmt not in WORKSHOP_FORMATS:
        raise _unknown_format()
    document = build_document(actor, workshop_id, include_signups=include_signups and fmt == "json")
    if fmt == "pdf":
        return export_pdf(document, file_stem(document), recording_appendix(workshop_id))
    return WORKSHOP_FORMATS[fmt][1](document, file_stem(document))


def board_file(actor: Actor, workshop_id: int, board_id: int, fmt: str) -> ExportFile:
    """One board's picture or notes; the document then holds that board only."""
    if fmt not in BOARD_FORMATS:
        raise _unknown_format()
    document = build_document(actor, workshop_id, board_id=board_id)
    ref = document["boards"][0]["ref"]
    stem = file_stem(document, ref)
    # A board's report is about that board: the day's evaluation belongs to the workshop's report.
    board_only = {**document, "questionnaire": None, "responses": []}
    renderers: dict[str, Callable[[], ExportFile]] = {
        "png": lambda: export_board_png(document, ref, stem),
        "svg": lambda: export_board_svg(document, ref, stem),
        "pdf": lambda: export_pdf(board_only, stem),
        "md": lambda: export_markdown(board_only, stem),
        "csv": lambda: export_csv(document, stem, ref),
        "xlsx": lambda: export_xlsx(document, stem, ref),
        "json": lambda: export_json(document, stem),
    }
    return renderers[fmt]()


def workshop_bundle(actor: Actor, workshop_id: int, *, include_signups: bool = False) -> ExportFile:
    """Every format in one ZIP: report files at the top, board pictures in boards/."""
    document = build_document(actor, workshop_id, include_signups=include_signups)
    stem = file_stem(document)
    anonymous = {k: v for k, v in document.items() if k != "signups"}
    files = [export_json(document, stem)]
    files += [
        render(anonymous, stem) for fmt, (_label, render) in WORKSHOP_FORMATS.items() if fmt not in ("json", "pdf")
    ]
    files.append(export_pdf(anonymous, stem, recording_appendix(workshop_id)))
    for position, board in enumerate(document["boards"], 1):
        board_stem = f"boards/{position:02d}-{slug(board['title']) or 'board'}"
        files += [
            export_board_svg(document, board["ref"], board_stem),
            export_board_png(document, board["ref"], board_stem),
        ]
    files += room_files(workshop_id, stem)
    if include_signups:
        files.append(ExportFile(f"{stem}-signups.csv", "text/csv", signups_csv(actor, workshop_id).encode("utf-8-sig")))
    buffer = io.BytesIO()
    stamp = datetime.now(UTC).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in files:
            info = zipfile.ZipInfo(f"{stem}/{item.filename}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, item.content)
    return ExportFile(f"{stem}.zip", ZIP_MIMETYPE, buffer.getvalue())
