"""Markdown, PDF, board pictures and the ZIP: the report's draft, readable in every script."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
import zipfile
from xml.etree import ElementTree

import pytest
from PIL import Image

from facilitation.exports import service as bundle
from facilitation.exports.formats import board_images, markdown_export, pdf_export, scene
from tests.exports.conftest import TRICKY_NOTES

ARABIC, HEBREW = TRICKY_NOTES[1][2], TRICKY_NOTES[2][2]
ACCENTED = "Café naïve – élan, Ελληνικά, Кириллица"


def test_markdown_has_a_heading_per_board_and_section(document):
    text = markdown_export.markdown_text(document)
    for board in document["boards"]:
        assert f"\n## {board['title']}\n" in text
    assert "\n### Barriers\n" in text and "\n### Enablers\n" in text and "\n### Funding\n" in text
    assert "- Not clear how to access cultural sector provision *(Link workers, Group 1)*" in text
    assert "- **10:00** Arrival and registration – tea and coffee" in text


def test_markdown_has_the_evaluation_figures_and_comments(document):
    text = markdown_export.markdown_text(document)
    assert "34 responses." in text
    for figure in ("**4.8 / 5** (n = 34", "**4.1 / 5** (n = 34", "**4.4 / 5** (n = 34"):
        assert figure in text
    assert ": **28**" in text and ": **25**" in text and ": **23**" in text
    assert "### What worked well today?" in text


def test_markdown_keeps_scripts_and_escapes_markup(document):
    text = markdown_export.markdown_text(document)
    assert ARABIC in text and HEBREW in text and "🎉👍🏽" in text
    assert '\\=HYPERLINK("http://evil.example","click")' not in text  # "=" needs no escape...
    assert '=HYPERLINK("http://evil.example","click")' in text
    assert "- \\-2 volunteers" in text  # ...but a leading "-" would start a nested list
    assert markdown_export.escape("<script>") == "\\<script\\>"


@pytest.fixture
def pdf_file(document, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_export.pdf_bytes(document))
    return path


def pdf_text(path, *pages: int) -> str:
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, check=True, text=True).stdout
    # Arabic is stored in its joined presentation forms; NFKC maps them back to the letters typed.
    return unicodedata.normalize("NFKC", out)


def test_pdf_is_a4_with_numbered_pages_and_every_board(pdf_file, document):
    info = subprocess.run(["pdfinfo", str(pdf_file)], capture_output=True, check=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 8 <= pages <= 20
    assert "595.276 x 841.89 pts (A4)" in info
    text = pdf_text(pdf_file)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    for board in document["boards"]:
        assert board["title"] in text
    assert "Agenda" in text and "Arrival and registration" in text
    assert "Not clear how to access cultural sector provision" in text


def test_pdf_text_keeps_accents_rtl_scripts_and_emoji(pdf_file):
    text = pdf_text(pdf_file)
    assert ACCENTED in text
    assert "🎉" in text
    flat = re.sub(r"[\u200e\u200f\u202a-\u202e]", "", text)
    for words in (ARABIC.replace(":", "").split(), HEBREW.replace(",", "").split()):
        # pdftotext gives each right-to-left line back in reading order.
        assert all(word in flat for word in words), words


def test_pdf_has_the_evaluation_figures(pdf_file):
    text = pdf_text(pdf_file)
    assert "34 responses" in text
    for figure in ("Average 4.8 / 5 (n = 34)", "Average 4.1 / 5 (n = 34)", "Average 4.4 / 5 (n = 34)"):
        assert figure in text
    assert all(str(n) in text for n in (28, 25, 23))


def test_pdf_fonts_are_all_embedded(pdf_file):
    listing = subprocess.run(["pdffonts", str(pdf_file)], capture_output=True, check=True, text=True).stdout
    rows = listing.splitlines()[2:]
    assert any("DejaVuSans" in row for row in rows)
    assert any("NotoEmoji" in row for row in rows)
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column


def test_pdf_pages_render(pdf_file, tmp_path):
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "3", str(pdf_file), str(tmp_path / "page")], check=True
    )
    rendered = sorted(tmp_path.glob("page-*.png"))
    assert len(rendered) == 3
    with Image.open(rendered[2]) as page:
        assert page.size[1] > page.size[0]  # portrait
        assert len(page.convert("L").getcolors(maxcolors=256) or []) > 10  # not blank


def test_tree_picture_puts_enablers_above_barriers(document):
    tree = scene.board_scene(document, document["boards"][0]["ref"])
    texts = {s.text: s.points[0][1] for s in tree.shapes if s.kind == "text"}
    assert texts["Identifying what people"] < texts["Enablers"] + 200
    assert texts["Enablers"] < texts["Barriers"] < texts["Not clear how to access"]
    outlines = {s.kind for s in tree.shapes if s.fill in ("#D6EAF8", "#FDE3CF")}
    assert outlines == {"rect", "polygon"}, "perspectives differ in shape, not only colour"


def test_board_svg_is_valid_and_keeps_the_text(document):
    svg = board_images.svg_text(scene.board_scene(document, document["boards"][0]["ref"]))
    root = ElementTree.fromstring(svg.encode())
    texts = "".join(t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "مرحبا" in texts and "שלום" in texts and "🎉" in texts
    assert 'direction="rtl"' in svg


def test_every_board_has_a_png(document):
    for board in document["boards"]:
        png = board_images.png_bytes(scene.board_scene(document, board["ref"]))
        with Image.open(io.BytesIO(png)) as image:
            assert image.format == "PNG" and image.size[0] == scene.WIDTH


def test_zip_holds_every_format(owner, demo_workshop):
    made = bundle.workshop_bundle(owner, demo_workshop.id)
    assert made.filename.endswith(".zip")
    names = zipfile.ZipFile(io.BytesIO(made.content)).namelist()
    for suffix in (".json", "-notes.csv", ".xlsx", "-report.md", "-report.pdf"):
        assert sum(n.endswith(suffix) for n in names) == 1, suffix
    assert sum(n.endswith(".svg") for n in names) == 6 and sum(n.endswith(".png") for n in names) == 6
    assert not any("signups" in n for n in names)


def test_zip_adds_signups_only_when_asked(owner, demo_workshop):
    made = bundle.workshop_bundle(owner, demo_workshop.id, include_signups=True)
    archive = zipfile.ZipFile(io.BytesIO(made.content))
    signups = next(n for n in archive.namelist() if n.endswith("-signups.csv"))
    text = archive.read(signups).decode("utf-8-sig")
    assert "Zoë Ní Bhriain" in text and "'=cmd" in text
