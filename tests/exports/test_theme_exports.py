"""Themes in every export: a column in CSV and XLSX, headings in Markdown and PDF, the clustered picture,
and JSON that carries them, while files of the version before themes still import."""

from __future__ import annotations

import csv
import io

from facilitation.exports import document as json_export
from facilitation.exports import importer as json_import
from facilitation.exports.formats import csv_export, markdown_export
from facilitation.exports.formats.theme_scene import themes_scene
from facilitation.themes.views import themes_view
from tests.exports.test_json import normalised


def test_the_demo_document_carries_its_themes(document, demo_workshop):
    assert document["format_version"] == 2
    tree_themes = [t for t in document["themes"] if t["board"] == "b1"]
    assert 3 <= len(tree_themes) <= 12
    live = {len(t["note_ids"]) for t in themes_view(demo_workshop.id) if t["board_id"] == demo_workshop.boards[0].id}
    exported = {sum(1 for n in document["notes"] if n["theme"] == t["ref"]) for t in tree_themes}
    assert exported >= live  # every theme's notes, hidden ones included in the raw file


def test_csv_names_each_notes_theme(document):
    rows = list(csv.DictReader(io.StringIO(csv_export.csv_bytes(document).decode("utf-8-sig"), newline="")))
    labels = {t["ref"]: t["label"] for t in document["themes"]}
    by_text = {n["text"]: labels.get(n["theme"], "") for n in document["notes"]}
    themed = [r for r in rows if r["Theme"]]
    assert len(themed) > 100
    assert all(r["Theme"] == by_text[r["Text"]] for r in themed if r["Text"] in by_text)


def test_markdown_puts_notes_under_theme_headings(document):
    text = markdown_export.markdown_text(document)
    tree_themes = [t for t in document["themes"] if t["board"] == "b1"]
    assert any(f"\n#### {markdown_export.escape(t['label'])} (" in text for t in tree_themes)


def test_the_clustered_tree_counts_every_themed_note(document):
    scene = themes_scene(document, "b1")
    counts = [s.text for s in scene.shapes if s.kind == "text" and s.text.endswith(("notes", "note"))]
    shown = sum(int(c.split()[0]) for c in counts)
    themed = sum(1 for n in document["notes"] if n["board"] == "b1" and n["status"] == "visible" and n["theme"])
    assert shown == themed


def test_a_version_1_file_imports_and_finds_its_themes_afresh(owner, document):
    old = {
        **document,
        "format_version": 1,
        "notes": [{k: v for k, v in n.items() if k != "theme"} for n in document["notes"]],
    }
    del old["themes"]
    restored = json_import.import_workshop(owner, json_export.to_bytes(old), "restore")
    again = json_export.build_document(owner, restored.id)
    assert len(again["notes"]) == len(document["notes"])
    assert [t for t in again["themes"] if t["board"] == "b1"]
    # A carriage return stored before the character rule comes back by the rule, as a newline.
    assert [n["text"] for n in again["notes"]] == [n["text"].replace("\r", "\n") for n in old["notes"]]
    assert normalised({**again, "notes": None, "themes": None, "format_version": 1}) == normalised(
        {**old, "notes": None, "themes": None}
    )
