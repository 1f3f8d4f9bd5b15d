"""Themes kept current without reshuffling: the same notes give the same themes, a new note joins a theme,
and every theme counts only visible notes."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from facilitation.extensions import db
from facilitation.kernel.events import THEMES_CHANGED
from facilitation.models import Change, ThemeNote
from facilitation.moderation import service as moderation
from facilitation.sync import service as sync
from facilitation.themes import service as themes
from tests.conftest import board_by_kind
from tests.themes.helpers import partition, post, settle, theme_holding, themes_of

FUNDING = [
    "Funding for arts on prescription is short-term",
    "Commissioners fund clinical services, not arts funding",
    "No funding to pay artists for sessions",
]
DANCE = [
    "Dance classes for older people with Parkinson's",
    "Community dance classes at the village hall",
    "Dance sessions help older people move",
]


def fill(organiser, workshop, board, texts):
    return [post(organiser, workshop, board, text) for text in texts]


def test_a_post_is_placed_after_the_post_not_inside_it(organiser, workshop):
    board = board_by_kind(workshop, "ideas")
    fill(organiser, workshop, board, FUNDING)
    assert themes_of(workshop, board) == []  # nothing placed inside the posts' transactions
    settle()
    found = themes_of(workshop, board)
    assert sum(len(t["note_ids"]) for t in found) == 3
    logged = db.session.scalars(select(Change).where(Change.event == THEMES_CHANGED)).all()
    assert len(logged) == 1  # one burst, one regrouping, one broadcast
    assert logged[0].payload == {"board_id": board.id}  # which board; no label text kept in the log
    replay = sync.changes_since(organiser, workshop.id, logged[0].revision - 1)["changes"]
    assert replay[-1] == {
        "revision": logged[0].revision,
        "event": THEMES_CHANGED,
        "data": {"board_id": board.id, "themes": found},
    }


def test_similar_notes_share_a_theme_with_a_label_of_whole_words(organiser, workshop):
    board = board_by_kind(workshop, "ideas")
    funding, dance = fill(organiser, workshop, board, FUNDING), fill(organiser, workshop, board, DANCE)
    settle()
    assert partition(workshop, board) == [set(funding), set(dance)]
    labels = {theme_holding(workshop, board, funding[0])["label"], theme_holding(workshop, board, dance[0])["label"]}
    words = {w.strip(",").lower() for label in labels for w in label.split()}
    assert "funding" in words and "dance" in words
    all_text = " ".join(FUNDING + DANCE).lower()
    assert all(w in all_text.split() or w in all_text for w in words)


def test_the_same_notes_always_give_the_same_themes(organiser, workshop):
    board = board_by_kind(workshop, "ideas")
    fill(organiser, workshop, board, FUNDING + DANCE)
    settle()
    first = partition(workshop, board)
    for _ in range(2):
        themes.recluster(organiser, workshop.id, board.id)
        assert partition(workshop, board) == first


def test_a_new_note_joins_a_theme_and_moves_no_other(organiser, workshop):
    board = board_by_kind(workshop, "ideas")
    fill(organiser, workshop, board, FUNDING + DANCE)
    settle()
    before = {t["id"]: set(t["note_ids"]) for t in themes_of(workshop, board)}
    new = post(organiser, workshop, board, "Short-term funding stops arts projects")
    settle()
    after = {t["id"]: set(t["note_ids"]) for t in themes_of(workshop, board)}
    joined = theme_holding(workshop, board, new)
    assert joined["id"] in before and before[joined["id"]] | {new} == after[joined["id"]]
    assert {k: v - {new} for k, v in after.items()} == before


def test_an_unlike_note_waits_in_other_until_it_has_company(organiser, workshop):
    board = board_by_kind(workshop, "ideas")
    fill(organiser, workshop, board, FUNDING + DANCE)
    settle()
    lone = post(organiser, workshop, board, "Photography walks by the canal")
    settle()
    assert theme_holding(workshop, board, lone)["label"] == "Other"
    pair = post(organiser, workshop, board, "Photography club walks along the canal path")
    settle()
    started = theme_holding(workshop, board, pair)
    assert started["label"] != "Other" and set(started["note_ids"]) == {lone, pair}


def test_hidden_notes_leave_the_theme_and_state(organiser, workshop):
    board = board_by_kind(workshop, "ideas")
    funding = fill(organiser, workshop, board, FUNDING)
    settle()
    moderation.hide(organiser, workshop.id, funding[0])
    settle()
    assert funding[0] not in {i for t in themes_of(workshop, board) for i in t["note_ids"]}
    state = sync.workshop_state(organiser, workshop.id)
    assert state["themes"] == themes_of(workshop, board)
    first = db.session.scalars(select(Change).where(Change.event == THEMES_CHANGED).order_by(Change.revision)).first()
    # Replaying the broadcast from before the hide serves the themes as they are now, without the note.
    replayed = sync.changes_since(organiser, workshop.id, first.revision - 1)["changes"][0]
    assert replayed["event"] == THEMES_CHANGED
    assert funding[0] not in {i for t in replayed["data"]["themes"] for i in t["note_ids"]}


def test_a_note_moved_to_another_board_leaves_its_theme_there(organiser, workshop):
    ideas = board_by_kind(workshop, "ideas")
    line = board_by_kind(workshop, "washing_line")
    funding = fill(organiser, workshop, ideas, FUNDING)
    settle()
    moderation.move(organiser, workshop.id, funding[0], line.id, line.sections[0].id)
    settle()
    assert funding[0] not in {i for t in themes_of(workshop, ideas) for i in t["note_ids"]}
    assert [t["note_ids"] for t in themes_of(workshop, line)] == [[funding[0]]]
    assert db.session.get(ThemeNote, funding[0]) is not None
    published = {
        c.payload["board_id"] for c in db.session.scalars(select(Change).where(Change.event == THEMES_CHANGED))
    }
    assert {ideas.id, line.id} <= published


def test_a_change_during_a_refresh_waits_for_the_next_run_in_this_process(organiser, workshop, app):
    from facilitation.themes.scheduler import scheduler_of

    board = board_by_kind(workshop, "ideas")
    scheduler = scheduler_of(app)
    fill(organiser, workshop, board, FUNDING[:1])
    scheduler.running.add(workshop.id)  # as if another green thread were refreshing this workshop now
    scheduler.run(workshop.id)
    assert workshop.id in scheduler.pending and themes_of(workshop, board) == []
    scheduler.running.discard(workshop.id)
    settle()
    assert sum(len(t["note_ids"]) for t in themes_of(workshop, board)) == 1


def test_after_a_slow_refresh_the_next_waits_so_themes_take_at_most_a_fifth_of_the_loop(organiser, workshop, app):
    from facilitation.themes.scheduler import BUSY_SHARE, scheduler_of

    board = board_by_kind(workshop, "ideas")
    scheduler = scheduler_of(app)
    app.config["THEMES_DEBOUNCE_SECONDS"] = 1.0
    assert scheduler.delay_for(workshop.id) == 1.0  # never refreshed: the debounce alone
    scheduler.pending[workshop.id] = {board.id}  # a real run, as the background task would start it
    fill(organiser, workshop, board, FUNDING)
    scheduler.run(workshop.id)
    assert scheduler.took[workshop.id] > 0 and sum(len(t["note_ids"]) for t in themes_of(workshop, board)) == 3
    scheduler.took[workshop.id] = 0.75  # as a board of a thousand notes might take
    assert scheduler.delay_for(workshop.id) == pytest.approx(0.75 * (1 - BUSY_SHARE) / BUSY_SHARE) == 3.0
    scheduler.took[workshop.id] = 0.05
    assert scheduler.delay_for(workshop.id) == 1.0
    app.config["THEMES_DEBOUNCE_SECONDS"] = None
    assert scheduler.delay_for(workshop.id) is None  # tests and `off`: only run_pending() refreshes
