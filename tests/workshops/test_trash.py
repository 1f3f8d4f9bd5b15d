"""Removing is undoable: a removed board, group, perspective, agenda item, question or workshop waits in the trash
with what it held, is audited, comes back with its own ids and notes, and is erased once the undo window closes."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from facilitation.evaluation import answers as evaluation_answers
from facilitation.evaluation import service as evaluation
from facilitation.extensions import db
from facilitation.kernel.access import actor_for_token
from facilitation.kernel.errors import NotAllowed, NotFound, NotSignedIn
from facilitation.kernel.events import NOTE_ADDED, STRUCTURE_CHANGED, VOTE_CHANGED
from facilitation.kernel.lookups import get_workshop
from facilitation.models import (
    Answer,
    AuditEntry,
    Board,
    Change,
    Group,
    Note,
    NoteRevision,
    Perspective,
    Question,
    RemovedItem,
    Vote,
    VoteRound,
    Workshop,
)
from facilitation.moderation import service as moderation
from facilitation.notes import service as notes
from facilitation.projector import service as projector
from facilitation.signups import service as signups
from facilitation.voting import service as voting
from facilitation.workshops import participants, trash
from facilitation.workshops import removal as removals
from facilitation.workshops import service as workshops
from tests.conftest import board_by_kind


def post(actor, workshop, board, text: str, section: int = 0, **extra) -> int:
    payload = {
        "client_id": uuid.uuid4().hex,
        "board_id": board.id,
        "section_id": board.sections[section].id,
        "text": text,
        **extra,
    }
    return notes.post_note(actor, workshop.id, payload)["note"]["id"]


def audit_actions(workshop_id: int) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).where(AuditEntry.workshop_id == workshop_id)))


def changes_after(workshop_id: int, revision: int) -> list[Change]:
    return list(
        db.session.scalars(
            select(Change)
            .where(Change.workshop_id == workshop_id, Change.revision > revision)
            .order_by(Change.revision)
        )
    )


def revision_of(workshop_id: int) -> int:
    return db.session.scalar(select(Workshop.revision).where(Workshop.id == workshop_id))


def only_entry(workshop_id: int) -> RemovedItem:
    (entry,) = trash.entries_of(workshop_id)
    return entry


def note_rows(board_id: int) -> dict[int, tuple]:
    rows = db.session.execute(
        select(Note.id, Note.section_id, Note.text, Note.status, Note.group_id, Note.version).where(
            Note.board_id == board_id
        )
    )
    return {row.id: tuple(row) for row in rows}


def history_of(note_id: int) -> int:
    return db.session.scalar(select(func.count(NoteRevision.id)).where(NoteRevision.note_id == note_id))


def note_of(change: Change) -> int:
    """The note a logged note change is about, whether the log holds the note or only a reference to it."""
    return change.payload["note"]["id"] if "note" in change.payload else change.payload["note_id"]


@pytest.fixture
def solutions(workshop):
    return board_by_kind(workshop, "solutions")


@pytest.fixture
def full_board(workshop, organiser, facilitator, attendee, solutions):
    """The solutions board holding 55 notes, one edited, one hidden, one deleted, and a revealed voting round."""
    ids = [post(facilitator, workshop, solutions, f"Idea {n}", section=n % 3) for n in range(52)]
    edited = post(facilitator, workshop, solutions, "Needs a tidy")
    moderation.edit(organiser, workshop.id, edited, "Tidied", 1)
    hidden = post(facilitator, workshop, solutions, "Names someone")
    moderation.hide(organiser, workshop.id, hidden)
    deleted = post(facilitator, workshop, solutions, "Off topic")
    moderation.delete(organiser, workshop.id, deleted)
    round_id = voting.open_round(organiser, workshop.id, solutions.id, 3)["round"]["id"]
    voting.cast(attendee, workshop.id, round_id, ids[0])
    projector.show_on_projector(organiser, workshop.id, solutions.id)
    return {"notes": [*ids, edited, hidden, deleted], "edited": edited, "hidden": hidden, "round": round_id}


# --- boards -------------------------------------------------------------------------------------------------


def test_removing_a_board_keeps_it_with_what_it_held_and_audits_it(workshop, organiser, solutions, full_board):
    preview = removals.removal_preview(organiser, workshop.id, "board", solutions.id)
    assert preview["held"]["taken"]["notes"] == 55
    assert preview["summary"] == "Board “Solutions” with 55 notes, 3 sections and 1 voting round"

    structure = workshops.delete_board(organiser, workshop.id, solutions.id)

    assert solutions.id not in [b["id"] for b in structure["boards"]]
    assert db.session.scalar(select(func.count(Note.id)).where(Note.board_id == solutions.id)) == 0
    entry = only_entry(workshop.id)
    assert (entry.kind, entry.item_id, entry.label) == ("board", solutions.id, "Solutions")
    assert entry.held["taken"]["notes"] == 55 and entry.held["taken"]["sections"] == 3
    assert entry.held["taken"]["vote_rounds"] == 1 and entry.held["taken"]["votes"] == 1
    (removal,) = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "board.removed"))
    assert removal.actor_role == "organiser" and removal.actor_organiser_id == organiser.organiser_id
    assert "55 notes" in removal.before["summary"]
    assert "Idea" not in str(removal.before), "the audit records counts, not the notes' wording"
    assert removals.removal_of(workshop.id, "board", solutions.id)["id"] == entry.id


def test_a_restored_board_comes_back_with_its_ids_notes_history_votes_and_projector(
    workshop, organiser, solutions, full_board
):
    sections = [s.id for s in solutions.sections]
    before = note_rows(solutions.id)
    history = history_of(full_board["edited"])
    assert history >= 2
    workshops.delete_board(organiser, workshop.id, solutions.id)
    revision = revision_of(workshop.id)

    result = removals.restore_removed(organiser, workshop.id, only_entry(workshop.id).id)

    assert result["item_id"] == solutions.id
    board = db.session.get(Board, solutions.id)
    assert board.title == "Solutions" and [s.id for s in board.sections] == sections
    assert note_rows(solutions.id) == before
    assert history_of(full_board["edited"]) == history
    assert db.session.get(VoteRound, full_board["round"]) is not None
    assert db.session.scalar(select(func.count(Vote.id)).where(Vote.round_id == full_board["round"])) == 1
    assert db.session.get(Workshop, workshop.id).projector_board_id == solutions.id
    assert trash.entries_of(workshop.id) == []
    assert audit_actions(workshop.id)[-2:] == ["board.removed", "board.restored"]

    # Live screens see it come back: the structure first, then each note its audience may see.
    logged = changes_after(workshop.id, revision)
    assert logged[0].event == STRUCTURE_CHANGED
    assert solutions.id in [b["id"] for b in logged[0].payload["boards"]]
    added = {note_of(c): c for c in logged if c.event == NOTE_ADDED}
    assert len(added) == 54, "visible and hidden notes are announced; the deleted one is not"
    assert added[full_board["hidden"]].audience != "public"
    assert sum(1 for c in added.values() if c.audience == "public") == 53
    assert any(c.event == VOTE_CHANGED for c in logged)


def test_removing_a_board_forgets_its_voting_rounds_in_the_change_log(workshop, organiser, solutions, full_board):
    def round_entries() -> int:
        return db.session.scalar(
            select(func.count(Change.id)).where(Change.workshop_id == workshop.id, Change.event == VOTE_CHANGED)
        )

    assert round_entries() > 0
    workshops.delete_board(organiser, workshop.id, solutions.id)
    assert round_entries() == 0


def test_a_board_whose_id_was_taken_meanwhile_comes_back_under_a_new_id(workshop, organiser, facilitator):
    last = workshop.boards[-1]
    assert last.id == max(b.id for b in workshop.boards)
    note_id = post(facilitator, workshop, last, "Kept")
    workshops.delete_board(organiser, workshop.id, last.id)
    workshops.save_board(
        organiser, workshop.id, None, kind="ideas", title="Newcomer", prompt="", open_to_attendees=True
    )
    newcomer = db.session.scalar(select(Board).where(Board.title == "Newcomer"))

    result = removals.restore_removed(organiser, workshop.id, only_entry(workshop.id).id)

    if newcomer.id == last.id:  # SQLite handed the highest id out again
        assert result["item_id"] != last.id
    restored = db.session.get(Board, result["item_id"])
    assert restored.title == last.title
    assert db.session.get(Note, note_id).board_id == restored.id
    assert db.session.get(Board, newcomer.id).title == "Newcomer"


def test_a_restored_note_whose_group_went_meanwhile_belongs_to_no_group(workshop, organiser, facilitator, solutions):
    note_id = post(facilitator, workshop, solutions, "From group one")
    workshops.delete_board(organiser, workshop.id, solutions.id)
    board_entry = only_entry(workshop.id)
    workshops.delete_group(organiser, workshop.id, facilitator.group_id)

    removals.restore_removed(organiser, workshop.id, board_entry.id)

    assert db.session.get(Note, note_id).group_id is None


# --- groups, perspectives, agenda items ---------------------------------------------------------------------


def test_a_removed_group_and_its_link_come_back_with_its_notes(workshop, organiser, facilitator, solutions):
    group_id = facilitator.group_id
    token = db.session.get(Group, group_id).facilitator_token
    note_id = post(facilitator, workshop, solutions, "Ours")
    preview = removals.removal_preview(organiser, workshop.id, "group", group_id)
    assert preview["held"]["linked"]["notes"] == 1

    workshops.delete_group(organiser, workshop.id, group_id)
    assert db.session.get(Note, note_id).group_id is None
    with pytest.raises(NotSignedIn):
        actor_for_token(token)

    structure = removals.restore_removed(organiser, workshop.id, only_entry(workshop.id).id)["structure"]

    assert [g["id"] for g in structure["groups"]][0] == group_id, "back in its place, first"
    assert db.session.get(Note, note_id).group_id == group_id
    assert actor_for_token(token).group_id == group_id
    assert audit_actions(workshop.id)[-2:] == ["group.removed", "group.restored"]


def test_a_removed_perspective_comes_back_to_its_notes(workshop, organiser, facilitator):
    tree = board_by_kind(workshop, "tree")
    perspective = workshop.perspectives[0]
    note_id = post(facilitator, workshop, tree, "Barrier", perspective_id=perspective.id)
    workshops.delete_perspective(organiser, workshop.id, perspective.id)
    assert db.session.get(Note, note_id).perspective_id is None

    removals.restore_removed(organiser, workshop.id, only_entry(workshop.id).id)

    assert db.session.get(Perspective, perspective.id).name == perspective.name
    assert db.session.get(Note, note_id).perspective_id == perspective.id


def test_a_removed_agenda_item_comes_back_in_time_order(workshop, organiser):
    first = workshop.agenda[0]
    workshops.delete_agenda_item(organiser, workshop.id, first.id)
    structure = removals.restore_removed(organiser, workshop.id, only_entry(workshop.id).id)["structure"]
    assert structure["agenda"][0] == {"id": first.id, "starts_at": "10:00", "title": first.title}
    assert [a["starts_at"] for a in structure["agenda"]] == sorted(a["starts_at"] for a in structure["agenda"])


# --- questions ----------------------------------------------------------------------------------------------


def test_a_removed_question_comes_back_in_its_place_with_its_answers(workshop, organiser, attendee):
    evaluation.set_status(organiser, workshop.id, "open")
    questions = evaluation.questionnaire_of(workshop.id).questions
    order = [q.id for q in questions]
    second = questions[1]
    evaluation_answers.submit_answers(
        attendee, workshop.id, {"answers": [{"question_id": q.id, "value": 4} for q in questions if q.kind == "rating"]}
    )
    answers = db.session.scalar(select(func.count(Answer.id)).where(Answer.question_id == second.id))
    assert answers == 1
    assert evaluation.question_removal_preview(organiser, workshop.id, second.id)["held"]["taken"]["answers"] == 1

    evaluation.delete_question(organiser, workshop.id, second.id)
    assert db.session.get(Question, second.id) is None
    (entry,) = evaluation.removed_questions(organiser, workshop.id)

    result = evaluation.restore_question(organiser, workshop.id, entry["id"])

    assert [q["id"] for q in result["questionnaire"]["questions"]] == order
    assert [q.position for q in evaluation.questionnaire_of(workshop.id).questions] == list(range(len(order)))
    assert db.session.scalar(select(func.count(Answer.id)).where(Answer.question_id == second.id)) == 1
    assert audit_actions(workshop.id)[-2:] == ["question.removed", "question.restored"]


def test_a_question_is_also_restored_through_the_workshops_list(workshop, organiser):
    question = evaluation.questionnaire_of(workshop.id).questions[0]
    evaluation.delete_question(organiser, workshop.id, question.id)
    (entry,) = removals.removed_items(organiser, workshop.id)
    assert entry["kind"] == "question"
    removals.restore_removed(organiser, workshop.id, entry["id"])
    assert db.session.get(Question, question.id) is not None


# --- workshops ----------------------------------------------------------------------------------------------


def test_a_removed_workshop_is_closed_and_every_way_in_stops_working(workshop, organiser, facilitator, attendee):
    tokens = [workshop.groups[0].facilitator_token, workshop.projector_token]
    participant_token = participants.join(workshop.join_code, "Kim")["token"]
    preview = removals.workshop_removal_preview(organiser, workshop.id)
    assert set(preview["held"]["taken"]) == {"notes", "boards", "groups", "responses", "signups"}

    removals.remove_workshop(organiser, workshop.id)

    assert workshop.id not in [w.id for w in workshops.workshops_of(organiser)]
    assert [w["item_id"] for w in removals.removed_workshops(organiser)] == [workshop.id]
    with pytest.raises(NotFound):
        get_workshop(workshop.id)
    with pytest.raises(NotFound):
        workshops.managed_workshop(organiser, workshop.id)
    with pytest.raises(NotFound):
        participants.join(workshop.join_code)
    with pytest.raises(NotFound):
        signups.workshop_for_code(workshop.join_code)
    for token in [*tokens, participant_token]:
        with pytest.raises(NotSignedIn):
            actor_for_token(token)
    assert audit_actions(workshop.id)[-1] == "workshop.removed"


def test_a_removed_workshop_comes_back_as_it_was(workshop, organiser):
    entry = removals.remove_workshop(organiser, workshop.id)
    assert db.session.get(Workshop, workshop.id).is_open is False

    removals.restore_removed(organiser, workshop.id, entry["id"])

    restored = db.session.get(Workshop, workshop.id)
    assert restored.is_open is True and restored.removed_at is None
    assert actor_for_token(restored.projector_token).role == "projector"
    assert participants.join(restored.join_code)["workshop_id"] == workshop.id
    assert audit_actions(workshop.id)[-2:] == ["workshop.removed", "workshop.restored"]


def test_a_closed_workshop_stays_closed_when_restored(workshop, organiser):
    workshops.set_open(organiser, workshop.id, False)
    entry = removals.remove_workshop(organiser, workshop.id)
    removals.restore_removed(organiser, workshop.id, entry["id"])
    assert db.session.get(Workshop, workshop.id).is_open is False


def test_inside_a_removed_workshop_only_the_workshop_itself_can_be_restored(workshop, organiser, solutions):
    workshops.delete_board(organiser, workshop.id, solutions.id)
    board_entry = only_entry(workshop.id)
    removals.remove_workshop(organiser, workshop.id)
    with pytest.raises(NotFound):
        removals.restore_removed(organiser, workshop.id, board_entry.id)


# --- who may, and for how long ------------------------------------------------------------------------------


def test_only_the_owner_sees_and_restores_removed_items(
    workshop, organiser, other_organiser, facilitator, attendee, projector, solutions
):
    workshops.delete_board(organiser, workshop.id, solutions.id)
    entry = only_entry(workshop.id)
    for actor in (other_organiser, facilitator, attendee, projector):
        with pytest.raises(NotAllowed):
            removals.removed_items(actor, workshop.id)
        with pytest.raises(NotAllowed):
            removals.restore_removed(actor, workshop.id, entry.id)
        db.session.rollback()
    other = workshops.create_workshop(other_organiser, "blank")
    with pytest.raises(NotFound):
        removals.restore_removed(other_organiser, other.id, entry.id)
    for actor in (facilitator, attendee, projector):
        with pytest.raises(NotAllowed):
            removals.remove_workshop(actor, workshop.id)
    assert db.session.get(RemovedItem, entry.id) is not None
