"""Evaluation over Socket.IO (Flask-SocketIO's test client): a phone submits, every screen gets aggregates only."""

from __future__ import annotations

import pytest

from facilitation.evaluation import service as evaluation
from facilitation.extensions import socketio
from facilitation.kernel.events import (
    EVALUATION_CHANGED,
    EVALUATION_RESULTS,
    EVALUATION_STATE,
    EVALUATION_SUBMIT,
    NAMESPACE,
    SYNC,
)
from facilitation.workshops import participants


@pytest.fixture
def connect(app):
    opened = []

    def open_socket(token):
        client = socketio.test_client(app, namespace=NAMESPACE, auth={"token": token})
        opened.append(client)
        client.get_received(NAMESPACE)  # the welcome
        return client

    yield open_socket
    for client in opened:
        if client.is_connected(NAMESPACE):
            client.disconnect(namespace=NAMESPACE)


def emit(client, event, payload=None):
    return client.emit(event, payload if payload is not None else {}, namespace=NAMESPACE, callback=True)


def received(client, name):
    return [e for e in client.get_received(NAMESPACE) if e["name"] == name]


def ratings(workshop_id, *scores):
    questions = evaluation.questionnaire_of(workshop_id).questions
    answers = [{"question_id": q.id, "value": s} for q, s in zip(questions, scores, strict=False)]
    answers.append({"question_id": questions[5].id, "value": "private words"})
    return {"answers": answers}


def test_submit_is_acknowledged_and_everyone_gets_the_new_aggregates(connect, workshop, organiser):
    evaluation.set_status(organiser, workshop.id, "open")
    phone = connect(participants.join(workshop.join_code)["token"])
    projector = connect(workshop.projector_token)
    other_phone = connect(participants.join(workshop.join_code)["token"])

    ack = emit(phone, EVALUATION_SUBMIT, ratings(workshop.id, 5, 4, 3))
    assert ack["ok"] is True and len(ack["answers"]) == 4

    for client in (projector, other_phone, phone):
        [envelope] = received(client, EVALUATION_RESULTS)
        assert envelope["args"][0]["revision"] == ack["revision"]
        data = envelope["args"][0]["data"]
        assert data["responses"] == 1 and data["questions"][0]["distribution"] == [0, 0, 0, 0, 1]
        assert "private words" not in repr(data)  # free text waits for review, and never goes out per person

    # The projector catching up by revision gets the same envelope from the change log.
    catch_up = emit(projector, SYNC, {"since": ack["revision"] - 1})
    assert [c["event"] for c in catch_up["changes"]] == [EVALUATION_RESULTS]


def test_state_gives_my_answers_only_to_me(connect, workshop, organiser):
    evaluation.set_status(organiser, workshop.id, "open")
    phone = connect(participants.join(workshop.join_code)["token"])
    emit(phone, EVALUATION_SUBMIT, ratings(workshop.id, 2, 2, 2))
    mine = emit(phone, EVALUATION_STATE)
    assert mine["ok"] and {a["value"] for a in mine["my_answers"]} == {2, "private words"}
    other = emit(connect(participants.join(workshop.join_code)["token"]), EVALUATION_STATE)
    assert other["my_answers"] == []
    projector = emit(connect(workshop.projector_token), EVALUATION_STATE)
    assert "my_answers" not in projector and projector["results"]["responses"] == 1


def test_refusals_come_back_as_acks(connect, workshop, organiser):
    phone = connect(participants.join(workshop.join_code)["token"])
    assert emit(phone, EVALUATION_SUBMIT, ratings(workshop.id, 5, 5, 5))["code"] == "evaluation_not_open"
    evaluation.set_status(organiser, workshop.id, "open")
    assert emit(phone, EVALUATION_SUBMIT, ratings(workshop.id, 9, 5, 5))["code"] == "bad_rating"
    assert emit(phone, EVALUATION_SUBMIT, {"answers": "all good"})["code"] == "wrong_type"
    assert emit(phone, EVALUATION_STATE, {"extra": 1})["code"] == "unexpected_field"
    projector = connect(workshop.projector_token)
    assert emit(projector, EVALUATION_SUBMIT, ratings(workshop.id, 5, 5, 5))["code"] == "forbidden"
    assert phone.is_connected(NAMESPACE)


@pytest.mark.parametrize(
    ("payload", "code"),
    [({}, "missing_field"), ({"answers": {}}, "wrong_type"), ({"answers": [], "extra": 1}, "unexpected_field")],
)
def test_a_form_of_the_wrong_shape_is_refused_before_the_service(connect, workshop, organiser, payload, code):
    evaluation.set_status(organiser, workshop.id, "open")
    phone = connect(participants.join(workshop.join_code)["token"])
    assert emit(phone, EVALUATION_SUBMIT, payload)["code"] == code


def test_status_changes_reach_phones(connect, workshop, organiser):
    phone = connect(participants.join(workshop.join_code)["token"])
    evaluation.set_status(organiser, workshop.id, "open")
    [envelope] = received(phone, EVALUATION_CHANGED)
    questionnaire = envelope["args"][0]["data"]["questionnaire"]
    assert questionnaire["status"] == "open" and len(questionnaire["questions"]) == 7
