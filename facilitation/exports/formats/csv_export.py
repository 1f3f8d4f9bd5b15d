"""One row per note, for sorting and filtering in a spreadsheet.

UTF-8 with a byte-order mark: without it Excel reads the file as the local code page and turns
"café" into "cafÃ©". Every text cell goes through neutralise_cell so no note runs as a formula.
The header row is for people and is written in the export's language (no importer reads it: the JSON is the
file that comes back); the cells keep the room's own words, and the time stays ISO 8601 so it sorts.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from flask_babel import gettext as _

from facilitation.exports import ExportFile
from facilitation.exports.formats.spreadsheet_safety import neutralise_cell
from facilitation.exports.formats.summary import lookup, name_of
from facilitation.exports.formats.themes import theme_label

CSV_MIMETYPE = "text/csv; charset=utf-8"


def note_headers() -> list[str]:
    """The header row of the note table, in the current language (exports/worker.py forces the workshop's)."""
    return [
        _("Board"),
        _("Section / theme"),
        _("Perspective"),
        _("Group"),
        _("Text"),
        _("Votes"),
        _("Author role"),
        _("Author name"),
        _("Status"),
        _("Posted at (UTC)"),
        # The theme found on the laptop (or named by the organiser); "" for a note not grouped.
        _("Theme"),
    ]


def note_rows(document: dict[str, Any], board_ref: str | None = None) -> list[list[Any]]:
    """The rows both CSV and XLSX write, in board then posting order (votes stay numbers)."""
    refs = lookup(document)
    board_order = {b["ref"]: i for i, b in enumerate(document["boards"])}
    notes = [n for n in document["notes"] if board_ref is None or n["board"] == board_ref]
    notes.sort(key=lambda n: (board_order[n["board"]], n["created_at"]))
    return [
        [
            refs[n["board"]]["title"],
            refs[n["section"]]["name"],
            name_of(refs, n["perspective"]),
            name_of(refs, n["group"]),
            n["text"],
            n["votes"],
            n["author_role"],
            n["author_name"],
            n["status"],
            n["created_at"],
            theme_label(document, n),
        ]
        for n in notes
    ]


def csv_bytes(document: dict[str, Any], board_ref: str | None = None) -> bytes:
    """The note rows as CSV with a byte-order mark for Excel, every text cell neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(note_headers())
    for row in note_rows(document, board_ref):
        writer.writerow([cell if isinstance(cell, int) else neutralise_cell(cell, isolated=True) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def export_csv(document: dict[str, Any], stem: str, board_ref: str | None = None) -> ExportFile:
    """The notes (of one board, or of all) as `<stem>-notes.csv`."""
    return ExportFile(f"{stem}-notes.csv", CSV_MIMETYPE, csv_bytes(document, board_ref))
