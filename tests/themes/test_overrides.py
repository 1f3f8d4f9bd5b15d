"""People's decisions about themes stick: through new notes arriving and through a full regroup."""

from __future__ import annotations

import pytest

from facilitation.kernel.access import actor_for_token
from facilitation.kernel.errors import NotAllowed
from facilitation.projector import focus
from facilitation.projector import service as projector
from facilitation.themes import overrides
from facilitation.themes import service as themes
from facilitation.workshops import participants
from tests.conftest import board_by_kind
from tests.themes.helpers import partition, post, settle, theme_holding, themes_of
from tests.themes.test_service import DANCE, FUNDING, fill


@pytest.fixture
def grouped(organiser, workshop):
    board = board_by_kind(workshop, "ideas")
    funding, dance = fill(organiser, workshop, board, FUNDING), fill(organiser, workshop, board, DANCE)
    settle()
    return board, funding, dance


def test_a_typed_label_sticks_through_new_notes_and_a_regroup(organiser, workshop, grouped):
    board, funding, _dance = grouped
    theme_id = theme_holding(workshop, board, funding[0])["id"]
    overrides.rename(organiser, workshop.id, theme_id, "  Money   worries ")
    post(organiser, workshop, board, "Funding for artists runs out every year")
    settle()
    themes.recluster(organiser, workshop.id, board.id)
    theme = theme_holding(workshop, board, funding[0])
    assert (theme["id"], theme["label"], theme["label_is_custom"]) == (theme_id, "Money worries", True)
    overrides.rename(organiser, workshop.id, theme_id, "")
    assert theme_holding(workshop, board, funding[0])["label"] == theme["suggested_label"]


def test_a_moved_note_stays_where_it_was_put(organiser, workshop, grouped):
    board, funding, dance = grouped
    dance_theme = theme_holding(workshop, board, dance[0])["id"]
    overrides.move_note(organiser, workshop.id, funding[2], dance_theme)
    post(organiser, workshop, board, "Funding bids for arts take months")
    settle()
    themes.recluster(organiser, workshop.id, board.id)
    assert funding[2] in theme_holding(workshop, board, dance[0])["note_ids"]
    overrides.move_note(organiser, workshop.id, funding[2], None)
    assert theme_holding(workshop, board, funding[2])["note_ids"] == [funding[2]]


def test_merge_and_split_stick(organiser, workshop, grouped):
    board, funding, dance = grouped
    into = theme_holding(workshop, board, dance[0])["id"]
    overrides.merge(organiser, workshop.id, theme_holding(workshop, board, funding[0])["id"], into)
    assert partition(workshop, board) == [set(funding + dance)]
    themes.recluster(organiser, workshop.id, board.id)
    assert partition(workshop, board) == [set(funding + dance)]
    overrides.split(organiser, workshop.id, into, dance[:2])
    post(organiser, workshop, board, "Dance for older people at the hall")
    settle()
    themes.recluster(organiser, workshop.id, board.id)
    split_off = set(theme_holding(workshop, board, dance[0])["note_ids"])
    assert set(dance[:2]) <= split_off and not split_off & set(funding + dance[2:])


def test_a_facilitator_may_not_regroup_another_groups_notes(organiser, workshop):
    board = board_by_kind(workshop, "ideas")
    group1 = actor_for_token(workshop.groups[0].facilitator_token)
    group2 = actor_for_token(workshop.groups[1].facilitator_token)
    mine = fill(group1, workshop, board, FUNDING)
    theirs = fill(group2, workshop, board, DANCE)
    settle()
    own_theme = theme_holding(workshop, board, mine[0])["id"]
    overrides.rename(group1, workshop.id, own_theme, "Our money")
    with pytest.raises(NotAllowed):
        overrides.rename(group1, workshop.id, theme_holding(workshop, board, theirs[0])["id"], "Theirs")
    with pytest.raises(NotAllowed):
        overrides.move_note(group1, workshop.id, theirs[0], own_theme)
    with pytest.raises(NotAllowed):
        themes.recluster(group1, workshop.id, board.id)
    attendee = actor_for_token(participants.join(workshop.join_code, "Sam")["token"])
    with pytest.raises(NotAllowed):
        overrides.rename(attendee, workshop.id, own_theme, "Mine")


def test_focus_is_stored_shown_and_cleared_by_another_board(organiser, workshop, grouped):
    board, funding, _dance = grouped
    projector.show(organiser, workshop.id, "board", board.id)
    theme_id = theme_holding(workshop, board, funding[0])["id"]
    result = focus.set_focus(organiser, workshop.id, {"kind": "theme", "value": theme_id})
    assert result["projector"]["focus"] == {"kind": "theme", "value": theme_id}
    group = workshop.groups[2].id
    assert (
        focus.set_focus(organiser, workshop.id, {"kind": "group", "value": group})["projector"]["focus"]["value"]
        == group
    )
    assert projector.show(organiser, workshop.id, "board", board.id)["projector"]["focus"] is not None
    other = board_by_kind(workshop, "tree")
    assert projector.show(organiser, workshop.id, "board", other.id)["projector"]["focus"] is None
    tree_focus = focus.set_focus(organiser, workshop.id, {"kind": "note_kind", "value": "Barriers"})
    assert tree_focus["projector"]["focus"] == {"kind": "note_kind", "value": "barriers"}
    assert themes_of(workshop, board)  # unaffected by what the projector shows
