"""User text made safe for a file format: what XML cannot hold removed, bidi controls kept to their own text.

Input refuses NUL and strips control characters (kernel/payloads.clean_characters), but a row stored
before that rule, or restored from an old file, may still hold them, and one NUL makes an SVG or XLSX
invalid. Every exporter passes user text through `printable` before writing it.

A right-to-left override (U+202E) or an unclosed isolate in one note would reorder whatever follows it on
the same line of a plain-text file (Markdown, CSV). `isolate` wraps such text in FIRST STRONG ISOLATE …
POP DIRECTIONAL ISOLATE, balanced so that nothing inside can close the isolate early or leave it open.
"""

from __future__ import annotations

import re
import unicodedata

# XML 1.0 allows tab, newline and carriage return among the controls; nothing else below U+0020, no
# surrogates, and not U+FFFE or U+FFFF. openpyxl refuses the same characters in cells.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
ISOLATE_INITIATORS = frozenset((LRI, RLI, FSI))
# Embeddings, overrides, isolates and the marks: the characters that steer the bidi algorithm.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_CONTROLS = re.compile(f"[{''.join(sorted(BIDI_CONTROLS))}]")


def printable(value: str) -> str:
    """The text without the characters XML 1.0 (so SVG and XLSX) cannot hold; everything else as stored."""
    return _XML_INVALID.sub("", value)


def steers_direction(value: str) -> bool:
    """Whether the text could reorder what is around it: a right-to-left letter or a bidi control."""
    return any(ch in BIDI_CONTROLS or unicodedata.bidirectional(ch) in ("R", "AL") for ch in value)


def strip_bidi_controls(value: str) -> str:
    """The text without bidi controls: for renderers that have already applied them (PDF, PNG)."""
    return _BIDI_CONTROLS.sub("", value)


def isolate(value: str) -> str:
    """The text as one isolated run (FSI … PDI): a stray PDI inside is dropped and an isolate it opens is
    closed, so embeddings and overrides end where the text ends. Left-to-right text comes back as it is."""
    if not steers_direction(value):
        return value
    depth, kept = 0, []
    for ch in value:
        if ch in ISOLATE_INITIATORS:
            depth += 1
        elif ch == PDI:
            if depth == 0:
                continue  # it would close our isolate, not one of the text's own
            depth -= 1
        kept.append(ch)
    # PDI also ends every embedding and override opened inside the isolate (UAX #9, X6a).
    return FSI + "".join(kept) + PDI * depth + PDI
