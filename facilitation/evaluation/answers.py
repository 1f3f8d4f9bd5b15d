"""Answering the evaluation from a phone: once per session, changeable until the organiser closes it.

A submission is the whole form: it replaces the session's earlier answers in one transaction, so a
half-valid form stores nothing. After it commits, the new aggregated results go to every screen.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from facilitation.evaluation.results import answers_of
from facilitation.evaluation.service import _commit_and_publish, questionnaire_of
from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import Closed, Invalid, NotFound
from facilitation.kernel.events import EVALUATION_RESULTS
from facilitation.kernel.lookups import load_workshop
from facilitation.kernel.payloads import check_shape, clean_characters
from facilitation.models import Answer, Question, Questionnaire, Response, utcnow
from facilitation.models.evaluation import RATING_MAX, RATING_MIN

FREE_TEXT_MAX = 2000
ANSWER_SHAPE = {"question_id": ((int,), True), "value": ((int, str, list, bool, type(None)), True)}


def _is_blank(value: Any) -> bool:
    return (
        value is None or value == [] or (isinstance(value, str) and not clean_characters(value, "Your answer").strip())
    )


def clean_value(question: Question, value: Any) -> Any:
    """The value in its stored form, or Invalid naming the question; the one rule per question type."""
    kind = question.kind
    if kind == "rating":
        if isinstance(value, bool) or not isinstance(value, int) or not RATING_MIN <= value <= RATING_MAX:
            raise Invalid(
                _(
                    "Choose a number from %(rating_min)s to %(rating_max)s.",
                    rating_min=RATING_MIN,
                    rating_max=RATING_MAX,
                ),
                code="bad_rating",
            )
        return value
    if kind == "yes_no":
        if not isinstance(value, bool):
            raise Invalid(_("Answer yes or no."), code="bad_yes_no")
        return value
    if kind == "single_choice":
        if value not in question.options or not isinstance(value, str):
            raise Invalid(_("Choose one of the options given."), code="bad_option")
        return value
    if kind == "multiple_choice":
        if not isinstance(value, list) or not all(isinstance(v, str) and v in question.options for v in value):
            raise Invalid(_("Choose among the options given."), code="bad_option")
        # Stored in the form's order, once each: a double tap must not count twice.
        return [option for option in question.options if option in value]
    if not isinstance(value, str):
        raise Invalid(_("Answer in words."), code="wrong_type")
    cleaned = clean_characters(value, "Your answer").strip()
    if len(cleaned) > FREE_TEXT_MAX:
        raise Invalid(
            _("Answers are limited to %(free_text_max)s characters.", free_text_max=FREE_TEXT_MAX), code="text_too_long"
        )
    return cleaned


def clean_answers(questionnaire: Questionnaire, answers: Any) -> dict[int, Any]:
    """question_id -> stored value for every answered question; refuses unknown ids and missing required ones."""
    if not isinstance(answers, list):
        raise Invalid("answers must be a list.", code="wrong_type")
    questions = {q.id: q for q in questionnaire.questions}
    cleaned: dict[int, Any] = {}
    for item in answers:
        fields = check_shape(item, ANSWER_SHAPE)
        question = questions.get(fields["question_id"])
        if question is None:
            raise NotFound(_("No such question in this questionnaire."), code="unknown_question")
        if question.id in cleaned:
            raise Invalid(_("Each question is answered once per form."), code="duplicate_answer")
        if _is_blank(fields["value"]):
            continue
        try:
            cleaned[question.id] = clean_value(question, fields["value"])
        except Invalid as error:
            raise Invalid(
                _("%(prompt)s: %(message)s", prompt=question.prompt, message=error.message), code=error.code
            ) from None
    missing = [q for q in questionnaire.questions if q.required and q.id not in cleaned]
    if missing:
        raise Invalid(f"Please answer: {missing[0].prompt}", code="answer_required")
    return cleaned


def _open_questionnaire(workshop_id: int) -> Questionnaire:
    questionnaire = questionnaire_of(workshop_id)
    if questionnaire is None or questionnaire.status == "draft":
        raise Closed(_("The questionnaire is not open yet."), code="evaluation_not_open")
    if questionnaire.status == "closed":
        raise Closed(_("The questionnaire has closed; answers can no longer change."), code="evaluation_closed")
    return questionnaire


def _store(questionnaire: Questionnaire, participant_id: int, cleaned: dict[int, Any]) -> None:
    """Replace this session's answers; an edited free-text answer goes back to review."""
    response = db.session.scalar(
        select(Response).where(Response.questionnaire_id == questionnaire.id, Response.participant_id == participant_id)
    )
    if response is None:
        response = Response(questionnaire_id=questionnaire.id, participant_id=participant_id)
        db.session.add(response)
    kinds = {q.id: q.kind for q in questionnaire.questions}
    existing = {a.question_id: a for a in response.answers}
    for question_id, answer in existing.items():
        if question_id not in cleaned:
            response.answers.remove(answer)
    for question_id, value in cleaned.items():
        answer = existing.get(question_id)
        if answer is None:
            response.answers.append(Answer(question_id=question_id, value=value, moderation="pending"))
        elif answer.value != value:
            answer.value = value
            if kinds[question_id] == "free_text":
                answer.moderation = "pending"
    response.updated_at = utcnow()
    db.session.flush()


def submit_answers(actor: Actor, workshop_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    """Store the phone session's whole form and publish the new aggregates; returns the stored answers.

    `fields` has already been checked against REQUEST_SHAPES["evaluation:submit"] by the adapter.
    """
    workshop = load_workshop(actor, workshop_id, "evaluation.answer")
    questionnaire = _open_questionnaire(workshop.id)
    cleaned = clean_answers(questionnaire, fields["answers"])
    try:
        _store(questionnaire, actor.participant_id, cleaned)
    except IntegrityError:
        # The same phone sent twice at once and the other copy created the response: apply on top of it.
        db.session.rollback()
        questionnaire = _open_questionnaire(workshop.id)
        _store(questionnaire, actor.participant_id, cleaned)
    published = _commit_and_publish(questionnaire, EVALUATION_RESULTS)
    return {"answers": answers_of(questionnaire, actor.participant_id), "revision": published["revision"]}
