"""User text made safe for a file format: what XML cannot hold removed, bidi controls kept to their own text.

Input refuses NUL and strips control characters (kernel/payloads.clean_characters), but a row stored
before that rule, or restored from an old file, may still hold them, and one NUL makes an SVG or XLSX
invalid. Every exporter passes user text through `printable` before writing it.

A right-to-left override (U+202E) or an unclosed isolate in one note would reorder whatever follows it on
the same line of a plain-text file (Markdown, CSV): kernel/bidi.isolate keeps it inside the text.
"""

from __future__ import annotations

import re

from facilitation.kernel.bidi import BIDI_CONTROLS, isolate, steers_direction

# XML 1.0 allows tab, newline and carriage return among the controls; nothing else below U+0020, no
# surrogates, and not U+FFFE or U+FFFF. openpyxl refuses the same characters in cells.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

__all__ = ["isolate", "printable", "steers_direction", "strip_bidi_controls"]

_BIDI_CONTROLS = re.compile(f"[{''.join(sorted(BIDI_CONTROLS))}]")


def printable(value: str) -> str:
    """The text without the characters XML 1.0 (so SVG and XLSX) cannot hold; everything else as stored."""
    return _XML_INVALID.sub("", value)


def strip_bidi_controls(value: str) -> str:
    """The text without bidi controls: for renderers that have already applied them (PDF, PNG)."""
    return _BIDI_CONTROLS.sub("", value)
