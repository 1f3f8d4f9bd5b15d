"""Dot voting through the services: the allowance per attendee session, hidden tallies, reveal, close."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.kernel import broadcast
from facilitation.kernel.access import actor_for_token
from facilitation.kernel.errors import Conflict, NotAllowed, NotFound
from facilitation.models import Note, Vote
from facilitation.moderation import service as moderation
from facilitation.voting import service as voting
from facilitation.workshops import participants
from tests.conftest import board_by_kind
from tests.moderation.test_service import post


@pytest.fixture
def published(monkeypatch):
    """Every (audience, envelope) handed to broadcast.publish, in order."""
    sent: list[tuple[str, dict]] = []
    monkeypatch.setattr(
        broadcast, "publish", lambda workshop_id, changes: sent.extend((c.audience, c.envelope()) for c in changes)
    )
    return sent


@pytest.fixture
def solutions(workshop):
    return board_by_kind(workshop, "solutions")


@pytest.fixture
def three_notes(workshop, facilitator, solutions):
    return [post(facilitator, workshop, solutions, text=f"Idea {n}")["id"] for n in range(3)]


def second_phone(workshop):
    return actor_for_token(participants.join(workshop.join_code, "Lee")["token"])


def open_round(organiser, workshop, board, votes=2):
    return voting.open_round(organiser, workshop.id, board.id, votes)["round"]


def test_attendee_spends_and_takes_back_votes_within_the_allowance(
    workshop, organiser, attendee, solutions, three_notes
):
    vote_round = open_round(organiser, workshop, solutions, votes=2)

    first = voting.cast(attendee, workshop.id, vote_round["id"], three_notes[0])
    second = voting.cast(attendee, workshop.id, vote_round["id"], three_notes[1])
    assert (first["left"], second["left"]) == (1, 0)
    with pytest.raises(Conflict) as raised:
        voting.cast(attendee, workshop.id, vote_round["id"], three_notes[2])
    assert raised.value.code == "no_votes_left"
    db.session.rollback()

    back = voting.retract(attendee, workshop.id, vote_round["id"], three_notes[0])
    assert back == {**back, "left": 1, "mine": [three_notes[1]]}
    assert voting.cast(attendee, workshop.id, vote_round["id"], three_notes[2])["left"] == 0


def test_the_allowance_is_per_attendee_session(workshop, organiser, attendee, solutions, three_notes):
    vote_round = open_round(organiser, workshop, solutions, votes=1)
    other = second_phone(workshop)
    voting.cast(attendee, workshop.id, vote_round["id"], three_notes[0])
    assert voting.cast(other, workshop.id, vote_round["id"], three_notes[0])["left"] == 0
    with pytest.raises(Conflict):
        voting.cast(other, workshop.id, vote_round["id"], three_notes[1])


def test_one_vote_per_note_per_attendee(workshop, organiser, attendee, solutions, three_notes):
    vote_round = open_round(organiser, workshop, solutions, votes=3)
    voting.cast(attendee, workshop.id, vote_round["id"], three_notes[0])
    with pytest.raises(Conflict) as raised:
        voting.cast(attendee, workshop.id, vote_round["id"], three_notes[0])
    assert raised.value.code == "already_voted"


def test_tallies_stay_hidden_until_revealed(
    workshop, organiser, attendee, facilitator, solutions, three_notes, published
):
    vote_round = open_round(organiser, workshop, solutions)
    published.clear()
    voting.cast(attendee, workshop.id, vote_round["id"], three_notes[0])

    [(audience, envelope)] = published
    assert (audience, envelope["event"]) == ("public", "vote:changed")
    assert envelope["data"]["round"]["votes_cast"] == 1
    assert envelope["data"]["round"]["result"] is None
    assert db.session.get(Note, three_notes[0]).votes is None
    for actor in (attendee, facilitator):
        assert all(r["result"] is None for r in voting.status(actor, workshop.id)["rounds"])
    with pytest.raises(NotAllowed):
        voting.rounds_for_organiser(facilitator, workshop.id)
    [organiser_view] = voting.rounds_for_organiser(organiser, workshop.id)
    assert organiser_view["result"][0] == {"note_id": three_notes[0], "text": "Idea 0", "votes": 1}


def test_reveal_puts_each_tally_on_its_note_for_every_screen(
    workshop, organiser, attendee, solutions, three_notes, published
):
    vote_round = open_round(organiser, workshop, solutions)
    voting.cast(attendee, workshop.id, vote_round["id"], three_notes[1])
    voting.cast(second_phone(workshop), workshop.id, vote_round["id"], three_notes[1])
    published.clear()

    voting.reveal(organiser, workshop.id, vote_round["id"])

    updates = {
        e["data"]["note"]["id"]: e["data"]["note"]["votes"] for a, e in published if e["event"] == "note:updated"
    }
    assert updates == {three_notes[0]: 0, three_notes[1]: 2, three_notes[2]: 0}
    assert all(audience == "public" for audience, _ in published)
    published.clear()
    voting.retract(attendee, workshop.id, vote_round["id"], three_notes[1])
    assert [e["data"]["note"]["votes"] for a, e in published if e["event"] == "note:updated"] == [1]


def test_closing_keeps_the_result_and_refuses_further_votes(workshop, organiser, attendee, solutions, three_notes):
    vote_round = open_round(organiser, workshop, solutions)
    voting.cast(attendee, workshop.id, vote_round["id"], three_notes[2])

    closed = voting.close_round(organiser, workshop.id, vote_round["id"])["round"]

    assert closed["status"] == "closed"
    assert closed["result"] is None  # still hidden: not revealed
    moderation.edit(organiser, workshop.id, three_notes[2], "Idea 2, reworded", 1)
    [kept] = voting.rounds_for_organiser(organiser, workshop.id)
    assert kept["result"] == [{"note_id": three_notes[2], "text": "Idea 2", "votes": 1}]
    with pytest.raises(Conflict) as raised:
        voting.cast(attendee, workshop.id, vote_round["id"], three_notes[0])
    assert raised.value.code == "round_closed"
    revealed = voting.reveal(organiser, workshop.id, vote_round["id"])["round"]
    assert revealed["result"] == kept["result"]


def test_only_one_open_round_per_board(workshop, organiser, solutions):
    open_round(organiser, workshop, solutions)
    with pytest.raises(Conflict) as raised:
        open_round(organiser, workshop, solutions)
    assert raised.value.code == "round_open"


def test_a_new_round_clears_the_previous_tallies(workshop, organiser, attendee, solutions, three_notes):
    first = open_round(organiser, workshop, solutions)
    voting.cast(attendee, workshop.id, first["id"], three_notes[0])
    voting.reveal(organiser, workshop.id, first["id"])
    voting.close_round(organiser, workshop.id, first["id"])

    open_round(organiser, workshop, solutions)

    assert all(db.session.get(Note, n).votes is None for n in three_notes)


def test_who_may_run_and_cast_votes(workshop, organiser, attendee, facilitator, projector, solutions, three_notes):
    with pytest.raises(NotAllowed):
        voting.open_round(facilitator, workshop.id, solutions.id, 3)
    with pytest.raises(NotAllowed):
        voting.open_round(attendee, workshop.id, solutions.id, 3)
    vote_round = open_round(organiser, workshop, solutions)
    for actor in (facilitator, projector, organiser):
        with pytest.raises(NotAllowed):
            voting.cast(actor, workshop.id, vote_round["id"], three_notes[0])
        db.session.rollback()
    with pytest.raises(NotAllowed):
        voting.reveal(facilitator, workshop.id, vote_round["id"])


def test_votes_only_for_visible_notes_on_the_rounds_board(
    workshop, organiser, attendee, facilitator, solutions, three_notes
):
    vote_round = open_round(organiser, workshop, solutions)
    elsewhere = post(attendee, workshop, board_by_kind(workshop, "ideas"))
    moderation.hide(organiser, workshop.id, three_notes[0])
    for note_id in (elsewhere["id"], three_notes[0], 999_999):
        with pytest.raises(NotFound):
            voting.cast(attendee, workshop.id, vote_round["id"], note_id)
        db.session.rollback()


@pytest.mark.parametrize("allowance", [0, 21, True])
def test_allowance_must_be_sensible(workshop, organiser, solutions, allowance):
    with pytest.raises(Exception) as raised:
        voting.open_round(organiser, workshop.id, solutions.id, allowance)
    assert raised.value.code == "bad_allowance"


def test_merging_moves_dots_to_the_kept_note_and_refunds_doubles(workshop, organiser, attendee, solutions, three_notes):
    vote_round = open_round(organiser, workshop, solutions, votes=3)
    other = second_phone(workshop)
    voting.cast(attendee, workshop.id, vote_round["id"], three_notes[0])
    voting.cast(attendee, workshop.id, vote_round["id"], three_notes[1])
    voting.cast(other, workshop.id, vote_round["id"], three_notes[1])

    moderation.merge(organiser, workshop.id, three_notes[1], three_notes[0])

    counts = voting.tallies(vote_round["id"])
    assert counts == {three_notes[0]: 2}
    assert voting.status(attendee, workshop.id)["rounds"][0]["left"] == 2
    assert db.session.scalar(select(func.count(Vote.id))) == 2
