"""API for the evaluation: the state any screen may see, a phone's answers, and the organiser's builder."""

from __future__ import annotations

from facilitation.evaluation import answers as evaluation_answers
from facilitation.evaluation import service as evaluation
from facilitation.kernel.events import EVALUATION_SUBMIT, REQUEST_SHAPES
from facilitation.kernel.payloads import check_shape
from facilitation.models import MODERATION_STATUSES, QUESTION_KINDS, QUESTIONNAIRE_STATUSES
from facilitation.web.api import blueprint, body, ok
from facilitation.web.auth import current_actor
from facilitation.web.openapi import path_parameter

bp = blueprint("evaluation")

BASE = "/workshops/<int:workshop_id>/evaluation"
QUESTION_SHAPE = {
    "kind": ((str,), True),
    "prompt": ((str,), True),
    "required": ((bool,), False),
    "options": ((list,), False),
    "low_label": ((str,), False),
    "high_label": ((str,), False),
}
DETAILS_SHAPE = {"title": ((str,), True), "intro": ((str,), False)}
STATUS_SHAPE = {"status": ((str,), True)}
MOVE_SHAPE = {"offset": ((int,), True)}
MODERATION_SHAPE = {"decision": ((str,), True)}


@bp.get(BASE)
def state(workshop_id: int):
    return ok(**evaluation.evaluation_state(current_actor(), workshop_id))


@bp.patch(BASE)
def update_details(workshop_id: int):
    payload = check_shape(body(), DETAILS_SHAPE)
    return ok(
        **evaluation.update_details(
            current_actor(), workshop_id, title=payload["title"], intro=payload.get("intro", "")
        )
    )


@bp.put(f"{BASE}/status")
def set_status(workshop_id: int):
    payload = check_shape(body(), STATUS_SHAPE)
    return ok(**evaluation.set_status(current_actor(), workshop_id, payload["status"]))


@bp.post(f"{BASE}/answers")
def submit_answers(workshop_id: int):
    payload = check_shape(body(), REQUEST_SHAPES[EVALUATION_SUBMIT])
    return ok(**evaluation_answers.submit_answers(current_actor(), workshop_id, payload))


@bp.get(f"{BASE}/review")
def review(workshop_id: int):
    return ok(**evaluation.moderation_queue(current_actor(), workshop_id))


@bp.put(f"{BASE}/answers/<int:answer_id>/moderation")
def moderate(workshop_id: int, answer_id: int):
    payload = check_shape(body(), MODERATION_SHAPE)
    return ok(**evaluation.moderate_answer(current_actor(), workshop_id, answer_id, payload["decision"]))


@bp.post(f"{BASE}/questions", defaults={"question_id": None})
@bp.put(f"{BASE}/questions/<int:question_id>")
def save_question(workshop_id: int, question_id: int | None):
    payload = check_shape(body(), QUESTION_SHAPE)
    result = evaluation.save_question(current_actor(), workshop_id, question_id, payload)
    return ok(201 if question_id is None else 200, **result)


@bp.delete(f"{BASE}/questions/<int:question_id>")
def delete_question(workshop_id: int, question_id: int):
    """Removed at once but undoably: restore it with POST /workshops/<id>/removed/<removed id>/restore."""
    result = evaluation.delete_question(current_actor(), workshop_id, question_id)
    return ok(**result, removed=evaluation.removal_of_question(workshop_id, question_id))


@bp.post(f"{BASE}/questions/<int:question_id>/move")
def move_question(workshop_id: int, question_id: int):
    payload = check_shape(body(), MOVE_SHAPE)
    return ok(**evaluation.move_question(current_actor(), workshop_id, question_id, payload["offset"]))


def openapi_paths(op, schema_for, workshop_id: dict) -> dict:
    """The questionnaire's routes for /api/openapi.json."""

    base = "/api/v1/workshops/{workshop_id}/evaluation"
    # What evaluation/service.py checks beyond the type.
    details = {
        "title": {"type": "string", "minLength": 1, "maxLength": 200},
        "intro": {"type": "string", "maxLength": 1000},
    }
    status = {"status": {"type": "string", "enum": list(QUESTIONNAIRE_STATUSES)}}
    decision = {"decision": {"type": "string", "enum": list(MODERATION_STATUSES)}}
    question = {
        "kind": {"type": "string", "enum": list(QUESTION_KINDS)},
        "prompt": {"type": "string", "minLength": 1, "maxLength": 500},
        "options": {"type": "array", "maxItems": 12, "items": {"type": "string", "maxLength": 200}},
        "low_label": {"type": "string", "maxLength": 60},
        "high_label": {"type": "string", "maxLength": 60},
    }
    return {
        base: {
            "parameters": [workshop_id],
            "get": op("The questionnaire, public results and (attendee) my answers"),
            "patch": op(
                "Edit the questionnaire's title and introduction (organiser)", schema_for(DETAILS_SHAPE, details)
            ),
        },
        f"{base}/status": {
            "parameters": [workshop_id],
            "put": op("Set the status: draft, open or closed (organiser)", schema_for(STATUS_SHAPE, status)),
        },
        f"{base}/answers": {
            "parameters": [workshop_id],
            "post": op(
                "Submit or change this phone's answers (attendee); the whole form, once per session",
                schema_for(REQUEST_SHAPES[EVALUATION_SUBMIT]),
            ),
        },
        f"{base}/review": {
            "parameters": [workshop_id],
            "get": op("Results with pending counts and every free-text answer (organiser)"),
        },
        f"{base}/answers/{{answer_id}}/moderation": {
            "parameters": [workshop_id, path_parameter("answer_id")],
            "put": op(
                "Approve, reject or return a free-text answer to pending (organiser)",
                schema_for(MODERATION_SHAPE, decision),
            ),
        },
        f"{base}/questions": {
            "parameters": [workshop_id],
            "post": op("Add a question (organiser)", schema_for(QUESTION_SHAPE, question), "201"),
        },
        f"{base}/questions/{{question_id}}": {
            "parameters": [workshop_id, path_parameter("question_id")],
            "put": op("Edit a question (organiser)", schema_for(QUESTION_SHAPE, question)),
            "delete": op("Remove a question and its answers, undoably (the answer's `removed` entry) (organiser)"),
        },
        f"{base}/questions/{{question_id}}/move": {
            "parameters": [workshop_id, path_parameter("question_id")],
            "post": op(
                "Move a question up (-1) or down (1) (organiser)",
                schema_for(MOVE_SHAPE, {"offset": {"type": "integer", "enum": [-1, 1]}}),
            ),
        },
    }
