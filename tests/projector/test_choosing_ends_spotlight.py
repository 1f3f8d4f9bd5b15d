"""Choosing what the projector shows takes effect at once: it ends a spotlight, and a word cloud goes up.

Both were reported from the room: with a note spotlighted, "Show → Solutions" answered "The projector
follows." while the note stayed up; "Show a word cloud" changed nothing until the board was shown again.
"""

from __future__ import annotations

from facilitation.projector import service as projector
from tests.conftest import board_by_kind
from tests.projector.test_service import post


def test_showing_anything_clears_the_spotlight(workshop, organiser, attendee):
    note = post(attendee, workshop)
    solutions = board_by_kind(workshop, "solutions")
    for kind, board_id in (("board", solutions.id), ("welcome", None), ("evaluation", None)):
        projector.spotlight(organiser, workshop.id, note["id"])
        shown = projector.show(organiser, workshop.id, kind, board_id)["projector"]
        assert shown["spotlight_note_id"] is None
        assert shown["target"]["kind"] == kind


def test_choosing_the_word_cloud_shows_that_board_as_a_cloud(workshop, organiser, attendee):
    note = post(attendee, workshop)
    ideas = board_by_kind(workshop, "ideas")
    projector.show(organiser, workshop.id, "welcome")
    projector.rotate(organiser, workshop.id, [workshop.boards[0].id], 30)
    projector.spotlight(organiser, workshop.id, note["id"])
    shown = projector.set_display(organiser, workshop.id, ideas.id, "cloud")["projector"]
    assert shown["mode"] == "single"
    assert shown["target"] == {"kind": "board", "board_id": ideas.id}
    assert shown["board_displays"] == {str(ideas.id): "cloud"}
    assert shown["spotlight_note_id"] is None
    back = projector.set_display(organiser, workshop.id, ideas.id, "wall")["projector"]
    assert back["target"] == {"kind": "board", "board_id": ideas.id} and back["board_displays"] == {}
