"""One workshop with everything in it, the people around it, and how each of them authenticates.

Built once per test session into a SQLite file; tests restore that file before each request they judge, so
an allowed (state-changing) request can never change what the next role sees.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask
from itsdangerous import URLSafeTimedSerializer

from facilitation.evaluation import answers as evaluation_answers
from facilitation.evaluation import service as evaluation
from facilitation.extensions import db
from facilitation.kernel.access import actor_for_token, organiser_session
from facilitation.moderation import service as moderation
from facilitation.notes import service as notes
from facilitation.organisers import service as organisers
from facilitation.projector import agenda_timer
from facilitation.signups import service as signups
from facilitation.themes import overrides as themes
from facilitation.voting import service as voting
from facilitation.workshops import participants, removal
from facilitation.workshops import service as workshops
from tests.security.rooms_world import add_room_features

DATABASE_FILE = "facilitation.sqlite"
ROLES = (
    "anonymous",
    "attendee",
    "facilitator_other",
    "facilitator",
    "projector",
    "organiser_other",
    "organiser",
)
OWNER_EMAIL, OWNER_PASSWORD = "owner@example.org", "owner password is long"
OTHER_EMAIL, OTHER_PASSWORD = "other@example.org", "other password is long"
CSRF_RAW = "a" * 40  # the session's raw CSRF secret; the signed form of it is what a page would embed
# Tables that change on every request by design (rate counters, socket presence), never by a role's action.
VOLATILE_TABLES = {"rate_counters", "socket_presence", "alembic_version"}


@dataclass
class World:
    """Ids and credentials of the built workshop (W) and the other organiser's workshop (W2)."""

    workshop_id: int = 0
    other_workshop_id: int = 0
    join_code: str = ""
    owner_id: int = 0
    other_owner_id: int = 0
    attendee_token: str = ""
    attendee_participant_id: int = 0
    facilitator_token: str = ""
    facilitator_other_token: str = ""
    projector_token: str = ""
    other_projector_token: str = ""
    ids: dict[str, int] = field(default_factory=dict)

    def token_for(self, role: str) -> str | None:
        return {
            "attendee": self.attendee_token,
            "facilitator": self.facilitator_token,
            "facilitator_other": self.facilitator_other_token,
            "projector": self.projector_token,
        }.get(role)

    def organiser_for(self, role: str) -> int | None:
        return {"organiser": self.owner_id, "organiser_other": self.other_owner_id}.get(role)


def _note(actor, workshop, board, text: str, group_id=None, section=0) -> int:
    payload = {
        "client_id": uuid.uuid4().hex,
        "board_id": board.id,
        "section_id": board.sections[section].id,
        "text": text,
    }
    if group_id is not None:
        payload["group_id"] = group_id
    return notes.post_note(actor, workshop.id, payload)["note"]["id"]


def build_world() -> World:
    """Call inside an app context on a freshly migrated database."""
    world = World()
    owner_account, _ = organisers.create_organiser(OWNER_EMAIL, OWNER_PASSWORD)
    other_account, _ = organisers.create_organiser(OTHER_EMAIL, OTHER_PASSWORD)
    owner = organisers.organiser_actor(owner_account.id)
    other = organisers.organiser_actor(other_account.id)
    workshop = workshops.create_workshop(owner, "oxford-2022")
    other_workshop = workshops.create_workshop(other, "oxford-2022")
    world.workshop_id, world.other_workshop_id = workshop.id, other_workshop.id
    world.owner_id, world.other_owner_id = owner_account.id, other_account.id
    world.join_code = workshop.join_code
    world.projector_token = workshop.projector_token
    world.other_projector_token = other_workshop.projector_token
    group, other_group = workshop.groups[0], workshop.groups[1]
    world.facilitator_token, world.facilitator_other_token = group.facilitator_token, other_group.facilitator_token

    joined = participants.join(workshop.join_code, "Sam")
    world.attendee_token, world.attendee_participant_id = joined["token"], joined["participant_id"]
    second = actor_for_token(participants.join(workshop.join_code, "Lee")["token"])
    facilitator = actor_for_token(group.facilitator_token)

    boards = {b.kind: b for b in workshop.boards}
    board = boards["solutions"]
    premoderated = next(b for b in workshop.boards if b.kind == "ideas" and b.open_to_attendees)
    ids = world.ids
    ids.update(
        group=group.id,
        other_group=other_group.id,
        board=board.id,
        section=board.sections[0].id,
        other_section=board.sections[1].id,
        premoderated_board=premoderated.id,
        agenda_item=workshop.agenda[0].id,
        perspective=workshop.perspectives[0].id,
        other_workshop_board=other_workshop.boards[0].id,
    )
    # Notes of the facilitator's group (group 0): the other group's facilitator may not touch them.
    ids["note"] = _note(facilitator, workshop, board, "A note of group one")
    ids["merge_into"] = _note(facilitator, workshop, board, "Another note of group one")
    ids["hidden_note"] = _note(facilitator, workshop, board, "A hidden note of group one")
    moderation.hide(owner, workshop.id, ids["hidden_note"])
    ids["deleted_note"] = _note(facilitator, workshop, board, "A deleted note of group one")
    moderation.delete(owner, workshop.id, ids["deleted_note"])
    moderation.set_board_mode(owner, workshop.id, premoderated.id, "premoderated")
    attendee = actor_for_token(world.attendee_token)
    ids["pending_note"] = _note(attendee, workshop, premoderated, "Waiting for approval", group_id=group.id)
    ids["other_workshop_note"] = _note(other, other_workshop, other_workshop.boards[1], "Not yours")
    # Two themes of group one's notes on the board: one of two notes (to split or merge), one of a single note.
    ids["theme"] = themes.move_note(owner, workshop.id, ids["note"], None)["themes"][0]["id"]
    themes.move_note(owner, workshop.id, ids["merge_into"], ids["theme"])
    third = _note(facilitator, workshop, board, "A third note of group one")
    ids["other_theme"] = next(
        t["id"] for t in themes.move_note(owner, workshop.id, third, None)["themes"] if t["note_ids"] == [third]
    )

    # A dot-voting round on the tree board, where the attendee has one dot on the note.
    round_ = voting.open_round(owner, workshop.id, premoderated.id, 3)["round"]
    ids["round"] = round_["id"]
    ids["voted_note"] = _note(facilitator, workshop, premoderated, "Voted for")
    ids["vote_target"] = _note(facilitator, workshop, premoderated, "Not voted for yet")
    voting.cast(attendee, workshop.id, ids["round"], ids["voted_note"])

    # The countdown is running, so pausing it is something an organiser can do.
    agenda_timer.start_timer(owner, workshop.id, 5)

    # The questionnaire is open; the second phone has answered, so there is a free-text answer to moderate.
    evaluation.set_status(owner, workshop.id, "open")
    questionnaire = evaluation.questionnaire_of(workshop.id)
    free_text = next(q for q in questionnaire.questions if q.kind == "free_text")
    ids["question"] = questionnaire.questions[0].id
    ids["free_text_question"] = free_text.id
    evaluation_answers.submit_answers(second, workshop.id, {"answers": full_answers(questionnaire.questions)})
    ids["answer"] = _first_answer_id(free_text.id)
    form = {"name": "Ada", "email": "ada@example.org", "role": "", "organisation": "", "consent": True}
    form["consent_text"] = signups.consent_text(workshop)
    ids["signup"] = signups.create_signup(workshop.join_code, form)["signup"]["id"]

    # Something removed that can still be restored: the last agenda item, and a question with its answers.
    workshops.delete_agenda_item(owner, workshop.id, workshop.agenda[-1].id)
    ids["removed_item"] = removal.removed_items(owner, workshop.id)[0]["id"]
    removed_question = next(q for q in questionnaire.questions[1:] if q.kind != "free_text")
    evaluation.delete_question(owner, workshop.id, removed_question.id)
    ids["removed_question"] = evaluation.removed_questions(owner, workshop.id)[0]["id"]
    add_room_features(owner, workshop, world)
    db.session.commit()
    return world


def full_answers(questions) -> list[dict]:
    """A valid answer to every question of the questionnaire."""

    def value(question):
        if question.kind == "multiple_choice":
            return [question.options[0]]
        if question.kind == "single_choice":
            return question.options[0]
        return {"rating": 4, "yes_no": True}.get(question.kind, "Lovely day")

    return [{"question_id": q.id, "value": value(q)} for q in questions]


def _first_answer_id(question_id: int) -> int:
    from facilitation.models import Answer

    return db.session.scalar(db.select(Answer.id).where(Answer.question_id == question_id))


def fingerprint(database: Path) -> str:
    """A hash of every row of every table people's actions can change: equal means nothing was stored."""
    digest = hashlib.sha256()
    with sqlite3.connect(database) as con:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type='table' order by name")]
        for table in tables:
            if table in VOLATILE_TABLES or table.startswith("sqlite_"):
                continue
            rows = sorted(repr(r) for r in con.execute(f'select * from "{table}"'))
            digest.update(table.encode())
            digest.update("\n".join(rows).encode())
    con.close()
    return digest.hexdigest()


def restore(app: Flask, template: Path) -> None:
    """Put the database back to the built world (every connection closed first)."""
    db.session.remove()
    db.engine.dispose()
    target = Path(app.instance_path) / DATABASE_FILE
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)


def signed_csrf(app: Flask) -> str:
    """What csrf_token() renders into a form for a session holding CSRF_RAW (Flask-WTF's own signing)."""
    return URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token").dumps(CSRF_RAW)


def client_for(app: Flask, world: World, role: str):
    """A test client carrying the role's cookie session (organiser, attendee) and the CSRF secret."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["csrf_token"] = CSRF_RAW
        if role in ("organiser", "organiser_other"):
            session.update(organiser_session(world.organiser_for(role)))
        if role == "attendee":
            session["attendee_token"] = world.attendee_token
    return client
