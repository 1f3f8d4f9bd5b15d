"""Issue 11, finding 5: every export of a workshop whose every text field is hostile renders, and is valid.

The workshop is the demo with every piece of user text replaced, row by row, by the XSS corpus of
tests/e2e/test_security_xss.py and by what breaks file formats: NUL and the other control characters, bidi
overrides and isolates, 500-character unbroken words, emoji sequences, Arabic and Hebrew. The rows are
written straight to the database, as a row stored before the character rule (or restored from an old file)
would be: the input side refuses NUL now, so the exporters must cope with what is already there.

Valid means: the SVG parses as XML, the XLSX opens in openpyxl, pdftotext reads the PDF, the CSV parses,
the Markdown and JSON decode, and the ZIP holds all of them in the same state.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import unicodedata
import zipfile
from itertools import cycle
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from PIL import Image

from facilitation.exports import document as json_export
from facilitation.exports import service as exports
from facilitation.extensions import db
from facilitation.models import Answer, BlockedWord, Note, NoteRevision, Question, Response, Signup, VoteRound
from facilitation.organisers import service as organisers
from tests.e2e.test_security_xss import PAYLOADS

CONTROLS = "".join(chr(c) for c in range(1, 32))
LONG_WORD = "Supercalifragilistic" * 25  # 500 characters and no space to break at
WIDE_WORD = "W" * 500
BREAKERS = [
    "nul\x00byte in the middle",
    f"every control {CONTROLS} and DEL\x7f and C1\x85\x9f",
    "noncharacters \ufffe\uffff in XML",
    "\u202eright-to-left override with no end",
    "\u202dleft-to-right override \u202c closed",
    "\u2066isolate \u2067 nested \u2068 first strong",
    "stray pop \u2069\u2069\u202c then \u202e override",
    LONG_WORD,
    WIDE_WORD,
    f"{LONG_WORD} {WIDE_WORD}",
    "🎉👍🏽 👩‍👩‍👧‍👦 🏳️‍🌈 ❤️‍🔥 family, flags and skin tones",
    "مرحبا بالعالم: الثقافة تساعد \u202e override inside Arabic",
    "שלום עולם, תרבות עוזרת",
    "mixed العربية and English and עברית",
    "e\u0301\u0301\u0301\u0301 combining marks, zero\u200bwidth\u200djoiners\ufeff",
    "]]><![CDATA[ <?xml version='1.0'?> <!DOCTYPE x [<!ENTITY e 'x'>]> &e; &amp; &#0; &#x1;",
    "=cmd|' /C calc'!A0",
    "\r\nleading newline and trailing tab\t",
]
HOSTILE = PAYLOADS + BREAKERS


def _hostile_texts():
    return cycle(HOSTILE)


@pytest.fixture
def hostile_workshop(demo_workshop):
    """The demo workshop with every text a person typed replaced by a hostile string (straight into the rows)."""
    texts = _hostile_texts()
    workshop = demo_workshop
    workshop.title, workshop.venue = next(texts), next(texts)
    for item in workshop.agenda:
        item.title = next(texts)
    for perspective in workshop.perspectives:
        perspective.name = next(texts)
    for group in workshop.groups:
        group.name = next(texts)
    for board in workshop.boards:
        board.title, board.prompt = next(texts), next(texts)
        for section in board.sections:
            section.name = next(texts)
    notes = db.session.query(Note).filter_by(workshop_id=workshop.id).all()
    # Every breaker is a note on every board, and every payload of the corpus a note on one board.
    boards = len(workshop.boards)
    for b, board in enumerate(workshop.boards):
        for i, text in enumerate(BREAKERS + PAYLOADS[b::boards]):
            db.session.add(
                Note(
                    workshop_id=workshop.id,
                    client_id=f"hostile-{board.id}-{i}",
                    board_id=board.id,
                    section_id=board.sections[i % len(board.sections)].id,
                    group_id=workshop.groups[i % len(workshop.groups)].id,
                    perspective_id=workshop.perspectives[i % len(workshop.perspectives)].id,
                    author_role="attendee",
                    author_name=next(texts)[:40],
                    text=text,
                    votes=i % 3,
                )
            )
    for note in notes:
        note.text, note.author_name = next(texts), next(texts)[:40]
    for revision in db.session.query(NoteRevision).all():
        revision.text = next(texts)
    for vote_round in db.session.query(VoteRound).filter_by(workshop_id=workshop.id):
        vote_round.result = [{**item, "text": next(texts)} for item in vote_round.result or []]
    questions = db.session.query(Question).all()
    for question in questions:
        question.prompt = next(texts)
        question.low_label, question.high_label = next(texts), next(texts)
    questionnaire = questions[0].questionnaire
    questionnaire.title, questionnaire.intro = next(texts), next(texts)
    # Choice questions: hostile options, and the answers name them so the counts draw them too.
    for question in questions:
        if question.options:
            renamed = {old: f"{i}: {next(texts)}" for i, old in enumerate(question.options)}
            question.options = list(renamed.values())
            for answer in db.session.query(Answer).filter_by(question_id=question.id):
                value = answer.value
                answer.value = [renamed[v] for v in value] if isinstance(value, list) else renamed.get(value, value)
    free_text = [q for q in questions if q.kind == "free_text"]
    for question in free_text:
        for text in HOSTILE:
            response = Response(questionnaire_id=questionnaire.id)
            response.answers = [Answer(question_id=question.id, value=text, moderation="approved")]
            db.session.add(response)
    for signup in db.session.query(Signup).filter_by(workshop_id=workshop.id):
        signup.name, signup.role, signup.organisation = next(texts), next(texts), next(texts)
        signup.consent_text = next(texts)
    db.session.add(BlockedWord(workshop_id=workshop.id, word="nul\x00word"))
    db.session.commit()
    return workshop


@pytest.fixture
def owner(hostile_workshop):
    return organisers.organiser_actor(hostile_workshop.organiser_id)


def assert_valid_svg(content: bytes, where: str) -> str:
    root = ElementTree.fromstring(content)  # raises on anything that is not well-formed XML 1.0
    assert root.tag == "{http://www.w3.org/2000/svg}svg", where
    return "".join(root.itertext())


def assert_valid_xlsx(content: bytes, where: str) -> str:
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames[0] == "Summary", where
    return " ".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value)


def assert_readable_pdf(content: bytes, where: str, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert result.returncode == 0, (where, result.stderr)
    assert "Syntax Error" not in result.stderr, (where, result.stderr)
    # pdftotext ends each page with a form feed of its own.
    return unicodedata.normalize("NFKC", result.stdout).replace("\f", "\n")


def assert_valid_csv(content: bytes, where: str) -> list[list[str]]:
    text = content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows and all(len(row) == len(rows[0]) for row in rows), where
    return rows


def assert_valid_png(content: bytes, where: str) -> None:
    with Image.open(io.BytesIO(content)) as image:
        image.verify()
    assert content.startswith(b"\x89PNG"), where


def check_file(filename: str, content: bytes, tmp_path) -> str:
    """Validate one export file by its kind; return its text for the checks that follow."""
    if filename.endswith(".svg"):
        return assert_valid_svg(content, filename)
    if filename.endswith(".xlsx"):
        return assert_valid_xlsx(content, filename)
    if filename.endswith(".pdf"):
        return assert_readable_pdf(content, filename, tmp_path)
    if filename.endswith(".csv"):
        return " ".join(" ".join(row) for row in assert_valid_csv(content, filename))
    if filename.endswith(".png"):
        assert_valid_png(content, filename)
        return ""
    if filename.endswith(".json"):
        return json.dumps(json.loads(content.decode("utf-8")), ensure_ascii=False)
    if filename.endswith(".md"):
        return content.decode("utf-8")
    raise AssertionError(f"unexpected file {filename}")


# What the exporters write in place of what XML and spreadsheets cannot hold.
XML_INVALID = [chr(c) for c in range(0, 32) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff"]


@pytest.mark.parametrize("fmt", sorted(exports.WORKSHOP_FORMATS))
def test_every_workshop_format_renders_hostile_text_validly(owner, hostile_workshop, fmt, tmp_path):
    made = exports.workshop_file(owner, hostile_workshop.id, fmt, include_signups=True)
    text = check_file(made.filename, made.content, tmp_path)
    assert "alert(1)" in text, f"{fmt}: the corpus is shown as text"
    if fmt in ("xlsx", "pdf"):
        assert not any(ch in text for ch in XML_INVALID), fmt


@pytest.mark.parametrize("fmt", exports.BOARD_FORMATS)
def test_every_board_format_renders_hostile_text_validly(owner, hostile_workshop, fmt, tmp_path):
    for board in hostile_workshop.boards:
        made = exports.board_file(owner, hostile_workshop.id, board.id, fmt)
        text = check_file(made.filename, made.content, tmp_path)
        if fmt != "png":
            assert "alert(" in text, f"{fmt} of board {board.id}"
        if fmt in ("svg", "xlsx", "pdf"):
            assert not any(ch in text for ch in XML_INVALID), (fmt, board.id)


def test_the_zip_holds_every_file_valid(owner, hostile_workshop, tmp_path):
    made = exports.workshop_bundle(owner, hostile_workshop.id, include_signups=True)
    archive = zipfile.ZipFile(io.BytesIO(made.content))
    assert archive.testzip() is None
    names = archive.namelist()
    assert sum(n.endswith(".svg") for n in names) == len(hostile_workshop.boards)
    for name in names:
        check_file(name, archive.read(name), tmp_path)


def test_the_json_export_keeps_the_stored_text_and_reads_back(owner, hostile_workshop):
    document = json_export.build_document(owner, hostile_workshop.id)
    texts = {n["text"] for n in document["notes"]}
    assert LONG_WORD in texts and "\u202eright-to-left override with no end" in texts
    raw = json_export.to_bytes(document)
    assert json.loads(raw)["notes"] == document["notes"]


def test_svg_text_cannot_reorder_the_picture_around_it(owner, hostile_workshop):
    """Each line of user text in the SVG is its own isolated run: an override inside it ends with it."""
    board = hostile_workshop.boards[0]
    svg = exports.board_file(owner, hostile_workshop.id, board.id, "svg").content
    root = ElementTree.fromstring(svg)
    texts = list(root.iter("{http://www.w3.org/2000/svg}text"))
    overridden = [t for t in texts if "\u202e" in "".join(t.itertext())]
    assert overridden
    for element in overridden:
        assert element.get("unicode-bidi") in ("isolate", "plaintext", "isolate-override"), element.attrib
