"""The evaluation questionnaire: the organiser builds it, opens and closes it, and reviews free text.

Each public function validates, authorises, commits, then publishes: `evaluation:changed` when the form or
its status changes, `evaluation:results` (aggregates only) when what the public may see changes.
Answering is in evaluation_answers.py; the arithmetic is in evaluation_results.py.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from facilitation.evaluation.results import answers_of, free_text_answers, questionnaire_view, results_view
from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import Conflict, Invalid, NotFound
from facilitation.kernel.events import EVALUATION_CHANGED, EVALUATION_RESULTS
from facilitation.kernel.lookups import load_workshop
from facilitation.kernel.payloads import text_field
from facilitation.kernel.revisions import commit_and_publish, record_change
from facilitation.models import (
    MODERATION_STATUSES,
    QUESTION_KINDS,
    QUESTIONNAIRE_STATUSES,
    Answer,
    Question,
    Questionnaire,
    Response,
    Workshop,
)
from facilitation.moderation import audit
from facilitation.workshops import trash, trash_restore

CHOICE_KINDS = ("single_choice", "multiple_choice")
MAX_OPTIONS = 12
MAX_QUESTIONS = 40
PROMPT_MAX = 500
OPTION_MAX = 200
LABEL_MAX = 60


def _options(value: Any) -> list[str]:
    """Choices arrive one per line (form) or as a list (API); duplicates would split the counts."""
    names = value.splitlines() if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise Invalid(_("Options must be a list of text."), code="wrong_type")
    cleaned = [text_field(n, "Option", OPTION_MAX) for n in names if n.strip()]
    if len(cleaned) < 2:
        raise Invalid(_("A choice question needs at least two options."), code="too_few_options")
    if len(cleaned) > MAX_OPTIONS:
        raise Invalid(
            _("A question may have at most %(MAX_OPTIONS)s options.", MAX_OPTIONS=MAX_OPTIONS), code="too_many_options"
        )
    if len({n.casefold() for n in cleaned}) != len(cleaned):
        raise Invalid(_("Each option must be different."), code="duplicate_option")
    return cleaned


def clean_question(spec: dict[str, Any]) -> dict[str, Any]:
    """Check a question's fields: the same rules for the builder, the API and templates."""
    kind = spec.get("kind")
    if kind not in QUESTION_KINDS:
        raise Invalid(
            _("Question type must be one of %(choices)s.", choices=", ".join(QUESTION_KINDS)), code="bad_kind"
        )
    required = spec.get("required", False)
    if not isinstance(required, bool):
        raise Invalid(_("required must be true or false."), code="wrong_type")
    rating = kind == "rating"
    return {
        "kind": kind,
        "prompt": text_field(spec.get("prompt"), "Question", PROMPT_MAX),
        "required": required,
        "options": _options(spec.get("options")) if kind in CHOICE_KINDS else [],
        "low_label": text_field(spec.get("low_label") or "", "Low label", LABEL_MAX, required=False) if rating else "",
        "high_label": text_field(spec.get("high_label") or "", "High label", LABEL_MAX, required=False)
        if rating
        else "",
    }


def add_questionnaire(workshop: Workshop, spec: dict[str, Any], status: str = "draft") -> Questionnaire:
    """Give a workshop the questionnaire a template describes (the caller commits)."""
    questionnaire = Questionnaire(
        workshop_id=workshop.id,
        title=text_field(spec.get("title", "Evaluation"), "Title", 200),
        intro=text_field(spec.get("intro", ""), "Introduction", 1000, required=False),
        status=status,
    )
    questionnaire.questions = [
        Question(position=i, **clean_question(q)) for i, q in enumerate(spec.get("questions", []))
    ]
    db.session.add(questionnaire)
    db.session.flush()
    return questionnaire


def questionnaire_of(workshop_id: int) -> Questionnaire | None:
    """The workshop's questionnaire, or None; it checks no permission, so callers load the workshop first."""
    return db.session.scalar(select(Questionnaire).where(Questionnaire.workshop_id == workshop_id))


def _managed(actor: Actor, workshop_id: int) -> Questionnaire:
    """The organiser's questionnaire, created empty on first use for workshops built without one."""
    workshop = load_workshop(actor, workshop_id, "evaluation.manage")
    questionnaire = questionnaire_of(workshop.id)
    if questionnaire is None:
        questionnaire = add_questionnaire(workshop, {"title": "Evaluation", "questions": []})
    return questionnaire


def _commit_and_publish(questionnaire: Questionnaire, event: str) -> dict[str, Any]:
    """Log the change at the next revision, commit, then broadcast; results are computed under the lock."""
    db.session.flush()
    db.session.expire(questionnaire, ["questions"])
    if event == EVALUATION_CHANGED:
        data = {"questionnaire": questionnaire_view(questionnaire), "results": _public_results(questionnaire)}
    else:
        data = _public_results(questionnaire)
    revision = commit_and_publish(questionnaire.workshop_id, [record_change(questionnaire.workshop_id, event, data)])
    if event == EVALUATION_RESULTS:
        return {"results": data, "revision": revision}
    # The organiser who made the change sees their draft's questions, which the broadcast leaves out.
    return {
        **data,
        "questionnaire": questionnaire_view(questionnaire, include_draft=True),
        "revision": revision,
    }


def _public_results(questionnaire: Questionnaire) -> dict[str, Any] | None:
    return None if questionnaire.status == "draft" else results_view(questionnaire)


def _question(questionnaire: Questionnaire, question_id: Any) -> Question:
    for question in questionnaire.questions:
        if question.id == question_id and isinstance(question_id, int) and not isinstance(question_id, bool):
            return question
    raise NotFound(_("No such question in this questionnaire."), code="unknown_question")


def _has_answers(question: Question) -> bool:
    return db.session.scalar(select(Answer.id).where(Answer.question_id == question.id).limit(1)) is not None


def _keep_answers_consistent(question: Question, fields: dict[str, Any]) -> None:
    """Once people have answered, a question may not change type or lose options (their answers would
    silently stop counting); options keep their place, so editing one renames it in the answers too."""
    if not _has_answers(question):
        return
    if fields["kind"] != question.kind:
        raise Conflict(_("People have answered this question; its type cannot change."), code="question_answered")
    if question.kind not in CHOICE_KINDS or fields["options"] == question.options:
        return
    if len(fields["options"]) < len(question.options):
        raise Conflict(_("People have answered this question; options cannot be removed."), code="question_answered")
    renamed = dict(zip(question.options, fields["options"], strict=False))
    for answer in db.session.scalars(select(Answer).where(Answer.question_id == question.id)):
        if isinstance(answer.value, list):
            answer.value = [renamed.get(v, v) for v in answer.value]
        else:
            answer.value = renamed.get(answer.value, answer.value)


def save_question(actor: Actor, workshop_id: int, question_id: int | None, spec: dict[str, Any]) -> dict[str, Any]:
    """Add a question at the end, or edit one in place."""
    questionnaire = _managed(actor, workshop_id)
    fields = clean_question(spec)
    if question_id is None:
        if len(questionnaire.questions) >= MAX_QUESTIONS:
            raise Invalid(
                _("A questionnaire may have at most %(MAX_QUESTIONS)s questions.", MAX_QUESTIONS=MAX_QUESTIONS),
                code="too_many_questions",
            )
        questionnaire.questions.append(Question(position=len(questionnaire.questions), **fields))
    else:
        question = _question(questionnaire, question_id)
        _keep_answers_consistent(question, fields)
        for name, value in fields.items():
            setattr(question, name, value)
    return _commit_and_publish(questionnaire, EVALUATION_CHANGED)


def delete_question(actor: Actor, workshop_id: int, question_id: int) -> dict[str, Any]:
    """Remove a question and, with it, everyone's answers to it: undoably, through the trash, and audited."""
    questionnaire = _managed(actor, workshop_id)
    question = _question(questionnaire, question_id)
    trash.move_to_trash(actor, db.session.get(Workshop, questionnaire.workshop_id), "question", question)
    questionnaire.questions.remove(question)
    for i, remaining in enumerate(questionnaire.questions):
        remaining.position = i
    return _commit_and_publish(questionnaire, EVALUATION_CHANGED)


def question_removal_preview(actor: Actor, workshop_id: int, question_id: Any) -> dict[str, Any]:
    """What removing the question would take (its answers), for the confirmation page."""
    question = _question(_managed(actor, workshop_id), question_id)
    preview = trash.preview_view(
        "question", question.id, trash.KINDS["question"].label(question), trash.preview("question", question)
    )
    db.session.commit()  # _managed may have created the questionnaire
    return preview


def removal_of_question(workshop_id: int, question_id: int) -> dict[str, Any] | None:
    """The trash entry removing this question made (an API delete answers with it)."""
    entry = trash.removal_of(workshop_id, "question", question_id)
    return trash.entry_view(entry) if entry is not None else None


def removed_questions(actor: Actor, workshop_id: int) -> list[dict[str, Any]]:
    """Questions removed from the questionnaire that can still be restored, newest first."""
    workshop = load_workshop(actor, workshop_id, "evaluation.manage")
    return [trash.entry_view(entry) for entry in trash.entries_of(workshop.id, ("question",))]


def restore_question(actor: Actor, workshop_id: int, entry_id: Any) -> dict[str, Any]:
    """Put a removed question back in its place with its answers; every screen gets the questionnaire again."""
    questionnaire = _managed(actor, workshop_id)
    entry = trash.restorable(questionnaire.workshop_id, entry_id)
    if entry.kind != "question":
        raise NotFound(_("No removed question has that id."), code="unknown_removed_item")
    restored = trash_restore.restore_rows(entry)
    audit.record(
        actor, questionnaire.workshop_id, "question.restored", after={**restored.entry, "id": restored.item_id}
    )
    questionnaire = questionnaire_of(workshop_id)
    return {
        **_commit_and_publish(questionnaire, EVALUATION_CHANGED),
        "restored": restored.entry,
        "item_id": restored.item_id,
    }


def move_question(actor: Actor, workshop_id: int, question_id: int, offset: Any) -> dict[str, Any]:
    """Move a question up (-1) or down (+1) the form."""
    if offset not in (-1, 1) or isinstance(offset, bool):
        raise Invalid(_("Move a question by -1 (up) or 1 (down)."), code="bad_offset")
    questionnaire = _managed(actor, workshop_id)
    ordered = list(questionnaire.questions)
    index = ordered.index(_question(questionnaire, question_id))
    target = index + offset
    if 0 <= target < len(ordered):
        ordered[index], ordered[target] = ordered[target], ordered[index]
    for i, question in enumerate(ordered):
        question.position = i
    return _commit_and_publish(questionnaire, EVALUATION_CHANGED)


def update_details(actor: Actor, workshop_id: int, *, title: Any, intro: Any) -> dict[str, Any]:
    """Retitle the questionnaire and rewrite its introduction; the questions stay as they are."""
    questionnaire = _managed(actor, workshop_id)
    questionnaire.title = text_field(title, "Title", 200)
    questionnaire.intro = text_field(intro, "Introduction", 1000, required=False)
    return _commit_and_publish(questionnaire, EVALUATION_CHANGED)


def set_status(actor: Actor, workshop_id: int, status: Any) -> dict[str, Any]:
    """Open the questionnaire to phones, close it (answers freeze), or reopen it."""
    if status not in QUESTIONNAIRE_STATUSES:
        raise Invalid(
            _("Status must be one of %(choices)s.", choices=", ".join(QUESTIONNAIRE_STATUSES)), code="bad_status"
        )
    questionnaire = _managed(actor, workshop_id)
    if status == "open" and not questionnaire.questions:
        raise Invalid(_("Add at least one question before opening the questionnaire."), code="no_questions")
    if status == "draft" and questionnaire.status != "draft":
        has_responses = db.session.scalar(
            select(Response.id).where(Response.questionnaire_id == questionnaire.id).limit(1)
        )
        if has_responses is not None:
            raise Conflict(_("People have answered; close the questionnaire instead."), code="has_responses")
    questionnaire.status = status
    return _commit_and_publish(questionnaire, EVALUATION_CHANGED)


def moderate_answer(actor: Actor, workshop_id: int, answer_id: Any, decision: Any) -> dict[str, Any]:
    """Approve a free-text answer for the projector and results, or reject (or return it to pending)."""
    if decision not in MODERATION_STATUSES:
        raise Invalid(
            _("Decision must be one of %(choices)s.", choices=", ".join(MODERATION_STATUSES)), code="bad_decision"
        )
    questionnaire = _managed(actor, workshop_id)
    answer = (
        db.session.get(Answer, answer_id) if isinstance(answer_id, int) and not isinstance(answer_id, bool) else None
    )
    question = db.session.get(Question, answer.question_id) if answer else None
    if answer is None or question is None or question.questionnaire_id != questionnaire.id:
        raise NotFound(_("No such answer in this questionnaire."), code="unknown_answer")
    if question.kind != "free_text":
        raise Invalid(_("Only free-text answers are reviewed."), code="not_free_text")
    answer.moderation = decision
    return _commit_and_publish(questionnaire, EVALUATION_RESULTS)


def moderation_queue(actor: Actor, workshop_id: int) -> dict[str, Any]:
    """The organiser's view: the form with drafts, results with pending counts, and every free-text answer."""
    questionnaire = _managed(actor, workshop_id)
    db.session.commit()
    return {
        "questionnaire": questionnaire_view(questionnaire, include_draft=True),
        "results": results_view(questionnaire, for_organiser=True),
        "free_text": free_text_answers(questionnaire),
    }


def evaluation_state(actor: Actor, workshop_id: int) -> dict[str, Any]:
    """What a screen shows of the evaluation now: the form, the public results and, on a phone, my answers."""
    workshop = load_workshop(actor, workshop_id, "evaluation.view")
    questionnaire = questionnaire_of(workshop.id)
    state: dict[str, Any] = {"revision": workshop.revision, "questionnaire": None, "results": None}
    if questionnaire is None:
        return state
    state["questionnaire"] = questionnaire_view(questionnaire, include_draft=actor.role == "organiser")
    state["results"] = _public_results(questionnaire)
    if actor.role == "attendee":
        state["my_answers"] = answers_of(questionnaire, actor.participant_id)
    return state
