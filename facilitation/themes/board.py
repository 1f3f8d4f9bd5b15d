"""One board's notes and themes as the clustering sees them: loaded once, changed in the session, then
logged as one themes:changed if what screens see of them changed. The caller commits and publishes."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from facilitation.extensions import db
from facilitation.kernel.events import THEMES_CHANGED
from facilitation.kernel.revisions import Change, record_change
from facilitation.models import Note, Theme, ThemeNote
from facilitation.themes import clustering
from facilitation.themes.labels import OTHER_LABEL, board_labels
from facilitation.themes.views import board_themes_payload


@dataclass
class BoardThemes:
    """The board's visible notes (by id), its themes (by id) and which theme holds which note."""

    workshop_id: int
    board_id: int
    notes: list[Note]
    themes: dict[int, Theme]
    places: dict[int, ThemeNote]  # note id -> its row, only rows in this board's themes
    before: dict = field(default_factory=dict)
    # Boards whose themes lost a note that has moved onto this board.
    left_boards: set[int] = field(default_factory=set)

    @classmethod
    def load(cls, workshop_id: int, board_id: int) -> BoardThemes:
        notes = list(
            db.session.scalars(
                select(Note).where(Note.board_id == board_id, Note.status == "visible").order_by(Note.id)
            )
        )
        themes = {t.id: t for t in db.session.scalars(select(Theme).where(Theme.board_id == board_id))}
        board = cls(workshop_id, board_id, notes, themes, {}, board_themes_payload(workshop_id, board_id))
        note_ids = [n.id for n in notes]
        if note_ids:
            for place in db.session.scalars(select(ThemeNote).where(ThemeNote.note_id.in_(note_ids))):
                if place.theme_id in themes:
                    board.places[place.note_id] = place
                else:
                    # Its note moved here from another board: it leaves that board's theme.
                    old = db.session.get(Theme, place.theme_id)
                    if old is not None:
                        board.left_boards.add(old.board_id)
                    db.session.delete(place)
        return board

    def members(self, theme_id: int) -> list[int]:
        """Indices (into notes) of the visible notes in a theme."""
        return [i for i, n in enumerate(self.notes) if self.place_of(n.id) == theme_id]

    def members_by_theme(self) -> dict[int, list[int]]:
        """members() of every theme in one pass over the notes (ascending indices): placing notes one by one
        on a board of a thousand must not walk all of them again for each."""
        found: dict[int, list[int]] = {theme_id: [] for theme_id in self.themes}
        for index, note in enumerate(self.notes):
            theme_id = self.place_of(note.id)
            if theme_id in found:
                found[theme_id].append(index)
        return found

    def place_of(self, note_id: int) -> int | None:
        place = self.places.get(note_id)
        return place.theme_id if place is not None else None

    def new_theme(self, is_other: bool = False) -> Theme:
        theme = Theme(workshop_id=self.workshop_id, board_id=self.board_id, suggested_label="", is_other=is_other)
        db.session.add(theme)
        db.session.flush()
        self.themes[theme.id] = theme
        return theme

    def other_theme(self) -> Theme:
        found = next((t for t in sorted(self.themes.values(), key=lambda t: t.id) if t.is_other), None)
        return found if found is not None else self.new_theme(is_other=True)

    def put(self, index: int, theme: Theme, pinned: bool = False) -> None:
        """Place notes[index] in theme (moving it if it was elsewhere)."""
        note_id = self.notes[index].id
        place = self.places.get(note_id)
        if place is None:
            place = ThemeNote(note_id=note_id, theme_id=theme.id, pinned=pinned)
            db.session.add(place)
            self.places[note_id] = place
        else:
            place.theme_id = theme.id
            place.pinned = pinned
        # No flush per note: places are read from self.places, and queries autoflush.

    def relabel(self) -> None:
        """Suggested labels from visible notes only; themes left with no note at all are dropped."""
        held = set(db.session.scalars(select(ThemeNote.theme_id).where(ThemeNote.theme_id.in_(list(self.themes)))))
        for theme_id in [t for t in self.themes if t not in held]:
            db.session.delete(self.themes.pop(theme_id))
        members = self.members_by_theme()
        named = [t for t in sorted(self.themes) if not self.themes[t].is_other and members[t]]
        labels = board_labels([n.text for n in self.notes], [members[t] for t in named]) if named else []
        for theme_id, label in zip(named, labels, strict=True):
            self.themes[theme_id].suggested_label = label or OTHER_LABEL
        for theme in self.themes.values():
            if theme.is_other:
                theme.suggested_label = OTHER_LABEL
        db.session.flush()

    def changes(self, always: bool = False) -> list[Change]:
        """One themes:changed for this board if what screens see of its themes changed (or `always`, while
        the board has themes at all), else nothing."""
        self.relabel()
        after = board_themes_payload(self.workshop_id, self.board_id)
        if after == self.before and not (always and self.themes):
            return []
        self.before = after
        return [record_change(self.workshop_id, THEMES_CHANGED, after)]

    def vectors(self):
        return clustering.note_vectors([n.text for n in self.notes])
