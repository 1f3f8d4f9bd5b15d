"""JSON export and import: complete, versioned, anonymous, and faithful when read back."""

from __future__ import annotations

import json

import pytest

from facilitation.exports import document as json_export
from facilitation.exports import importer as json_import
from facilitation.extensions import db
from facilitation.kernel.access import ANONYMOUS, Actor
from facilitation.kernel.errors import Invalid, NotAllowed, NotSignedIn
from facilitation.models import Participant, Workshop
from facilitation.workshops.demo_notes import DEMO_NOTES
from tests.exports.conftest import TRICKY_NOTES


def normalised(document: dict) -> dict:
    """The content only: when the file was made is not part of what was said."""
    return {k: v for k, v in document.items() if k != "exported_at"}


def test_document_is_versioned_and_complete(document):
    assert document["format"] == json_export.FORMAT
    assert document["format_version"] == json_export.FORMAT_VERSION
    assert len(document["boards"]) == 6
    assert len(document["agenda"]) == 13
    assert len(document["groups"]) == 6
    assert len(document["notes"]) == len(DEMO_NOTES) + len(TRICKY_NOTES)
    assert len(document["responses"]) == 34
    assert len(document["questionnaire"]["questions"]) == 7
    edited = next(n for n in document["notes"] if n["text"].startswith("Café"))
    assert edited["votes"] == 3 and edited["revealed_votes"] == 3
    assert edited["history"][0]["text"] == "Cafe"
    assert {v["voter"] for v in document["votes"]} == {"v1", "v2", "v3"}
    assert document["blocked_words"] == ["rubbish"]


def test_document_carries_no_ids_secrets_or_sessions(document, demo_workshop):
    text = json.dumps(document)
    assert demo_workshop.join_code not in text
    assert demo_workshop.projector_token not in text
    assert all(g.facilitator_token not in text for g in demo_workshop.groups)
    assert "participant" not in text and '"id"' not in text


def test_signups_only_when_asked(owner, demo_workshop, document):
    assert "signups" not in document
    with_signups = json_export.build_document(owner, demo_workshop.id, include_signups=True)
    assert with_signups["signups"][0]["email"] == "zoe@example.org"


def test_only_the_owner_may_export(other_organiser, demo_workshop):
    with pytest.raises(NotAllowed):
        json_export.build_document(other_organiser, demo_workshop.id)


def test_restore_gives_back_the_same_content(owner, demo_workshop):
    original = json_export.build_document(owner, demo_workshop.id, include_signups=True)
    raw = json_export.to_bytes(original)
    restored = json_import.import_workshop(owner, raw, "restore")
    assert restored.id != demo_workshop.id
    assert restored.join_code != demo_workshop.join_code
    assert restored.projector_token != demo_workshop.projector_token
    again = json_export.build_document(owner, restored.id, include_signups=True)
    # A carriage return stored before the character rule comes back by the rule, as a newline.
    for note in original["notes"]:
        note["text"] = note["text"].replace("\r", "\n")
    assert normalised(again) == normalised(original)
    voters = db.session.query(Participant).filter_by(workshop_id=restored.id).all()
    assert len(voters) == 3 and all(v.removed for v in voters)


def test_template_keeps_structure_and_questions_only(owner, demo_workshop, document):
    made = json_import.import_workshop(owner, json_export.to_bytes(document), "template", "Bristol 2027")
    copy = json_export.build_document(owner, made.id)
    assert copy["workshop"]["title"] == "Bristol 2027"
    assert copy["notes"] == [] and copy["responses"] == [] and copy["votes"] == []
    assert [b["title"] for b in copy["boards"]] == [b["title"] for b in document["boards"]]
    assert copy["questionnaire"]["questions"] == document["questionnaire"]["questions"]
    assert copy["questionnaire"]["status"] == "draft"


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda d: d.update(format_version=99), "unsupported_version"),
        (lambda d: d.update(format="something-else"), "bad_format"),
        (lambda d: d["notes"][0].update(board="b99"), "bad_reference"),
        (lambda d: d["notes"][0].update(section="b2.s1"), "bad_reference"),
        (lambda d: d["notes"][0].update(status="shouting"), "bad_document"),
        (lambda d: d["boards"][0].update(kind="kanban"), "bad_document"),
        (lambda d: d["groups"][0].update(colour="red; background:url(x)"), "bad_document"),
        (lambda d: d["agenda"][0].update(starts_at="25:99"), "bad_document"),
        (lambda d: d["responses"][0]["answers"][0].update(question="q99"), "bad_reference"),
        # The themes are read in the same transaction: a bad one leaves no half-restored workshop behind.
        (lambda d: d["themes"].append({"ref": "t-bad", "board": "b99"}), "bad_document"),
    ],
)
def test_bad_documents_are_refused_and_store_nothing(owner, document, mutate, code):
    before = db.session.query(Workshop).count()
    mutate(document)
    with pytest.raises(Invalid) as refused:
        json_import.import_workshop(owner, json_export.to_bytes(document), "restore")
    assert refused.value.code == code
    assert db.session.query(Workshop).count() == before


def test_not_json_is_refused(owner):
    with pytest.raises(Invalid) as refused:
        json_import.import_workshop(owner, b"\x89PNG not json", "restore")
    assert refused.value.code == "bad_json"


def test_ids_in_the_file_are_ignored(owner, demo_workshop, document):
    document["workshop"]["id"] = demo_workshop.id
    document["notes"][0]["id"] = 1
    made = json_import.import_workshop(owner, json_export.to_bytes(document), "restore")
    assert made.id != demo_workshop.id


def test_only_organisers_import(app, document):
    with pytest.raises(NotSignedIn):
        json_import.import_workshop(ANONYMOUS, json_export.to_bytes(document), "template")
    with pytest.raises(NotAllowed):
        json_import.import_workshop(Actor(role="facilitator", workshop_id=1), json_export.to_bytes(document))
