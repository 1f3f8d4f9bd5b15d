"""Joining with the code, the access tokens people carry, organiser accounts, and the first-start demo."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.kernel.access import actor_for_token, hash_token
from facilitation.kernel.errors import Closed, Conflict, Invalid, NotFound, NotSignedIn
from facilitation.kernel.events import NOTE_ADDED
from facilitation.models import Change, Group, Note, Organiser, Participant, Workshop
from facilitation.organisers import service as organisers
from facilitation.sync import service as changes
from facilitation.workshops import demo, participants
from facilitation.workshops import service as workshops
from facilitation.workshops.service import JOIN_CODE_ALPHABET
from facilitation.workshops.templates import DEMO_NOTES, OXFORD_2022


def participant_count() -> int:
    return db.session.scalar(select(func.count(Participant.id)))


def refused_join(code, name, error_type, error_code):
    before = participant_count()
    with pytest.raises(error_type) as raised:
        participants.join(code, name)
    assert raised.value.code == error_code
    db.session.rollback()
    assert participant_count() == before


# --- joining ------------------------------------------------------------------------------------


def test_join_returns_a_token_for_this_workshop(workshop):
    joined = participants.join(workshop.join_code, "Sam")
    assert joined["workshop_id"] == workshop.id
    assert joined["name"] == "Sam"
    assert joined["token"].startswith("a_")
    participant = db.session.get(Participant, joined["participant_id"])
    assert participant.workshop_id == workshop.id
    assert participant.display_name == "Sam"


def test_token_is_stored_only_as_a_hash(workshop):
    token = participants.join(workshop.join_code)["token"]
    stored = db.session.scalars(select(Participant.token_hash)).all()
    assert stored == [hash_token(token)]
    assert token not in stored


@pytest.mark.parametrize("typed", ["{lower}", " {lower} ", "{first} {last}", "{first}-{last}", "{lower_first}\t{last}"])
def test_join_accepts_the_code_as_people_type_it(workshop, typed):
    code = workshop.join_code
    text = typed.format(lower=code.lower(), first=code[:3], last=code[3:].lower(), lower_first=code[:3].lower())
    assert participants.join(text)["workshop_id"] == workshop.id


@pytest.mark.parametrize("code", ["", "ABCDE", "ABCDEFG", "ABCDE0", "ABCDEI", "ABC/EF", None, 123456])
def test_badly_formed_code_is_refused(workshop, code):
    refused_join(code, "", Invalid, "bad_code")


def test_unknown_code_is_refused(workshop):
    unknown = next(c * 6 for c in JOIN_CODE_ALPHABET if c * 6 != workshop.join_code)
    refused_join(unknown, "", NotFound, "unknown_code")


def test_closed_workshop_cannot_be_joined(workshop, organiser):
    workshops.set_open(organiser, workshop.id, False)
    refused_join(workshop.join_code, "Sam", Closed, "workshop_closed")


def test_names_are_optional_and_tidied(workshop):
    assert participants.join(workshop.join_code)["name"] == ""
    assert participants.join(workshop.join_code, None)["name"] == ""
    assert participants.join(workshop.join_code, "  Mary   Ann \n")["name"] == "Mary Ann"
    assert participants.join(workshop.join_code, "n" * 40)["name"] == "n" * 40


def test_long_name_is_refused(workshop):
    refused_join(workshop.join_code, "n" * 41, Invalid, "text_too_long")


def test_name_that_is_not_text_is_refused(workshop):
    refused_join(workshop.join_code, 42, Invalid, "wrong_type")


# --- tokens ---------------------------------------------------------------------------------------


def test_attendee_token_resolves_to_the_participant(workshop):
    joined = participants.join(workshop.join_code, "Sam")
    actor = actor_for_token(joined["token"])
    assert (actor.role, actor.workshop_id, actor.participant_id, actor.display_name) == (
        "attendee",
        workshop.id,
        joined["participant_id"],
        "Sam",
    )
    assert actor.group_id is None
    assert actor.is_moderator is False


def test_facilitator_and_projector_tokens_resolve(workshop, facilitator, projector):
    group = workshop.groups[0]
    assert (facilitator.role, facilitator.workshop_id, facilitator.group_id, facilitator.display_name) == (
        "facilitator",
        workshop.id,
        group.id,
        group.name,
    )
    assert facilitator.is_moderator is True
    assert (projector.role, projector.workshop_id, projector.is_moderator) == ("projector", workshop.id, False)


def test_removed_participant_token_stops_working(workshop):
    joined = participants.join(workshop.join_code, "Sam")
    db.session.get(Participant, joined["participant_id"]).removed = True
    db.session.commit()
    with pytest.raises(NotSignedIn) as raised:
        actor_for_token(joined["token"])
    assert raised.value.code == "bad_token"


def test_revoked_group_link_stops_working(workshop):
    group = workshop.groups[1]
    token = group.facilitator_token
    db.session.get(Group, group.id).revoked = True
    db.session.commit()
    with pytest.raises(NotSignedIn) as raised:
        actor_for_token(token)
    assert raised.value.code == "bad_token"


def test_attendee_token_ends_when_the_workshop_closes(workshop, organiser):
    token = participants.join(workshop.join_code)["token"]
    workshops.set_open(organiser, workshop.id, False)
    with pytest.raises(NotSignedIn) as raised:
        actor_for_token(token)
    assert raised.value.code == "workshop_closed"


@pytest.mark.parametrize(
    "token",
    ["a_unknown", "f_unknown", "p_unknown", "x_whatever", "", "a_", "a_" + "x" * 200, None, 42, ["a_x"], {"t": 1}],
)
def test_unknown_or_malformed_tokens_are_refused(workshop, token):
    with pytest.raises(NotSignedIn) as raised:
        actor_for_token(token)
    assert raised.value.code == "bad_token"


def test_token_prefix_must_match_its_kind(workshop):
    # A facilitator token with a projector prefix must not resolve to anything.
    swapped = "p_" + workshop.groups[0].facilitator_token[2:]
    with pytest.raises(NotSignedIn):
        actor_for_token(swapped)


# --- organisers -----------------------------------------------------------------------------------


def test_create_organiser_normalises_the_email_and_hashes_the_password(app):
    account, password = organisers.create_organiser("  Ada@Example.ORG ", "a long enough password")
    assert account.email == "ada@example.org"
    assert password == "a long enough password"
    assert "a long enough password" not in account.password_hash


def test_create_organiser_without_a_password_generates_one(app):
    account, password = organisers.create_organiser("gen@example.org")
    assert len(password) >= organisers.MIN_PASSWORD
    assert organisers.authenticate("gen@example.org", password).organiser_id == account.id


@pytest.mark.parametrize(
    ("email", "password", "error_type", "code"),
    [
        ("not-an-email", "long enough password", Invalid, "bad_email"),
        ("x@" + "e" * 260, "long enough password", Invalid, "bad_email"),
        ("short@example.org", "short", Invalid, "weak_password"),
        ("organiser@example.org", "long enough password", Conflict, "organiser_exists"),
        ("ORGANISER@example.org", "long enough password", Conflict, "organiser_exists"),
    ],
)
def test_create_organiser_refusals(organiser, email, password, error_type, code):
    with pytest.raises(error_type) as raised:
        organisers.create_organiser(email, password)
    assert raised.value.code == code
    assert db.session.scalar(select(func.count(Organiser.id))) == 1


def test_authenticate_with_the_right_password(organiser):
    actor = organisers.authenticate(" Organiser@Example.org ", "correct horse battery")
    assert actor.role == "organiser"
    assert actor.organiser_id == organiser.organiser_id


@pytest.mark.parametrize(
    ("email", "password"),
    [("organiser@example.org", "wrong horse battery"), ("nobody@example.org", "correct horse battery"), ("", "")],
)
def test_authenticate_refuses_wrong_password_and_unknown_email_alike(organiser, email, password):
    with pytest.raises(NotSignedIn) as raised:
        organisers.authenticate(email, password)
    assert raised.value.code == "bad_credentials"


# --- first start demo -------------------------------------------------------------------------------


def test_first_start_creates_organiser_and_demo_workshop_with_notes(app):
    created = demo.first_start("demo@example.org", None)

    assert created["email"] == "demo@example.org"
    actor = organisers.authenticate("demo@example.org", created["password"])
    workshop = db.session.get(Workshop, created["workshop_id"])
    assert workshop.organiser_id == actor.organiser_id
    assert demo.demo_workshop().id == workshop.id
    assert [b.title for b in workshop.boards] == [b["title"] for b in OXFORD_2022["boards"]]
    assert len(workshop.groups) == 6

    stored = db.session.scalars(select(Note).where(Note.workshop_id == workshop.id).order_by(Note.id)).all()
    assert [n.text for n in stored] == [text for *_rest, text in DEMO_NOTES]
    assert workshop.revision == len(DEMO_NOTES)
    assert sorted(n.revision for n in stored) == list(range(1, len(DEMO_NOTES) + 1))
    tree_notes = [n for n in stored if n.board_id == workshop.boards[0].id]
    assert all(n.author_role == "facilitator" and n.group_id and n.perspective_id for n in tree_notes)
    assert tree_notes[0].group_id == workshop.groups[0].id


def test_demo_notes_are_in_the_change_log_for_catch_up(app):
    created = demo.first_start("demo@example.org", "demo password long")
    logged = db.session.scalars(select(Change).where(Change.workshop_id == created["workshop_id"])).all()
    assert len(logged) == len(DEMO_NOTES)
    assert {c.event for c in logged} == {NOTE_ADDED}
    actor = organisers.authenticate("demo@example.org", "demo password long")
    replay = changes.changes_since(actor, created["workshop_id"], 1)
    assert [c["revision"] for c in replay["changes"]] == list(range(2, len(DEMO_NOTES) + 1))


def test_first_start_happens_only_once(app):
    assert demo.first_start("demo@example.org", "demo password long") is not None
    assert demo.first_start("demo@example.org", "demo password long") is None
    assert demo.first_start("someone@example.org", None) is None
    assert db.session.scalar(select(func.count(Organiser.id))) == 1
    assert db.session.scalar(select(func.count(Workshop.id))) == 1
    assert db.session.scalar(select(func.count(Note.id))) == len(DEMO_NOTES)


def test_first_start_does_nothing_when_an_organiser_exists(organiser):
    assert demo.first_start("demo@example.org", None) is None
    assert db.session.scalar(select(func.count(Workshop.id))) == 0
