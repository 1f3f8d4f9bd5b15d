"""The clustered picture of a board: one labelled leaf per theme, sized by how many notes it holds.

On the tree, themes made mostly of enablers hang in the canopy and themes mostly of barriers spread among
the roots, as on the day's tree; other boards show their themes as a row of bubbles. Each leaf says its
label, its count and its perspective mix, so the report shows the whole board at once whatever its size.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from facilitation.exports.formats import fonts
from facilitation.exports.formats.scene import INK, Scene, Shape, ellipse, rect, text
from facilitation.exports.formats.summary import REPORTED_STATUSES, lookup
from facilitation.exports.formats.themes import themes_of_board

WIDTH = 1600
LEAF_FILL = {"canopy": "#D5F5E3", "roots": "#F6E3CE", "row": "#D6EAF8"}
LEAF_STROKE = {"canopy": "#1E7B4F", "roots": "#8A4B12", "row": "#0072B2"}
LABEL_SIZE = 26
DETAIL_SIZE = 20
PER_ROW = 4
LEAF_WIDTH = 370
LEAF_HEIGHT = 190
LEAF_GAP = 24
TRUNK = 120


def themes_scene(document: dict[str, Any], board_ref: str) -> Scene | None:
    """The board's themes as a picture, or None when the board has none (or no reported notes in them)."""
    refs = lookup(document)
    board = refs[board_ref]
    leaves = _leaves(document, board, refs)
    if not leaves:
        return None
    if board["kind"] != "tree":
        shapes, bottom = _rows(leaves, 20, "row")
        return Scene(title=_("%(board)s: themes", board=board["title"]), width=WIDTH, height=bottom + 20, shapes=shapes)
    canopy = [leaf for leaf in leaves if leaf["place"] == "canopy"]
    roots = [leaf for leaf in leaves if leaf["place"] == "roots"]
    shapes, canopy_bottom = _rows(canopy, 20, "canopy")
    ground = canopy_bottom + TRUNK
    trunk = [rect(WIDTH / 2 - 45, canopy_bottom - 20, 90, TRUNK + 20, "#8B5A2B", "#5C3A1A", width=2)]
    root_shapes, bottom = _rows(roots, ground + 30, "roots")
    shapes = trunk + shapes + [rect(0, ground, WIDTH, 6, "#6B8E23")] + root_shapes
    return Scene(title=_("%(board)s: themes", board=board["title"]), width=WIDTH, height=bottom + 20, shapes=shapes)


def _leaves(document: dict[str, Any], board: dict[str, Any], refs) -> list[dict[str, Any]]:
    notes = [n for n in document["notes"] if n["board"] == board["ref"] and n["status"] in REPORTED_STATUSES]
    section_names = {s["ref"]: s["name"].lower() for s in board["sections"]}
    leaves = []
    for theme in themes_of_board(document, board["ref"]):
        members = [n for n in notes if n.get("theme") == theme["ref"]]
        if not members:
            continue
        barriers = sum(1 for n in members if section_names.get(n["section"], "").startswith("barrier"))
        mix: dict[str, int] = {}
        for note in members:
            name = refs[note["perspective"]]["name"] if note["perspective"] in refs else ""
            if name:
                mix[name] = mix.get(name, 0) + 1
        leaves.append(
            {
                "label": theme["label"],
                "count": len(members),
                "mix": " · ".join(f"{name} {count}" for name, count in sorted(mix.items(), key=lambda i: -i[1])),
                "place": "roots" if barriers * 2 > len(members) else "canopy",
            }
        )
    return leaves


def _leaf(leaf: dict[str, Any], x: float, y: float, place: str) -> list[Shape]:
    """One theme as a leaf (or root) of LEAF_WIDTH x LEAF_HEIGHT with its top left at (x, y)."""
    cx, cy = x + LEAF_WIDTH / 2, y + LEAF_HEIGHT / 2
    shapes = [ellipse(cx, cy, LEAF_WIDTH / 2, LEAF_HEIGHT / 2, LEAF_FILL[place], LEAF_STROKE[place])]
    lines = fonts.wrap(leaf["label"], LABEL_SIZE, LEAF_WIDTH - 90, fonts.BOLD)[:2]
    count = f"{leaf['count']} note{'s' if leaf['count'] != 1 else ''}"
    mix = fonts.wrap(leaf["mix"], DETAIL_SIZE, LEAF_WIDTH - 70)[:2] if leaf["mix"] else []
    rows = [(line, LABEL_SIZE, True) for line in lines] + [(count, DETAIL_SIZE, True)]
    rows += [(line, DETAIL_SIZE, False) for line in mix]
    height = sum(size * 1.25 for _line, size, _bold in rows)
    baseline = cy - height / 2
    for line, size, bold in rows:
        baseline += size * 1.25
        shapes.append(text(cx, baseline - size * 0.25, line, size, bold=bold, anchor="middle", fill=INK))
    return shapes


def _rows(leaves: list[dict[str, Any]], top: float, place: str) -> tuple[list[Shape], float]:
    """Leaves in centred rows of up to PER_ROW from `top`; the shapes and the y below the last row."""
    shapes: list[Shape] = []
    y = top
    for start in range(0, len(leaves), PER_ROW):
        row = leaves[start : start + PER_ROW]
        x = (WIDTH - len(row) * LEAF_WIDTH - (len(row) - 1) * LEAF_GAP) / 2
        for leaf in row:
            shapes += _leaf(leaf, x, y, place)
            x += LEAF_WIDTH + LEAF_GAP
        y += LEAF_HEIGHT + LEAF_GAP
    return shapes, y
