"""Keep user text from running as a formula when a CSV or XLSX file is opened in a spreadsheet.

A cell that begins with = + - @ (or a tab or carriage return, which some spreadsheets skip before
reading a formula) is executed by Excel, LibreOffice and Google Sheets: "=HYPERLINK(...)" in a
sticky note would become a live link in the organiser's report. OWASP's advice is to prefix such
cells with an apostrophe, which spreadsheets show as text and most hide.
"""

from __future__ import annotations

from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> str:
    """The value as text that a spreadsheet will never evaluate (None becomes an empty cell)."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text
