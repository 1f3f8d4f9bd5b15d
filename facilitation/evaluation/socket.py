"""Socket adapters for the evaluation: a phone submits its form; any screen asks for the current state."""

from __future__ import annotations

from facilitation.evaluation import answers as evaluation_answers
from facilitation.evaluation import service as evaluation
from facilitation.kernel import events
from facilitation.realtime.handling import acknowledged


@acknowledged(events.EVALUATION_SUBMIT)
def submit_answers(actor, workshop_id, fields):
    return evaluation_answers.submit_answers(actor, workshop_id, fields)


@acknowledged(events.EVALUATION_STATE)
def evaluation_state(actor, workshop_id, fields):
    return evaluation.evaluation_state(actor, workshop_id)
