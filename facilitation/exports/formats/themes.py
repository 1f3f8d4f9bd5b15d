"""Reading a document's themes (format version 2) the way the reports use them; pure functions.

A file without themes (version 1, or a board never grouped) reads as "no theme" for every note, so each
format prints what it printed before.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _


def themes_of_board(document: dict[str, Any], board_ref: str) -> list[dict[str, Any]]:
    return [t for t in document.get("themes", []) if t["board"] == board_ref]


def theme_label(document: dict[str, Any], note: dict[str, Any]) -> str:
    """The label of the note's theme, or "" when it has none."""
    ref = note.get("theme")
    found = next((t for t in document.get("themes", []) if t["ref"] == ref), None) if ref else None
    return found["label"] if found else ""


def by_theme(document: dict[str, Any], board_ref: str, notes: list[dict[str, Any]]):
    """[(label, [note, ...]), ...]: the notes grouped under their themes in theme order, notes without a
    theme last under "Not yet grouped"; one group (label None) holding all of them when the board has no themes."""
    themes = themes_of_board(document, board_ref)
    if not themes:
        return [(None, notes)]
    groups = [(t["label"], [n for n in notes if n.get("theme") == t["ref"]]) for t in themes]
    known = {t["ref"] for t in themes}
    groups.append((_("Not yet grouped"), [n for n in notes if n.get("theme") not in known]))
    return [(label, members) for label, members in groups if members]
