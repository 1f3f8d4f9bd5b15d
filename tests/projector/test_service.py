"""The projector's state, agenda marker, timer and word cloud, through the services alone (no HTTP, no sockets)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from facilitation.extensions import db
from facilitation.kernel.errors import Invalid, NotAllowed, NotFound
from facilitation.kernel.events import PROJECTOR_CHANGED
from facilitation.models import Change, Note, ProjectorState, Workshop
from facilitation.notes import service as notes
from facilitation.projector import agenda_timer, wordcloud
from facilitation.projector import service as projector
from facilitation.projector import state as projector_state
from facilitation.sync import service as changes
from facilitation.workshops import service as workshops
from tests.conftest import board_by_kind


def last_change(workshop_id: int) -> Change:
    return db.session.query(Change).filter_by(workshop_id=workshop_id).order_by(Change.revision.desc()).first()


def post(actor, workshop, kind="ideas", text="Museums on prescription"):
    board = board_by_kind(workshop, kind)
    payload = {"client_id": uuid.uuid4().hex, "board_id": board.id, "section_id": board.sections[0].id, "text": text}
    return notes.post_note(actor, workshop.id, payload)["note"]


@pytest.fixture
def frozen_clock(monkeypatch):
    """Pin the projector's clock so times in the state can be checked exactly."""
    moment = {"now": datetime(2022, 6, 23, 10, 0, tzinfo=UTC)}
    monkeypatch.setattr(projector_state, "now_utc", lambda: moment["now"])
    monkeypatch.setattr(projector, "now_utc", lambda: moment["now"])
    monkeypatch.setattr(agenda_timer, "now_utc", lambda: moment["now"])
    return moment


# --- what it shows --------------------------------------------------------------------------------


def test_every_page_gets_the_projector_state_with_a_default_before_any_choice(workshop, attendee):
    state = changes.workshop_state(attendee, workshop.id)
    assert state["projector"]["mode"] == "single"
    assert state["projector"]["target"] == {"kind": "board", "board_id": workshop.boards[0].id}
    assert state["projector"]["timer"] == {"duration_seconds": 0, "running": False, "ends_at": None, "remaining_ms": 0}
    assert datetime.fromisoformat(state["server_time"]).tzinfo is not None


def test_showing_a_board_logs_the_whole_state_at_the_next_revision(workshop, organiser):
    ideas = board_by_kind(workshop, "ideas")
    result = projector.show(organiser, workshop.id, "board", ideas.id)
    assert result["revision"] == 1
    assert result["projector"]["target"] == {"kind": "board", "board_id": ideas.id}
    change = last_change(workshop.id)
    assert (change.revision, change.event, change.payload) == (1, PROJECTOR_CHANGED, result["projector"])
    assert db.session.get(Workshop, workshop.id).projector_board_id == ideas.id


def test_welcome_and_evaluation_are_targets_without_a_board(workshop, organiser):
    assert projector.show(organiser, workshop.id, "welcome")["projector"]["target"] == {"kind": "welcome"}
    assert projector.show(organiser, workshop.id, "evaluation")["projector"]["target"] == {"kind": "evaluation"}


@pytest.mark.parametrize(
    ("kind", "board_id", "code"),
    [("poster", None, "bad_target"), ("board", None, "unknown_board"), ("welcome", 1, "bad_target")],
)
def test_bad_targets_are_refused_and_nothing_is_logged(workshop, organiser, kind, board_id, code):
    with pytest.raises((Invalid, NotFound)) as refused:
        projector.show(organiser, workshop.id, kind, board_id)
    assert refused.value.code == code
    assert last_change(workshop.id) is None


def test_the_first_api_still_answers_board_id_and_revision(workshop, organiser):
    ideas = board_by_kind(workshop, "ideas")
    assert workshops.show_on_projector(organiser, workshop.id, ideas.id) == {"board_id": ideas.id, "revision": 1}
    assert workshops.show_on_projector(organiser, workshop.id, None) == {"board_id": None, "revision": 2}
    assert last_change(workshop.id).payload["target"] == {"kind": "welcome"}


def test_only_the_workshops_organiser_controls_the_projector(
    workshop, other_organiser, attendee, facilitator, projector
):
    board = workshop.boards[0]
    calls = [
        lambda actor: projector_service().show(actor, workshop.id, "welcome"),
        lambda actor: projector_service().rotate(actor, workshop.id, [board.id], 10),
        lambda actor: projector_service().set_hidden(actor, workshop.id, board.id, True),
        lambda actor: projector_service().spotlight(actor, workshop.id, None),
        lambda actor: projector_service().set_display(actor, workshop.id, board.id, "wall"),
        lambda actor: agenda_timer.step_now(actor, workshop.id, 1),
        lambda actor: agenda_timer.set_now(actor, workshop.id, None),
        lambda actor: agenda_timer.start_timer(actor, workshop.id, 5),
        lambda actor: agenda_timer.pause_timer(actor, workshop.id),
        lambda actor: agenda_timer.reset_timer(actor, workshop.id),
    ]
    for actor in (other_organiser, attendee, facilitator, projector):
        for call in calls:
            with pytest.raises(NotAllowed):
                call(actor)
    assert last_change(workshop.id) is None


def projector_service():
    return projector


def test_rotation_keeps_the_chosen_boards_in_order_and_starts_now(workshop, organiser, frozen_clock):
    first, second = workshop.boards[2].id, workshop.boards[0].id
    state = projector.rotate(organiser, workshop.id, [first, second, first], 20)["projector"]
    assert state["mode"] == "rotation"
    assert state["rotation"] == {"board_ids": [first, second], "seconds": 20, "started_at": "2022-06-23T10:00:00+00:00"}
    # Showing one board ends the rotation.
    assert projector.show(organiser, workshop.id, "board", first)["projector"]["mode"] == "single"


@pytest.mark.parametrize(
    ("board_ids", "seconds", "code"),
    [([], 20, "no_boards"), ([99999], 20, "unknown_board"), (None, 20, "no_boards"), ("x", 20, "no_boards")]
    + [(["first"], 4, "unknown_board"), ([0], 601, "unknown_board")],
)
def test_bad_rotations_are_refused(workshop, organiser, board_ids, seconds, code):
    with pytest.raises((Invalid, NotFound)) as refused:
        projector.rotate(organiser, workshop.id, board_ids, seconds)
    assert refused.value.code == code


@pytest.mark.parametrize("seconds", [4, 601, True, 10.5])
def test_rotation_seconds_must_be_readable(workshop, organiser, seconds):
    with pytest.raises(Invalid) as refused:
        projector.rotate(organiser, workshop.id, [workshop.boards[0].id], seconds)
    assert refused.value.code == "bad_seconds"


def test_hiding_and_revealing_a_board(workshop, organiser):
    board = workshop.boards[1]
    assert projector.set_hidden(organiser, workshop.id, board.id, True)["projector"]["hidden_board_ids"] == [board.id]
    assert projector.set_hidden(organiser, workshop.id, board.id, True)["projector"]["hidden_board_ids"] == [board.id]
    assert projector.set_hidden(organiser, workshop.id, board.id, False)["projector"]["hidden_board_ids"] == []
    with pytest.raises(Invalid):
        projector.set_hidden(organiser, workshop.id, board.id, "yes")


def test_a_deleted_board_drops_out_of_the_state(workshop, organiser):
    ideas = board_by_kind(workshop, "ideas")
    projector.rotate(organiser, workshop.id, [ideas.id, workshop.boards[0].id], 30)
    projector.set_hidden(organiser, workshop.id, ideas.id, True)
    projector.set_display(organiser, workshop.id, ideas.id, "cloud")
    workshops.delete_board(organiser, workshop.id, ideas.id)
    state = projector_state.projector_view(db.session.get(Workshop, workshop.id))
    assert state["rotation"]["board_ids"] == [workshop.boards[0].id]
    assert state["hidden_board_ids"] == []
    assert state["board_displays"] == {}


def test_spotlight_takes_a_visible_note_of_this_workshop(workshop, organiser, attendee, other_organiser):
    note = post(attendee, workshop)
    assert projector.spotlight(organiser, workshop.id, note["id"])["projector"]["spotlight_note_id"] == note["id"]
    assert projector.spotlight(organiser, workshop.id, None)["projector"]["spotlight_note_id"] is None
    with pytest.raises(NotFound):
        projector.spotlight(organiser, workshop.id, 99999)
    other = workshops.create_workshop(other_organiser, "oxford-2022")
    foreign = post(actor_for(other.groups[0].facilitator_token), other)
    with pytest.raises(NotFound):
        projector.spotlight(organiser, workshop.id, foreign["id"])
    hidden = db.session.get(Note, note["id"])
    hidden.status = "hidden"
    db.session.commit()
    with pytest.raises(Invalid) as refused:
        projector.spotlight(organiser, workshop.id, note["id"])
    assert refused.value.code == "note_not_visible"


def actor_for(token):
    from facilitation.kernel.access import actor_for_token

    return actor_for_token(token)


def test_word_cloud_display_is_for_ideas_boards_only(workshop, organiser):
    ideas, tree = board_by_kind(workshop, "ideas"), board_by_kind(workshop, "tree")
    assert projector.set_display(organiser, workshop.id, ideas.id, "cloud")["projector"]["board_displays"] == {
        str(ideas.id): "cloud"
    }
    assert projector.set_display(organiser, workshop.id, ideas.id, "wall")["projector"]["board_displays"] == {}
    for board_id, display in ((tree.id, "cloud"), (ideas.id, "poster")):
        with pytest.raises(Invalid) as refused:
            projector.set_display(organiser, workshop.id, board_id, display)
        assert refused.value.code == "bad_display"


# --- agenda "now" marker --------------------------------------------------------------------------


def test_agenda_marker_steps_through_the_timetable_and_stops_at_the_ends(workshop, organiser):
    ids = [item.id for item in workshop.agenda]
    assert agenda_timer.step_now(organiser, workshop.id, 1)["projector"]["agenda_now_id"] == ids[0]
    assert agenda_timer.step_now(organiser, workshop.id, 1)["projector"]["agenda_now_id"] == ids[1]
    assert agenda_timer.step_now(organiser, workshop.id, -1)["projector"]["agenda_now_id"] == ids[0]
    assert agenda_timer.step_now(organiser, workshop.id, -1)["projector"]["agenda_now_id"] is None
    assert agenda_timer.step_now(organiser, workshop.id, -1)["projector"]["agenda_now_id"] is None
    assert agenda_timer.set_now(organiser, workshop.id, ids[-1])["projector"]["agenda_now_id"] == ids[-1]
    assert agenda_timer.step_now(organiser, workshop.id, 1)["projector"]["agenda_now_id"] == ids[-1]
    assert agenda_timer.set_now(organiser, workshop.id, None)["projector"]["agenda_now_id"] is None


@pytest.mark.parametrize("step", [0, 2, True, "1"])
def test_agenda_steps_are_one_forward_or_back(workshop, organiser, step):
    with pytest.raises(Invalid):
        agenda_timer.step_now(organiser, workshop.id, step)


def test_agenda_marker_refuses_items_of_other_workshops(workshop, organiser, other_organiser):
    other = workshops.create_workshop(other_organiser, "oxford-2022")
    with pytest.raises(NotFound):
        agenda_timer.set_now(organiser, workshop.id, other.agenda[0].id)


# --- countdown timer ------------------------------------------------------------------------------


def test_timer_stores_moments_and_pauses_with_what_is_left(workshop, organiser, frozen_clock):
    started = agenda_timer.start_timer(organiser, workshop.id, 5)["projector"]["timer"]
    assert started == {
        "duration_seconds": 300,
        "running": True,
        "ends_at": "2022-06-23T10:05:00+00:00",
        "remaining_ms": 300_000,
    }
    frozen_clock["now"] += timedelta(seconds=90)
    paused = agenda_timer.pause_timer(organiser, workshop.id)["projector"]["timer"]
    assert paused == {"duration_seconds": 300, "running": False, "ends_at": None, "remaining_ms": 210_000}
    frozen_clock["now"] += timedelta(minutes=30)  # a long pause costs nothing
    resumed = agenda_timer.start_timer(organiser, workshop.id)["projector"]["timer"]
    assert resumed["ends_at"] == "2022-06-23T10:35:00+00:00" and resumed["remaining_ms"] == 210_000
    reset = agenda_timer.reset_timer(organiser, workshop.id)["projector"]["timer"]
    assert reset == {"duration_seconds": 300, "running": False, "ends_at": None, "remaining_ms": 300_000}


def test_timer_accepts_half_minutes_and_refuses_nonsense(workshop, organiser):
    assert agenda_timer.start_timer(organiser, workshop.id, 0.5)["projector"]["timer"]["duration_seconds"] == 30
    for minutes in (0, -1, 601, True, "5"):
        with pytest.raises(Invalid) as refused:
            agenda_timer.start_timer(organiser, workshop.id, minutes)
        assert refused.value.code == "bad_minutes"


def test_timer_refuses_impossible_transitions(workshop, organiser):
    with pytest.raises(Invalid) as refused:
        agenda_timer.pause_timer(organiser, workshop.id)
    assert refused.value.code == "timer_not_running"
    with pytest.raises(Invalid) as refused:
        agenda_timer.start_timer(organiser, workshop.id)
    assert refused.value.code == "no_minutes"
    agenda_timer.start_timer(organiser, workshop.id, 1)
    with pytest.raises(Invalid) as refused:
        agenda_timer.start_timer(organiser, workshop.id)
    assert refused.value.code == "timer_running"


def test_a_reconnecting_screen_catches_up_on_projector_changes(workshop, organiser, projector):
    agenda_timer.start_timer(organiser, workshop.id, 2)
    agenda_timer.step_now(organiser, workshop.id, 1)
    caught_up = changes.changes_since(projector, workshop.id, 1)
    assert [c["event"] for c in caught_up["changes"]] == [PROJECTOR_CHANGED]
    assert caught_up["changes"][0]["data"]["agenda_now_id"] == workshop.agenda[0].id
    assert caught_up["changes"][0]["data"]["timer"]["running"] is True


def test_one_row_per_workshop(workshop, organiser):
    agenda_timer.start_timer(organiser, workshop.id, 1)
    projector.show(organiser, workshop.id, "welcome")
    assert db.session.query(ProjectorState).count() == 1


# --- word cloud -----------------------------------------------------------------------------------


def test_word_frequencies_drop_stop_words_and_are_stable():
    texts = [
        "The museum and the library, for the community.",
        "Museums: community choirs! Community.",
        "Café, CAFÉ and cafe\u0301 are one word; don't count 42 or a.",
        "المتاحف والمكتبات المتاحف",
    ]
    result = wordcloud.word_frequencies(texts)
    assert result["words"][:3] == [
        {"word": "café", "count": 3},
        {"word": "community", "count": 3},
        {"word": "المتاحف", "count": 2},
    ]
    words = [entry["word"] for entry in result["words"]]
    assert not {"the", "and", "for", "don't", "a", "or", "42"} & set(words)
    assert wordcloud.word_frequencies(list(reversed(texts))) == result


def test_word_frequencies_skip_unbroken_runs_and_respect_the_limit():
    result = wordcloud.word_frequencies(["x" * 120 + " arts" * 3 + " museum library"], limit=1)
    assert result["words"] == [{"word": "arts", "count": 3}]


def test_board_word_cloud_counts_visible_notes_only(workshop, organiser, attendee, projector):
    post(attendee, workshop, text="Singing for wellbeing")
    hidden = post(attendee, workshop, text="Singing secret")
    note = db.session.get(Note, hidden["id"])
    note.status = "hidden"
    db.session.commit()
    cloud = wordcloud.board_word_cloud(projector, workshop.id, board_by_kind(workshop, "ideas").id)
    assert cloud["words"] == [{"word": "singing", "count": 1}, {"word": "wellbeing", "count": 1}]
    with pytest.raises(NotFound):
        wordcloud.board_word_cloud(projector, workshop.id, 99999)
