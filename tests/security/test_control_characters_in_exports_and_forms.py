"""The character rule, continued: the organiser's forms, the importer and the services refuse what cannot be stored."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from facilitation.evaluation import service as evaluation
from facilitation.exports import document as json_export
from facilitation.exports.importer import import_workshop
from facilitation.extensions import db
from facilitation.kernel.errors import Invalid
from facilitation.models import BlockedWord, Note, Signup, Workshop
from facilitation.workshops import participants
from facilitation.workshops import service as workshops
from tests.security.test_control_characters import _note


@pytest.mark.parametrize(
    "path",
    [
        ("notes", 0, "text"),
        ("notes", 0, "author_name"),
        ("agenda", 0, "title"),
        ("groups", 0, "name"),
        ("perspectives", 0, "name"),
        ("questionnaire", "questions", 0, "prompt"),
        ("signups", 0, "name"),
    ],
)
def test_the_importer_refuses_a_nul_anywhere_and_stores_nothing(workshop, organiser, path):
    _note(workshop, organiser, "Imported note")
    db.session.add(
        Signup(
            workshop_id=workshop.id, name="Zoë", email="zoe@example.org", consent_text="Yes", role="", organisation=""
        )
    )
    db.session.commit()
    document = json_export.build_document(organiser, workshop.id, include_signups=True)
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = "Bad\x00text"
    before = db.session.scalars(select(Workshop.id)).all()
    with pytest.raises(Invalid) as raised:
        import_workshop(organiser, json.dumps(document))
    assert raised.value.code == "bad_character"
    assert db.session.scalars(select(Workshop.id)).all() == before


def test_the_importer_refuses_a_nul_in_a_free_text_answer(workshop, organiser):
    evaluation.set_status(organiser, workshop.id, "open")
    document = json_export.build_document(organiser, workshop.id)
    worked = next(q for q in document["questionnaire"]["questions"] if q["kind"] == "free_text")
    document["responses"] = [
        {"answers": [{"question": worked["ref"], "value": "Bad\x00answer", "moderation": "pending"}]}
    ]
    with pytest.raises(Invalid) as raised:
        import_workshop(organiser, json.dumps(document))
    assert raised.value.code == "bad_character"


def test_the_importer_strips_controls_from_what_it_stores(workshop, organiser):
    _note(workshop, organiser, "Imported note")
    document = json_export.build_document(organiser, workshop.id)
    document["notes"][0]["text"] = "Imported\x07 note\x1b"
    document["workshop"]["title"] = "Imported\x07 workshop"
    document["blocked_words"] = ["bad\x08word"]
    restored = import_workshop(organiser, json.dumps(document))
    assert restored.title == "Imported workshop"
    assert db.session.scalar(select(Note.text).where(Note.workshop_id == restored.id)) == "Imported note"
    assert db.session.scalars(select(BlockedWord.word).where(BlockedWord.workshop_id == restored.id)).all() == [
        "badword"
    ]


def test_a_workshop_title_given_at_import_is_checked_too(workshop, organiser):
    document = json_export.build_document(organiser, workshop.id)
    with pytest.raises(Invalid) as raised:
        import_workshop(organiser, json.dumps(document), "template", "New\x00title")
    assert raised.value.code == "bad_character"


def test_services_called_directly_refuse_too(workshop, organiser):
    """The rule is in the services, so a new adapter cannot forget it."""
    with pytest.raises(Invalid) as raised:
        workshops.save_perspective(organiser, workshop.id, None, name="Bad\x00name")
    assert raised.value.code == "bad_character"
    db.session.rollback()
    with pytest.raises(Invalid) as raised:
        participants.join(workshop.join_code, "Sam\ud800")
    assert raised.value.code == "bad_character"
