"""Keep user text from running as a formula when a CSV or XLSX file is opened in a spreadsheet.

A cell that begins with = + - @ (or a tab or carriage return, which some spreadsheets skip before
reading a formula) is executed by Excel, LibreOffice and Google Sheets: "=HYPERLINK(...)" in a
sticky note would become a live link in the organiser's report. OWASP's advice is to prefix such
cells with an apostrophe, which spreadsheets show as text and most hide.
"""

from __future__ import annotations

from typing import Any

from facilitation.exports.formats.text_safety import isolate, printable

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any, *, isolated: bool = False) -> str:
    """The value as text that a spreadsheet will never evaluate (None becomes an empty cell), without the
    characters a workbook cannot hold. `isolated` (plain-text files: CSV) keeps its bidi controls inside it."""
    if value is None:
        return ""
    text = printable(value if isinstance(value, str) else str(value))
    shown = isolate(text) if isolated else text
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + shown
    return shown
