"""Catch-up never gives back text its recipient may no longer see (issue 11, finding 1).

Every way a note's text leaves someone's view (hidden, rejected, deleted while pending, deleted, merged
away, edited, its board removed), a vote result naming a note since hidden, and a comment withdrawn from
the evaluation results: afterwards a NEW attendee, the projector and the other group's facilitator sync
from revision 0 and from an early revision (a replay, not a reset) over the service, a socket and HTTP,
and the unique marker is nowhere in the reply. Moderators keep the old wording in the note history.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from facilitation.evaluation import answers as evaluation_answers
from facilitation.evaluation import service as evaluation
from facilitation.exports.document import build_document
from facilitation.kernel.access import Actor, actor_for_token
from facilitation.kernel.events import NAMESPACE, NOTE_ADDED, NOTE_REMOVED, NOTE_UPDATED, SYNC
from facilitation.kernel.visibility import REMOVED_STATUSES
from facilitation.moderation import service as moderation
from facilitation.notes import service as notes
from facilitation.projector import wordcloud
from facilitation.sync import service as sync
from facilitation.voting import service as voting
from facilitation.workshops import participants
from facilitation.workshops import service as workshops
from tests.conftest import board_by_kind
from tests.evaluation.conftest import full_form

# Revision 1 is a filler note, so a sync from EARLY replays everything the scenario logged.
EARLY = 1

# Who syncs afterwards. An attendee joins only after the redaction: the phone that arrives late.
RECEIVERS = ("new_attendee", "projector", "own_facilitator", "other_facilitator", "organiser")


@dataclass
class Room:
    workshop: Any
    organiser: Actor
    author: Actor
    tokens: dict[str, str]
    actors: dict[str, Actor] = field(default_factory=dict)
    marker: str = field(default_factory=lambda: f"Marker{uuid.uuid4().hex[:12]}")
    name: str = field(default_factory=lambda: f"Nm{uuid.uuid4().hex[:10]}")
    note_id: int | None = None

    @property
    def id(self) -> int:
        return self.workshop.id

    def board(self, kind="solutions"):
        return board_by_kind(self.workshop, kind)

    def post(self, actor, text, kind="solutions", group=True) -> dict:
        board = self.board(kind)
        payload = {"client_id": uuid.uuid4().hex, "board_id": board.id, "section_id": board.sections[0].id}
        payload["text"] = text
        if group:
            payload["group_id"] = self.workshop.groups[0].id  # belongs to the own facilitator's group
        return notes.post_note(actor, self.id, payload)["note"]

    def post_marker(self, kind="solutions") -> dict:
        note = self.post(self.author, f"Ring {self.marker} about the patient", kind)
        self.note_id = note["id"]
        if note["status"] == "visible":
            # A public note:updated carrying the text too, not only the note:added.
            moderation.pin(self.organiser, self.id, note["id"], True)
        return note

    def join(self) -> None:
        """The late attendee, joining after the redaction."""
        token = participants.join(self.workshop.join_code, "Late")["token"]
        self.tokens["new_attendee"] = token
        self.actors["new_attendee"] = actor_for_token(token)


@pytest.fixture
def room(workshop, organiser, attendee):
    tokens = {
        "projector": workshop.projector_token,
        "own_facilitator": workshop.groups[0].facilitator_token,
        "other_facilitator": workshop.groups[1].facilitator_token,
    }
    built = Room(workshop=workshop, organiser=organiser, author=attendee, tokens=tokens)
    # The marker's author gives a first name, which must leave with the text.
    built.author = actor_for_token(participants.join(workshop.join_code, built.name)["token"])
    built.actors.update({role: actor_for_token(token) for role, token in tokens.items()})
    built.actors["organiser"] = organiser
    built.post(attendee, "A filler note", group=False)  # revision 1 (EARLY)
    return built


# --- the redactions: each prepares the marker, then takes it out of view ------------------------------
# Each returns who may still see the marker afterwards (and so may get it back).


def hidden(room: Room) -> set[str]:
    room.post_marker()
    moderation.hide(room.organiser, room.id, room.note_id)
    return {"own_facilitator", "organiser"}


def rejected(room: Room) -> set[str]:
    moderation.set_board_mode(room.organiser, room.id, room.board().id, "premoderated")
    room.post_marker()
    moderation.reject(room.organiser, room.id, room.note_id)
    return {"own_facilitator", "organiser"}


def deleted_while_pending(room: Room) -> set[str]:
    moderation.set_board_mode(room.organiser, room.id, room.board().id, "premoderated")
    room.post_marker()
    moderation.delete(room.organiser, room.id, room.note_id)
    return {"organiser"}


def deleted(room: Room) -> set[str]:
    room.post_marker()
    moderation.delete(room.organiser, room.id, room.note_id)
    return {"organiser"}


def merged(room: Room) -> set[str]:
    kept = room.post(room.organiser, "The note it duplicates")
    room.post_marker()
    moderation.merge(room.organiser, room.id, room.note_id, kept["id"])
    return {"organiser"}


def edited(room: Room) -> set[str]:
    room.post_marker()
    moderation.edit(room.organiser, room.id, room.note_id, "Ring the surgery", version=1)
    return set()  # the old wording is nobody's to replay: moderators have the note history


def board_removed(room: Room) -> set[str]:
    room.post_marker(kind="washing_line")
    workshops.delete_board(room.organiser, room.id, room.board("washing_line").id)
    return {"organiser"}


def vote_result_then_hidden(room: Room) -> set[str]:
    room.post_marker()
    board = room.board()
    opened = voting.open_round(room.organiser, room.id, board.id, 3)["round"]
    voter = actor_for_token(participants.join(room.workshop.join_code)["token"])
    voting.cast(voter, room.id, opened["id"], room.note_id)
    voting.reveal(room.organiser, room.id, opened["id"])
    closed = voting.close_round(room.organiser, room.id, opened["id"])["round"]
    assert room.marker in json.dumps(closed["result"])  # the result names the note as it was at close
    moderation.hide(room.organiser, room.id, room.note_id)
    return {"own_facilitator", "organiser"}


def comment_id(room: Room, text: str) -> int:
    return next(a["id"] for a in evaluation.moderation_queue(room.organiser, room.id)["free_text"] if a["text"] == text)


def comment_withdrawn(room: Room) -> set[str]:
    evaluation.set_status(room.organiser, room.id, "open")
    comment = f"Thanks to {room.marker} for the lift"
    evaluation_answers.submit_answers(room.author, room.id, full_form(room.id, worked=comment))
    answer_id = comment_id(room, comment)
    evaluation.moderate_answer(room.organiser, room.id, answer_id, "approved")
    evaluation.moderate_answer(room.organiser, room.id, answer_id, "rejected")
    return set()


def answer_rewritten(room: Room) -> set[str]:
    """An attendee rewords their approved comment: the first wording leaves the results."""
    evaluation.set_status(room.organiser, room.id, "open")
    comment = f"Thanks to {room.marker} for the lift"
    evaluation_answers.submit_answers(room.author, room.id, full_form(room.id, worked=comment))
    answer_id = comment_id(room, comment)
    evaluation.moderate_answer(room.organiser, room.id, answer_id, "approved")
    evaluation_answers.submit_answers(room.author, room.id, full_form(room.id, worked="Thanks for the lift"))
    return set()


REDACTIONS: dict[str, Callable[[Room], set[str]]] = {
    "hidden": hidden,
    "rejected": rejected,
    "deleted_while_pending": deleted_while_pending,
    "deleted": deleted,
    "merged": merged,
    "edited": edited,
    "board_removed": board_removed,
    "vote_result_then_hidden": vote_result_then_hidden,
    "comment_withdrawn": comment_withdrawn,
    "answer_rewritten": answer_rewritten,
}
NOTE_REDACTIONS = ("hidden", "rejected", "deleted_while_pending", "deleted", "merged", "edited", "board_removed")


# --- the three ways in ---------------------------------------------------------------------------------


def via_service(room: Room, role: str, since: int) -> dict:
    return sync.changes_since(room.actors[role], room.id, since)


def via_socket(room: Room, role: str, since: int, connect) -> dict:
    client = connect({"token": room.tokens[role]})
    ack = client.emit(SYNC, {"since": since}, namespace=NAMESPACE, callback=True)
    client.disconnect(namespace=NAMESPACE)
    assert ack["ok"] is True, ack
    return ack


def via_http(room: Room, role: str, since: int, client) -> dict:
    response = client.get(
        f"/api/v1/workshops/{room.id}/changes?since={since}", headers={"Authorization": f"Bearer {room.tokens[role]}"}
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def assert_never_served(reply: dict, room: Room, kind: str, since: int) -> None:
    assert reply["reset"] is (since == 0)  # an early revision is replayed, not answered with a state
    dumped = json.dumps(reply)
    assert room.marker not in dumped
    if kind != "edited":  # an edited note is still on the board, under its author's name
        assert room.name not in dumped


@pytest.mark.parametrize("kind", REDACTIONS)
@pytest.mark.parametrize("since", [0, EARLY])
def test_no_receiver_gets_redacted_text_back_from_the_service(room, kind, since):
    may_see = REDACTIONS[kind](room)
    room.join()
    for role in RECEIVERS:
        reply = via_service(room, role, since)
        if role in may_see:
            continue
        assert_never_served(reply, room, kind, since)


@pytest.mark.parametrize("kind", REDACTIONS)
@pytest.mark.parametrize("since", [0, EARLY])
def test_no_receiver_gets_redacted_text_back_over_a_socket(room, connect, kind, since):
    may_see = REDACTIONS[kind](room)
    room.join()
    for role in ("new_attendee", "projector", "other_facilitator", "own_facilitator"):
        if role not in may_see:
            assert_never_served(via_socket(room, role, since, connect), room, kind, since)


@pytest.mark.parametrize("kind", REDACTIONS)
@pytest.mark.parametrize("since", [0, EARLY])
def test_no_receiver_gets_redacted_text_back_over_http(room, client, kind, since):
    may_see = REDACTIONS[kind](room)
    room.join()
    for role in ("new_attendee", "projector", "other_facilitator", "own_facilitator"):
        if role not in may_see:
            assert_never_served(via_http(room, role, since, client), room, kind, since)


@pytest.mark.parametrize("kind", ["hidden", "rejected", "vote_result_then_hidden"])
def test_the_moderators_who_may_still_see_a_hidden_note_still_get_it(room, kind):
    """The control: the same replay does carry the text to those still allowed it, so the tests above can fail."""
    REDACTIONS[kind](room)
    for role in ("own_facilitator", "organiser"):
        reply = via_service(room, role, EARLY)
        assert room.marker in json.dumps(reply["changes"])


def test_an_edited_note_replays_with_its_new_wording(room):
    edited(room)
    room.join()
    reply = via_service(room, "new_attendee", EARLY)
    texts = [
        c["data"]["note"]["text"]
        for c in reply["changes"]
        if c["event"] in (NOTE_ADDED, NOTE_UPDATED) and c["data"]["note"]["id"] == room.note_id
    ]
    assert texts == ["Ring the surgery"] * 3  # posted, pinned and edited: each served as the note is now


def test_a_redacted_change_keeps_its_revision(room):
    """Replay serves the same revisions as before, so a client's `last` still moves through each one."""
    hidden(room)
    room.join()
    reply = via_service(room, "new_attendee", EARLY)
    revisions = [c["revision"] for c in reply["changes"]]
    assert revisions == sorted(revisions) and len(set(revisions)) == len(revisions)
    # Posted (2) and pinned (3) in public, hidden (4 public removal, 5 moderators only): 2, 3, 4 are served.
    assert revisions == [2, 3, 4]
    assert [c["event"] for c in reply["changes"]] == [NOTE_REMOVED, NOTE_REMOVED, NOTE_REMOVED]
    assert reply["changes"][0]["data"] == {"note_id": room.note_id, "board_id": room.board().id}
    assert reply["revision"] == 5


# --- replay still converges --------------------------------------------------------------------------


def replay(notes_now: list[dict], changes: list[dict]) -> dict[int, dict]:
    """Protocol §8, step 4: store notes by id on added/updated, drop them on removed."""
    by_id = {n["id"]: n for n in notes_now}
    for change in changes:
        if change["event"] in (NOTE_ADDED, NOTE_UPDATED):
            by_id[change["data"]["note"]["id"]] = change["data"]["note"]
        elif change["event"] == NOTE_REMOVED:
            by_id.pop(change["data"]["note_id"], None)
    return by_id


def on_the_board(state_notes: list[dict]) -> dict[int, dict]:
    """What a screen shows: removed notes are the organiser's moderation list, not the board (§7.1)."""
    return {n["id"]: n for n in state_notes if n["status"] not in REMOVED_STATUSES}


@pytest.mark.parametrize("kind", NOTE_REDACTIONS)
def test_replaying_across_a_redaction_converges_to_the_state(room, kind):
    roles = ("projector", "own_facilitator", "other_facilitator", "organiser")
    at_start = {role: sync.workshop_state(room.actors[role], room.id) for role in roles}
    REDACTIONS[kind](room)
    for role in roles:
        actor = room.actors[role]
        start = at_start[role]
        replayed = replay(start["notes"], sync.changes_since(actor, room.id, start["revision"])["changes"])
        assert on_the_board(list(replayed.values())) == on_the_board(sync.workshop_state(actor, room.id)["notes"])


# --- what keeps the history, and what reads current state -----------------------------------------------


def test_moderators_keep_the_old_wording_in_the_note_history(room, client):
    edited(room)
    history = moderation.history(room.organiser, room.id, room.note_id)["history"]
    assert [entry["reason"] for entry in history] == ["posted", "edited"]
    assert room.marker in history[0]["text"]
    response = client.get(
        f"/api/v1/workshops/{room.id}/notes/{room.note_id}/history",
        headers={"Authorization": f"Bearer {room.tokens['own_facilitator']}"},
    )
    assert response.status_code == 200
    assert room.marker in response.get_json()["history"][0]["text"]


@pytest.mark.parametrize("kind", ["hidden", "deleted", "edited"])
def test_state_and_word_cloud_read_the_note_as_it_is_now(room, kind):
    REDACTIONS[kind](room)
    room.join()
    for role in ("new_attendee", "projector", "other_facilitator"):
        assert room.marker not in json.dumps(sync.workshop_state(room.actors[role], room.id))
    cloud = wordcloud.board_word_cloud(room.actors["new_attendee"], room.id, room.board().id)
    assert room.marker.lower() not in json.dumps(cloud).lower()


def test_exports_read_the_note_as_it_is_now_and_keep_its_history_for_the_organiser(room):
    edited(room)
    exported = next(n for n in build_document(room.organiser, room.id)["notes"] if n["text"] == "Ring the surgery")
    assert [entry["reason"] for entry in exported["history"]] == ["posted", "edited"]
    assert room.marker in exported["history"][0]["text"]
