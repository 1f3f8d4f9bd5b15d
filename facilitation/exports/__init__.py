"""Exports that become the organiser's report, and the import that brings a workshop back.

Every format is rendered from one snapshot: the versioned JSON document built by
`json_export.build_document`. Authorisation happens there, once; the other modules are pure
functions of that document, so what the CSV says and what the PDF says can never disagree.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class ExportFile:
    """One downloadable file: what the browser saves it as, its media type, and its bytes."""

    filename: str
    mimetype: str
    content: bytes


def slug(text: str) -> str:
    """Letters and digits of any script joined by hyphens: safe in file names and ZIP entries."""
    cleaned = unicodedata.normalize("NFC", text)
    return re.sub(r"[^\w]+", "-", cleaned, flags=re.UNICODE).strip("-_").lower()[:80]


def file_stem(document: dict, board_ref: str | None = None) -> str:
    """A readable, portable file name: the workshop's (and board's) title, then the date."""
    title = document["workshop"]["title"]
    if board_ref is not None:
        board = next(b for b in document["boards"] if b["ref"] == board_ref)
        title = f"{title} {board['title']}"
    date = document["workshop"].get("event_date")
    stem = slug(title) or "workshop"
    return f"{stem}-{date}" if date else stem
