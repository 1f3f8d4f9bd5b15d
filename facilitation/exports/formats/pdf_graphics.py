"""Vector figures for the PDF: the board scene as a reportlab Drawing, and the evaluation charts.

The board picture is the same scene the SVG and PNG draw, so the report shows what the room saw.
Text is drawn run by run (fonts.runs) so emoji come from Noto Emoji and every glyph is embedded.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.shapes import Drawing, Ellipse, Group, Polygon, PolyLine, Rect, String
from reportlab.lib.colors import HexColor

from facilitation.exports.formats import fonts
from facilitation.exports.formats.scene import Scene, Shape

BAR_COLOUR = "#0072B2"
CHOICE_COLOUR = "#009E73"


def _colour(value: str | None):
    return HexColor(value) if value else None


def draw_text(group: Group, x: float, y: float, value: str, size: float, *, bold=False, anchor="start", fill="#1A1A1A"):
    """One line at (x, baseline y), reordered for right-to-left scripts, emoji from their own font."""
    base = fonts.BOLD if bold else fonts.REGULAR
    line = fonts.visual(value)
    x -= {"start": 0, "middle": fonts.width(line, size, base) / 2, "end": fonts.width(line, size, base)}[anchor]
    for font_name, part in fonts.runs(line, base):
        group.add(String(x, y, part, fontName=font_name, fontSize=size, fillColor=_colour(fill)))
        x += fonts.width(part, size, font_name)


def _add(group: Group, shape: Shape, height: float) -> None:
    flipped = [(x, height - y) for x, y in shape.points]
    paint = {
        "fillColor": _colour(shape.fill),
        "strokeColor": _colour(shape.stroke),
        "strokeWidth": shape.stroke_width if shape.stroke else 0,
    }
    if shape.kind == "rect":
        (x1, y1), (x2, y2) = flipped
        group.add(Rect(x1, y2, x2 - x1, y1 - y2, rx=shape.radius, ry=shape.radius, **paint))
    elif shape.kind == "ellipse":
        (x1, y1), (x2, y2) = flipped
        group.add(Ellipse((x1 + x2) / 2, (y1 + y2) / 2, (x2 - x1) / 2, (y1 - y2) / 2, **paint))
    elif shape.kind == "polygon":
        group.add(Polygon([c for point in flipped for c in point], **paint))
    elif shape.kind == "polyline":
        group.add(
            PolyLine(
                [c for point in flipped for c in point],
                strokeColor=_colour(shape.stroke),
                strokeWidth=shape.stroke_width,
                strokeLineJoin=1,
            )
        )
    else:
        x, y = flipped[0]
        draw_text(group, x, y, shape.text, shape.size, bold=shape.bold, anchor=shape.anchor, fill=shape.fill)


def scene_drawing(scene: Scene, max_width: float, max_height: float) -> Drawing:
    """The scene scaled to fit the frame, keeping its proportions."""
    scale = min(max_width / scene.width, max_height / scene.height)
    group = Group()
    for shape in scene.shapes:
        _add(group, shape, scene.height)
    group.scale(scale, scale)
    return _drawing(scene.width * scale, scene.height * scale, group)


def _drawing(width: float, height: float, group: Group) -> Drawing:
    drawing = Drawing(width, height)
    # The renderer starts each drawing in its default font (Helvetica, not embedded) unless told otherwise.
    drawing.initialFontName = fonts.REGULAR
    drawing.add(group)
    return drawing


def bar_chart(
    rows: list[tuple[str, int]], width: float, *, colour: str = BAR_COLOUR, label_width: float = 150
) -> Drawing:
    """Horizontal bars with their label on the left and the count at the bar's end."""
    row_height, size = 20, 9
    height = row_height * len(rows) + 6
    group = Group()
    biggest = max([count for _label, count in rows] + [1])
    bar_space = width - label_width - 40
    for i, (label, count) in enumerate(rows):
        y = height - (i + 1) * row_height
        shown = (
            label if fonts.width(label, size) <= label_width - 8 else fonts.wrap(label, size, label_width - 20)[0] + "…"
        )
        draw_text(group, label_width - 8, y + 6, shown, size, anchor="end")
        bar = bar_space * count / biggest
        group.add(Rect(label_width, y + 2, max(bar, 0.5), row_height - 6, fillColor=HexColor(colour), strokeWidth=0))
        draw_text(group, label_width + bar + 4, y + 6, str(count), size, bold=True)
    return _drawing(width, height, group)


def rating_chart(item: dict[str, Any], width: float) -> Drawing:
    """One bar per score from 1 to 5, the end scores carrying the question's low and high labels."""
    question = item["question"]
    rows = []
    for score, count in item["distribution"]:
        label = str(score)
        if score == 1 and question.get("low_label"):
            label = f"1 – {question['low_label']}"
        if score == 5 and question.get("high_label"):
            label = f"5 – {question['high_label']}"
        rows.append((label, count))
    return bar_chart(rows, width)


def choice_chart(item: dict[str, Any], width: float) -> Drawing:
    """One bar per option in the form's order, with room for longer labels than a rating's."""
    return bar_chart(
        [(str(label), count) for label, count in item["counts"]], width, colour=CHOICE_COLOUR, label_width=230
    )
