"""The evaluation's figures: n, average and distribution for ratings, counts for choices, approved comments.

Only aggregates leave this module for the public (projector, phones): never one person's set of answers,
and free text only once the organiser has approved it. The exports read the same views.
"""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.kernel.visibility import utc_iso
from facilitation.models import Answer, Question, Questionnaire, Response
from facilitation.models.evaluation import RATING_MAX, RATING_MIN

YES, NO = "Yes", "No"


def question_view(question: Question) -> dict[str, Any]:
    """One question as the form shows it, with its options and its scale's labels."""
    return {
        "id": question.id,
        "kind": question.kind,
        "prompt": question.prompt,
        "required": question.required,
        "position": question.position,
        "options": list(question.options or []),
        "low_label": question.low_label,
        "high_label": question.high_label,
    }


def questionnaire_view(questionnaire: Questionnaire, *, include_draft: bool = False) -> dict[str, Any]:
    """The form as everyone sees it; a draft's questions stay with the organiser until it opens."""
    show_questions = include_draft or questionnaire.status != "draft"
    return {
        "id": questionnaire.id,
        "title": questionnaire.title,
        "intro": questionnaire.intro,
        "status": questionnaire.status,
        "questions": [question_view(q) for q in questionnaire.questions] if show_questions else [],
    }


def one_decimal(value: float | None) -> str | None:
    """Averages as the report prints them (4.8), rounding halves up as people do by hand."""
    if value is None:
        return None
    return str(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _answer_rows(questionnaire: Questionnaire) -> list[tuple[int, Any, str, int]]:
    """(question_id, value, moderation, answer_id) for every stored answer, in the order given."""
    rows = db.session.execute(
        select(Answer.question_id, Answer.value, Answer.moderation, Answer.id)
        .join(Response, Answer.response_id == Response.id)
        .where(Response.questionnaire_id == questionnaire.id)
        .order_by(Answer.id)
    )
    return [tuple(row) for row in rows]


def _rating_summary(values: list[Any]) -> dict[str, Any]:
    ratings = [v for v in values if isinstance(v, int) and not isinstance(v, bool) and RATING_MIN <= v <= RATING_MAX]
    counts = Counter(ratings)
    average = sum(ratings) / len(ratings) if ratings else None
    return {
        "n": len(ratings),
        "average": round(average, 3) if average is not None else None,
        "average_display": one_decimal(average),
        "distribution": [counts.get(score, 0) for score in range(RATING_MIN, RATING_MAX + 1)],
    }


def _choice_summary(question: Question, values: list[Any]) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    answered = 0
    for value in values:
        chosen = value if isinstance(value, list) else [value]
        chosen = [c for c in chosen if c in question.options]
        if chosen:
            answered += 1
            counts.update(set(chosen))
    return {"n": answered, "counts": [{"option": o, "count": counts.get(o, 0)} for o in question.options]}


def _yes_no_summary(values: list[Any]) -> dict[str, Any]:
    answers = [v for v in values if isinstance(v, bool)]
    yes = sum(1 for v in answers if v)
    return {"n": len(answers), "counts": [{"option": YES, "count": yes}, {"option": NO, "count": len(answers) - yes}]}


def _free_text_summary(rows: list[tuple[Any, str, int]], *, include_unapproved: bool) -> dict[str, Any]:
    texts = [(value, status, answer_id) for value, status, answer_id in rows if isinstance(value, str) and value]
    approved = [value for value, status, _id in texts if status == "approved"]
    summary: dict[str, Any] = {"n": len(texts), "comments": approved}
    if include_unapproved:
        summary["pending"] = sum(1 for _v, status, _id in texts if status == "pending")
    return summary


def results_view(questionnaire: Questionnaire, *, for_organiser: bool = False) -> dict[str, Any]:
    """Aggregated results of every question; `for_organiser` adds how many comments await review."""
    by_question: dict[int, list[tuple[Any, str, int]]] = {}
    for question_id, value, moderation, answer_id in _answer_rows(questionnaire):
        by_question.setdefault(question_id, []).append((value, moderation, answer_id))
    responses = db.session.scalar(select(func.count(Response.id)).where(Response.questionnaire_id == questionnaire.id))
    questions = []
    for question in questionnaire.questions:
        rows = by_question.get(question.id, [])
        values = [value for value, _status, _id in rows]
        if question.kind == "rating":
            summary = _rating_summary(values)
            summary.update(low_label=question.low_label, high_label=question.high_label)
        elif question.kind in ("single_choice", "multiple_choice"):
            summary = _choice_summary(question, values)
        elif question.kind == "yes_no":
            summary = _yes_no_summary(values)
        else:
            summary = _free_text_summary(rows, include_unapproved=for_organiser)
        questions.append({"id": question.id, "kind": question.kind, "prompt": question.prompt, **summary})
    return {
        "questionnaire_id": questionnaire.id,
        "status": questionnaire.status,
        "responses": responses or 0,
        "questions": questions,
    }


def free_text_answers(questionnaire: Questionnaire) -> list[dict[str, Any]]:
    """Every free-text answer with its moderation state, for the organiser's review (no session ids)."""
    question_ids = {q.id: q for q in questionnaire.questions if q.kind == "free_text"}
    if not question_ids:
        return []
    answers = db.session.scalars(
        select(Answer)
        .join(Response, Answer.response_id == Response.id)
        .where(Response.questionnaire_id == questionnaire.id, Answer.question_id.in_(question_ids))
        .order_by(Answer.id)
    )
    return [
        {
            "id": a.id,
            "question_id": a.question_id,
            "prompt": question_ids[a.question_id].prompt,
            "text": a.value,
            "moderation": a.moderation,
            "updated_at": utc_iso(a.updated_at),
        }
        for a in answers
        if isinstance(a.value, str) and a.value
    ]


def answers_of(questionnaire: Questionnaire, participant_id: int | None) -> list[dict[str, Any]]:
    """One phone session's own answers, so the phone can show and change them; nobody else's."""
    if participant_id is None:
        return []
    response = db.session.scalar(
        select(Response).where(Response.questionnaire_id == questionnaire.id, Response.participant_id == participant_id)
    )
    if response is None:
        return []
    return [{"question_id": a.question_id, "value": a.value} for a in sorted(response.answers, key=lambda a: a.id)]
