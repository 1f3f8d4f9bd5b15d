"""CSV and XLSX: one row per note, readable accents and scripts, and no cell that runs as a formula."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from facilitation.exports.formats import csv_export, xlsx_export
from facilitation.exports.formats.spreadsheet_safety import neutralise_cell
from facilitation.exports.formats.text_safety import isolate
from tests.exports.conftest import TRICKY_NOTES


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 1865", "'+44 1865"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Café = good", "Café = good"),
        ("", ""),
        (None, ""),
        (3, "3"),
    ],
)
def test_neutralise_cell(value, expected):
    assert neutralise_cell(value) == expected


def read_csv(document) -> list[dict[str, str]]:
    raw = csv_export.csv_bytes(document)
    assert raw.startswith(b"\xef\xbb\xbf"), "a BOM so Excel reads UTF-8"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_has_one_row_per_note_with_every_column(document):
    rows = read_csv(document)
    assert len(rows) == len(document["notes"])
    assert list(rows[0]) == csv_export.note_headers()
    first = next(r for r in rows if r["Text"] == "Not clear how to access cultural sector provision")
    assert first["Board"] == "Tree of understanding"
    assert first["Section / theme"] == "Barriers"
    assert first["Perspective"] == "Link workers"
    assert first["Group"] == "Group 1"
    assert first["Status"] == "visible"
    assert first["Author role"] == "facilitator"
    solution = next(r for r in rows if r["Text"].startswith("Building in time to get the cultural offer correct"))
    assert (solution["Board"], solution["Section / theme"]) == ("Solutions", "Time")


def test_csv_keeps_scripts_and_emoji_and_neutralises_formulas(document):
    texts = {r["Text"] for r in read_csv(document)}
    for _section, _group, text in TRICKY_NOTES:
        # Right-to-left text is isolated (FSI … PDI) so it cannot reorder the rest of its line in a text editor.
        expected = "'" + text if text[0] in "=+-@\t\r" else isolate(text)
        assert expected in texts
    votes = {r["Text"]: r["Votes"] for r in read_csv(document)}
    assert votes[TRICKY_NOTES[0][2]] == "3"


def test_xlsx_has_summary_board_and_evaluation_sheets(document):
    book = load_workbook(io.BytesIO(xlsx_export.workbook_bytes(document)))
    board_titles = [b["title"] for b in document["boards"]]
    assert book.sheetnames == ["Summary", *board_titles, "Evaluation"]
    tree = book["Tree of understanding"]
    assert [c.value for c in tree[1]] == csv_export.note_headers()
    assert tree["A1"].font.bold and tree["A1"].fill.fgColor.rgb.endswith("1F4E79")
    assert tree.freeze_panes == "A2"
    assert tree.column_dimensions["E"].width >= 30
    texts = [row[4].value for row in tree.iter_rows(min_row=2)]
    assert TRICKY_NOTES[0][2] in texts and TRICKY_NOTES[1][2] in texts and TRICKY_NOTES[2][2] in texts
    formulas = [t for t in texts if t and t.lstrip("'")[0] in "=+-@\t\r"]
    assert formulas and all(t.startswith("'") for t in formulas)
    assert all(cell.data_type != "f" for row in tree.iter_rows() for cell in row)


def test_xlsx_evaluation_reproduces_the_day(document):
    book = load_workbook(io.BytesIO(xlsx_export.workbook_bytes(document)))
    rows = [[c.value for c in row] for row in book["Evaluation"].iter_rows(min_row=2)]
    averages = [r[2] for r in rows if r[1] == "Average (1-5)"]
    assert averages == [4.8, 4.1, 4.4]
    assert all(r[3] == 34 for r in rows if r[1] == "Average (1-5)")
    follow_ups = [r[2] for r in rows if r[0].startswith("How will you continue")]
    assert follow_ups == [28, 25, 23]
    summary = {r[0].value: r[1].value for r in book["Summary"].iter_rows(min_row=2)}
    assert summary["Evaluation responses"] == 34


def test_xlsx_of_one_board_has_that_sheet_only(document):
    ref = document["boards"][1]["ref"]
    book = load_workbook(io.BytesIO(xlsx_export.workbook_bytes(document, ref)))
    assert book.sheetnames == ["Summary", "Solutions"]
