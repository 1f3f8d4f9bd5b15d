"""The organiser downloads the whole workshop as one ZIP from the exports page, in a real browser, and
imports its JSON back as a new workshop. The PDF inside is checked with poppler like a person would read it.

Screenshots go to test-artifacts/screenshots/exports/.
"""

from __future__ import annotations

import subprocess
import zipfile

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP
from tests.e2e.helpers import sign_in_organiser

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_organiser_downloads_the_zip_and_imports_the_json(live_server, page_factory, screenshot, tmp_path):
    demo = live_server.demo()
    page = page_factory(DESKTOP, name="organiser", accept_downloads=True)
    sign_in_organiser(page, live_server)
    page.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}")
    page.get_by_role("navigation", name="Workshop sections").get_by_role("link", name="Exports").click()
    expect(page.get_by_role("heading", name="Exports", exact=True)).to_be_visible()
    screenshot(page, "exports/page", full_page=True)

    # The ZIP draws every board at the day's volume (118 notes on the tree) in PNG, SVG and PDF: seconds of work,
    # more on a loaded two-core CI machine than the default ten-second wait.
    with page.expect_download(timeout=60_000) as started:
        page.get_by_role("button", name="Download the ZIP").click(timeout=60_000)
    download = started.value
    assert download.suggested_filename.endswith(".zip")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    archive = zipfile.ZipFile(saved)
    names = archive.namelist()
    assert {n.rsplit(".", 1)[-1] for n in names} == {"json", "csv", "xlsx", "md", "pdf", "svg", "png"}
    assert not any("signups" in n for n in names)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(archive.read(next(n for n in names if n.endswith(".pdf"))))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, text=True).stdout
    assert "Tree of understanding" in text and "Average 4.8 / 5 (n = 34)" in text
    markdown = archive.read(next(n for n in names if n.endswith(".md"))).decode()
    assert "## Washing line of knowledge" in markdown

    json_path = tmp_path / "workshop.json"
    json_path.write_bytes(archive.read(next(n for n in names if n.endswith(".json"))))
    page.get_by_label("JSON export file").set_input_files(str(json_path))
    page.get_by_label("A new workshop from its structure only").check()
    page.get_by_label("Title").fill("Oxford 2023 (from the 2022 template)")
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("New workshop created from the export.")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Oxford 2023 (from the 2022 template)")).to_be_visible()
    screenshot(page, "exports/imported")
