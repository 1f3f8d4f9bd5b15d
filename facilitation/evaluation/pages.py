"""Pages for the end of the day: the phone questionnaire, the mailing-list form, the organiser's evaluation page.

The sign-up form deliberately never looks at who is asking: it is reached with the public join code, so
nothing ties an entry to the phone session that wrote anonymous notes and answers.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from facilitation.evaluation import service as evaluation
from facilitation.evaluation.service import CHOICE_KINDS
from facilitation.kernel.errors import DomainError
from facilitation.kernel.lookups import get_workshop, parse_id
from facilitation.models import QUESTION_KINDS
from facilitation.security import retention
from facilitation.signups import service as signups
from facilitation.web.auth import current_actor, organiser_required
from facilitation.web.forms import flash_outcome

bp = Blueprint("evaluation_pages", __name__)

KIND_LABELS = {
    "rating": _l("Rating 1-5"),
    "single_choice": _l("Single choice"),
    "multiple_choice": _l("Multiple choice"),
    "yes_no": _l("Yes / no"),
    "free_text": _l("Free text"),
}


# --- attendee ------------------------------------------------------------------------------------------


@bp.get("/attend/evaluation")
def attendee_evaluation():
    actor = current_actor()
    if actor.role != "attendee":
        return redirect(url_for("pages.index"))
    workshop = get_workshop(actor.workshop_id)
    state = {
        "role": actor.role,
        "token": session["attendee_token"],
        "workshop_id": actor.workshop_id,
        "workshop_title": workshop.title,
        "join_code": workshop.join_code,
        **evaluation.evaluation_state(actor, actor.workshop_id),
    }
    return render_template("attendee/evaluation.html", state=state)


@bp.route("/signup/<code>", methods=["GET", "POST"])
def signup(code: str):
    try:
        workshop = signups.workshop_for_code(code)
    except DomainError as error:
        return render_template("error.html", message=error.message), error.status
    form = request.form
    if request.method == "POST":
        try:
            signups.create_signup(
                code,
                {
                    "name": form.get("name", ""),
                    "email": form.get("email", ""),
                    "role": form.get("role", ""),
                    "organisation": form.get("organisation", ""),
                    "consent": form.get("consent") == "yes",
                    "consent_text": form.get("consent_text", ""),
                },
            )
        except DomainError as error:
            flash(error.message, "error")
            return render_template(
                "attendee/signup.html", workshop=workshop, consent_text=signups.consent_text(workshop), form=form
            ), error.status
        return render_template("attendee/signup.html", workshop=workshop, done=True)
    return render_template(
        "attendee/signup.html", workshop=workshop, consent_text=signups.consent_text(workshop), form={}
    )


# --- organiser -----------------------------------------------------------------------------------------


def _page(workshop_id: int):
    return redirect(url_for("evaluation_pages.organiser_evaluation", workshop_id=workshop_id))


def _apply(workshop_id: int, action, success: str):
    """Run one service call; show its error on the page instead of losing the form."""
    flash_outcome(action, success)
    return _page(workshop_id)


def _question_spec(form) -> dict:
    return {
        "kind": form.get("kind", ""),
        "prompt": form.get("prompt", ""),
        "required": form.get("required") == "1",
        "options": form.get("options", "") if form.get("kind") in CHOICE_KINDS else [],
        "low_label": form.get("low_label", ""),
        "high_label": form.get("high_label", ""),
    }


@bp.get("/organiser/workshops/<int:workshop_id>/evaluation")
@organiser_required
def organiser_evaluation(actor, workshop_id: int):
    queue = evaluation.moderation_queue(actor, workshop_id)
    workshop = get_workshop(workshop_id)
    state = {"role": "organiser", "workshop_id": workshop_id, "revision": workshop.revision, **queue}
    return render_template(
        "organiser/evaluation.html",
        workshop=workshop,
        questionnaire=evaluation.questionnaire_of(workshop_id),
        signups=signups.list_signups(actor, workshop_id),
        removed_questions=evaluation.removed_questions(actor, workshop_id),
        kinds=QUESTION_KINDS,
        kind_labels=KIND_LABELS,
        state=state,
    )


@bp.post("/organiser/workshops/<int:workshop_id>/evaluation/details")
@organiser_required
def details(actor, workshop_id: int):
    form = request.form
    return _apply(
        workshop_id,
        lambda: evaluation.update_details(actor, workshop_id, title=form.get("title", ""), intro=form.get("intro", "")),
        "Questionnaire saved.",
    )


@bp.post("/organiser/workshops/<int:workshop_id>/evaluation/status")
@organiser_required
def status(actor, workshop_id: int):
    wanted = request.form.get("status", "")
    messages = {"open": "Questionnaire open on phones.", "closed": "Questionnaire closed.", "draft": "Back to draft."}
    return _apply(
        workshop_id, lambda: evaluation.set_status(actor, workshop_id, wanted), messages.get(wanted, "Saved.")
    )


@bp.post("/organiser/workshops/<int:workshop_id>/evaluation/questions")
@organiser_required
def question(actor, workshop_id: int):
    question_id = parse_id(request.form.get("id", ""))
    spec = _question_spec(request.form)
    return _apply(
        workshop_id, lambda: evaluation.save_question(actor, workshop_id, question_id, spec), "Question saved."
    )


@bp.post("/organiser/workshops/<int:workshop_id>/evaluation/questions/<int:question_id>/delete")
@organiser_required
def delete_question(actor, workshop_id: int, question_id: int):
    return _apply(
        workshop_id,
        lambda: evaluation.delete_question(actor, workshop_id, question_id),
        "Question removed. Restore it under “Recently removed questions” if that was a mistake.",
    )


@bp.get("/organiser/workshops/<int:workshop_id>/evaluation/questions/<int:question_id>/remove")
@organiser_required
def confirm_question_removal(actor, workshop_id: int, question_id: int):
    """Ask before a question and its answers go (no script: a page with one button)."""
    try:
        preview = evaluation.question_removal_preview(actor, workshop_id, question_id)
    except DomainError as error:
        flash(error.message, "error")
        return _page(workshop_id)
    return render_template(
        "organiser/confirm_removal.html",
        workshop=get_workshop(workshop_id),
        preview=preview,
        action=url_for("evaluation_pages.delete_question", workshop_id=workshop_id, question_id=question_id),
        cancel=url_for("evaluation_pages.organiser_evaluation", workshop_id=workshop_id, _anchor="questions"),
    )


@bp.post("/organiser/workshops/<int:workshop_id>/evaluation/removed/<int:entry_id>/restore")
@organiser_required
def restore_question(actor, workshop_id: int, entry_id: int):
    return _apply(
        workshop_id,
        lambda: evaluation.restore_question(actor, workshop_id, entry_id),
        lambda result: f"Restored: {result['restored']['summary']}.",
    )


@bp.post("/organiser/workshops/<int:workshop_id>/evaluation/questions/<int:question_id>/move")
@organiser_required
def move_question(actor, workshop_id: int, question_id: int):
    offset = -1 if request.form.get("direction") == "up" else 1
    return _apply(
        workshop_id, lambda: evaluation.move_question(actor, workshop_id, question_id, offset), "Question moved."
    )


@bp.post("/organiser/workshops/<int:workshop_id>/evaluation/answers/<int:answer_id>/moderation")
@organiser_required
def moderate(actor, workshop_id: int, answer_id: int):
    decision = request.form.get("decision", "")
    return _apply(
        workshop_id,
        lambda: evaluation.moderate_answer(actor, workshop_id, answer_id, decision),
        "Comment approved." if decision == "approved" else "Comment hidden.",
    )


@bp.post("/organiser/workshops/<int:workshop_id>/signups/<int:signup_id>/erase")
@organiser_required
def erase_signup(actor, workshop_id: int, signup_id: int):
    return _apply(workshop_id, lambda: signups.erase_signup(actor, workshop_id, signup_id), "Sign-up erased.")


@bp.post("/organiser/workshops/<int:workshop_id>/signups/erase-all")
@organiser_required
def erase_all_signups(actor, workshop_id: int):
    if request.form.get("confirm") != "yes":
        flash(_("Tick the box to confirm erasing every sign-up."), "error")
        return _page(workshop_id)
    return _apply(workshop_id, lambda: signups.erase_all(actor, workshop_id), "All sign-ups erased.")


@bp.post("/organiser/workshops/<int:workshop_id>/retention")
@organiser_required
def set_retention(actor, workshop_id: int):
    value = request.form.get("retention_until", "")
    return _apply(workshop_id, lambda: retention.set_retention(actor, workshop_id, value), "Retention date saved.")
