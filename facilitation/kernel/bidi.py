"""Keeping user text to itself: a right-to-left override or an unclosed isolate in a name must not reorder
the labels, punctuation and other text around it (a page's <title>, an option, a line of a CSV file).

`isolate` wraps such text in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, balanced so that nothing inside
can close the isolate early or leave it open. Pages use <bdi> or dir="auto" where there is markup; this is for
where there is none. static/js/core/user-text.js is the same rule for text the browser modules draw.
"""

from __future__ import annotations

import unicodedata

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
ISOLATE_INITIATORS = frozenset((LRI, RLI, FSI))
# Embeddings, overrides, isolates and the marks: the characters that steer the bidi algorithm.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def steers_direction(value: str) -> bool:
    """Whether the text could reorder what is around it: a right-to-left letter or a bidi control."""
    return any(ch in BIDI_CONTROLS or unicodedata.bidirectional(ch) in ("R", "AL") for ch in value)


def isolate(value: object) -> str:
    """The text as one isolated run (FSI … PDI): a stray PDI inside is dropped and an isolate it opens is
    closed, so embeddings and overrides end where the text ends. Left-to-right text comes back as it is."""
    text = "" if value is None else str(value)
    if not steers_direction(text):
        return text
    depth, kept = 0, []
    for ch in text:
        if ch in ISOLATE_INITIATORS:
            depth += 1
        elif ch == PDI:
            if depth == 0:
                continue  # it would close our isolate, not one of the text's own
            depth -= 1
        kept.append(ch)
    # PDI also ends every embedding and override opened inside the isolate (UAX #9, X6a).
    return FSI + "".join(kept) + PDI * depth + PDI
