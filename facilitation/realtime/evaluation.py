"""Socket adapters for the evaluation: a phone submits its form; any screen asks for the current state."""

from __future__ import annotations

from .. import events
from ..payloads import check_shape
from ..services import evaluation, evaluation_answers
from .handlers import acknowledged


@acknowledged(events.EVALUATION_SUBMIT)
def submit_answers(actor, workshop_id, payload):
    return evaluation_answers.submit_answers(actor, workshop_id, payload)


@acknowledged(events.EVALUATION_STATE)
def evaluation_state(actor, workshop_id, payload):
    check_shape(payload, events.REQUEST_SHAPES[events.EVALUATION_STATE])
    return evaluation.evaluation_state(actor, workshop_id)
