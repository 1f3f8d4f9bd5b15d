"""Fonts and text shaping for the drawn exports (PDF, PNG): every script and emoji, offline.

DejaVu Sans covers Latin with accents, Greek, Cyrillic, Arabic and Hebrew; Noto Emoji (monochrome)
supplies emoji. Both come from the npm registry at set-up (scripts/vendor.mjs) and are served from
static/vendor/fonts, so nothing is fetched at a venue without internet.

PDF and Pillow lay glyphs out left to right one by one, so right-to-left text is reordered here
(python-bidi) after Arabic letters are joined into their contextual forms (arabic-reshaper).
SVG keeps the logical text and lets the viewer do both.
"""

from __future__ import annotations

import io
import struct
import unicodedata
import zlib
from functools import cache
from pathlib import Path

import arabic_reshaper
from bidi import get_display
from PIL import ImageFont
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from facilitation.exports.formats.text_safety import printable, steers_direction, strip_bidi_controls

FONT_DIR = Path(__file__).resolve().parents[3] / "static" / "vendor" / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
EMOJI_PREFIX = "NotoEmoji-"
# CSS font stack for the SVG: the viewer's own fonts draw it, DejaVu first when installed.
SVG_FONT_FAMILY = "'DejaVu Sans', 'Atkinson Hyperlegible', 'Noto Color Emoji', sans-serif"


class FontsMissing(RuntimeError):
    """static/vendor/fonts was not filled: run `make setup` (npm ci, then scripts/vendor.mjs)."""


def woff_to_sfnt(data: bytes) -> bytes:
    """Unpack a WOFF 1.0 file into the TrueType font it wraps (its tables are zlib-compressed)."""
    signature, flavour, _length, table_count = struct.unpack(">4sIIH", data[:14])
    if signature != b"wOFF":
        raise ValueError("not a WOFF 1.0 font")
    tables = []
    for i in range(table_count):
        tag, offset, stored, original, checksum = struct.unpack(">4sIIII", data[44 + 20 * i : 64 + 20 * i])
        raw = data[offset : offset + stored]
        tables.append((tag, zlib.decompress(raw) if stored < original else raw, checksum))
    tables.sort()
    selector = max(n for n in range(16) if (1 << n) <= table_count)
    search_range = (1 << selector) * 16
    head = struct.pack(">IHHHH", flavour, table_count, search_range, selector, table_count * 16 - search_range)
    directory, body = bytearray(head), bytearray()
    start = 12 + 16 * table_count
    for tag, table, checksum in tables:
        directory += struct.pack(">4sIII", tag, checksum, start + len(body), len(table))
        body += table + b"\0" * (-len(table) % 4)
    return bytes(directory + body)


def _font_file(name: str) -> Path:
    path = FONT_DIR / name
    if not path.exists():
        raise FontsMissing(f"{path} is missing: run `make setup` to copy the fonts into static/vendor.")
    return path


def _emoji_files() -> list[Path]:
    # The big "emoji" subset first: it holds most of what people type.
    return sorted(
        FONT_DIR.glob("noto-emoji-*-400-normal.woff"),
        key=lambda p: (not p.name.startswith("noto-emoji-emoji-"), p.name),
    )


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab writes code points above U+FFFF as 5 hex digits, which PDF readers discard; a
    ToUnicode CMap wants UTF-16 (a surrogate pair). With this, emoji stay searchable and copyable."""

    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <%02X>" % (len(subset) - 1),
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *[f"<{i:02X}> <{utf16(code)}>" for i, code in enumerate(subset)],
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


@cache
def register_pdf_fonts() -> tuple[str, ...]:
    """Register DejaVu (regular, bold) and the emoji subsets with reportlab; returns the emoji names."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    pdfmetrics.registerFont(TTFont(REGULAR, str(_font_file("DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(_font_file("DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    names = []
    for path in _emoji_files():
        name = EMOJI_PREFIX + path.stem
        font = TTFont(name, io.BytesIO(woff_to_sfnt(path.read_bytes())))
        # Every subset calls itself NotoEmoji-Regular; reportlab would merge same-named faces into one.
        font.face.name = name.encode("ascii")
        pdfmetrics.registerFont(font)
        names.append(name)
    return tuple(names)


@cache
def _coverage(font_name: str) -> frozenset[int]:
    register_pdf_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def font_for(char: str, base: str) -> str:
    """The registered font that has a glyph for this character: the base font, else an emoji subset."""
    code = ord(char)
    if code in _coverage(base) or unicodedata.category(char) in ("Mn", "Cf", "Zs"):
        return base
    for name in register_pdf_fonts():
        if code in _coverage(name):
            return name
    return base


def runs(text: str, base: str = REGULAR) -> list[tuple[str, str]]:
    """Split text into (font, text) runs so every character is drawn by a font that has it."""
    result: list[tuple[str, str]] = []
    for char in text:
        font = font_for(char, base)
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + char)
        else:
            result.append((font, char))
    return result


def width(text: str, size: float, base: str = REGULAR) -> float:
    """How wide the text is drawn at this size, each run measured in the font that draws it."""
    return sum(pdfmetrics.stringWidth(part, font, size) for font, part in runs(text, base))


def visual(line: str) -> str:
    """One line in the left-to-right order its glyphs are drawn: Arabic joined, RTL runs reversed, overrides
    and isolates applied (within this line only) and then dropped, as they draw nothing."""
    line = printable(line)
    if not steers_direction(line):
        return line
    return strip_bidi_controls(get_display(arabic_reshaper.reshape(line)))


def _longest_fitting_prefix(word: str, size: float, max_width: float, base: str) -> int:
    """How many characters of `word` fit in max_width (at least one), found by halving: a 500-character
    word measured one cut at a time took most of a second per note."""
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if width(word[:middle], size, base) <= max_width:
            low = middle
        else:
            high = middle - 1
    return low


def wrap(text: str, size: float, max_width: float, base: str = REGULAR) -> list[str]:
    """Logical lines no wider than max_width (a word longer than the line is cut)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if width(candidate, size, base) <= max_width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while width(word, size, base) > max_width and len(word) > 1:
                cut = _longest_fitting_prefix(word, size, max_width, base)
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines


@cache
def pillow_font(font_name: str, size: int) -> ImageFont.FreeTypeFont:
    """The same font files for Pillow, so the PNG matches the PDF's picture."""
    if font_name == REGULAR:
        return ImageFont.truetype(str(_font_file("DejaVuSans.ttf")), size, layout_engine=ImageFont.Layout.BASIC)
    if font_name == BOLD:
        return ImageFont.truetype(str(_font_file("DejaVuSans-Bold.ttf")), size, layout_engine=ImageFont.Layout.BASIC)
    stem = font_name.removeprefix(EMOJI_PREFIX)
    return ImageFont.truetype(
        io.BytesIO(woff_to_sfnt(_font_file(f"{stem}.woff").read_bytes())), size, layout_engine=ImageFont.Layout.BASIC
    )
