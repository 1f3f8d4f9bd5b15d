"""The demo at the day's volume: every board the seed report records, about 120 notes on the tree, themes
found before anyone opens a page; `flask seed-demo --notes N` for a bigger tree."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.models import Note, Workshop
from facilitation.themes.views import themes_view
from facilitation.workshops import demo
from facilitation.workshops import demo_report as report


def notes_by_board(workshop: Workshop) -> dict[str, list[Note]]:
    found = db.session.scalars(select(Note).where(Note.workshop_id == workshop.id))
    titles = {b.id: b.title for b in workshop.boards}
    grouped: dict[str, list[Note]] = {}
    for note in found:
        grouped.setdefault(titles[note.board_id], []).append(note)
    return grouped


def test_first_start_fills_every_board_from_the_report_and_groups_it(app):
    created = demo.first_start("demo@example.org", "demo password long")
    workshop = db.session.get(Workshop, created["workshop_id"])
    boards = notes_by_board(workshop)
    assert 110 <= len(boards["Tree of understanding"]) <= 130
    assert len({n.group_id for n in boards["Tree of understanding"]}) == 6
    solutions = {b.title: b for b in workshop.boards}[report.SOLUTIONS]
    headings = Counter(
        next(s.name for s in solutions.sections if s.id == n.section_id) for n in boards[report.SOLUTIONS]
    )
    assert headings == {"Knowledge": 5, "Time": 4, "Funding": 3}
    assert len(boards[report.CURRENT]) == 9 and len(boards[report.NEW]) == 9
    assert len(boards[report.RESEARCH]) == len(report.RESEARCH_TOPICS)
    assert len(boards[report.WASHING_LINE]) == len(report.WASHING_LINE_CARDS)
    themes = themes_view(workshop.id)
    tree_themes = [t for t in themes if t["board_id"] == workshop.boards[0].id]
    assert 4 <= len(tree_themes) <= 12
    assert sum(len(t["note_ids"]) for t in tree_themes) == len(boards["Tree of understanding"])
    assert all(t["label"] and len(t["label"]) <= 60 for t in themes)


def test_seed_demo_makes_a_bigger_tree(app):
    demo.first_start("demo@example.org", "demo password long")
    result = app.test_cli_runner().invoke(args=["seed-demo", "--notes", "200"])
    assert result.exit_code == 0, result.output
    workshop = db.session.scalars(select(Workshop).order_by(Workshop.id.desc())).first()
    tree = workshop.boards[0]
    count = db.session.scalar(select(func.count(Note.id)).where(Note.board_id == tree.id))
    assert count == 200 and "200 notes on the tree" in workshop.title
    texts = db.session.scalars(select(Note.text).where(Note.board_id == tree.id)).all()
    assert len(set(texts)) == 200
    assert sum(len(t["note_ids"]) for t in themes_view(workshop.id, [tree.id])) == 200
