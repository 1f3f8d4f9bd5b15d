"""API for the evaluation: the state any screen may see, a phone's answers, and the organiser's builder."""

from __future__ import annotations

from ...events import EVALUATION_SUBMIT, REQUEST_SHAPES
from ...payloads import check_shape
from ...services import evaluation, evaluation_answers
from ..auth import current_actor
from . import blueprint, body, ok

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
    return ok(**evaluation.delete_question(current_actor(), workshop_id, question_id))


@bp.post(f"{BASE}/questions/<int:question_id>/move")
def move_question(workshop_id: int, question_id: int):
    payload = check_shape(body(), MOVE_SHAPE)
    return ok(**evaluation.move_question(current_actor(), workshop_id, question_id, payload["offset"]))
