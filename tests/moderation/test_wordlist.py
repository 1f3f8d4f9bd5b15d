"""The blocked-word list: whole-word matching, and matching attendee notes wait in the queue."""

from __future__ import annotations

import pytest

from facilitation.kernel.errors import Invalid, NotAllowed
from facilitation.moderation import wordlist
from tests.moderation.test_service import post


def test_words_are_normalised_and_deduplicated(workshop, organiser):
    result = wordlist.set_words(organiser, workshop.id, ["  Rubbish ", "rubbish", "", "Date  of   Birth"])
    assert result["words"] == ["date of birth", "rubbish"]


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("This is RUBBISH", ["rubbish"]),
        ("rubbish!", ["rubbish"]),
        ("Rubbishy weather", []),
        ("her date of birth is", ["date of birth"]),
        ("date\nof  birth", ["date of birth"]),
        ("update of birthdays", []),
    ],
)
def test_matching_is_case_insensitive_on_whole_words(workshop, organiser, text, hits):
    wordlist.set_words(organiser, workshop.id, ["rubbish", "date of birth"])
    assert wordlist.blocked_words_in(workshop.id, text) == hits


def test_an_attendee_note_with_a_blocked_word_goes_to_the_queue(workshop, organiser, attendee):
    wordlist.set_words(organiser, workshop.id, ["rubbish"])
    assert post(attendee, workshop, text="This is rubbish")["status"] == "pending"
    assert post(attendee, workshop, text="This is lovely")["status"] == "visible"


def test_moderators_notes_are_not_held_back(workshop, organiser, facilitator):
    wordlist.set_words(organiser, workshop.id, ["rubbish"])
    assert post(facilitator, workshop, text="Quoting: rubbish")["status"] == "visible"


def test_only_the_organiser_manages_the_list(workshop, facilitator, attendee):
    for actor in (facilitator, attendee):
        with pytest.raises(NotAllowed):
            wordlist.set_words(actor, workshop.id, ["x"])
        with pytest.raises(NotAllowed):
            wordlist.get_words(actor, workshop.id)


@pytest.mark.parametrize("words", ["rubbish", [1, 2], ["x" * 81]])
def test_bad_lists_are_refused(workshop, organiser, words):
    with pytest.raises(Invalid):
        wordlist.set_words(organiser, workshop.id, words)
