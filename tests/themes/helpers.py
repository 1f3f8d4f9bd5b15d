"""Posting notes the way the room does, then running the waiting theme assignment as the server would."""

from __future__ import annotations

import uuid

from flask import current_app

from facilitation.extensions import db
from facilitation.notes import service as notes
from facilitation.themes.scheduler import scheduler_of
from facilitation.themes.views import board_themes_payload


def post(actor, workshop, board, text: str, section_index: int = 0) -> int:
    fields = {
        "client_id": uuid.uuid4().hex,
        "board_id": board.id,
        "section_id": board.sections[section_index].id,
        "text": text,
    }
    return notes.post_note(actor, workshop.id, fields)["note"]["id"]


def settle() -> None:
    """What the debounce timer would do a second later: place the waiting notes."""
    scheduler_of(current_app).run_pending()
    db.session.expire_all()


def themes_of(workshop, board) -> list[dict]:
    return board_themes_payload(workshop.id, board.id)["themes"]


def partition(workshop, board) -> list[set[int]]:
    return sorted((set(t["note_ids"]) for t in themes_of(workshop, board)), key=min)


def theme_holding(workshop, board, note_id: int) -> dict:
    return next(t for t in themes_of(workshop, board) if note_id in t["note_ids"])
