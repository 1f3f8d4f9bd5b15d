"""The themes of an imported file: those it carries (version 2), or found afresh (version 1 has none).

Called by importer.import_workshop inside its one transaction, after the notes are flushed, so a file with a
bad themes section stores nothing at all. The importer creates a file's notes in the file's order, so the n-th
note of the new workshop is the file's n-th note (checked by its text too).
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from facilitation.extensions import db
from facilitation.kernel.errors import Invalid
from facilitation.kernel.payloads import clean_characters
from facilitation.models import THEME_LABEL_MAX, Note, Theme, ThemeNote, Workshop
from facilitation.themes.service import seed_board


def restore_themes(workshop: Workshop, document: dict[str, Any]) -> None:
    """The file's themes on the restored workshop's notes, or, with none in the file, themes found now."""
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
