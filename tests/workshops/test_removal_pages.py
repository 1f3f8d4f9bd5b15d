"""Removing from the organiser's pages asks first (a page naming what goes), needs the form's CSRF token, and is
undone from "Recently removed"; the JSON API removes at once but undoably and lists and restores the same entries."""

from __future__ import annotations

import re
import uuid
from html import unescape

import pytest
from sqlalchemy import func, select

from facilitation.evaluation import answers as evaluation_answers
from facilitation.evaluation import service as evaluation
from facilitation.extensions import db
from facilitation.models import Board, Note, Question, RemovedItem, Workshop
from facilitation.notes import service as notes
from tests.conftest import board_by_kind
from tests.security.world import full_answers
from tests.workshops.test_api import sign_in

FORM = re.compile(
    r'<form method="post" action="([^"]+)"[^>]*>\s*<input type="hidden" name="csrf_token" value="([^"]+)"'
)


def page_text(response) -> str:
    """The words a person reads (inline isolation like <bdi> adds no space)."""
    html = re.sub(r"</?(bdi|time)[^>]*>", "", response.get_data(as_text=True))
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def post_notes(actor, workshop, board, count: int) -> None:
    for n in range(count):
        notes.post_note(
            actor,
            workshop.id,
            {
                "client_id": uuid.uuid4().hex,
                "board_id": board.id,
                "section_id": board.sections[n % len(board.sections)].id,
                "text": f"Idea {n}",
            },
        )


def the_form(response, action_part: str) -> tuple[str, str]:
    """The confirmation page's one POST form: its action and its CSRF token."""
    for action, token in FORM.findall(response.get_data(as_text=True)):
        if action_part in action:
            return unescape(action), token
    raise AssertionError(f"no form posting to {action_part}")


def restore_forms(response) -> list[str]:
    return [unescape(a) for a, _t in FORM.findall(response.get_data(as_text=True)) if "/restore" in a]


@pytest.fixture
def signed_in(client, organiser):
    client.csrf_token = sign_in(client)
    return client


@pytest.fixture
def solutions(workshop, facilitator):
    board = board_by_kind(workshop, "solutions")
    post_notes(facilitator, workshop, board, 55)
    return board


def test_remove_board_opens_a_confirmation_that_names_its_55_notes(signed_in, workshop, solutions):
    editor = signed_in.get(f"/organiser/workshops/{workshop.id}")
    confirm_url = f"/organiser/workshops/{workshop.id}/boards/{solutions.id}/remove"
    assert f'action="{confirm_url}"' in editor.get_data(as_text=True), "Remove board is a link to ask first"

    confirmation = signed_in.get(confirm_url)

    assert confirmation.status_code == 200
    text = page_text(confirmation)
    assert "Remove board “Solutions” and its 55 notes?" in text
    assert "3 sections and 55 notes" in text and "until" in text
    action, _token = the_form(confirmation, f"/boards/{solutions.id}/delete")
    assert action == f"/organiser/workshops/{workshop.id}/boards/{solutions.id}/delete"
    assert db.session.get(Board, solutions.id) is not None, "asking removes nothing"


def test_the_removal_needs_the_forms_csrf_token(signed_in, workshop, solutions):
    response = signed_in.post(f"/organiser/workshops/{workshop.id}/boards/{solutions.id}/delete")
    assert response.status_code == 400
    assert db.session.get(Board, solutions.id) is not None


def test_a_removed_board_is_listed_and_restored_from_the_workshop_page(signed_in, workshop, solutions):
    confirmation = signed_in.get(f"/organiser/workshops/{workshop.id}/boards/{solutions.id}/remove")
    action, token = the_form(confirmation, "/delete")

    removed = signed_in.post(action, data={"csrf_token": token})

    assert removed.status_code == 302 and removed.headers["Location"].endswith("#removed")
    assert db.session.scalar(select(func.count(Note.id)).where(Note.board_id == solutions.id)) == 0
    editor = signed_in.get(f"/organiser/workshops/{workshop.id}")
    text = page_text(editor)
    assert "Removed: Board “Solutions” with 55 notes and 3 sections." in text
    assert "Recently removed Each can be restored" in text
    (restore,) = restore_forms(editor)

    restored = signed_in.post(restore, data={"csrf_token": signed_in.csrf_token})

    assert restored.status_code == 302
    assert db.session.scalar(select(func.count(Note.id)).where(Note.board_id == solutions.id)) == 55
    assert "Restored: Board “Solutions”" in page_text(signed_in.get(f"/organiser/workshops/{workshop.id}"))


@pytest.mark.parametrize(("kind", "heading"), [("groups", "Remove group “Group 1”?"), ("agenda", "from the agenda?")])
def test_groups_and_agenda_items_ask_first_too(signed_in, workshop, kind, heading):
    item = workshop.groups[0] if kind == "groups" else workshop.agenda[0]
    confirmation = signed_in.get(f"/organiser/workshops/{workshop.id}/{kind}/{item.id}/remove")
    assert heading in page_text(confirmation)
    action, token = the_form(confirmation, "/delete")
    assert signed_in.post(action, data={"csrf_token": token}).status_code == 302
    assert db.session.scalar(select(func.count(RemovedItem.id))) == 1


def test_a_perspective_confirmation_counts_the_notes_that_keep_their_place(signed_in, workshop, facilitator):
    tree = board_by_kind(workshop, "tree")
    perspective = workshop.perspectives[0]
    for n in range(2):
        notes.post_note(
            facilitator,
            workshop.id,
            {
                "client_id": uuid.uuid4().hex,
                "board_id": tree.id,
                "section_id": tree.sections[0].id,
                "perspective_id": perspective.id,
                "text": f"Barrier {n}",
            },
        )
    confirmation = signed_in.get(f"/organiser/workshops/{workshop.id}/perspectives/{perspective.id}/remove")
    assert "2 notes keep its place on the tree without a perspective" in page_text(confirmation)


def test_an_unknown_item_sends_you_back_with_a_message(signed_in, workshop):
    response = signed_in.get(f"/organiser/workshops/{workshop.id}/boards/999999/remove")
    assert response.status_code == 302
    assert "No such board" in page_text(signed_in.get(response.headers["Location"]))


def test_a_question_asks_first_with_its_answers_and_comes_back_from_the_evaluation_page(
    signed_in, workshop, organiser, attendee
):
    evaluation.set_status(organiser, workshop.id, "open")
    questions = evaluation.questionnaire_of(workshop.id).questions
    question = next(q for q in questions if q.kind == "rating")
    evaluation_answers.submit_answers(attendee, workshop.id, {"answers": full_answers(questions)})
    page = signed_in.get(f"/organiser/workshops/{workshop.id}/evaluation")
    confirm_url = f"/organiser/workshops/{workshop.id}/evaluation/questions/{question.id}/remove"
    assert f'action="{confirm_url}"' in page.get_data(as_text=True)

    confirmation = signed_in.get(confirm_url)
    assert "and its 1 answer?" in page_text(confirmation)
    action, token = the_form(confirmation, "/delete")
    signed_in.post(action, data={"csrf_token": token})
    assert db.session.get(Question, question.id) is None

    page = signed_in.get(f"/organiser/workshops/{workshop.id}/evaluation")
    assert "Recently removed questions" in page_text(page)
    (restore,) = restore_forms(page)
    assert "/evaluation/removed/" in restore
    signed_in.post(restore, data={"csrf_token": signed_in.csrf_token})
    assert db.session.get(Question, question.id) is not None


def test_a_workshop_is_removed_from_the_dashboard_and_restored_there(signed_in, client, workshop):
    dashboard = signed_in.get("/organiser/")
    confirm_url = f"/organiser/workshops/{workshop.id}/remove"
    assert f'action="{confirm_url}"' in dashboard.get_data(as_text=True)
    confirmation = signed_in.get(confirm_url)
    text = page_text(confirmation)
    assert f"Remove the workshop “{workshop.title}”?" in text
    assert "join code, the facilitator links and the projector link stop working" in text
    action, token = the_form(confirmation, "/remove")

    signed_in.post(action, data={"csrf_token": token})

    dashboard = signed_in.get("/organiser/")
    assert f'href="/organiser/workshops/{workshop.id}"' not in dashboard.get_data(as_text=True)
    assert "Recently removed workshops" in page_text(dashboard)
    assert signed_in.get(f"/organiser/workshops/{workshop.id}").status_code == 404
    assert signed_in.get(f"/p/{workshop.projector_token}").status_code == 404
    (restore,) = restore_forms(dashboard)

    signed_in.post(restore, data={"csrf_token": signed_in.csrf_token})

    assert signed_in.get(f"/organiser/workshops/{workshop.id}").status_code == 200
    assert db.session.get(Workshop, workshop.id).removed_at is None


# --- the JSON API -------------------------------------------------------------------------------------------


def test_the_api_removes_undoably_lists_and_restores(signed_in, workshop, solutions):
    headers = {"X-CSRFToken": signed_in.csrf_token}
    base = f"/api/v1/workshops/{workshop.id}"

    deleted = signed_in.delete(f"{base}/boards/{solutions.id}", headers=headers)

    assert deleted.status_code == 200
    body = deleted.get_json()
    assert solutions.id not in [b["id"] for b in body["structure"]["boards"]]
    removed = body["removed"]
    assert (removed["kind"], removed["item_id"], removed["held"]["taken"]["notes"]) == ("board", solutions.id, 55)
    assert signed_in.get(f"{base}/removed").get_json()["removed"] == [removed]

    restored = signed_in.post(f"{base}/removed/{removed['id']}/restore", headers=headers)

    assert restored.status_code == 200
    assert restored.get_json()["item_id"] == solutions.id
    assert solutions.id in [b["id"] for b in restored.get_json()["structure"]["boards"]]
    assert signed_in.get(f"{base}/removed").get_json()["removed"] == []
    again = signed_in.post(f"{base}/removed/{removed['id']}/restore", headers=headers)
    assert again.status_code == 404 and again.get_json()["code"] == "unknown_removed_item"


def test_the_api_removes_a_question_and_a_workshop_undoably(signed_in, workshop):
    headers = {"X-CSRFToken": signed_in.csrf_token}
    base = f"/api/v1/workshops/{workshop.id}"
    question = evaluation.questionnaire_of(workshop.id).questions[0]
    removed = signed_in.delete(f"{base}/evaluation/questions/{question.id}", headers=headers).get_json()["removed"]
    assert removed["kind"] == "question"
    assert signed_in.post(f"{base}/removed/{removed['id']}/restore", headers=headers).status_code == 200

    gone = signed_in.delete(base, headers=headers).get_json()["removed"]
    assert signed_in.get(f"{base}/state").status_code == 404
    assert [r["id"] for r in signed_in.get(f"{base}/removed").get_json()["removed"]] == [gone["id"]]
    assert signed_in.post(f"{base}/removed/{gone['id']}/restore", headers=headers).status_code == 200
    assert signed_in.get(f"{base}/state").status_code == 200


def test_the_openapi_document_describes_the_removal_routes(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert "delete" in paths["/api/v1/workshops/{workshop_id}"]
    assert "get" in paths["/api/v1/workshops/{workshop_id}/removed"]
    assert "post" in paths["/api/v1/workshops/{workshop_id}/removed/{entry_id}/restore"]
