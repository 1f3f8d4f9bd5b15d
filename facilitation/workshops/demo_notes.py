"""Every demo note, in posting order: (board title, section, perspective, group number, text).

The tree first (the report's own notes, then the groups' at a real morning's volume), then every board
the report records: Figure 2's solutions under their headings, both provision lists, the research topics,
the washing line. Perspective and group only on the tree, where facilitators post for their group.
"""

from __future__ import annotations

from facilitation.workshops import demo_report as report
from facilitation.workshops.demo_tree import dealt_out, more_notes

TREE = "Tree of understanding"
DemoNote = tuple[str, str, str | None, int | None, str]


def demo_notes(tree_notes: int | None = None) -> list[DemoNote]:
    """The demo's notes; `tree_notes` makes the tree that big (the day's notes first), for trying volume."""
    tree = [(section, perspective, group, text) for section, perspective, group, text in report.TREE_FROM_REPORT]
    if tree_notes is None:
        tree += dealt_out()
    else:
        tree = (tree + more_notes(max(0, tree_notes - len(tree))))[:tree_notes]
    notes: list[DemoNote] = [(TREE, section, perspective, group, text) for section, perspective, group, text in tree]
    notes += [(report.SOLUTIONS, heading, None, None, text) for heading, text in report.FIGURE_2_SOLUTIONS]
    notes += [(report.CURRENT, "Ideas", None, None, text) for text in report.CURRENT_PROVISION]
    notes += [(report.NEW, "Ideas", None, None, text) for text in report.NEW_PROVISION]
    notes += [(report.RESEARCH, "Ideas", None, None, text) for text in report.RESEARCH_TOPICS]
    notes += [(report.WASHING_LINE, "Line", None, None, text) for text in report.WASHING_LINE_CARDS]
    return notes


DEMO_NOTES: list[DemoNote] = demo_notes()
