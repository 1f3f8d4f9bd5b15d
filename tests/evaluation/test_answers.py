"""Answering from a phone: whole forms, once per session, checked per question type."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from facilitation.evaluation import answers as evaluation_answers
from facilitation.evaluation import service as evaluation
from facilitation.extensions import db
from facilitation.kernel.errors import Closed, Conflict, Invalid, NotAllowed, NotFound
from facilitation.kernel.events import EVALUATION_RESULTS
from facilitation.models import Answer, Change, Response
from facilitation.workshops import service as workshops
from facilitation.workshops.templates import OXFORD_FOLLOW_UPS
from tests.evaluation.conftest import full_form, new_attendee, questions_by_kind, result_of

# --- answering ----------------------------------------------------------------------------------------


def test_attendee_answers_and_results_follow(opened, attendee):
    result = evaluation_answers.submit_answers(attendee, opened.id, full_form(opened.id, worked="The activities"))
    assert len(result["answers"]) == 6  # the empty "improve" box is not an answer
    change = db.session.scalar(select(Change).where(Change.revision == result["revision"]))
    assert change.event == EVALUATION_RESULTS and change.audience == "public"
    assert change.payload["responses"] == 1
    rating = questions_by_kind(opened.id)["rating"][0]
    assert result_of(opened.id, rating.id)["distribution"] == [0, 0, 0, 0, 1]


def test_answering_before_it_opens_or_after_it_closes_is_refused(workshop, organiser, attendee):
    with pytest.raises(Closed) as error:
        evaluation_answers.submit_answers(attendee, workshop.id, full_form(workshop.id))
    assert error.value.code == "evaluation_not_open"
    evaluation.set_status(organiser, workshop.id, "open")
    evaluation_answers.submit_answers(attendee, workshop.id, full_form(workshop.id))
    evaluation.set_status(organiser, workshop.id, "closed")
    with pytest.raises(Closed) as error:
        evaluation_answers.submit_answers(attendee, workshop.id, full_form(workshop.id, enjoyment=1))
    assert error.value.code == "evaluation_closed"
    rating = questions_by_kind(workshop.id)["rating"][0]
    assert result_of(workshop.id, rating.id)["distribution"] == [0, 0, 0, 0, 1]


def test_once_per_session_and_changeable_until_closed(opened, attendee):
    evaluation_answers.submit_answers(attendee, opened.id, full_form(opened.id, enjoyment=2, worked="Good"))
    first = db.session.scalar(select(Response))
    first_updated = first.updated_at
    evaluation_answers.submit_answers(attendee, opened.id, full_form(opened.id, enjoyment=4, worked="Great"))
    assert db.session.scalar(select(func.count(Response.id))) == 1
    db.session.refresh(first)
    assert first.updated_at >= first_updated
    rating = questions_by_kind(opened.id)["rating"][0]
    assert result_of(opened.id, rating.id)["distribution"] == [0, 0, 0, 1, 0]
    mine = evaluation.evaluation_state(attendee, opened.id)["my_answers"]
    assert {"question_id": rating.id, "value": 4} in mine


def test_another_session_is_another_response(opened, attendee):
    evaluation_answers.submit_answers(attendee, opened.id, full_form(opened.id, enjoyment=5))
    evaluation_answers.submit_answers(new_attendee(opened), opened.id, full_form(opened.id, enjoyment=4))
    rating = questions_by_kind(opened.id)["rating"][0]
    summary = result_of(opened.id, rating.id)
    assert (summary["n"], summary["average"], summary["average_display"]) == (2, 4.5, "4.5")


def test_removing_an_answer_on_resubmit_deletes_it(opened, attendee):
    evaluation_answers.submit_answers(attendee, opened.id, full_form(opened.id, worked="Tea"))
    form = full_form(opened.id)
    evaluation_answers.submit_answers(attendee, opened.id, form)
    worked = questions_by_kind(opened.id)["free_text"][0]
    assert db.session.scalar(select(Answer).where(Answer.question_id == worked.id)) is None


@pytest.mark.parametrize(
    ("kind", "index", "value", "code"),
    [
        ("rating", 0, 6, "bad_rating"),
        ("rating", 0, 0, "bad_rating"),
        ("rating", 0, True, "bad_rating"),
        ("rating", 0, "5", "bad_rating"),
        ("multiple_choice", 0, ["Something else"], "bad_option"),
        ("multiple_choice", 0, OXFORD_FOLLOW_UPS[0], "bad_option"),
        ("yes_no", 0, "yes", "bad_yes_no"),
        ("free_text", 0, ["list"], "wrong_type"),
        ("free_text", 0, "x" * 2001, "text_too_long"),
    ],
)
def test_values_are_checked_by_type(opened, attendee, kind, index, value, code):
    form = full_form(opened.id)
    question = questions_by_kind(opened.id)[kind][index]
    for answer in form["answers"]:
        if answer["question_id"] == question.id:
            answer["value"] = value
    with pytest.raises(Invalid) as error:
        evaluation_answers.submit_answers(attendee, opened.id, form)
    assert error.value.code == code
    assert question.prompt in error.value.message
    assert db.session.scalar(select(func.count(Answer.id))) == 0  # nothing half-stored


def test_single_choice_takes_one_of_its_options(organiser, workshop, attendee):
    evaluation.save_question(
        organiser, workshop.id, None, {"kind": "single_choice", "prompt": "Role?", "options": ["A", "B"]}
    )
    evaluation.set_status(organiser, workshop.id, "open")
    role = questions_by_kind(workshop.id)["single_choice"][0]
    for bad in ("C", ["A"]):
        form = full_form(workshop.id)
        form["answers"].append({"question_id": role.id, "value": bad})
        with pytest.raises(Invalid):
            evaluation_answers.submit_answers(attendee, workshop.id, form)
    form = full_form(workshop.id)
    form["answers"].append({"question_id": role.id, "value": "B"})
    evaluation_answers.submit_answers(attendee, workshop.id, form)
    assert result_of(workshop.id, role.id)["counts"] == [{"option": "A", "count": 0}, {"option": "B", "count": 1}]


def test_required_questions_must_be_answered(opened, attendee):
    form = full_form(opened.id)
    form["answers"] = form["answers"][1:]
    with pytest.raises(Invalid) as error:
        evaluation_answers.submit_answers(attendee, opened.id, form)
    assert error.value.code == "answer_required"
    form = full_form(opened.id)
    form["answers"][0]["value"] = None
    with pytest.raises(Invalid):
        evaluation_answers.submit_answers(attendee, opened.id, form)


def test_optional_questions_may_be_left_out(opened, attendee):
    form = full_form(opened.id)
    form["answers"] = form["answers"][:3]
    result = evaluation_answers.submit_answers(attendee, opened.id, form)
    assert len(result["answers"]) == 3


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"answers": [{"question_id": 999999, "value": 1}]}, "unknown_question"),
        ({"answers": ["x"]}, "bad_payload"),
        ({"answers": [{"question_id": 1}]}, "missing_field"),
    ],
)
def test_bad_payloads_are_refused(opened, attendee, payload, code):
    with pytest.raises((Invalid, NotFound)) as error:
        evaluation_answers.submit_answers(attendee, opened.id, payload)
    assert error.value.code == code


def test_the_same_question_twice_in_one_form_is_refused(opened, attendee):
    form = full_form(opened.id)
    form["answers"].append(dict(form["answers"][0]))
    with pytest.raises(Invalid) as error:
        evaluation_answers.submit_answers(attendee, opened.id, form)
    assert error.value.code == "duplicate_answer"


def test_only_attendees_answer(opened, organiser, facilitator, projector, other_organiser):
    for actor in (organiser, facilitator, projector, other_organiser):
        with pytest.raises(NotAllowed):
            evaluation_answers.submit_answers(actor, opened.id, full_form(opened.id))


def test_an_attendee_of_another_workshop_cannot_answer(opened, organiser):
    other = workshops.create_workshop(organiser, "oxford-2022")
    stranger = new_attendee(other)
    with pytest.raises(NotAllowed):
        evaluation_answers.submit_answers(stranger, opened.id, full_form(opened.id))


def test_answered_questions_keep_their_type_and_options(opened, organiser, attendee):
    evaluation_answers.submit_answers(attendee, opened.id, full_form(opened.id, follow_ups=OXFORD_FOLLOW_UPS[:2]))
    follow_up = questions_by_kind(opened.id)["multiple_choice"][0]
    base = {"kind": "multiple_choice", "prompt": follow_up.prompt}
    with pytest.raises(Conflict):
        evaluation.save_question(organiser, opened.id, follow_up.id, {**base, "kind": "free_text"})
    with pytest.raises(Conflict):
        evaluation.save_question(organiser, opened.id, follow_up.id, {**base, "options": OXFORD_FOLLOW_UPS[:2]})
    renamed = ["Similar networking meetings", *OXFORD_FOLLOW_UPS[1:], "Reading the report"]
    evaluation.save_question(organiser, opened.id, follow_up.id, {**base, "options": renamed})
    counts = {c["option"]: c["count"] for c in result_of(opened.id, follow_up.id)["counts"]}
    assert counts == {renamed[0]: 1, renamed[1]: 1, renamed[2]: 0, renamed[3]: 0}


def test_back_to_draft_only_without_responses(opened, organiser, attendee):
    evaluation.set_status(organiser, opened.id, "draft")
    evaluation.set_status(organiser, opened.id, "open")
    evaluation_answers.submit_answers(attendee, opened.id, full_form(opened.id))
    with pytest.raises(Conflict):
        evaluation.set_status(organiser, opened.id, "draft")
    with pytest.raises(Invalid):
        evaluation.set_status(organiser, opened.id, "archived")
