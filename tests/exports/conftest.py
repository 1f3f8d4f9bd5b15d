"""The demo workshop of the day, plus the notes that break exports: other scripts, emoji, formulas."""

from __future__ import annotations

import uuid

import pytest

from facilitation.evaluation.seed import add_demo_evaluation
from facilitation.exports import document as json_export
from facilitation.exports import worker
from facilitation.extensions import db
from facilitation.models import BlockedWord, Note, NoteRevision, Participant, Signup, Vote, VoteRound
from facilitation.organisers import service as organisers
from facilitation.workshops import demo
from facilitation.workshops.service import build_from_structure
from facilitation.workshops.templates import OXFORD_2022

# (section index on the tree, group index, text): each one a way a naive export goes wrong.
TRICKY_NOTES = [
    (1, 1, "Café naïve – élan, Ελληνικά, Кириллица 🎉👍🏽"),
    (0, 2, "مرحبا بالعالم: الثقافة تساعد"),
    (1, 3, "שלום עולם, תרבות עוזרת"),
    (0, None, '=HYPERLINK("http://evil.example","click")'),
    (0, None, "+44 1865 000000"),
    (0, None, "-2 volunteers"),
    (0, None, "@everyone"),
    (0, None, "\tindented"),
    (0, None, "\rreturned"),
]


@pytest.fixture
def demo_workshop(app):
    """The Oxford demo (its notes, themes and 34 evaluation replies) with history, votes, a sign-up and tricky notes."""
    account, _password = organisers.create_organiser("demo-owner@example.org", "correct horse battery")
    workshop = build_from_structure(account.id, OXFORD_2022, "Oxford 2022 knowledge exchange (demo)")
    demo.add_demo_notes(workshop)
    add_demo_evaluation(workshop)
    tree = workshop.boards[0]
    notes = []
    for section, group, text in TRICKY_NOTES:
        note = Note(
            workshop_id=workshop.id,
            client_id=uuid.uuid4().hex,
            board_id=tree.id,
            section_id=tree.sections[section].id,
            perspective_id=workshop.perspectives[section % 2].id,
            group_id=workshop.groups[group].id if group is not None else None,
            author_role="facilitator" if group is not None else "attendee",
            text=text,
        )
        db.session.add(note)
        notes.append(note)
    db.session.flush()
    first = notes[0]
    first.version = 2
    db.session.add(
        NoteRevision(
            note_id=first.id,
            version=1,
            reason="posted",
            text="Cafe",
            board_id=tree.id,
            section_id=first.section_id,
            actor_role="facilitator",
            actor_group_id=first.group_id,
        )
    )
    voters = [Participant(workshop_id=workshop.id, token_hash=uuid.uuid4().hex) for _ in range(3)]
    db.session.add_all(voters)
    vote_round = VoteRound(
        workshop_id=workshop.id, board_id=tree.id, votes_per_attendee=3, status="closed", revealed=True
    )
    db.session.add(vote_round)
    db.session.flush()
    for voter in voters:
        db.session.add(Vote(round_id=vote_round.id, participant_id=voter.id, note_id=first.id))
    db.session.add(Vote(round_id=vote_round.id, participant_id=voters[0].id, note_id=notes[1].id))
    vote_round.result = [
        {"note_id": first.id, "text": first.text, "votes": 3},
        {"note_id": notes[1].id, "text": notes[1].text, "votes": 1},
    ]
    first.votes = 3
    db.session.add(
        Signup(
            workshop_id=workshop.id,
            name="Zoë Ní Bhriain",
            email="zoe@example.org",
            role="Link worker",
            organisation="=cmd|' /C calc'!A0",
            consent_text="Yes, add me to the OxSoP mailing list.",
        )
    )
    db.session.add(BlockedWord(workshop_id=workshop.id, word="rubbish"))
    db.session.commit()
    return workshop


@pytest.fixture
def owner(demo_workshop):
    return organisers.organiser_actor(demo_workshop.organiser_id)


@pytest.fixture
def document(owner, demo_workshop):
    return json_export.build_document(owner, demo_workshop.id)


@pytest.fixture
def in_a_worker(app):
    """Exports rendered in a real worker process, as in production (tests otherwise render in-process)."""
    app.config["EXPORT_WORKERS"] = 1
    yield
    pool = app.extensions.pop(worker.EXTENSION, None)
    if pool is not None:
        pool.shutdown()
    app.config["EXPORT_WORKERS"] = 0
