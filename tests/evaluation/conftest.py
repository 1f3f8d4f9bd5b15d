"""Helpers for the evaluation tests: the Oxford questionnaire opened, and a whole form filled in."""

from __future__ import annotations

import pytest

from facilitation.evaluation import service as evaluation
from facilitation.evaluation.results import results_view
from facilitation.kernel.access import actor_for_token
from facilitation.workshops import participants
from facilitation.workshops.templates import OXFORD_FOLLOW_UPS


def questions_by_kind(workshop_id: int) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for question in evaluation.questionnaire_of(workshop_id).questions:
        grouped.setdefault(question.kind, []).append(question)
    return grouped


def new_attendee(workshop):
    return actor_for_token(participants.join(workshop.join_code)["token"])


def full_form(workshop_id: int, enjoyment=5, contribution=4, aim=4, follow_ups=None, connections=True, **text):
    q = questions_by_kind(workshop_id)
    worked, improve = q["free_text"]
    return {
        "answers": [
            {"question_id": q["rating"][0].id, "value": enjoyment},
            {"question_id": q["rating"][1].id, "value": contribution},
            {"question_id": q["rating"][2].id, "value": aim},
            {"question_id": q["multiple_choice"][0].id, "value": follow_ups or [OXFORD_FOLLOW_UPS[0]]},
            {"question_id": q["yes_no"][0].id, "value": connections},
            {"question_id": worked.id, "value": text.get("worked", "")},
            {"question_id": improve.id, "value": text.get("improve", "")},
        ]
    }


@pytest.fixture
def opened(workshop, organiser):
    evaluation.set_status(organiser, workshop.id, "open")
    return workshop


def result_of(workshop_id: int, question_id: int) -> dict:
    results = results_view(evaluation.questionnaire_of(workshop_id))
    return next(q for q in results["questions"] if q["id"] == question_id)
