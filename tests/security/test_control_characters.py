"""Issue 11, finding 5: no text field on any way in stores a NUL, half a surrogate pair or an invisible control.

NUL breaks XML (SVG, XLSX) and PostgreSQL; a lone surrogate (which JSON can carry as "\\ud800") cannot be
encoded as UTF-8 at all. Both are refused with `bad_character`. Other C0 controls (and DEL and C1) are
stripped; tab and newline are kept, and carriage returns become newlines. The rule is one function,
kernel/payloads.clean_characters, reached from every door: socket events, HTTP bodies, organiser forms and
the importer.
"""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from facilitation.evaluation import service as evaluation
from facilitation.exports import document as json_export
from facilitation.extensions import db
from facilitation.kernel.errors import Invalid
from facilitation.kernel.events import EVALUATION_SUBMIT, NAMESPACE, NOTE_EDIT, NOTE_POST, WORDLIST_SET
from facilitation.kernel.payloads import clean_characters, text_field
from facilitation.models import Answer, BlockedWord, Group, Note, Participant, Perspective, Signup, Workshop
from facilitation.notes import service as notes
from facilitation.signups.service import consent_text
from facilitation.workshops import participants
from tests.conftest import board_by_kind
from tests.evaluation.conftest import questions_by_kind
from tests.workshops.test_api import CSRF_FIELD, assert_error, bearer, sign_in

NUL = "\x00"
LONE_SURROGATE = "\ud800"
REFUSED = [NUL, LONE_SURROGATE, "\udfff"]


def hostile(bad: str) -> str:
    return f"Lib{bad}raries"


# --- the rule itself --------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", REFUSED)
def test_nul_and_lone_surrogates_are_refused(bad):
    with pytest.raises(Invalid) as raised:
        clean_characters(hostile(bad), "Note")
    assert raised.value.code == "bad_character"
    assert "Note" in raised.value.message


def test_other_controls_are_stripped_and_tab_and_newline_kept():
    controls = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r\x0b\x0c")
    assert clean_characters(f"a{controls}b\tc\nd\x7fe\x9bf", "Note") == "ab\tc\nde" + "f"


def test_line_breaks_of_every_kind_become_newlines():
    assert clean_characters("one\r\ntwo\rthree\x0bfour\x0cfive\x85six", "Note") == "one\ntwo\nthree\nfour\nfive\nsix"


def test_noncharacters_that_xml_cannot_hold_are_stripped():
    assert clean_characters("a\ufffeb\uffffc", "Title") == "abc"


def test_emoji_scripts_and_bidi_controls_are_kept():
    text = "Café 🎉👍🏽 مرحبا שלום \u202etxet\u202c \u2066isolated\u2069 \u200bzero-width"
    assert clean_characters(text, "Note") == text


def test_text_field_applies_the_rule_then_trims():
    assert text_field("  \x07Title\x1b  ", "Title", 200) == "Title"
    with pytest.raises(Invalid) as raised:
        text_field("Ti\x00tle", "Title", 200)
    assert raised.value.code == "bad_character"


def test_a_field_of_only_controls_is_empty():
    with pytest.raises(Invalid) as raised:
        text_field("\x01\x02", "Title", 200)
    assert raised.value.code == "empty_text"


# --- every HTTP body with text ------------------------------------------------------------------------------


@pytest.fixture
def organiser_client(client, organiser):
    client.csrf_headers = {"X-CSRFToken": sign_in(client)}
    return client


def _note(workshop, actor, text="A note to edit"):
    board = board_by_kind(workshop, "solutions")
    return notes.post_note(
        actor,
        workshop.id,
        {"client_id": uuid.uuid4().hex, "board_id": board.id, "section_id": board.sections[0].id, "text": text},
    )["note"]


def _export_with(workshop, organiser, path: tuple, bad: str) -> dict:
    """The workshop's own JSON export with one text replaced by a hostile one."""
    document = json_export.build_document(organiser, workshop.id)
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = hostile(bad)
    return document


def organiser_bodies(workshop, organiser, bad: str) -> list[tuple[str, str, dict]]:
    """(method, path, JSON body) for every organiser route that takes text, one field made hostile each."""
    w = f"/api/v1/workshops/{workshop.id}"
    board = board_by_kind(workshop, "solutions")
    group, agenda = workshop.groups[0], workshop.agenda[0]
    question = evaluation.questionnaire_of(workshop.id).questions[0]
    note = _note(workshop, organiser)
    bad_text = hostile(bad)
    good_board = {"kind": "ideas", "title": "Ideas", "prompt": "What?", "sections": ["One", "Two"]}
    question_spec = {"kind": "single_choice", "prompt": "Which?", "options": ["One", "Two"]}
    rating_spec = {"kind": "rating", "prompt": "How?", "low_label": "Low", "high_label": "High"}
    return [
        ("post", "/api/v1/workshops", {"template": "blank", "title": bad_text}),
        ("patch", w, {"title": bad_text}),
        ("patch", w, {"title": "Fine", "venue": bad_text}),
        ("post", f"{w}/groups", {"name": bad_text, "colour": "#336699"}),
        ("put", f"{w}/groups/{group.id}", {"name": bad_text, "colour": "#336699"}),
        ("post", f"{w}/boards", {**good_board, "title": bad_text}),
        ("post", f"{w}/boards", {**good_board, "prompt": bad_text}),
        ("put", f"{w}/boards/{board.id}", {**good_board, "sections": ["One", bad_text]}),
        ("post", f"{w}/agenda", {"starts_at": "09:00", "title": bad_text}),
        ("put", f"{w}/agenda/{agenda.id}", {"starts_at": "09:00", "title": bad_text}),
        ("patch", f"{w}/evaluation", {"title": bad_text}),
        ("patch", f"{w}/evaluation", {"title": "Evaluation", "intro": bad_text}),
        ("post", f"{w}/evaluation/questions", {**question_spec, "prompt": bad_text}),
        ("post", f"{w}/evaluation/questions", {**question_spec, "options": ["One", bad_text]}),
        ("post", f"{w}/evaluation/questions", {**rating_spec, "low_label": bad_text}),
        ("put", f"{w}/evaluation/questions/{question.id}", {**question_spec, "prompt": bad_text}),
        ("patch", f"{w}/notes/{note['id']}", {"text": bad_text, "version": note["version"]}),
        ("put", f"{w}/wordlist", {"words": ["fine", bad_text]}),
        (
            "post",
            "/api/v1/workshops/import",
            {"document": _export_with(workshop, organiser, ("workshop", "title"), bad)},
        ),
        (
            "post",
            "/api/v1/workshops/import",
            {"document": _export_with(workshop, organiser, ("boards", 0, "sections", 0, "name"), bad)},
        ),
    ]


def _send(client, method: str, path: str, body: dict, headers: dict):
    # json.dumps writes "\ud800" as the escape a hostile client would send; the test client's json= would too.
    return client.open(
        path, method=method.upper(), data=json.dumps(body), content_type="application/json", headers=headers
    )


@pytest.mark.parametrize("bad", REFUSED)
def test_every_organiser_text_field_refuses_bad_characters(organiser_client, workshop, organiser, bad):
    for method, path, body in organiser_bodies(workshop, organiser, bad):
        response = _send(organiser_client, method, path, body, organiser_client.csrf_headers)
        assert response.status_code == 422, (method, path, body, response.get_json())
        assert_error(response, 422, "bad_character")
    db.session.expire_all()
    assert not any(bad in title for title in db.session.scalars(select(Workshop.title)))


@pytest.mark.parametrize("bad", REFUSED)
def test_attendee_text_fields_refuse_bad_characters(client, workshop, organiser, bad):
    evaluation.set_status(organiser, workshop.id, "open")
    worked = questions_by_kind(workshop.id)["free_text"][0]
    token = participants.join(workshop.join_code, "Sam")["token"]
    board = board_by_kind(workshop, "solutions")
    bad_text = hostile(bad)
    w = f"/api/v1/workshops/{workshop.id}"
    cases = [
        ("post", "/api/v1/join", {"code": workshop.join_code, "name": bad_text}, {}),
        (
            "post",
            f"{w}/notes",
            {"client_id": uuid.uuid4().hex, "board_id": board.id, "section_id": board.sections[0].id, "text": bad_text},
            bearer(token),
        ),
        (
            "post",
            f"{w}/evaluation/answers",
            {"answers": [{"question_id": worked.id, "value": bad_text}]},
            bearer(token),
        ),
    ]
    signup = {
        "code": workshop.join_code,
        "name": "Sam",
        "email": "sam@example.org",
        "consent": True,
        "consent_text": consent_text(workshop),
    }
    cases += [
        ("post", "/api/v1/signups", {**signup, field: bad_text}, {}) for field in ("name", "role", "organisation")
    ]
    for method, path, body, headers in cases:
        assert_error(_send(client, method, path, body, headers), 422, "bad_character")
    assert db.session.scalars(select(Participant.display_name)).all() == ["Sam"]
    assert db.session.scalar(select(Note.id)) is None
    assert db.session.scalar(select(Answer.id)) is None
    assert db.session.scalar(select(Signup.id)) is None


def test_controls_are_stripped_from_what_the_http_api_stores(organiser_client, workshop, organiser):
    headers = organiser_client.csrf_headers
    w = f"/api/v1/workshops/{workshop.id}"
    response = organiser_client.post(
        f"{w}/groups", json={"name": "Ring\x07ing\x1b[31m", "colour": "#336699"}, headers=headers
    )
    assert response.status_code == 200, response.get_json()
    assert db.session.scalar(select(Group.name).where(Group.name.startswith("Ring"))) == "Ringing[31m"
    response = organiser_client.put(f"{w}/wordlist", json={"words": ["bad\x08word"]}, headers=headers)
    assert response.get_json()["words"] == ["badword"]
    assert db.session.scalars(select(BlockedWord.word)).all() == ["badword"]


# --- the socket ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", REFUSED)
def test_socket_events_refuse_bad_characters(connect, workshop, organiser, bad):
    evaluation.set_status(organiser, workshop.id, "open")
    worked = questions_by_kind(workshop.id)["free_text"][0]
    token = participants.join(workshop.join_code, "Sam")["token"]
    board = board_by_kind(workshop, "solutions")
    note = _note(workshop, organiser)
    bad_text = hostile(bad)
    attendee = connect({"token": token})
    facilitator = connect({"token": workshop.groups[0].facilitator_token})
    payloads = [
        (
            attendee,
            NOTE_POST,
            {"client_id": uuid.uuid4().hex, "board_id": board.id, "section_id": board.sections[0].id, "text": bad_text},
        ),
        (attendee, EVALUATION_SUBMIT, {"answers": [{"question_id": worked.id, "value": bad_text}]}),
        (facilitator, NOTE_EDIT, {"note_id": note["id"], "text": bad_text, "version": note["version"]}),
    ]
    for socket, event, payload in payloads:
        ack = socket.emit(event, payload, namespace=NAMESPACE, callback=True)
        assert ack["ok"] is False and ack["code"] == "bad_character", (event, ack)
    assert db.session.scalars(select(Note.text)).all() == ["A note to edit"]


def test_socket_note_loses_its_controls_but_keeps_tab_and_newline(connect, workshop):
    token = participants.join(workshop.join_code)["token"]
    board = board_by_kind(workshop, "solutions")
    ack = connect({"token": token}).emit(
        NOTE_POST,
        {
            "client_id": uuid.uuid4().hex,
            "board_id": board.id,
            "section_id": board.sections[0].id,
            "text": "Bell\x07 and\tescape\x1b\r\nnext line",
        },
        namespace=NAMESPACE,
        callback=True,
    )
    assert ack["ok"] is True, ack
    assert ack["note"]["text"] == "Bell and\tescape\nnext line"


def test_the_word_list_over_the_socket_refuses_a_nul(connect, workshop, organiser, client):
    sign_in(client)
    socket = connect({"workshop_id": workshop.id}, flask_test_client=client)
    ack = socket.emit(WORDLIST_SET, {"words": ["x\x00y"]}, namespace=NAMESPACE, callback=True)
    assert ack["ok"] is False and ack["code"] == "bad_character", ack


# --- the organiser's forms and the phone's forms -----------------------------------------------------------------


def _form_token(client, path: str) -> str:
    return CSRF_FIELD.search(client.get(path).get_data(as_text=True)).group(1)


def test_organiser_forms_refuse_a_nul_and_say_why(organiser_client, workshop):
    title = workshop.title
    token = _form_token(organiser_client, f"/organiser/workshops/{workshop.id}")
    base = f"/organiser/workshops/{workshop.id}"
    forms = [
        (f"{base}/details", {"title": "Bad\x00title", "venue": ""}),
        (f"{base}/groups", {"name": "Bad\x00group", "colour": "#336699"}),
        (f"{base}/perspectives", {"name": "Bad\x00perspective"}),
        (f"{base}/boards", {"kind": "ideas", "title": "Bad\x00board", "sections": "One"}),
        (f"{base}/agenda", {"starts_at": "09:00", "title": "Bad\x00item"}),
        (f"{base}/evaluation/details", {"title": "Bad\x00title"}),
        (f"{base}/evaluation/questions", {"kind": "free_text", "prompt": "Bad\x00prompt"}),
    ]
    for path, fields in forms:
        response = organiser_client.post(path, data={**fields, "csrf_token": token}, follow_redirects=True)
        page = response.get_data(as_text=True)
        assert "flash-error" in page and "character" in page, path
    db.session.expire_all()
    assert db.session.get(Workshop, workshop.id).title == title
    assert not any(NUL in p.name for p in db.session.scalars(select(Perspective)))
    assert not any(NUL in g.name for g in db.session.scalars(select(Group)))


def test_a_dashboard_title_with_a_nul_creates_no_workshop(organiser_client, workshop):
    token = _form_token(organiser_client, "/organiser/")
    before = db.session.scalars(select(Workshop.id)).all()
    response = organiser_client.post(
        "/organiser/workshops",
        data={"template": "blank", "title": "New\x00one", "csrf_token": token},
        follow_redirects=True,
    )
    assert "flash-error" in response.get_data(as_text=True)
    assert db.session.scalars(select(Workshop.id)).all() == before


def test_phone_forms_refuse_a_nul(client, workshop):
    token = _form_token(client, f"/join/{workshop.join_code}")
    response = client.post("/join", data={"code": workshop.join_code, "name": "Sam\x00", "csrf_token": token})
    assert response.status_code == 422
    assert db.session.scalar(select(Participant.id)) is None
    token = _form_token(client, f"/signup/{workshop.join_code}")
    response = client.post(
        f"/signup/{workshop.join_code}",
        data={
            "name": "Sam\x00",
            "email": "sam@example.org",
            "consent": "yes",
            "consent_text": consent_text(workshop),
            "csrf_token": token,
        },
    )
    assert "character" in response.get_data(as_text=True)
    assert db.session.scalar(select(Signup.id)) is None


# --- the importer (a file from anywhere) ---------------------------------------------------------------------
