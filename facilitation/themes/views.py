"""What a screen receives of a board's themes: built from visible notes only, so no label or count gives
away a note someone may not see. Read-only; sync.service.workshop_state and every publish use it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from facilitation.extensions import db
from facilitation.models import Note, Theme, ThemeNote


def theme_view(theme: Theme, note_ids: list[int]) -> dict[str, Any]:
    """One theme as the contract (docs/protocol.md, themes) gives it."""
    return {
        "id": theme.id,
        "board_id": theme.board_id,
        "label": theme.custom_label or theme.suggested_label,
        "suggested_label": theme.suggested_label,
        "label_is_custom": bool(theme.custom_label),
        "note_ids": note_ids,
    }


def themes_view(workshop_id: int, board_ids: Iterable[int] | None = None) -> list[dict[str, Any]]:
    """The workshop's themes (or those of the given boards) that hold at least one visible note, by id.

    A note counts only while it is visible and still on the theme's board; its ids come in id order.
    """
    query = (
        select(Theme, ThemeNote.note_id)
        .join(ThemeNote, ThemeNote.theme_id == Theme.id)
        .join(Note, Note.id == ThemeNote.note_id)
        .where(Theme.workshop_id == workshop_id, Note.status == "visible", Note.board_id == Theme.board_id)
        .order_by(Theme.id, ThemeNote.note_id)
    )
    if board_ids is not None:
        query = query.where(Theme.board_id.in_(list(board_ids)))
    grouped: dict[int, tuple[Theme, list[int]]] = {}
    for theme, note_id in db.session.execute(query):
        grouped.setdefault(theme.id, (theme, []))[1].append(note_id)
    return [theme_view(theme, ids) for theme, ids in grouped.values()]


def board_themes_payload(workshop_id: int, board_id: int) -> dict[str, Any]:
    """The data of a themes:changed broadcast: every theme of one board, replacing what a screen had."""
    return {"board_id": board_id, "themes": themes_view(workshop_id, [board_id])}
