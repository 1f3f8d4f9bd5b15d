"""Rendering an export from its snapshot: pure functions of the document, run in the export worker.

Nothing here reads the database, the app or the clock: the request reads the snapshot (and the sign-up
CSV, and the ZIP's timestamp) and hands them over, so the files come out the same wherever this runs
(exports/worker.py runs it in another process; tests/exports/test_export_worker.py compares the bytes).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l

from facilitation.exports import ExportFile, file_stem, slug
from facilitation.exports.document import export_json
from facilitation.exports.formats.board_images import export_board_png, export_board_svg
from facilitation.exports.formats.csv_export import export_csv
from facilitation.exports.formats.markdown_export import export_markdown
from facilitation.exports.formats.pdf_export import export_pdf
from facilitation.exports.formats.recordings_export import recording_flowables
from facilitation.exports.formats.xlsx_export import export_xlsx

ZIP_MIMETYPE = "application/zip"

# format -> (label shown on the page, lazy: str() it in the page's language; renderer of a whole document)
WORKSHOP_FORMATS: dict[str, tuple[str, Callable[[dict[str, Any], str], ExportFile]]] = {
    "pdf": (_l("PDF report"), export_pdf),
    "xlsx": (_l("Excel workbook"), export_xlsx),
    "csv": (_l("CSV, one row per note"), export_csv),
    "md": (_l("Markdown report draft"), export_markdown),
    "json": (_l("JSON (complete, re-importable)"), export_json),
}
BOARD_FORMATS = ("png", "svg", "pdf", "md", "csv", "xlsx", "json")


# (caption, path, width, height) of each graphic recording image, read by the request (exports/rooms.py).
Recordings = list[tuple[str, str, int, int]]


def render_workshop_file(document: dict[str, Any], fmt: str, recordings: Recordings = ()) -> ExportFile:
    """One format of the whole workshop; the PDF report ends with the graphic recording's pages."""
    if fmt == "pdf":
        return export_pdf(document, file_stem(document), recording_flowables(list(recordings)))
    return WORKSHOP_FORMATS[fmt][1](document, file_stem(document))


def render_board_file(document: dict[str, Any], fmt: str) -> ExportFile:
    """One board's picture or notes; the document holds that board only."""
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


def render_bundle(
    document: dict[str, Any],
    signups_csv: str | None,
    stamp: tuple[int, ...],
    recordings: Recordings = (),
    room_files: list[ExportFile] = (),
) -> ExportFile:
    """Every format in one ZIP: report files at the top, board pictures in boards/, the room's files (directory,
    tables, activities, recordings) as read by the request, entries dated `stamp`."""
    stem = file_stem(document)
    anonymous = {k: v for k, v in document.items() if k != "signups"}
    files = [export_json(document, stem)]
    files += [render_workshop_file(anonymous, fmt, recordings) for fmt in WORKSHOP_FORMATS if fmt != "json"]
    for position, board in enumerate(document["boards"], 1):
        board_stem = f"boards/{position:02d}-{slug(board['title']) or 'board'}"
        files += [
            export_board_svg(document, board["ref"], board_stem),
            export_board_png(document, board["ref"], board_stem),
        ]
    files += list(room_files)
    if signups_csv is not None:
        files.append(ExportFile(f"{stem}-signups.csv", "text/csv", signups_csv.encode("utf-8-sig")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in files:
            info = zipfile.ZipInfo(f"{stem}/{item.filename}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, item.content)
    return ExportFile(f"{stem}.zip", ZIP_MIMETYPE, buffer.getvalue())
