"""The audit log: every moderation action records who, what, when, before and after, in its own transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.kernel.errors import NotAllowed
from facilitation.models import AuditEntry
from facilitation.moderation import audit, wordlist
from facilitation.moderation import service as moderation
from facilitation.moderation.service import VersionConflict
from facilitation.voting import service as voting
from tests.conftest import board_by_kind
from tests.moderation.test_service import post


def test_an_edit_is_logged_with_who_and_before_and_after(workshop, attendee, facilitator, organiser):
    note = post(attendee, workshop, text="Before")
    moderation.edit(facilitator, workshop.id, note["id"], "After", 1)

    [entry] = audit.entries(organiser, workshop.id)

    assert entry["action"] == "note.edit"
    assert entry["actor"] == f"Facilitator of {workshop.groups[0].name}"
    assert entry["note_id"] == note["id"]
    assert (entry["before"]["text"], entry["after"]["text"]) == ("Before", "After")
    assert (entry["before"]["version"], entry["after"]["version"]) == (1, 2)
    assert entry["at"].endswith("+00:00")


def test_every_kind_of_action_is_logged_newest_first(workshop, attendee, organiser):
    board = board_by_kind(workshop, "solutions")
    note = post(attendee, workshop)
    other = post(attendee, workshop, text="Duplicate")
    moderation.hide(organiser, workshop.id, note["id"])
    moderation.unhide(organiser, workshop.id, note["id"])
    moderation.pin(organiser, workshop.id, note["id"], True)
    moderation.merge(organiser, workshop.id, other["id"], note["id"])
    moderation.delete(organiser, workshop.id, note["id"])
    moderation.restore(organiser, workshop.id, note["id"])
    moderation.set_board_mode(organiser, workshop.id, board.id, "locked")
    wordlist.set_words(organiser, workshop.id, ["rubbish"])
    vote_round = voting.open_round(organiser, workshop.id, board.id, 3)["round"]
    voting.reveal(organiser, workshop.id, vote_round["id"])
    voting.close_round(organiser, workshop.id, vote_round["id"])

    actions = [e["action"] for e in audit.entries(organiser, workshop.id)]

    assert actions == [
        "vote.close", "vote.reveal", "vote.open", "wordlist.set", "board.mode", "note.restore",
        "note.delete", "note.merge", "note.pin", "note.unhide", "note.hide",
    ]  # fmt: skip


def test_a_refused_action_leaves_no_entry(workshop, attendee, facilitator, organiser):
    note = post(attendee, workshop)
    moderation.edit(organiser, workshop.id, note["id"], "First", 1)
    with pytest.raises(VersionConflict):
        moderation.edit(facilitator, workshop.id, note["id"], "Second", 1)
    db.session.rollback()
    assert db.session.scalar(select(func.count(AuditEntry.id))) == 1


def test_record_joins_the_callers_transaction(workshop, organiser):
    audit.record(organiser, workshop.id, "test.action", after={"x": 1})
    db.session.rollback()
    assert db.session.scalar(select(func.count(AuditEntry.id))) == 0


def test_only_the_organiser_reads_the_log(workshop, facilitator, attendee, other_organiser):
    for actor in (facilitator, attendee, other_organiser):
        with pytest.raises(NotAllowed):
            audit.entries(actor, workshop.id)
