"""Exports in the workshop's language: a Welsh (or Welsh-first bilingual) workshop's files are in Welsh.

The words asserted are the Welsh of export strings (translations/cy/LC_MESSAGES/messages.po), read from the
compiled cy catalogue, so these fail if the Welsh were missing or the locale were not
forced around the render; the dates are Babel's Welsh (month names). An English workshop's files are checked,
word for word, by the other tests in this folder.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import unicodedata
import zipfile

import pytest
from openpyxl import load_workbook

from facilitation.exports import service, worker
from facilitation.exports.rendering import render_workshop_file
from facilitation.extensions import db
from facilitation.models import Organiser

WELSH_NOTE_HEADERS = ("Adran / thema", "Postiwyd am (UTC)", "Rôl yr awdur")
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
# The demo workshop is on 23 June 2022.
WELSH_DATE = "23 Mehefin 2022"


@pytest.fixture(params=["cy", "cy en"], ids=["welsh", "welsh-first-bilingual"])
def welsh_workshop(request, demo_workshop):
    demo_workshop.languages = request.param
    db.session.commit()
    return demo_workshop


def csv_header(content: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return unicodedata.normalize("NFKC", out)


def test_csv_headers_are_welsh(owner, welsh_workshop):
    made = service.workshop_file(owner, welsh_workshop.id, "csv")
    header = csv_header(made.content)
    for welsh in WELSH_NOTE_HEADERS:
        assert welsh in header
    assert "Posted at (UTC)" not in header


def test_xlsx_sheets_labels_and_date_are_welsh(owner, welsh_workshop):
    made = service.workshop_file(owner, welsh_workshop.id, "xlsx")
    book = load_workbook(io.BytesIO(made.content))
    assert book.sheetnames[0] == "Crynodeb"
    assert "Summary" not in book.sheetnames
    summary = {row[0].value: row[1].value for row in book["Crynodeb"].iter_rows(min_row=2)}
    assert summary["Ymatebion i’r gwerthusiad"] == 34
    assert WELSH_DATE in summary.values()
    tree = book[welsh_workshop.boards[0].title]
    assert [c.value for c in tree[1]][1] == "Adran / thema"


def test_pdf_report_is_welsh_with_a_welsh_date(owner, welsh_workshop, tmp_path):
    made = service.workshop_file(owner, welsh_workshop.id, "pdf")
    text = pdf_text(made.content, tmp_path)
    assert "Adroddiad y gweithdy (drafft)" in text
    assert "Allforiwyd o Facilitation Board ar" in text
    assert WELSH_DATE in text
    assert "Tudalen 1 o " in text
    assert "Workshop report" not in text and "Page 1 of" not in text


def test_zip_files_are_welsh(owner, welsh_workshop, tmp_path):
    bundle = service.workshop_bundle(owner, welsh_workshop.id)
    archive = zipfile.ZipFile(io.BytesIO(bundle.content))
    names = archive.namelist()
    notes_csv = next(n for n in names if n.endswith("-notes.csv"))
    assert "Postiwyd am (UTC)" in csv_header(archive.read(notes_csv))
    report_md = archive.read(next(n for n in names if n.endswith("-report.md"))).decode("utf-8")
    assert WELSH_DATE in report_md
    assert "ymateb." in report_md, "the evaluation's response count is Welsh"
    report_pdf = archive.read(next(n for n in names if n.endswith("-report.pdf")))
    assert "Adroddiad y gweithdy (drafft)" in pdf_text(report_pdf, tmp_path)


def test_json_keys_stay_english(owner, welsh_workshop):
    """The JSON is what the importer reads back: its keys are the format's, in any language."""
    made = service.workshop_file(owner, welsh_workshop.id, "json")
    text = made.content.decode("utf-8")
    assert '"format_version"' in text and '"notes"' in text and '"created_at"' in text


def test_a_workshop_without_a_language_follows_whoever_exports(owner, demo_workshop):
    """No workshop language: the exporter's (here, outside a request, the default English)."""
    assert demo_workshop.languages in ("", None)
    header = csv_header(service.workshop_file(owner, demo_workshop.id, "csv").content)
    assert "Posted at (UTC)" in header


def test_the_worker_process_writes_welsh_too(in_a_worker, document):
    """The worker has no request: without its own Babel the forced locale would do nothing and give English."""
    assert worker.pool() is not None
    made = worker.render(render_workshop_file, document, "csv", language="cy")
    assert "Postiwyd am (UTC)" in csv_header(made.content)
    here = worker.in_language("cy", render_workshop_file, document, "csv")
    assert made.content == here.content


@pytest.fixture
def signed_in(client, demo_workshop):
    token = CSRF_FIELD.search(client.get("/organiser/login").get_data(as_text=True)).group(1)
    client.post(
        "/organiser/login",
        data={"email": "demo-owner@example.org", "password": "correct horse battery", "csrf_token": token},
    )
    return client


def download_header(client, workshop) -> list[str]:
    response = client.get(f"/organiser/workshops/{workshop.id}/exports/workshop.csv")
    assert response.status_code == 200
    return csv_header(response.data)


def test_without_a_workshop_language_the_download_follows_the_organisers(signed_in, demo_workshop):
    assert "Posted at (UTC)" in download_header(signed_in, demo_workshop)
    db.session.get(Organiser, demo_workshop.organiser_id).language = "cy"
    db.session.commit()
    assert "Postiwyd am (UTC)" in download_header(signed_in, demo_workshop)


def test_the_workshops_language_wins_over_the_organisers(signed_in, demo_workshop):
    db.session.get(Organiser, demo_workshop.organiser_id).language = "en"
    demo_workshop.languages = "cy en"
    db.session.commit()
    assert "Postiwyd am (UTC)" in download_header(signed_in, demo_workshop)
