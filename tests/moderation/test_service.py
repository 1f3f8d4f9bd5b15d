"""Moderation through the services: the queue, hide, edit with version checks, move, merge, delete and
restore, pin, board modes, and who may touch which note. No HTTP, no sockets."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.kernel import broadcast
from facilitation.kernel.access import Actor, actor_for_token, may_moderate
from facilitation.kernel.errors import Closed, Conflict, NotAllowed, NotFound, NotSignedIn
from facilitation.models import AuditEntry, Change, Note, NoteRevision, Workshop
from facilitation.moderation import service as moderation
from facilitation.moderation.service import VersionConflict
from facilitation.notes import service as notes
from facilitation.sync import service as changes
from facilitation.workshops import participants
from tests.conftest import board_by_kind


@pytest.fixture
def published(monkeypatch):
    """Every (audience, envelope) the services hand to broadcast.publish, in order."""
    sent: list[tuple[str, dict]] = []
    monkeypatch.setattr(
        broadcast, "publish", lambda workshop_id, changes: sent.extend((c.audience, c.envelope()) for c in changes)
    )
    return sent


def post(actor, workshop, board=None, text="Libraries run crochet groups", **extra) -> dict:
    board = board or board_by_kind(workshop, "solutions")
    payload = {"client_id": uuid.uuid4().hex, "board_id": board.id, "section_id": board.sections[0].id, "text": text}
    payload.update(extra)
    return notes.post_note(actor, workshop.id, payload)["note"]


def set_mode(organiser, workshop, kind, mode):
    return moderation.set_board_mode(organiser, workshop.id, board_by_kind(workshop, kind).id, mode)


def audit_count() -> int:
    return db.session.scalar(select(func.count(AuditEntry.id)))


def revision_of(workshop_id: int) -> int:
    return db.session.execute(select(Workshop.revision).where(Workshop.id == workshop_id)).scalar_one()


def other_facilitator(workshop):
    return actor_for_token(workshop.groups[1].facilitator_token)


# --- the queue -----------------------------------------------------------------------------------------


def test_attendee_note_on_premoderated_board_waits_for_moderators_only(workshop, organiser, attendee, published):
    set_mode(organiser, workshop, "solutions", "premoderated")
    published.clear()

    note = post(attendee, workshop, text="Museums as a waiting room alternative")

    assert note["status"] == "pending"  # the author gets their own pending note in the ack
    [(audience, envelope)] = published
    assert (audience, envelope["event"]) == ("moderators", "note:added")
    projector = actor_for_token(workshop.projector_token)
    assert note["id"] not in [n["id"] for n in changes.workshop_state(projector, workshop.id)["notes"]]
    assert note["id"] in [n["id"] for n in changes.workshop_state(attendee, workshop.id)["notes"]]
    other_phone = actor_for_token(participants.join(workshop.join_code, "Lee")["token"])
    assert note["id"] not in [n["id"] for n in changes.workshop_state(other_phone, workshop.id)["notes"]]
    catch_up = changes.changes_since(projector, workshop.id, revision_of(workshop.id) - 1)
    assert catch_up["changes"] == []


def test_facilitator_notes_skip_the_queue_on_a_premoderated_board(workshop, organiser, facilitator):
    set_mode(organiser, workshop, "solutions", "premoderated")
    assert post(facilitator, workshop)["status"] == "visible"


def test_approving_sends_the_note_to_everyone(workshop, organiser, attendee, facilitator, published):
    set_mode(organiser, workshop, "solutions", "premoderated")
    note = post(attendee, workshop)
    published.clear()

    result = moderation.approve(facilitator, workshop.id, note["id"])

    assert result["note"]["status"] == "visible"
    [(audience, envelope)] = published
    assert (audience, envelope["event"]) == ("public", "note:added")
    assert envelope["data"]["note"]["text"] == "Libraries run crochet groups"


def test_rejecting_keeps_the_note_off_the_screens_as_hidden(workshop, organiser, attendee, published):
    set_mode(organiser, workshop, "solutions", "premoderated")
    note = post(attendee, workshop)
    published.clear()

    moderation.reject(organiser, workshop.id, note["id"])

    assert db.session.get(Note, note["id"]).status == "hidden"
    # Moderators get the hidden note; its author only learns it will not appear.
    assert [(a, e["event"]) for a, e in published] == [
        (f"p:{attendee.participant_id}", "note:removed"),
        ("moderators", "note:updated"),
    ]


def test_approving_a_note_that_is_not_pending_is_refused(workshop, attendee, organiser):
    note = post(attendee, workshop)
    with pytest.raises(Conflict) as raised:
        moderation.approve(organiser, workshop.id, note["id"])
    assert raised.value.code == "wrong_status"


# --- hide, edit, move, merge, delete, pin -------------------------------------------------------------


def test_hiding_tells_everyone_to_remove_it_without_the_text(workshop, attendee, facilitator, published):
    note = post(attendee, workshop, text="Something nobody should see again")
    published.clear()

    moderation.hide(facilitator, workshop.id, note["id"])

    assert [(a, e["event"]) for a, e in published] == [("public", "note:removed"), ("moderators", "note:updated")]
    assert published[0][1]["data"] == {"note_id": note["id"], "board_id": note["board_id"]}
    assert published[1][1]["data"]["note"]["status"] == "hidden"
    assert note["id"] not in [n["id"] for n in changes.workshop_state(attendee, workshop.id)["notes"]]

    published.clear()
    moderation.unhide(facilitator, workshop.id, note["id"])
    assert [(a, e["event"]) for a, e in published] == [("public", "note:added")]


def test_editing_changes_the_wording_and_keeps_the_history(workshop, attendee, facilitator, published):
    note = post(attendee, workshop, text="Libary card for every patient")
    published.clear()

    result = moderation.edit(facilitator, workshop.id, note["id"], "  Library card for every patient ", 1)

    assert result["note"]["text"] == "Library card for every patient"
    assert result["note"]["version"] == 2
    assert [(a, e["event"]) for a, e in published] == [("public", "note:updated")]
    history = moderation.history(facilitator, workshop.id, note["id"])["history"]
    assert [(h["reason"], h["version"], h["text"]) for h in history] == [
        ("posted", 1, "Libary card for every patient"),
        ("edited", 2, "Library card for every patient"),
    ]


def test_an_edit_from_a_stale_version_gets_the_current_text_not_an_overwrite(
    workshop, attendee, facilitator, organiser
):
    note = post(attendee, workshop, text="Original wording")
    moderation.edit(facilitator, workshop.id, note["id"], "First tablet's wording", 1)

    with pytest.raises(VersionConflict) as raised:
        moderation.edit(organiser, workshop.id, note["id"], "Second tablet's wording", 1)
    db.session.rollback()

    ack = raised.value.as_ack()
    assert ack["code"] == "version_conflict"
    assert ack["current"] == {"note_id": note["id"], "text": "First tablet's wording", "version": 2}
    assert db.session.get(Note, note["id"]).text == "First tablet's wording"


def test_moving_a_note_to_another_board_and_section(workshop, attendee, organiser):
    note = post(attendee, workshop)
    ideas = board_by_kind(workshop, "ideas")

    result = moderation.move(organiser, workshop.id, note["id"], ideas.id, ideas.sections[0].id)

    assert (result["note"]["board_id"], result["note"]["section_id"]) == (ideas.id, ideas.sections[0].id)
    assert [h["reason"] for h in moderation.history(organiser, workshop.id, note["id"])["history"]] == [
        "posted",
        "moved",
    ]


def test_moving_to_a_section_of_another_board_is_refused(workshop, attendee, organiser):
    note = post(attendee, workshop)
    tree, ideas = board_by_kind(workshop, "tree"), board_by_kind(workshop, "ideas")
    with pytest.raises(NotFound) as raised:
        moderation.move(organiser, workshop.id, note["id"], ideas.id, tree.sections[0].id)
    assert raised.value.code == "unknown_section"


def test_merging_duplicates_keeps_both_texts_in_history(workshop, attendee, facilitator, published):
    kept = post(attendee, workshop, text="More time for link workers")
    duplicate = post(attendee, workshop, text="Link workers need more time")
    published.clear()

    result = moderation.merge(facilitator, workshop.id, duplicate["id"], kept["id"])

    assert result["merged"]["status"] == "merged"
    assert result["note"]["text"] == "More time for link workers"
    assert [(a, e["event"]) for a, e in published] == [("public", "note:removed")]
    texts = [h["text"] for h in moderation.history(facilitator, workshop.id, kept["id"])["history"]]
    assert texts == ["More time for link workers", "Link workers need more time"]
    row = db.session.scalar(select(NoteRevision).where(NoteRevision.reason == "merged"))
    assert row.source_note_id == duplicate["id"]


def test_a_note_cannot_be_merged_into_itself(workshop, attendee, organiser):
    note = post(attendee, workshop)
    with pytest.raises(Exception) as raised:
        moderation.merge(organiser, workshop.id, note["id"], note["id"])
    assert raised.value.code == "same_note"


def test_delete_is_soft_and_only_the_organiser_restores(workshop, attendee, facilitator, organiser, published):
    note = post(attendee, workshop)
    moderation.delete(facilitator, workshop.id, note["id"])

    assert db.session.get(Note, note["id"]).status == "deleted"
    assert note["id"] not in [n["id"] for n in changes.workshop_state(facilitator, workshop.id)["notes"]]
    assert note["id"] in [n["id"] for n in changes.workshop_state(organiser, workshop.id)["notes"]]
    with pytest.raises(NotAllowed):
        moderation.restore(facilitator, workshop.id, note["id"])
    with pytest.raises(NotFound):  # to a facilitator a deleted note no longer exists
        moderation.hide(facilitator, workshop.id, note["id"])

    published.clear()
    result = moderation.restore(organiser, workshop.id, note["id"])
    assert result["note"]["status"] == "visible"
    assert [(a, e["event"]) for a, e in published] == [("public", "note:added")]


def test_pinning_is_public_for_a_visible_note(workshop, attendee, facilitator, published):
    note = post(attendee, workshop)
    published.clear()
    assert moderation.pin(facilitator, workshop.id, note["id"], True)["note"]["pinned"] is True
    assert moderation.pin(facilitator, workshop.id, note["id"], False)["note"]["pinned"] is False
    assert [(a, e["event"]) for a, e in published] == [("public", "note:updated")] * 2


# --- who may touch which note --------------------------------------------------------------------------


def test_attendee_cannot_hide_notes(workshop, attendee):
    note = post(attendee, workshop)
    with pytest.raises(NotAllowed):
        moderation.hide(attendee, workshop.id, note["id"])


def test_projector_and_anonymous_cannot_moderate(workshop, attendee, projector):
    note = post(attendee, workshop)
    with pytest.raises(NotAllowed):
        moderation.hide(projector, workshop.id, note["id"])
    with pytest.raises(NotSignedIn):
        moderation.hide(Actor(role="anonymous"), workshop.id, note["id"])


def test_facilitator_of_another_group_cannot_touch_a_groups_note(workshop, facilitator):
    note = post(facilitator, workshop)
    intruder = other_facilitator(workshop)
    before = (audit_count(), revision_of(workshop.id))
    for action in (
        lambda: moderation.hide(intruder, workshop.id, note["id"]),
        lambda: moderation.edit(intruder, workshop.id, note["id"], "Rewritten", 1),
        lambda: moderation.delete(intruder, workshop.id, note["id"]),
        lambda: moderation.pin(intruder, workshop.id, note["id"], True),
    ):
        with pytest.raises(NotAllowed) as raised:
            action()
        assert raised.value.code == "not_your_group"
        db.session.rollback()
    assert (audit_count(), revision_of(workshop.id)) == before


def test_any_facilitator_may_moderate_an_attendee_note_without_a_group(workshop, attendee):
    note = post(attendee, workshop)
    assert moderation.hide(other_facilitator(workshop), workshop.id, note["id"])["note"]["status"] == "hidden"


def test_an_attendee_note_tagged_with_a_group_belongs_to_that_group(workshop, attendee):
    note = post(attendee, workshop, group_id=workshop.groups[0].id)
    with pytest.raises(NotAllowed):
        moderation.hide(other_facilitator(workshop), workshop.id, note["id"])


def test_organiser_of_another_workshop_cannot_moderate(workshop, attendee, other_organiser):
    note = post(attendee, workshop)
    with pytest.raises(NotAllowed):
        moderation.hide(other_organiser, workshop.id, note["id"])


def test_a_note_id_from_another_workshop_is_unknown(workshop, organiser):
    from facilitation.workshops import service as workshops

    other = workshops.create_workshop(organiser, "oxford-2022")
    stranger = actor_for_token(participants.join(other.join_code, "Kim")["token"])
    note = post(stranger, other)
    with pytest.raises(NotFound):
        moderation.hide(organiser, workshop.id, note["id"])


@pytest.mark.parametrize(
    ("role", "actor_group", "note_group", "expected"),
    [
        ("organiser", None, 3, True),
        ("organiser", None, None, True),
        ("facilitator", 1, 1, True),
        ("facilitator", 1, None, True),
        ("facilitator", 1, 2, False),
        ("attendee", None, None, False),
        ("projector", None, None, False),
        ("anonymous", None, None, False),
    ],
)
def test_may_moderate_is_one_rule(role, actor_group, note_group, expected):
    actor = Actor(role=role, workshop_id=7, group_id=actor_group)
    note = Note(workshop_id=7, group_id=note_group)
    assert may_moderate(actor, note) is expected


def test_may_moderate_refuses_a_facilitator_of_another_workshop():
    assert (
        may_moderate(Actor(role="facilitator", workshop_id=8, group_id=1), Note(workshop_id=7, group_id=None)) is False
    )


# --- board modes ---------------------------------------------------------------------------------------


def test_locked_board_refuses_every_post_and_stores_nothing(workshop, organiser, attendee, facilitator):
    set_mode(organiser, workshop, "solutions", "locked")
    before = (db.session.scalar(select(func.count(Note.id))), db.session.scalar(select(func.count(Change.id))))
    for actor in (attendee, facilitator, organiser):
        with pytest.raises(Closed) as raised:
            post(actor, workshop)
        assert raised.value.code == "board_locked"
        db.session.rollback()
    after = (db.session.scalar(select(func.count(Note.id))), db.session.scalar(select(func.count(Change.id))))
    assert after == before


def test_board_mode_reaches_every_screen_in_the_structure(workshop, organiser, published):
    result = set_mode(organiser, workshop, "solutions", "premoderated")

    assert result["mode"] == "premoderated"
    [(audience, envelope)] = published
    assert (audience, envelope["event"]) == ("public", "structure:changed")
    modes = {b["kind"]: b["mode"] for b in envelope["data"]["boards"]}
    assert modes["solutions"] == "premoderated"


def test_only_the_organiser_sets_board_modes(workshop, facilitator):
    with pytest.raises(NotAllowed):
        set_mode(facilitator, workshop, "solutions", "locked")


def test_an_unknown_board_mode_is_refused(workshop, organiser):
    with pytest.raises(Exception) as raised:
        set_mode(organiser, workshop, "solutions", "chaos")
    assert raised.value.code == "bad_mode"


# --- the overview --------------------------------------------------------------------------------------


def test_overview_is_scoped_to_the_facilitators_group(workshop, organiser, attendee, facilitator):
    set_mode(organiser, workshop, "solutions", "premoderated")
    general = post(attendee, workshop, text="General")
    for_group_two = post(attendee, workshop, text="For group two", group_id=workshop.groups[1].id)

    mine = moderation.overview(facilitator, workshop.id)
    everything = moderation.overview(organiser, workshop.id)

    assert [n["id"] for n in mine["queue"]] == [general["id"]]
    assert [n["id"] for n in everything["queue"]] == [general["id"], for_group_two["id"]]
    assert "audit" not in mine and "audit" in everything
