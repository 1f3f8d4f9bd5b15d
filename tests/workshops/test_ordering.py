"""Reordering a workshop's groups, boards and perspectives; the next colour for a new group."""

from __future__ import annotations

import pytest

from facilitation.kernel.errors import Invalid, NotAllowed
from facilitation.workshops import ordering
from facilitation.workshops.templates import GROUP_COLOURS


def test_the_named_items_come_first_in_that_order(workshop, organiser):
    ids = [group.id for group in workshop.groups]
    structure = ordering.reorder(organiser, workshop.id, "groups", [ids[2], ids[0]])
    assert [g["id"] for g in structure["groups"]] == [ids[2], ids[0], ids[1], *ids[3:]]
    boards = [board.id for board in workshop.boards]
    structure = ordering.reorder(organiser, workshop.id, "boards", list(reversed(boards)))
    assert [b["id"] for b in structure["boards"]] == list(reversed(boards))


@pytest.mark.parametrize("ids", [[], [True], ["1"], "1,2", None])
def test_a_malformed_order_is_refused(workshop, organiser, ids):
    with pytest.raises(Invalid) as refused:
        ordering.reorder(organiser, workshop.id, "groups", ids)
    assert refused.value.code == "bad_order"


def test_an_order_naming_a_stranger_or_twice_is_refused(workshop, organiser):
    first = workshop.groups[0].id
    for ids in ([first, first], [first, 999_999], [workshop.boards[0].id + 10_000]):
        with pytest.raises(Invalid):
            ordering.reorder(organiser, workshop.id, "groups", ids)
    with pytest.raises(Invalid):
        ordering.reorder(organiser, workshop.id, "agenda", [workshop.agenda[0].id])


def test_only_the_owner_reorders(workshop, other_organiser):
    with pytest.raises(NotAllowed):
        ordering.reorder(other_organiser, workshop.id, "groups", [workshop.groups[0].id])


def test_new_groups_get_the_next_unused_palette_colour():
    assert ordering.next_group_colour([]) == GROUP_COLOURS[0]
    assert ordering.next_group_colour([GROUP_COLOURS[0].lower(), GROUP_COLOURS[2]]) == GROUP_COLOURS[1]
    assert ordering.next_group_colour(GROUP_COLOURS) == GROUP_COLOURS[0]
