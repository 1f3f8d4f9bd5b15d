"""The evaluation questionnaire: building it, answering once per phone session, results, and the day's figures."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from facilitation.evaluation import answers as evaluation_answers
from facilitation.evaluation import service as evaluation
from facilitation.evaluation.results import results_view
from facilitation.extensions import db
from facilitation.kernel.errors import Invalid, NotAllowed, NotFound
from facilitation.kernel.events import EVALUATION_CHANGED, EVALUATION_RESULTS
from facilitation.models import Answer, Change, Response
from facilitation.workshops import demo
from facilitation.workshops import service as workshops
from facilitation.workshops.templates import OXFORD_FOLLOW_UPS, OXFORD_KEY_AIM
from tests.evaluation.conftest import full_form, questions_by_kind, result_of

# --- the Oxford template ------------------------------------------------------------------------------


def test_oxford_template_brings_the_days_questionnaire_as_a_draft(workshop):
    questionnaire = evaluation.questionnaire_of(workshop.id)
    assert questionnaire.status == "draft"
    kinds = [q.kind for q in questionnaire.questions]
    assert kinds == ["rating", "rating", "rating", "multiple_choice", "yes_no", "free_text", "free_text"]
    aim = questionnaire.questions[2]
    assert OXFORD_KEY_AIM in aim.prompt
    assert (aim.low_label, aim.high_label) == ("Not successful", "Very successful")
    assert questionnaire.questions[3].options == OXFORD_FOLLOW_UPS
    assert [q.position for q in questionnaire.questions] == list(range(7))


def test_blank_workshop_gets_an_empty_questionnaire_when_the_organiser_first_opens_it(organiser):
    blank = workshops.create_workshop(organiser, "blank")
    assert evaluation.questionnaire_of(blank.id) is None
    evaluation.moderation_queue(organiser, blank.id)  # what the organiser's evaluation page loads
    questionnaire = evaluation.questionnaire_of(blank.id)
    assert questionnaire.questions == [] and questionnaire.status == "draft"
    with pytest.raises(Invalid) as error:
        evaluation.set_status(organiser, blank.id, "open")
    assert error.value.code == "no_questions"


# --- building -----------------------------------------------------------------------------------------


def test_organiser_adds_one_question_of_each_type(organiser):
    blank = workshops.create_workshop(organiser, "blank")
    specs = [
        {"kind": "rating", "prompt": "Useful?", "required": True, "low_label": "No", "high_label": "Very"},
        {"kind": "single_choice", "prompt": "Role?", "options": ["Link worker", "Museum", "Other"]},
        {"kind": "multiple_choice", "prompt": "Next?", "options": "Meet again\nRead the report\n"},
        {"kind": "yes_no", "prompt": "Come again?", "options": ["ignored"]},
        {"kind": "free_text", "prompt": "Anything else?", "low_label": "ignored"},
    ]
    for spec in specs:
        evaluation.save_question(organiser, blank.id, None, spec)
    questions = evaluation.questionnaire_of(blank.id).questions
    assert [q.kind for q in questions] == [s["kind"] for s in specs]
    assert questions[0].required and (questions[0].low_label, questions[0].high_label) == ("No", "Very")
    assert questions[2].options == ["Meet again", "Read the report"]
    assert questions[3].options == [] and questions[4].low_label == ""


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        ({"kind": "slider", "prompt": "x"}, "bad_kind"),
        ({"kind": "rating", "prompt": "  "}, "empty_text"),
        ({"kind": "single_choice", "prompt": "x", "options": ["only one"]}, "too_few_options"),
        ({"kind": "multiple_choice", "prompt": "x", "options": ["A", "a"]}, "duplicate_option"),
        ({"kind": "single_choice", "prompt": "x", "options": [f"o{i}" for i in range(13)]}, "too_many_options"),
        ({"kind": "rating", "prompt": "x", "required": "yes"}, "wrong_type"),
        ({"kind": "rating", "prompt": "x" * 501}, "text_too_long"),
    ],
)
def test_bad_questions_are_refused(workshop, organiser, spec, code):
    with pytest.raises(Invalid) as error:
        evaluation.save_question(organiser, workshop.id, None, spec)
    assert error.value.code == code
    assert len(evaluation.questionnaire_of(workshop.id).questions) == 7


def test_edit_move_and_remove_questions(workshop, organiser):
    first, second = evaluation.questionnaire_of(workshop.id).questions[:2]
    evaluation.save_question(organiser, workshop.id, first.id, {"kind": "rating", "prompt": "Enjoyed it?"})
    evaluation.move_question(organiser, workshop.id, first.id, 1)
    questions = evaluation.questionnaire_of(workshop.id).questions
    assert [q.id for q in questions[:2]] == [second.id, first.id]
    assert questions[1].prompt == "Enjoyed it?"
    evaluation.move_question(organiser, workshop.id, questions[0].id, -1)  # already first: stays
    evaluation.delete_question(organiser, workshop.id, second.id)
    questions = evaluation.questionnaire_of(workshop.id).questions
    assert questions[0].id == first.id and [q.position for q in questions] == list(range(6))
    with pytest.raises(NotFound):
        evaluation.delete_question(organiser, workshop.id, second.id)
    with pytest.raises(Invalid):
        evaluation.move_question(organiser, workshop.id, first.id, 2)


def test_only_the_owning_organiser_builds(workshop, other_organiser, attendee, facilitator):
    spec = {"kind": "yes_no", "prompt": "x"}
    for actor in (other_organiser, attendee, facilitator):
        with pytest.raises(NotAllowed):
            evaluation.save_question(actor, workshop.id, None, spec)
        with pytest.raises(NotAllowed):
            evaluation.set_status(actor, workshop.id, "open")


def test_edits_are_logged_and_broadcast_as_evaluation_changed(workshop, organiser):
    before = workshop.revision
    published = evaluation.set_status(organiser, workshop.id, "open")
    change = db.session.scalar(select(Change).where(Change.workshop_id == workshop.id, Change.revision > before))
    assert change.event == EVALUATION_CHANGED and change.audience == "public"
    assert published["questionnaire"]["status"] == "open"
    assert len(published["questionnaire"]["questions"]) == 7


def test_a_draft_keeps_its_questions_from_phones(workshop, organiser, attendee):
    state = evaluation.evaluation_state(attendee, workshop.id)
    assert state["questionnaire"]["status"] == "draft" and state["questionnaire"]["questions"] == []
    assert state["results"] is None
    assert len(evaluation.evaluation_state(organiser, workshop.id)["questionnaire"]["questions"]) == 7


# --- free text and moderation -------------------------------------------------------------------------


def test_free_text_is_public_only_after_approval(opened, organiser, attendee):
    evaluation_answers.submit_answers(attendee, opened.id, full_form(opened.id, worked="The dance session"))
    worked = questions_by_kind(opened.id)["free_text"][0]
    assert result_of(opened.id, worked.id)["comments"] == []
    queue = evaluation.moderation_queue(organiser, opened.id)
    [item] = queue["free_text"]
    assert item["text"] == "The dance session" and item["moderation"] == "pending"
    assert "participant_id" not in item
    assert next(q for q in queue["results"]["questions"] if q["id"] == worked.id)["pending"] == 1

    published = evaluation.moderate_answer(organiser, opened.id, item["id"], "approved")
    assert next(q for q in published["results"]["questions"] if q["id"] == worked.id)["comments"] == [
        "The dance session"
    ]
    change = db.session.scalar(select(Change).where(Change.revision == published["revision"]))
    assert change.event == EVALUATION_RESULTS

    # Changing the text sends it back to review: nobody sees words the organiser has not read.
    evaluation_answers.submit_answers(attendee, opened.id, full_form(opened.id, worked="Edited text"))
    assert result_of(opened.id, worked.id)["comments"] == []
    evaluation.moderate_answer(organiser, opened.id, item["id"], "rejected")
    assert result_of(opened.id, worked.id)["comments"] == []


def test_moderation_errors(opened, organiser, attendee, other_organiser):
    evaluation_answers.submit_answers(attendee, opened.id, full_form(opened.id, worked="Fine"))
    rating_answer = db.session.scalar(
        select(Answer).where(Answer.question_id == questions_by_kind(opened.id)["rating"][0].id)
    )
    with pytest.raises(Invalid) as error:
        evaluation.moderate_answer(organiser, opened.id, rating_answer.id, "approved")
    assert error.value.code == "not_free_text"
    with pytest.raises(NotFound):
        evaluation.moderate_answer(organiser, opened.id, 999999, "approved")
    free = evaluation.moderation_queue(organiser, opened.id)["free_text"][0]
    with pytest.raises(Invalid):
        evaluation.moderate_answer(organiser, opened.id, free["id"], "maybe")
    with pytest.raises(NotAllowed):
        evaluation.moderate_answer(attendee, opened.id, free["id"], "approved")
    with pytest.raises(NotAllowed):
        evaluation.moderate_answer(other_organiser, opened.id, free["id"], "approved")


def test_public_results_never_carry_single_responses(opened, attendee):
    evaluation_answers.submit_answers(attendee, opened.id, full_form(opened.id, worked="secret words"))
    results = results_view(evaluation.questionnaire_of(opened.id))
    text = repr(results)
    assert "secret words" not in text and "participant" not in text and "pending" not in text


# --- the day's figures --------------------------------------------------------------------------------


def test_demo_reproduces_the_reports_figures(app):
    created = demo.first_start("organiser@example.org", "correct horse battery")
    questionnaire = evaluation.questionnaire_of(created["workshop_id"])
    assert questionnaire.status == "open"
    results = results_view(questionnaire)
    assert results["responses"] == 34
    enjoyment, contribution, aim, follow_up, connections, worked, improve = results["questions"]
    assert [q["average_display"] for q in (enjoyment, contribution, aim)] == ["4.8", "4.1", "4.4"]
    assert [f"{q['average']:.1f}" for q in (enjoyment, contribution, aim)] == ["4.8", "4.1", "4.4"]
    assert all(q["n"] == 34 and sum(q["distribution"]) == 34 for q in (enjoyment, contribution, aim))
    assert [c["count"] for c in follow_up["counts"]] == [28, 25, 23]
    assert connections["counts"] == [{"option": "Yes", "count": 33}, {"option": "No", "count": 1}]
    assert "Good to connect and feel part of a wider picture." in worked["comments"]
    assert "A break in the morning" in improve["comments"]
    assert (len(worked["comments"]), len(improve["comments"])) == (16, 6)


def test_demo_figures_are_the_same_every_time(app, tmp_path):
    from facilitation.evaluation.seed import RESPONSES, demo_answers

    assert [demo_answers(p) for p in range(RESPONSES)] == [demo_answers(p) for p in range(RESPONSES)]
    created = demo.first_start("organiser@example.org", "correct horse battery")
    rows = db.session.execute(
        select(Answer.question_id, Answer.value).join(Response).order_by(Response.id, Answer.question_id)
    ).all()
    expected = []
    questions = evaluation.questionnaire_of(created["workshop_id"]).questions
    for person in range(RESPONSES):
        given = demo_answers(person)
        values = [*given["ratings"], given["follow_ups"] or None, given["new_connections"]]
        values += [given["worked_well"] or None, given["to_improve"] or None]
        expected += [(q.id, v) for q, v in zip(questions, values, strict=True) if v is not None]
    assert [tuple(r) for r in rows] == expected
