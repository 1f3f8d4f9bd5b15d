"""Keeping a board's themes current without reshuffling them, and regrouping it when the organiser asks.

assign_board: each visible note not yet in a theme joins the nearest theme when similar enough; the rest
wait in "Other" until two or more of them are alike, which then start a theme of their own. Existing
themes are never regrouped here, so screens never jump. recluster: the organiser's full regrouping, which
keeps every pinned decision (moves, splits, merges) and reuses old themes (ids, typed labels) where it can.
Both run outside any note post's transaction (scheduler.py), commit, then publish themes:changed.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.lookups import load_workshop, owned
from facilitation.kernel.revisions import Change, commit_and_publish
from facilitation.models import Board, ThemeNote
from facilitation.themes import clustering
from facilitation.themes.board import BoardThemes
from facilitation.themes.views import board_themes_payload

# pg_advisory_xact_lock's first key: this lock's own number space, so no other advisory lock shares it.
THEMES_LOCK_SPACE = 7301


def refresh_boards(workshop_id: int, board_ids: list[int]) -> int | None:
    """Bring the themes of these boards up to date with their notes, commit, publish what changed."""
    _wait_for_other_refreshes(workshop_id)
    changes: list[Change] = []
    queue, done = sorted(set(board_ids)), set()
    while queue:
        board_id = queue.pop(0)
        if board_id in done or db.session.get(Board, board_id) is None:
            continue  # done already, or removed since it was scheduled
        done.add(board_id)
        board = BoardThemes.load(workshop_id, board_id)
        # A note moved here left its old board's theme: that board's screens need the new list too.
        queue += sorted(board.left_boards - done)
        assign_new_notes(board)
        # Always sent: a hidden or deleted note has already left the view, but screens still list it.
        changes += board.changes(always=True)
    return commit_and_publish(workshop_id, changes)


def _wait_for_other_refreshes(workshop_id: int) -> None:
    """With several workers on one PostgreSQL, two may refresh one workshop at once; the second would place
    the same notes again and fail on theme_notes' key. This transaction-scoped lock makes it wait for the
    first to commit and then read its themes, without holding the workshop row that every post needs.
    SQLite has one process, whose scheduler never runs one workshop twice at once."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(select(func.pg_advisory_xact_lock(THEMES_LOCK_SPACE, workshop_id)))


def assign_new_notes(board: BoardThemes) -> None:
    """Place every visible note that has no theme yet; the first time a board has notes, group them all."""
    waiting = [i for i, note in enumerate(board.notes) if note.id not in board.places]
    if not waiting:
        return
    vectors = board.vectors()
    if not board.places:
        _group_from_scratch(board, vectors, waiting)
        return
    members = board.members_by_theme()
    named = {theme_id: members[theme_id] for theme_id, theme in sorted(board.themes.items()) if not theme.is_other}
    centres = clustering.Centres(vectors, {theme_id: rows for theme_id, rows in named.items() if rows})
    pool: list[int] = []
    for index in waiting:
        theme_id, similarity = centres.nearest(index)
        if theme_id is not None and similarity >= clustering.JOIN_SIMILARITY:
            board.put(index, board.themes[theme_id])
            centres.add(theme_id, index)
        else:
            pool.append(index)
    if pool:
        _start_themes_from_other(board, vectors, pool, len(centres))


def _group_from_scratch(board: BoardThemes, vectors, indices: list[int]) -> None:
    subset = vectors[indices]
    groups, lone = clustering.readable_groups(subset)
    for group in groups:
        theme = board.new_theme()
        for local in group:
            board.put(indices[local], theme)
    if lone:
        other = board.other_theme()
        for local in lone:
            board.put(indices[local], other)


def _start_themes_from_other(board: BoardThemes, vectors, pool: list[int], theme_count: int) -> None:
    """New notes like no theme: with the unpinned notes already in "Other", any two or more that are alike
    start a theme (while there is room for one); the rest stay in "Other"."""
    other = board.other_theme()
    waiting = set(pool)
    candidates = sorted(waiting | {i for i in board.members(other.id) if not board.places[board.notes[i].id].pinned})
    for group in clustering.cluster(vectors[candidates]):
        members = [candidates[local] for local in group]
        if len(members) > 1 and waiting & set(members) and theme_count < clustering.MAX_THEMES - 1:
            theme = board.new_theme()
            theme_count += 1
            for index in members:
                board.put(index, theme)
            waiting -= set(members)
    for index in sorted(waiting):
        board.put(index, other)


def recluster(actor: Actor, workshop_id: Any, board_id: Any) -> dict[str, Any]:
    """Regroup a board from scratch, keeping pinned notes where people put them (organiser only)."""
    workshop = load_workshop(actor, workshop_id, "theme.recluster")
    board_row = owned(Board, board_id, workshop, "unknown_board", _("No such board in this workshop."))
    board = BoardThemes.load(workshop.id, board_row.id)
    regroup(board)
    revision = commit_and_publish(workshop.id, board.changes())
    return {**board_themes_payload(workshop.id, board_row.id), "revision": revision}


def regroup(board: BoardThemes) -> None:
    """The full regrouping behind recluster (and the demo's seeding); the caller logs and commits."""
    # Hidden or deleted notes leave unpinned places: if they come back they are placed afresh.
    visible = {n.id for n in board.notes}
    for place in db.session.scalars(select(ThemeNote).where(ThemeNote.theme_id.in_(list(board.themes)))):
        if place.note_id not in visible and not place.pinned:
            db.session.delete(place)
    free = [i for i, n in enumerate(board.notes) if not (n.id in board.places and board.places[n.id].pinned)]
    if not free:
        return
    vectors = board.vectors()
    groups, lone = clustering.readable_groups(vectors[free])
    previous = {board.notes[i].id: board.place_of(board.notes[i].id) for i in free}
    taken: set[int] = set()
    for group in groups:
        indices = [free[local] for local in group]
        theme = _reusable_theme(board, [previous[board.notes[i].id] for i in indices], taken)
        taken.add(theme.id)
        for index in indices:
            board.put(index, theme)
    if lone:
        other = board.other_theme()
        for local in lone:
            board.put(free[local], other)


def _reusable_theme(board: BoardThemes, old_theme_ids: list[int | None], taken: set[int]):
    """The old theme most of these notes were in (keeping its id and any typed label), else a new one."""
    counts: dict[int, int] = {}
    for theme_id in old_theme_ids:
        if theme_id is not None and theme_id not in taken and not board.themes[theme_id].is_other:
            counts[theme_id] = counts.get(theme_id, 0) + 1
    if counts:
        best = min(counts, key=lambda theme_id: (-counts[theme_id], theme_id))
        if counts[best] * 2 >= len(old_theme_ids):
            return board.themes[best]
    return board.new_theme()


def seed_board(workshop_id: int, board_id: int) -> None:
    """Group a board's notes at once, inside the caller's transaction (first start's demo, seed-demo).

    Nothing is logged: no screen is open yet, and each reads the themes from its first state."""
    board = BoardThemes.load(workshop_id, board_id)
    regroup(board)
    board.relabel()
