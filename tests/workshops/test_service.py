"""Preparing a workshop: templates, details, groups, boards, agenda, projector; each change logged once."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.kernel.access import actor_for_token
from facilitation.kernel.errors import DomainError, Invalid, NotAllowed, NotFound, NotSignedIn
from facilitation.kernel.events import PROJECTOR_CHANGED, STRUCTURE_CHANGED
from facilitation.kernel.visibility import structure_view
from facilitation.models import Change, Note, Workshop
from facilitation.notes import service as notes
from facilitation.workshops import service as workshops
from facilitation.workshops.service import JOIN_CODE_ALPHABET
from facilitation.workshops.templates import BLANK, DEFAULT_SECTIONS, GROUP_COLOURS, OXFORD_2022
from tests.conftest import board_by_kind


def revision_of(workshop_id: int) -> int:
    return db.session.execute(select(Workshop.revision).where(Workshop.id == workshop_id)).scalar_one()


def last_change(workshop_id: int) -> Change:
    return db.session.scalar(
        select(Change).where(Change.workshop_id == workshop_id).order_by(Change.revision.desc()).limit(1)
    )


def change_count(workshop_id: int) -> int:
    return db.session.scalar(select(func.count(Change.id)).where(Change.workshop_id == workshop_id))


def refused(call, error_type, code):
    with pytest.raises(error_type) as raised:
        call()
    db.session.rollback()
    assert raised.value.code == code


# --- templates ----------------------------------------------------------------------------------


def test_oxford_template_has_six_groups_with_distinct_colours(workshop):
    assert [g.name for g in workshop.groups] == [f"Group {n}" for n in range(1, 7)]
    colours = [g.colour for g in workshop.groups]
    assert len(set(colours)) == 6
    assert colours == GROUP_COLOURS[:6]
    tokens = {g.facilitator_token for g in workshop.groups}
    assert len(tokens) == 6
    assert all(t.startswith("f_") for t in tokens)


def test_oxford_template_has_the_days_agenda(workshop):
    agenda = workshop.agenda
    assert len(agenda) == 13
    assert (agenda[0].starts_at, agenda[-1].starts_at) == ("10:00", "15:30")
    assert agenda[-1].title == "End of the event"
    times = [a.starts_at for a in agenda]
    assert times == sorted(times)


def test_oxford_template_has_its_boards_and_sections(workshop):
    expected = [(b["kind"], b["title"], b["sections"], b["open_to_attendees"]) for b in OXFORD_2022["boards"]]
    actual = [(b.kind, b.title, [s.name for s in b.sections], b.open_to_attendees) for b in workshop.boards]
    assert actual == expected
    tree = board_by_kind(workshop, "tree")
    assert [s.name for s in tree.sections] == ["Barriers", "Enablers"]
    assert tree.open_to_attendees is False
    assert [s.name for s in board_by_kind(workshop, "solutions").sections] == ["Knowledge", "Time", "Funding"]
    assert [p.name for p in workshop.perspectives] == ["Link workers", "Cultural providers"]


def test_oxford_template_details_and_first_projector_board(workshop):
    assert workshop.event_date == date(2022, 6, 23)
    assert workshop.venue == "King's Centre, Oxford"
    assert workshop.title == OXFORD_2022["title"]
    assert workshop.projector_board_id == workshop.boards[0].id
    assert workshop.projector_token.startswith("p_")
    assert workshop.revision == 0
    assert workshop.is_open is True


def test_blank_template(organiser):
    blank = workshops.create_workshop(organiser, "blank")
    assert blank.title == BLANK["title"]
    assert blank.event_date is None
    assert [g.name for g in blank.groups] == ["Group 1"]
    assert [(b.kind, b.title, [s.name for s in b.sections]) for b in blank.boards] == [("ideas", "Ideas", ["Ideas"])]
    assert blank.agenda == []
    assert blank.organiser_id == organiser.organiser_id


def test_title_given_at_creation_wins(organiser):
    created = workshops.create_workshop(organiser, "oxford-2022", "Leeds 2025")
    assert created.title == "Leeds 2025"


def test_join_codes_are_six_characters_from_the_alphabet_and_unique(organiser):
    codes = [workshops.create_workshop(organiser, "blank").join_code for _ in range(12)]
    assert len(set(codes)) == 12
    for code in codes:
        assert len(code) == 6
        assert set(code) <= set(JOIN_CODE_ALPHABET)
    assert not set("01OI") & set(JOIN_CODE_ALPHABET)


def test_unknown_template_is_refused(organiser):
    refused(lambda: workshops.create_workshop(organiser, "nope"), NotFound, "unknown_template")


def test_only_organisers_create_workshops(facilitator, attendee, projector):
    for actor in (facilitator, attendee, projector):
        refused(lambda actor=actor: workshops.create_workshop(actor, "blank"), NotAllowed, "forbidden")


# --- editing --------------------------------------------------------------------------------------


def test_update_details(workshop, organiser):
    structure = workshops.update_details(
        organiser, workshop.id, title="  Leeds day ", event_date="2025-03-04", venue="Hall"
    )
    assert structure["workshop"]["title"] == "Leeds day"
    assert structure["workshop"]["event_date"] == "2025-03-04"
    assert structure["workshop"]["venue"] == "Hall"
    assert db.session.get(Workshop, workshop.id).event_date == date(2025, 3, 4)
    workshops.update_details(organiser, workshop.id, title="Leeds day", event_date="", venue="")
    assert db.session.get(Workshop, workshop.id).event_date is None


def test_add_and_edit_a_group(workshop, organiser):
    structure = workshops.save_group(organiser, workshop.id, None, name="Group 7", colour="#112233")
    assert structure["groups"][-1] == {"id": structure["groups"][-1]["id"], "name": "Group 7", "colour": "#112233"}
    new_group = db.session.get(Workshop, workshop.id).groups[-1]
    assert new_group.facilitator_token.startswith("f_")
    assert actor_for_token(new_group.facilitator_token).group_id == new_group.id

    first = workshop.groups[0]
    workshops.save_group(organiser, workshop.id, first.id, name="Dancers", colour="#abcdef")
    assert (first.name, first.colour) == ("Dancers", "#abcdef")


def test_add_a_board_with_default_sections(workshop, organiser):
    structure = workshops.save_board(
        organiser, workshop.id, None, kind="tree", title="Second tree", prompt="Why?", open_to_attendees=True
    )
    added = structure["boards"][-1]
    assert added["title"] == "Second tree"
    assert added["uses_perspective"] is True
    assert [s["name"] for s in added["sections"]] == DEFAULT_SECTIONS["tree"]


def test_board_sections_renamed_added_and_removed(workshop, organiser, facilitator):
    solutions = board_by_kind(workshop, "solutions")
    knowledge, time, funding = solutions.sections
    kept = notes.post_note(
        facilitator,
        workshop.id,
        {"client_id": uuid.uuid4().hex, "board_id": solutions.id, "section_id": knowledge.id, "text": "kept"},
    )
    dropped = notes.post_note(
        facilitator,
        workshop.id,
        {"client_id": uuid.uuid4().hex, "board_id": solutions.id, "section_id": funding.id, "text": "dropped"},
    )

    workshops.save_board(
        organiser,
        workshop.id,
        solutions.id,
        kind="solutions",
        title="Solutions",
        prompt="",
        open_to_attendees=True,
        sections="Learning\nTime\n\n",
    )
    db.session.expire_all()
    assert [(s.id, s.name) for s in solutions.sections] == [(knowledge.id, "Learning"), (time.id, "Time")]
    assert db.session.get(Note, kept["note"]["id"]).section_id == knowledge.id
    assert db.session.get(Note, dropped["note"]["id"]) is None

    structure = workshops.save_board(
        organiser,
        workshop.id,
        solutions.id,
        kind="solutions",
        title="Solutions",
        prompt="",
        open_to_attendees=False,
        sections=["Learning", "Time", "Money", "People"],
    )
    board = next(b for b in structure["boards"] if b["id"] == solutions.id)
    assert [s["name"] for s in board["sections"]] == ["Learning", "Time", "Money", "People"]
    assert board["sections"][0]["id"] == knowledge.id
    assert board["open_to_attendees"] is False


def test_agenda_is_kept_in_time_order(workshop, organiser):
    structure = workshops.save_agenda_item(organiser, workshop.id, None, starts_at="09:30", title="Set up the room")
    assert structure["agenda"][0]["title"] == "Set up the room"
    structure = workshops.save_agenda_item(organiser, workshop.id, None, starts_at=" 12:20 ", title="Photo")
    times = [a["starts_at"] for a in structure["agenda"]]
    assert times == sorted(times)
    assert "12:20" in times

    lunch = next(a for a in workshop.agenda if a.title == "Lunch")
    structure = workshops.save_agenda_item(organiser, workshop.id, lunch.id, starts_at="16:00", title="Late lunch")
    assert structure["agenda"][-1] == {"id": lunch.id, "starts_at": "16:00", "title": "Late lunch"}
    assert len(structure["agenda"]) == 15


def test_delete_group_keeps_its_notes_and_ends_its_link(workshop, organiser, facilitator):
    tree = board_by_kind(workshop, "tree")
    posted = notes.post_note(
        facilitator,
        workshop.id,
        {"client_id": uuid.uuid4().hex, "board_id": tree.id, "section_id": tree.sections[0].id, "text": "t"},
    )
    token = workshop.groups[0].facilitator_token
    structure = workshops.delete_group(organiser, workshop.id, facilitator.group_id)
    assert [g["name"] for g in structure["groups"]] == [f"Group {n}" for n in range(2, 7)]
    assert db.session.get(Note, posted["note"]["id"]).group_id is None
    with pytest.raises(NotSignedIn):
        actor_for_token(token)


def test_delete_board_shown_on_projector_clears_the_projector(workshop, organiser):
    shown = workshop.projector_board_id
    structure = workshops.delete_board(organiser, workshop.id, shown)
    assert shown not in [b["id"] for b in structure["boards"]]
    assert structure["workshop"]["projector_board_id"] is None


def test_delete_agenda_item_and_perspective(workshop, organiser):
    first_item = workshop.agenda[0]
    structure = workshops.delete_agenda_item(organiser, workshop.id, first_item.id)
    assert structure["agenda"][0]["starts_at"] == "10:15"
    structure = workshops.delete_perspective(organiser, workshop.id, workshop.perspectives[0].id)
    assert [p["name"] for p in structure["perspectives"]] == ["Cultural providers"]


def test_set_open_closes_and_reopens(workshop, organiser):
    assert workshops.set_open(organiser, workshop.id, False)["workshop"]["is_open"] is False
    assert workshops.set_open(organiser, workshop.id, True)["workshop"]["is_open"] is True


# --- validation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda a, w: workshops.save_group(a, w.id, None, name="G", colour="red"), "bad_colour"),
        (lambda a, w: workshops.save_group(a, w.id, None, name="G", colour="#12345"), "bad_colour"),
        (lambda a, w: workshops.save_group(a, w.id, None, name="G", colour=None), "bad_colour"),
        (lambda a, w: workshops.save_group(a, w.id, None, name="  ", colour="#123456"), "empty_text"),
        (lambda a, w: workshops.save_group(a, w.id, None, name="g" * 81, colour="#123456"), "text_too_long"),
        (lambda a, w: workshops.save_agenda_item(a, w.id, None, starts_at="25:00", title="x"), "bad_time"),
        (lambda a, w: workshops.save_agenda_item(a, w.id, None, starts_at="9:00", title="x"), "bad_time"),
        (lambda a, w: workshops.save_agenda_item(a, w.id, None, starts_at=None, title="x"), "bad_time"),
        (lambda a, w: workshops.save_agenda_item(a, w.id, None, starts_at="09:00", title=""), "empty_text"),
        (
            lambda a, w: workshops.save_board(a, w.id, None, kind="wall", title="x", prompt="", open_to_attendees=True),
            "bad_kind",
        ),
        (
            lambda a, w: workshops.save_board(
                a, w.id, None, kind="ideas", title=" ", prompt="", open_to_attendees=True
            ),
            "empty_text",
        ),
        (
            lambda a, w: workshops.save_board(
                a, w.id, None, kind="ideas", title="x", prompt="", open_to_attendees=True, sections=["", "  "]
            ),
            "no_sections",
        ),
        (
            lambda a, w: workshops.save_board(
                a, w.id, None, kind="ideas", title="x", prompt="", open_to_attendees=True, sections=[1, 2]
            ),
            "wrong_type",
        ),
        (lambda a, w: workshops.update_details(a, w.id, title="", event_date=None, venue=""), "empty_text"),
        (lambda a, w: workshops.update_details(a, w.id, title=None, event_date=None, venue=""), "wrong_type"),
        (lambda a, w: workshops.update_details(a, w.id, title="T", event_date="23/06/2022", venue=""), "bad_date"),
        (lambda a, w: workshops.update_details(a, w.id, title="T", event_date="2022-13-01", venue=""), "bad_date"),
        (lambda a, w: workshops.update_details(a, w.id, title="T", event_date=20220623, venue=""), "bad_date"),
        (lambda a, w: workshops.save_group(a, w.id, 99999, name="G", colour="#123456"), "unknown_group"),
        (lambda a, w: workshops.delete_board(a, w.id, 99999), "unknown_board"),
        (lambda a, w: workshops.delete_agenda_item(a, w.id, True), "unknown_agendaitem"),
        (lambda a, w: workshops.delete_perspective(a, w.id, "1"), "unknown_perspective"),
        (lambda a, w: workshops.show_on_projector(a, w.id, 99999), "unknown_board"),
    ],
)
def test_invalid_edits_are_refused_and_change_nothing(workshop, organiser, call, code):
    before = structure_view(workshop), revision_of(workshop.id), change_count(workshop.id)
    with pytest.raises(DomainError) as raised:
        call(organiser, workshop)
    assert raised.value.code == code
    assert isinstance(raised.value, Invalid | NotFound)
    db.session.rollback()
    assert (
        structure_view(db.session.get(Workshop, workshop.id)),
        revision_of(workshop.id),
        change_count(workshop.id),
    ) == before


def test_item_of_another_workshop_is_not_found(workshop, organiser, other_organiser):
    other = workshops.create_workshop(other_organiser, "blank")
    refused(lambda: workshops.delete_group(organiser, workshop.id, other.groups[0].id), NotFound, "unknown_group")
    refused(lambda: workshops.show_on_projector(organiser, workshop.id, other.boards[0].id), NotFound, "unknown_board")


# --- permissions ----------------------------------------------------------------------------------

EDITS = [
    lambda a, w: workshops.update_details(a, w.id, title="Mine now", event_date=None, venue=""),
    lambda a, w: workshops.set_open(a, w.id, False),
    lambda a, w: workshops.save_group(a, w.id, None, name="G", colour="#123456"),
    lambda a, w: workshops.delete_group(a, w.id, w.groups[0].id),
    lambda a, w: workshops.save_perspective(a, w.id, None, name="Patients"),
    lambda a, w: workshops.save_board(a, w.id, None, kind="ideas", title="B", prompt="", open_to_attendees=True),
    lambda a, w: workshops.delete_board(a, w.id, w.boards[0].id),
    lambda a, w: workshops.save_agenda_item(a, w.id, None, starts_at="09:00", title="Early"),
    lambda a, w: workshops.delete_agenda_item(a, w.id, w.agenda[0].id),
    lambda a, w: workshops.show_on_projector(a, w.id, None),
    lambda a, w: workshops.managed_workshop(a, w.id),
]


@pytest.mark.parametrize("edit", EDITS)
def test_other_organiser_facilitator_attendee_and_projector_may_not_edit(
    workshop, other_organiser, facilitator, attendee, projector, edit
):
    revision = revision_of(workshop.id)
    for actor in (other_organiser, facilitator, attendee, projector):
        refused(lambda actor=actor: edit(actor, workshop), NotAllowed, "forbidden")
    assert revision_of(workshop.id) == revision


STRUCTURAL_EDITS = EDITS[:-2]


@pytest.mark.parametrize("edit", STRUCTURAL_EDITS)
def test_every_structural_change_takes_one_revision_and_logs_structure_changed(workshop, organiser, edit):
    revision, count = revision_of(workshop.id), change_count(workshop.id)

    structure = edit(organiser, workshop)

    assert revision_of(workshop.id) == revision + 1
    assert change_count(workshop.id) == count + 1
    change = last_change(workshop.id)
    assert (change.revision, change.event, change.audience) == (revision + 1, STRUCTURE_CHANGED, "public")
    assert change.payload == structure == structure_view(db.session.get(Workshop, workshop.id))


# --- projector --------------------------------------------------------------------------------------


def test_show_on_projector_sets_the_board_and_logs_it(workshop, organiser):
    ideas = board_by_kind(workshop, "ideas")
    result = workshops.show_on_projector(organiser, workshop.id, ideas.id)
    assert (result["board_id"], result["revision"]) == (ideas.id, 1)
    assert db.session.get(Workshop, workshop.id).projector_board_id == ideas.id
    change = last_change(workshop.id)
    assert (change.revision, change.event, change.payload["board_id"]) == (1, PROJECTOR_CHANGED, ideas.id)
    assert change_count(workshop.id) == 1

    result = workshops.show_on_projector(organiser, workshop.id, None)
    assert (result["board_id"], result["revision"]) == (None, 2)
    assert last_change(workshop.id).payload["board_id"] is None
