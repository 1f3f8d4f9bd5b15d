"""People's decisions about themes: rename, merge, split, move a note. Each sticks: a moved, split or
merged note is pinned where it was put (reclustering keeps it), and a typed label outlives every regrouping.

Organiser on any theme; a facilitator only where may_moderate lets them touch every note involved, so no
one regroups another group's notes. Each validates, authorises, commits, then publishes themes:changed.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from facilitation.extensions import db
from facilitation.kernel.access import Actor, may_moderate
from facilitation.kernel.errors import Invalid, NotAllowed, NotFound
from facilitation.kernel.lookups import load_workshop
from facilitation.kernel.payloads import clean_characters
from facilitation.kernel.revisions import commit_and_publish
from facilitation.models import THEME_LABEL_MAX, Note, Theme, ThemeNote, Workshop
from facilitation.themes.board import BoardThemes
from facilitation.themes.views import board_themes_payload

MAX_SPLIT_NOTES = 500


def _theme(workshop: Workshop, theme_id: Any) -> Theme:
    theme = db.session.get(Theme, theme_id) if isinstance(theme_id, int) else None
    if theme is None or theme.workshop_id != workshop.id:
        raise NotFound(_("No such theme in this workshop."), code="unknown_theme")
    return theme


def _notes_of(theme: Theme) -> list[Note]:
    return list(
        db.session.scalars(
            select(Note).join(ThemeNote, ThemeNote.note_id == Note.id).where(ThemeNote.theme_id == theme.id)
        )
    )


def _may_touch(actor: Actor, notes: list[Note]) -> None:
    if not all(may_moderate(actor, note) for note in notes):
        raise NotAllowed(_("That theme holds notes of another group."), code="not_your_group")


def _publish(workshop: Workshop, board: BoardThemes) -> dict[str, Any]:
    revision = commit_and_publish(workshop.id, board.changes(always=True))
    return {**board_themes_payload(workshop.id, board.board_id), "revision": revision}


def rename(actor: Actor, workshop_id: Any, theme_id: Any, label: Any) -> dict[str, Any]:
    """Give a theme a label of its own; "" goes back to the suggested one."""
    workshop = load_workshop(actor, workshop_id, "theme.manage")
    theme = _theme(workshop, theme_id)
    _may_touch(actor, _notes_of(theme))
    if not isinstance(label, str):
        raise Invalid(_("label must be text."), code="wrong_type")
    cleaned = " ".join(clean_characters(label, "The label").split())
    if len(cleaned) > THEME_LABEL_MAX:
        raise Invalid(
            _("Labels are limited to %(THEME_LABEL_MAX)s characters.", THEME_LABEL_MAX=THEME_LABEL_MAX),
            code="label_too_long",
        )
    theme.custom_label = cleaned
    return _publish(workshop, BoardThemes.load(workshop.id, theme.board_id))


def merge(actor: Actor, workshop_id: Any, theme_id: Any, into_theme_id: Any) -> dict[str, Any]:
    """Put every note of one theme into another of the same board; the first theme goes."""
    workshop = load_workshop(actor, workshop_id, "theme.manage")
    theme, into = _theme(workshop, theme_id), _theme(workshop, into_theme_id)
    if theme.id == into.id:
        raise Invalid(_("A theme cannot be merged into itself."), code="same_theme")
    if theme.board_id != into.board_id:
        raise Invalid(_("Only themes of one board can be merged."), code="other_board")
    _may_touch(actor, _notes_of(theme) + _notes_of(into))
    board = BoardThemes.load(workshop.id, theme.board_id)
    for place in db.session.scalars(select(ThemeNote).where(ThemeNote.theme_id.in_([theme.id, into.id]))):
        place.theme_id, place.pinned = into.id, True
    if theme.is_other:
        into.is_other = False
    db.session.flush()
    return _publish(workshop, board)


def split(actor: Actor, workshop_id: Any, theme_id: Any, note_ids: Any) -> dict[str, Any]:
    """The listed notes of a theme leave it and form a new theme together."""
    workshop = load_workshop(actor, workshop_id, "theme.manage")
    theme = _theme(workshop, theme_id)
    if not isinstance(note_ids, list) or not note_ids or len(note_ids) > MAX_SPLIT_NOTES:
        raise Invalid(_("Name the notes that form the new theme."), code="no_notes")
    if not all(isinstance(i, int) and not isinstance(i, bool) for i in note_ids):
        raise Invalid(_("note_ids must be note ids."), code="wrong_type")
    places = {p.note_id: p for p in db.session.scalars(select(ThemeNote).where(ThemeNote.theme_id == theme.id))}
    if any(i not in places for i in note_ids):
        raise NotFound(_("Every note split off must be in that theme."), code="unknown_note")
    if len(set(note_ids)) == len(places):
        raise Invalid(_("Leave at least one note in the theme."), code="whole_theme")
    _may_touch(actor, [db.session.get(Note, i) for i in note_ids])
    board = BoardThemes.load(workshop.id, theme.board_id)
    new = board.new_theme()
    for note_id in set(note_ids):
        places[note_id].theme_id, places[note_id].pinned = new.id, True
    db.session.flush()
    return _publish(workshop, board)


def move_note(actor: Actor, workshop_id: Any, note_id: Any, theme_id: Any) -> dict[str, Any]:
    """Put one visible note into another theme of its board, or (theme_id None) a theme of its own."""
    workshop = load_workshop(actor, workshop_id, "theme.manage")
    note = db.session.get(Note, note_id) if isinstance(note_id, int) else None
    if note is None or note.workshop_id != workshop.id or note.status != "visible":
        raise NotFound(_("No such note in this workshop."), code="unknown_note")
    if not may_moderate(actor, note):
        raise NotAllowed(_("That note belongs to another group."), code="not_your_group")
    board = BoardThemes.load(workshop.id, note.board_id)
    if theme_id is None:
        target = board.new_theme()
    else:
        target = _theme(workshop, theme_id)
        if target.board_id != note.board_id:
            raise Invalid(_("A note joins a theme of its own board."), code="other_board")
    index = next(i for i, n in enumerate(board.notes) if n.id == note.id)
    board.put(index, target, pinned=True)
    return _publish(workshop, board)
