"""The clustered picture of a board: one labelled leaf per theme, sized by how many notes it holds.

On the tree, themes made mostly of enablers hang in the canopy and themes mostly of barriers spread among
the roots, as on the day's tree; other boards show their themes as a row of bubbles. Each leaf says its
label, its count and its perspective mix, so the report shows the whole board at once whatever its size.
"""

from __future__ import annotations

import math
from typing import Any

from facilitation.exports.formats import fonts
from facilitation.exports.formats.scene import INK, Scene, Shape, ellipse, rect, text
from facilitation.exports.formats.summary import REPORTED_STATUSES, lookup
from facilitation.exports.formats.themes import themes_of_board

WIDTH = 1600
LEAF_FILL = {"canopy": "#D5F5E3", "roots": "#F6E3CE", "row": "#D6EAF8"}
LEAF_STROKE = {"canopy": "#1E7B4F", "roots": "#8A4B12", "row": "#0072B2"}
LABEL_SIZE = 20
DETAIL_SIZE = 16


def themes_scene(document: dict[str, Any], board_ref: str) -> Scene | None:
    """The board's themes as a picture, or None when the board has none (or no reported notes in them)."""
    refs = lookup(document)
    board = refs[board_ref]
    leaves = _leaves(document, board, refs)
    if not leaves:
        return None
    if board["kind"] == "tree":
        canopy = [leaf for leaf in leaves if leaf["place"] == "canopy"]
        roots = [leaf for leaf in leaves if leaf["place"] == "roots"]
        height = 900
        shapes = [
            rect(WIDTH / 2 - 45, 330, 90, 250, "#8B5A2B", "#5C3A1A", width=2),  # trunk
            rect(0, 580, WIDTH, 6, "#6B8E23"),  # ground
        ]
        shapes += _ring(canopy, WIDTH / 2, 250, 620, 210)
        shapes += _ring(roots, WIDTH / 2, 740, 640, 120, below=True)
    else:
        height = 420
        shapes = _row(leaves, height / 2)
    return Scene(title=f"{board['title']}: themes", width=WIDTH, height=height, shapes=shapes)


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


def _leaf(leaf: dict[str, Any], cx: float, cy: float, place: str) -> list[Shape]:
    rx = 95 + min(leaf["count"], 30) * 3
    ry = 48 + min(leaf["count"], 30) * 1.2
    lines = fonts.wrap(leaf["label"], LABEL_SIZE, 2 * rx - 30)[:2]
    shapes = [ellipse(cx, cy, rx, ry, LEAF_FILL[place], LEAF_STROKE[place])]
    top = cy - (len(lines) * 24 + 20) / 2 + 18
    for i, line in enumerate(lines):
        shapes.append(text(cx, top + i * 24, line, LABEL_SIZE, bold=True, anchor="middle"))
    detail = f"{leaf['count']} note{'s' if leaf['count'] != 1 else ''}"
    shapes.append(text(cx, top + len(lines) * 24, detail, DETAIL_SIZE, anchor="middle", fill=INK))
    if leaf["mix"]:
        shapes.append(text(cx, top + len(lines) * 24 + 20, leaf["mix"], DETAIL_SIZE - 3, anchor="middle"))
    return shapes


def _ring(leaves, cx, cy, rx, ry, below: bool = False) -> list[Shape]:
    """Leaves on a half ellipse around (cx, cy): over it for the canopy, under it for the roots."""
    shapes: list[Shape] = []
    count = len(leaves)
    for i, leaf in enumerate(leaves):
        angle = math.pi * (i + 1) / (count + 1)
        x = cx - rx * math.cos(angle)
        y = cy + (ry * math.sin(angle) if below else -ry * math.sin(angle) + ry * 0.6)
        shapes += _leaf(leaf, x, y, "roots" if below else "canopy")
    return shapes


def _row(leaves, cy) -> list[Shape]:
    shapes: list[Shape] = []
    per_row = min(len(leaves), 5)
    for i, leaf in enumerate(leaves):
        row, column = divmod(i, per_row)
        x = WIDTH * (column + 0.5) / per_row
        shapes += _leaf(leaf, x, 100 + row * 160 if len(leaves) > per_row else cy, "row")
    return shapes
