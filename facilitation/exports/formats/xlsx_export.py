"""The workbook: a summary sheet, one sheet per board, and the evaluation.

Styled for reading, not just parsing: a bold filled header row that stays in view when scrolling,
column widths sized to their content (capped, with wrapping), every text cell neutralised. Sheet names,
headers and labels are in the export's language; dates are Babel's long date in it.
"""

from __future__ import annotations

import io
import re
from typing import Any

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from facilitation.exports import ExportFile
from facilitation.exports.formats.csv_export import note_headers, note_rows
from facilitation.exports.formats.spreadsheet_safety import neutralise_cell
from facilitation.exports.formats.summary import evaluation_summary, format_average, long_date
from facilitation.exports.formats.text_safety import printable

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 60
# Excel refuses these in sheet names and caps names at 31 characters.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _cell(value: Any) -> Any:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else neutralise_cell(value)


def _table(sheet: Worksheet, headers: list[str], rows: list[list[Any]], start_row: int = 1) -> None:
    """A header row styled as a header, then the rows; widths follow the longest line per column."""
    for column, title in enumerate(headers, 1):
        cell = sheet.cell(row=start_row, column=column, value=title)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for r, row in enumerate(rows, start_row + 1):
        for column, value in enumerate(row, 1):
            sheet.cell(row=r, column=column, value=_cell(value)).alignment = WRAP
    for column, title in enumerate(headers, 1):
        longest = max([len(title)] + [len(str(row[column - 1])) for row in rows if column <= len(row)])
        letter = get_column_letter(column)
        sheet.column_dimensions[letter].width = max(
            sheet.column_dimensions[letter].width or 0, min(longest + 2, MAX_WIDTH)
        )
    if start_row == 1:
        sheet.freeze_panes = "A2"


def _sheet_name(title: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", printable(title)).strip("' ")[:31] or _sheet_name_safe(_("Board"))
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _sheet_name_safe(name: str) -> str:
    """A translated sheet name as Excel accepts it (no forbidden characters, at most 31 of them)."""
    return _SHEET_FORBIDDEN.sub(" ", name).strip("' ")[:31]


def workbook_bytes(document: dict[str, Any], board_ref: str | None = None) -> bytes:
    """The workbook as XLSX: a summary, a sheet per board, and the evaluation for the whole workshop only."""
    book = Workbook()
    summary_name, evaluation_name = _sheet_name_safe(_("Summary")), _sheet_name_safe(_("Evaluation"))
    taken = {summary_name.lower(), evaluation_name.lower()}
    summary = book.active
    summary.title = summary_name
    workshop = document["workshop"]
    boards = [b for b in document["boards"] if board_ref is None or b["ref"] == board_ref]
    rows: list[list[Any]] = [
        [_("Workshop"), workshop["title"]],
        [_("Date"), long_date(workshop["event_date"])],
        [_("Venue"), workshop["venue"]],
    ]
    for board in boards:
        notes = [n for n in document["notes"] if n["board"] == board["ref"]]
        visible = sum(1 for n in notes if n["status"] == "visible")
        rows.append(
            [
                _("Notes: %(board)s", board=board["title"]),
                _("%(shown)s shown, %(total)s in all", shown=visible, total=len(notes)),
            ]
        )
    summaries = evaluation_summary(document) if board_ref is None else []
    if summaries:
        rows.append([_("Evaluation responses"), len(document["responses"])])
        rows += [
            [
                item["question"]["prompt"],
                _("%(average)s / 5 (n = %(n)s)", average=format_average(item["average"]), n=item["n"]),
            ]
            for item in summaries
            if item["kind"] == "rating"
        ]
    _table(summary, [_("Item"), _("Value")], rows)
    for board in boards:
        sheet = book.create_sheet(_sheet_name(board["title"], taken))
        _table(sheet, note_headers(), note_rows(document, board["ref"]))
    if summaries:
        _evaluation_sheet(book.create_sheet(evaluation_name), summaries)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _evaluation_sheet(sheet: Worksheet, summaries: list[dict[str, Any]]) -> None:
    rows: list[list[Any]] = []
    for item in summaries:
        prompt = item["question"]["prompt"]
        if item["kind"] == "rating":
            average = item["average"] if item["average"] is not None else ""
            rows.append([prompt, _("Average (1-5)"), average, item["n"]])
            rows += [
                [prompt, _("Rated %(score)s", score=score), count, item["n"]] for score, count in item["distribution"]
            ]
        elif "counts" in item:
            rows += [[prompt, str(option), count, item["n"]] for option, count in item["counts"]]
        else:
            rows += [[prompt, _("Comment"), comment, ""] for comment in item["comments"]]
    _table(sheet, [_("Question"), _("Answer"), _("Value"), _("Responses")], rows)


def export_xlsx(document: dict[str, Any], stem: str, board_ref: str | None = None) -> ExportFile:
    """The workbook as `<stem>.xlsx`."""
    return ExportFile(f"{stem}.xlsx", XLSX_MIMETYPE, workbook_bytes(document, board_ref))
