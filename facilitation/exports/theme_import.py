"""Importing an export of any version this app has written, themes included.

importer.py reads the notes and everything else; this module reads what version 2 added (themes) and
lets a version 1 file in as a version 2 file without themes. The importer creates a file's notes in the
file's order, so the n-th note of the new workshop is the file's n-th note (checked by its text too).
"""

from __future__ import annotations

import json
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from facilitation.exports.document import FORMAT, FORMAT_VERSION
from facilitation.exports.import_reader import MAX_IMPORT_BYTES
from facilitation.exports.importer import import_workshop
from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import Invalid
from facilitation.kernel.payloads import clean_characters
from facilitation.models import THEME_LABEL_MAX, Note, Theme, ThemeNote, Workshop
from facilitation.themes.service import seed_board

# Version 1 is version 2 without themes.
READABLE_VERSIONS = (1, FORMAT_VERSION)


def import_any_version(actor: Actor, raw: bytes | str, mode: str = "restore", title: str | None = None) -> Workshop:
    """import_workshop for files of every readable version, then the file's themes (or, without any, themes
    found afresh), so a restored board looks as it did."""
    document = _document(raw)
    # Compact, so a file under the size limit stays under it when handed on.
    handed_on = json.dumps(document, ensure_ascii=False, separators=(",", ":")) if document is not None else raw
    workshop = import_workshop(actor, handed_on, mode, title)
    if mode == "restore" and document is not None:
        try:
            _themes(workshop, document)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
    return workshop


def _document(raw: bytes | str) -> dict[str, Any] | None:
    """The file as version 2, or None to let the importer say what is wrong with it."""
    if len(raw) > MAX_IMPORT_BYTES:
        return None
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return None
    if document.get("format_version") not in READABLE_VERSIONS:
        return None
    return {**document, "format_version": FORMAT_VERSION}


def _themes(workshop: Workshop, document: dict[str, Any]) -> None:
    boards = {f"b{b.position + 1}": b for b in workshop.boards}
    items = document.get("notes") if isinstance(document.get("notes"), list) else []
    notes = list(db.session.scalars(select(Note).where(Note.workshop_id == workshop.id).order_by(Note.id)))
    if len(notes) != len(items):
        return
    themes: dict[str, Theme] = {}
    for item in document.get("themes") or []:
        if not isinstance(item, dict) or item.get("board") not in boards or not isinstance(item.get("ref"), str):
            raise Invalid(_("themes: each needs a ref and the ref of its board."), code="bad_document")
        themes[item["ref"]] = Theme(
            workshop_id=workshop.id,
            board_id=boards[item["board"]].id,
            suggested_label=_label(item.get("suggested_label")),
            custom_label=_label(item.get("custom_label")),
            is_other=item.get("is_other") is True,
        )
    db.session.add_all(themes.values())
    db.session.flush()
    for note, item in zip(notes, items, strict=True):
        ref = item.get("theme") if isinstance(item, dict) else None
        theme = themes.get(ref) if isinstance(ref, str) else None
        if theme is not None and theme.board_id == note.board_id and item.get("text") == note.text:
            db.session.add(ThemeNote(note_id=note.id, theme_id=theme.id))
    db.session.flush()
    if not themes:  # an older file: find them now, as a first start does
        for board in workshop.boards:
            seed_board(workshop.id, board.id)


def _label(value: Any) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(clean_characters(value, "A theme label").split())[:THEME_LABEL_MAX]
