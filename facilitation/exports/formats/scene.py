"""A board laid out as simple shapes, once, for every picture format (SVG, PNG, the PDF's figures).

Coordinates are pixels from the top left. The tree is drawn as a tree: enablers in the canopy,
barriers among the roots. Notes are coloured AND shaped by perspective (colour alone fails people
with colour-vision deficiencies and black-and-white printers) and carry a badge in their group's
colour with the group's number. The washing line hangs cards from pegs; the ideas wall is a grid of
sticky notes; solutions are columns, one per theme.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from facilitation.exports.formats import fonts
from facilitation.exports.formats.summary import notes_by_section
from facilitation.exports.formats.text_safety import printable

WIDTH = 1600
CARD_WIDTH = 260
GAP = 22
NOTE_SIZE = 17
LINE_HEIGHT = 22
PADDING = 12
INK = "#1A1A1A"

# (fill, outline, shape) per perspective, in perspective order; shapes differ so print and
# colour-blind readers can still tell perspectives apart.
PERSPECTIVE_STYLES = [
    ("#D6EAF8", "#0072B2", "rounded"),
    ("#FDE3CF", "#D55E00", "notched"),
    ("#D5F5E3", "#009E73", "slanted"),
    ("#F5DDEB", "#CC79A7", "rounded"),
]
PLAIN_STYLE = ("#FFF3B0", "#B59F00", "square")


@dataclass
class Shape:
    """One drawing instruction. kind: rect, ellipse, polygon, polyline or text."""

    kind: str
    points: list[tuple[float, float]] = field(default_factory=list)
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 1.0
    radius: float = 0.0
    text: str = ""
    size: float = NOTE_SIZE
    bold: bool = False
    anchor: str = "start"  # start | middle | end, in left-to-right terms


@dataclass
class Scene:
    title: str
    width: float
    height: float
    shapes: list[Shape]
    background: str = "#FFFFFF"


def rect(x, y, w, h, fill, stroke=None, radius=0.0, width=1.0) -> Shape:
    """A rectangle given by its top-left corner and size; the shape keeps both corners."""
    return Shape("rect", [(x, y), (x + w, y + h)], fill, stroke, width, radius)


def ellipse(cx, cy, rx, ry, fill, stroke=None) -> Shape:
    """An ellipse given by its centre and radii; the shape keeps its bounding box."""
    return Shape("ellipse", [(cx - rx, cy - ry), (cx + rx, cy + ry)], fill, stroke)


def text(x, y, value, size=NOTE_SIZE, *, bold=False, anchor="start", fill=INK) -> Shape:
    """One line with its baseline at y, kept in reading order for each renderer to lay out (and free of what
    XML cannot hold, so the SVG stays valid whatever the rows contain)."""
    return Shape("text", [(x, y)], fill=fill, text=printable(value), size=size, bold=bold, anchor=anchor)


def is_rtl(value: str) -> bool:
    """Whether the line starts, in reading order, with a right-to-left letter (so aligns right)."""
    for char in value:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


def _card_outline(x, y, w, h, style) -> Shape:
    fill, stroke, shape = style
    if shape == "rounded":
        return rect(x, y, w, h, fill, stroke, radius=14, width=2.5)
    if shape == "notched":
        c = 16
        points = [
            (x + c, y),
            (x + w - c, y),
            (x + w, y + c),
            (x + w, y + h - c),
            (x + w - c, y + h),
            (x + c, y + h),
            (x, y + h - c),
            (x, y + c),
        ]
        return Shape("polygon", points, fill, stroke, 2.5)
    if shape == "slanted":
        s = 12
        return Shape("polygon", [(x + s, y), (x + w, y), (x + w - s, y + h), (x, y + h)], fill, stroke, 2.5)
    return rect(x, y, w, h, fill, stroke, width=1.5)


def card_height(note: dict[str, Any], width: float = CARD_WIDTH) -> float:
    """How tall a note's card is drawn, so layouts can place cards before drawing them."""
    lines = fonts.wrap(note["text"], NOTE_SIZE, width - 2 * PADDING)
    return len(lines) * LINE_HEIGHT + 2 * PADDING + (LINE_HEIGHT if note.get("votes") else 0)


def card(note: dict[str, Any], x: float, y: float, styles, groups, width: float = CARD_WIDTH) -> list[Shape]:
    """A note card with its text, its vote count and its group badge."""
    style = styles.get(note.get("perspective"), PLAIN_STYLE)
    height = card_height(note, width)
    shapes = [_card_outline(x, y, width, height, style)]
    for i, line in enumerate(fonts.wrap(note["text"], NOTE_SIZE, width - 2 * PADDING)):
        baseline = y + PADDING + (i + 1) * LINE_HEIGHT - 5
        if is_rtl(line):
            shapes.append(text(x + width - PADDING, baseline, line, anchor="end"))
        else:
            shapes.append(text(x + PADDING, baseline, line))
    if note.get("votes"):
        votes = f"▲ {note['votes']}"
        shapes.append(text(x + width - PADDING, y + height - PADDING, votes, 14, bold=True, anchor="end"))
    group = groups.get(note.get("group"))
    if group:
        cx, cy = x + width - 6, y + 6
        shapes.append(ellipse(cx, cy, 15, 15, group["colour"], "#FFFFFF"))
        shapes.append(text(cx, cy + 5, group["number"], 14, bold=True, anchor="middle", fill=_ink_on(group["colour"])))
    return shapes


def _ink_on(colour: str) -> str:
    """Black or white, whichever reads better on this fill (WCAG relative luminance)."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    channel = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    luminance = 0.2126 * channel[0] + 0.7152 * channel[1] + 0.0722 * channel[2]
    return "#000000" if luminance > 0.22 else "#FFFFFF"


def _grid(notes, x0, y0, columns, styles, groups, width=CARD_WIDTH) -> tuple[list[Shape], float, list]:
    """Cards in rows; returns the shapes, the bottom edge and each card's top-centre point."""
    shapes, anchors, bottom, y = [], [], y0, y0
    for start in range(0, len(notes), columns):
        row = notes[start : start + columns]
        heights = [card_height(n, width) for n in row]
        for i, note in enumerate(row):
            x = x0 + i * (width + GAP)
            shapes += card(note, x, y, styles, groups, width)
            anchors.append((x + width / 2, y))
        y += max(heights) + GAP
        bottom = y
    return shapes, bottom, anchors


def _header(board: dict[str, Any]) -> tuple[list[Shape], float]:
    shapes = [text(40, 56, board["title"], 34, bold=True)]
    y = 66
    for line in fonts.wrap(board["prompt"], 16, WIDTH - 80)[:3]:
        y += 24
        shapes.append(text(40, y, line, 16, fill="#444444"))
    return shapes, y + 30


def _legend(document, styles, groups, y: float, with_perspectives: bool) -> tuple[list[Shape], float]:
    shapes, x = [], 40
    if with_perspectives:
        for perspective in document["perspectives"]:
            style = styles[perspective["ref"]]
            shapes.append(_card_outline(x, y, 40, 26, style))
            shapes.append(text(x + 50, y + 19, perspective["name"], 16))
            x += 70 + fonts.width(perspective["name"], 16)
    for group in groups.values():
        if x > WIDTH - 160:
            x, y = 40, y + 40
        shapes.append(ellipse(x + 13, y + 13, 13, 13, group["colour"]))
        shapes.append(
            text(x + 13, y + 18, group["number"], 13, bold=True, anchor="middle", fill=_ink_on(group["colour"]))
        )
        shapes.append(text(x + 32, y + 19, group["name"], 16))
        x += 50 + fonts.width(group["name"], 16)
    return shapes, y + 50


def board_scene(document: dict[str, Any], board_ref: str, *, with_header: bool = True) -> Scene:
    """The picture of one board, laid out for its kind (the PDF prints title and prompt itself)."""
    board = next(b for b in document["boards"] if b["ref"] == board_ref)
    styles = {p["ref"]: PERSPECTIVE_STYLES[i % len(PERSPECTIVE_STYLES)] for i, p in enumerate(document["perspectives"])}
    groups = {
        g["ref"]: {"name": g["name"], "colour": g["colour"], "number": str(i)}
        for i, g in enumerate(document["groups"], 1)
    }
    sections = notes_by_section(document, board)
    shapes, y = _header(board) if with_header else ([], 10)
    layout = {"tree": _tree, "washing_line": _washing_line, "solutions": _columns}.get(board["kind"], _wall)
    body, y = layout(sections, y, styles, groups)
    shapes += body
    used_groups = {n["group"] for _s, notes in sections for n in notes if n["group"]}
    legend, y = _legend(
        document, styles, {k: v for k, v in groups.items() if k in used_groups}, y + 10, board["kind"] == "tree"
    )
    shapes += legend
    return Scene(printable(board["title"]), WIDTH, y, shapes)


def _tree(sections, y, styles, groups) -> tuple[list[Shape], float]:
    """Enablers fill the canopy, barriers hang among the roots, the trunk joins them."""
    roots_sections = [s for s in sections if "barrier" in s[0]["name"].lower()] or sections[:1]
    canopy_sections = [s for s in sections if s not in roots_sections]
    canopy_notes = [n for _s, notes in canopy_sections for n in notes]
    root_notes = [n for _s, notes in roots_sections for n in notes]
    columns = 5
    grid_width = columns * CARD_WIDTH + (columns - 1) * GAP
    x0 = (WIDTH - grid_width) / 2
    canopy_label = " / ".join(s["name"] for s, _n in canopy_sections) or _("Enablers")
    roots_label = " / ".join(s["name"] for s, _n in roots_sections) or _("Barriers")
    top = y + 40
    cards, canopy_bottom, _points = _grid(canopy_notes, x0, top + 50, columns, styles, groups)
    canopy_bottom = max(canopy_bottom, top + 200)
    cx, half_height = WIDTH / 2, (canopy_bottom - top) / 2 + 40
    # A cloud of leaves: one wide crown with smaller crowns along its top edge.
    shapes = [
        ellipse(cx + dx * grid_width / 2.6, top + 40 - 12 * (1 - abs(dx)), 230, 90, "#CDEBC0")
        for dx in (-1, -0.5, 0, 0.5, 1)
    ]
    shapes += [
        ellipse(cx, top + half_height - 20, grid_width / 2 + 90, half_height, "#CDEBC0"),
        text(x0, top + 30, canopy_label, 24, bold=True, fill="#2E6B1F"),
    ]
    ground = canopy_bottom + 110
    trunk = [(cx - 55, canopy_bottom), (cx + 55, canopy_bottom), (cx + 85, ground), (cx - 85, ground)]
    shapes += [Shape("polygon", trunk, "#8B5A2B", "#5C3A1A", 2), *cards]
    shapes.append(Shape("polyline", [(40, ground), (WIDTH - 40, ground)], stroke="#5C3A1A", stroke_width=4))
    shapes.append(text(x0, ground + 40, roots_label, 24, bold=True, fill="#5C3A1A"))
    root_cards, bottom, anchors = _grid(root_notes, x0, ground + 140, columns, styles, groups)
    for ax, ay in anchors:
        mid_x = (cx + ax) / 2
        root = [(cx, ground), (mid_x, ground + 40), (ax, ay - 25), (ax, ay)]
        shapes.append(Shape("polyline", root, stroke="#8B5A2B", stroke_width=5))
    return shapes + root_cards, max(bottom, ground + 200)


def _washing_line(sections, y, styles, groups) -> tuple[list[Shape], float]:
    """Cards pegged along a sagging line; a new line below when one is full."""
    notes = [n for _s, ns in sections for n in ns]
    columns, shapes = 5, []
    step = (WIDTH - 80) / columns
    for start in range(0, max(len(notes), 1), columns):
        row = notes[start : start + columns]
        line_y = y + 30
        points = [(40 + i * (WIDTH - 80) / 20, line_y + 30 * math.sin(math.pi * i / 20)) for i in range(21)]
        shapes.append(Shape("polyline", points, stroke="#6B6B6B", stroke_width=3))
        tallest = 0.0
        for i, note in enumerate(row):
            x = 40 + i * step + (step - CARD_WIDTH) / 2
            sag = 30 * math.sin(math.pi * (x + CARD_WIDTH / 2 - 40) / (WIDTH - 80))
            top = line_y + sag + 12
            shapes += card(note, x, top, styles, groups)
            shapes.append(rect(x + CARD_WIDTH / 2 - 6, top - 22, 12, 34, "#C8A165", "#7A5C2E", radius=3))
            tallest = max(tallest, sag + 12 + card_height(note))
        y = line_y + tallest + 50
    return shapes, y


def _columns(sections, y, styles, groups) -> tuple[list[Shape], float]:
    """One column per theme, its name as the column head."""
    count = max(len(sections), 1)
    width = min(480, (WIDTH - 80 - (count - 1) * GAP) / count)
    shapes, bottom = [], y
    for i, (section, notes) in enumerate(sections):
        x = 40 + i * (width + GAP)
        shapes.append(rect(x, y, width, 44, "#1F4E79", radius=6))
        shapes.append(text(x + width / 2, y + 30, section["name"], 20, bold=True, anchor="middle", fill="#FFFFFF"))
        top = y + 60
        for note in notes:
            shapes += card(note, x, top, styles, groups, width)
            top += card_height(note, width) + GAP
        bottom = max(bottom, top)
    return shapes, bottom + 20


def _wall(sections, y, styles, groups) -> tuple[list[Shape], float]:
    """Sticky notes on a wall, in posting order."""
    notes = [n for _s, ns in sections for n in ns]
    columns = 5
    grid_width = columns * CARD_WIDTH + (columns - 1) * GAP
    shapes, bottom, _points = _grid(notes, (WIDTH - grid_width) / 2, y + 10, columns, styles, groups)
    if not notes:
        shapes.append(text(WIDTH / 2, y + 60, _("No notes yet."), 20, anchor="middle", fill="#666666"))
        bottom = y + 100
    return shapes, bottom
