"""Pictures of each board: SVG (text stays text) and PNG, both drawn from the same scene.

The PNG is painted with Pillow, a pip wheel with no system libraries, so a laptop set up with
`make run` alone can produce it (cairosvg would need apt's libcairo). Pillow lays glyphs out left
to right, so right-to-left lines are reordered first (fonts.visual) and emoji drawn from Noto Emoji.
"""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, ImageDraw

from facilitation.exports import ExportFile
from facilitation.exports.formats import fonts
from facilitation.exports.formats.scene import Scene, Shape, board_scene, is_rtl
from facilitation.exports.formats.text_safety import printable

SVG_MIMETYPE = "image/svg+xml"
PNG_MIMETYPE = "image/png"


def _svg_shape(shape: Shape) -> str:
    paint = f'fill="{shape.fill or "none"}"' + (
        f' stroke="{shape.stroke}" stroke-width="{shape.stroke_width:g}"' if shape.stroke else ""
    )
    if shape.kind == "rect":
        (x1, y1), (x2, y2) = shape.points
        rounded = f' rx="{shape.radius:g}"' if shape.radius else ""
        return f'<rect x="{x1:.1f}" y="{y1:.1f}" width="{x2 - x1:.1f}" height="{y2 - y1:.1f}"{rounded} {paint}/>'
    if shape.kind == "ellipse":
        (x1, y1), (x2, y2) = shape.points
        cx, cy, rx, ry = (x1 + x2) / 2, (y1 + y2) / 2, (x2 - x1) / 2, (y2 - y1) / 2
        return f'<ellipse cx="{cx:.1f}" cy="{cy:.1f}" rx="{rx:.1f}" ry="{ry:.1f}" {paint}/>'
    if shape.kind in ("polygon", "polyline"):
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in shape.points)
        return f'<{shape.kind} points="{points}" {paint} stroke-linejoin="round"/>'
    x, y = shape.points[0]
    anchor = shape.anchor
    direction = ""
    if is_rtl(shape.text):
        # In an RTL run text-anchor counts from the right: "start" is the right edge.
        anchor = {"end": "start", "start": "end"}.get(anchor, anchor)
        direction = ' direction="rtl"'
    weight = ' font-weight="bold"' if shape.bold else ""
    # Isolated: whatever bidi controls a line of user text holds apply to that line and nothing else.
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{shape.size:g}"{weight} fill="{shape.fill}" '
        f'text-anchor="{anchor}"{direction} unicode-bidi="isolate">{escape(printable(shape.text))}</text>'
    )


def svg_text(scene: Scene) -> str:
    """The scene as a standalone SVG document, titled for screen readers, its text still text."""
    body = "\n".join(_svg_shape(s) for s in scene.shapes)
    title = printable(scene.title)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {scene.width:.0f} {scene.height:.0f}" '
        f'width="{scene.width:.0f}" height="{scene.height:.0f}" role="img" aria-label={quoteattr(title)} '
        f'font-family="{fonts.SVG_FONT_FAMILY}">\n'
        f"<title>{escape(title)}</title>\n"
        f'<rect width="100%" height="100%" fill="{scene.background}"/>\n{body}\n</svg>\n'
    )


def _draw_text(draw: ImageDraw.ImageDraw, shape: Shape, scale: float) -> None:
    base = fonts.BOLD if shape.bold else fonts.REGULAR
    size = max(1, round(shape.size * scale))
    line = fonts.visual(shape.text)
    total = fonts.width(line, size, base)
    x, y = shape.points[0]
    x *= scale
    x -= {"start": 0, "middle": total / 2, "end": total}[shape.anchor]
    for font_name, part in fonts.runs(line, base):
        font = fonts.pillow_font(font_name, size)
        # Pillow's "ls" anchor puts the text's baseline at y, as SVG and PDF do.
        draw.text((x, y * scale), part, font=font, fill=shape.fill, anchor="ls")
        x += fonts.width(part, size, font_name)


# Pillow draws without anti-aliasing: paint at twice the size and scale down for smooth lines and curves.
SUPERSAMPLE = 2


def png_bytes(scene: Scene, scale: float = 1.0) -> bytes:
    """The scene painted as a PNG, supersampled so lines and curves come out smooth."""
    size = (round(scene.width * scale), round(scene.height * scale))
    scale *= SUPERSAMPLE
    image = Image.new("RGB", (round(scene.width * scale), round(scene.height * scale)), scene.background)
    draw = ImageDraw.Draw(image)
    for shape in scene.shapes:
        points = [(x * scale, y * scale) for x, y in shape.points]
        width = max(1, round(shape.stroke_width * scale))
        if shape.kind == "rect":
            draw.rounded_rectangle(
                points, radius=shape.radius * scale, fill=shape.fill, outline=shape.stroke, width=width
            )
        elif shape.kind == "ellipse":
            draw.ellipse(points, fill=shape.fill, outline=shape.stroke, width=width)
        elif shape.kind == "polygon":
            draw.polygon(points, fill=shape.fill, outline=shape.stroke, width=width)
        elif shape.kind == "polyline":
            draw.line(points, fill=shape.stroke, width=width, joint="curve")
        else:
            _draw_text(draw, shape, scale)
    buffer = io.BytesIO()
    image.resize(size, Image.Resampling.LANCZOS).save(buffer, "PNG")
    return buffer.getvalue()


def export_board_svg(document: dict[str, Any], board_ref: str, stem: str) -> ExportFile:
    """One board's picture as `<stem>.svg`."""
    return ExportFile(f"{stem}.svg", SVG_MIMETYPE, svg_text(board_scene(document, board_ref)).encode("utf-8"))


def export_board_png(document: dict[str, Any], board_ref: str, stem: str) -> ExportFile:
    """One board's picture as `<stem>.png`, drawn from the same scene as the SVG."""
    return ExportFile(f"{stem}.png", PNG_MIMETYPE, png_bytes(board_scene(document, board_ref)))
