"""Evaluation and sign-up over HTTP: the phone page, the sign-up form, the organiser page and the JSON API."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest
from sqlalchemy import func, select

from facilitation.evaluation import service as evaluation
from facilitation.extensions import db
from facilitation.models import Signup
from facilitation.signups import service as signups
from facilitation.workshops import participants
from facilitation.workshops.templates import OXFORD_FOLLOW_UPS
from tests.conftest import FreshRequestClient

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
STATE_ISLAND = re.compile(r'<script type="application/json" id="page-state">(.*?)</script>', re.S)


def csrf_from(response) -> str:
    return CSRF_FIELD.search(response.get_data(as_text=True)).group(1)


def text_of(response) -> str:
    return response.get_data(as_text=True)


def sign_in(client):
    token = csrf_from(client.get("/organiser/login"))
    client.post(
        "/organiser/login",
        data={"email": "organiser@example.org", "password": "correct horse battery", "csrf_token": token},
    )


@pytest.fixture
def organiser_client(app, organiser):
    """A browser signed in as the organiser, separate from `client` (a phone or a stranger)."""
    app.test_client_class = FreshRequestClient
    browser = app.test_client()
    sign_in(browser)
    return browser


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def page_url(workshop) -> str:
    return f"/organiser/workshops/{workshop.id}/evaluation"


def form_answers(workshop_id: int) -> list[dict]:
    questions = evaluation.questionnaire_of(workshop_id).questions
    return [
        {"question_id": questions[0].id, "value": 5},
        {"question_id": questions[1].id, "value": 4},
        {"question_id": questions[2].id, "value": 3},
        {"question_id": questions[3].id, "value": OXFORD_FOLLOW_UPS[1:]},
        {"question_id": questions[5].id, "value": "<script>alert(1)</script> loved it"},
    ]


# --- attendee pages -----------------------------------------------------------------------------------


def test_attendee_page_links_to_the_questionnaire_and_the_signup(client, workshop):
    token = csrf_from(client.get(f"/join/{workshop.join_code}"))
    client.post("/join", data={"code": workshop.join_code, "csrf_token": token})
    board = text_of(client.get("/attend"))
    assert 'href="/attend/evaluation"' in board
    assert f'href="/signup/{workshop.join_code}"' in board
    page = client.get("/attend/evaluation")
    assert page.status_code == 200
    assert 'src="/static/js/pages/attendee-evaluation.js"' in text_of(page)
    state = __import__("json").loads(unescape(STATE_ISLAND.search(text_of(page)).group(1)))
    assert state["questionnaire"]["status"] == "draft" and state["questionnaire"]["questions"] == []
    assert state["my_answers"] == [] and state["token"].startswith("a_")


def test_questionnaire_page_needs_a_phone_session(client, workshop):
    response = client.get("/attend/evaluation")
    assert response.status_code == 302 and response.headers["Location"].endswith("/")


def test_signup_form_starts_unticked_and_shows_the_exact_wording(client, workshop):
    page = text_of(client.get(f"/signup/{workshop.join_code}"))
    checkbox = re.search(r'<input id="signup-consent"[^>]*>', page).group(0)
    assert 'type="checkbox"' in checkbox and "checked" not in checkbox
    wording = signups.consent_text(workshop)
    assert wording in unescape(page)
    assert f'name="consent_text" value="{wording}"' in unescape(page)


def test_signup_by_form_refuses_unticked_then_stores_without_any_session_link(client, workshop):
    token = csrf_from(client.get(f"/join/{workshop.join_code}"))
    client.post("/join", data={"code": workshop.join_code, "csrf_token": token})  # a phone session exists
    page = client.get(f"/signup/{workshop.join_code}")
    fields = {
        "csrf_token": csrf_from(page),
        "name": "Ada",
        "email": "ada@example.org",
        "role": "Link worker",
        "organisation": "",
        "consent_text": signups.consent_text(workshop),
    }
    refused = client.post(f"/signup/{workshop.join_code}", data=fields)
    assert refused.status_code == 422
    assert "Tick the box" in text_of(refused)
    assert 'value="Ada"' in text_of(refused)  # what was typed is kept
    assert "checked" not in re.search(r'<input id="signup-consent"[^>]*>', text_of(refused)).group(0)
    assert db.session.scalar(select(func.count(Signup.id))) == 0

    done = client.post(f"/signup/{workshop.join_code}", data={**fields, "consent": "yes"})
    assert done.status_code == 200 and "Thank you" in text_of(done)
    stored = db.session.scalar(select(Signup))
    assert stored.consent_text == signups.consent_text(workshop)
    assert not hasattr(stored, "participant_id")


def test_signup_with_an_unknown_code_is_404(client):
    assert client.get("/signup/ZZZZZZ").status_code == 404


# --- organiser page -----------------------------------------------------------------------------------


def test_organiser_page_is_linked_and_private(client, organiser_client, workshop, other_organiser):
    editor = text_of(organiser_client.get(f"/organiser/workshops/{workshop.id}"))
    assert f'href="{page_url(workshop)}"' in editor
    page = organiser_client.get(page_url(workshop))
    assert page.status_code == 200
    body = text_of(page)
    assert "Evaluation and mailing list" in body and "How much did you enjoy the day?" in body
    assert 'src="/static/js/pages/organiser-evaluation.js"' in body
    organiser_client.post("/organiser/logout", data={"csrf_token": csrf_from(page)})
    assert client.get(page_url(workshop)).status_code == 302


def test_organiser_builds_opens_and_closes_by_form(organiser_client, workshop):
    token = csrf_from(organiser_client.get(page_url(workshop)))
    response = organiser_client.post(
        f"{page_url(workshop)}/questions",
        data={"csrf_token": token, "kind": "single_choice", "prompt": "Your sector?", "options": "Health\nCulture"},
    )
    assert response.status_code == 302
    questions = evaluation.questionnaire_of(workshop.id).questions
    assert (questions[-1].prompt, questions[-1].options) == ("Your sector?", ["Health", "Culture"])

    organiser_client.post(
        f"{page_url(workshop)}/questions/{questions[-1].id}/move", data={"csrf_token": token, "direction": "up"}
    )
    assert evaluation.questionnaire_of(workshop.id).questions[-2].prompt == "Your sector?"

    bad = organiser_client.post(
        f"{page_url(workshop)}/questions", data={"csrf_token": token, "kind": "single_choice", "prompt": "x"}
    )
    assert "at least two options" in text_of(organiser_client.get(bad.headers["Location"]))

    organiser_client.post(f"{page_url(workshop)}/status", data={"csrf_token": token, "status": "open"})
    assert evaluation.questionnaire_of(workshop.id).status == "open"
    page = text_of(organiser_client.get(page_url(workshop)))
    assert "Close the questionnaire" in page
    organiser_client.post(f"{page_url(workshop)}/status", data={"csrf_token": token, "status": "closed"})
    assert evaluation.questionnaire_of(workshop.id).status == "closed"


def test_organiser_page_lists_and_erases_signups(organiser_client, workshop):
    for email in ("a@example.org", "b@example.org", "c@example.org"):
        signups.create_signup(
            workshop.join_code,
            {
                "name": "=cmd|' /C calc'!A0",
                "email": email,
                "consent": True,
                "consent_text": signups.consent_text(workshop),
            },
        )
    page = organiser_client.get(page_url(workshop))
    body = text_of(page)
    assert "Mailing list sign-ups (3)" in body and "b@example.org" in body
    assert f"/api/v1/workshops/{workshop.id}/signups.csv" in body
    token = csrf_from(page)
    first = db.session.scalar(select(Signup).order_by(Signup.id))
    organiser_client.post(f"/organiser/workshops/{workshop.id}/signups/{first.id}/erase", data={"csrf_token": token})
    assert db.session.scalar(select(func.count(Signup.id))) == 2
    organiser_client.post(f"/organiser/workshops/{workshop.id}/signups/erase-all", data={"csrf_token": token})
    assert db.session.scalar(select(func.count(Signup.id))) == 2  # not confirmed
    organiser_client.post(
        f"/organiser/workshops/{workshop.id}/signups/erase-all", data={"csrf_token": token, "confirm": "yes"}
    )
    assert db.session.scalar(select(func.count(Signup.id))) == 0


def test_organiser_sets_the_retention_date(organiser_client, workshop):
    token = csrf_from(organiser_client.get(page_url(workshop)))
    organiser_client.post(
        f"/organiser/workshops/{workshop.id}/retention", data={"csrf_token": token, "retention_until": "2027-01-31"}
    )
    db.session.refresh(workshop)
    assert workshop.retention_until.isoformat() == "2027-01-31"
    assert 'value="2027-01-31"' in text_of(organiser_client.get(page_url(workshop)))


# --- JSON API -----------------------------------------------------------------------------------------


def test_api_answer_flow_and_moderation(client, organiser_client, workshop, organiser):
    evaluation.set_status(organiser, workshop.id, "open")
    token = participants.join(workshop.join_code)["token"]
    url = f"/api/v1/workshops/{workshop.id}/evaluation"
    submitted = client.post(f"{url}/answers", json={"answers": form_answers(workshop.id)}, headers=bearer(token))
    assert submitted.status_code == 200, submitted.get_json()
    assert len(submitted.get_json()["answers"]) == 5

    state = client.get(url, headers=bearer(token)).get_json()
    assert state["results"]["responses"] == 1 and len(state["my_answers"]) == 5
    assert "loved it" not in repr(state["results"])  # free text waits for review

    missing = client.post(f"{url}/answers", json={"answers": form_answers(workshop.id)[1:]}, headers=bearer(token))
    assert missing.status_code == 422 and missing.get_json()["code"] == "answer_required"

    review = organiser_client.get(f"{url}/review").get_json()
    [comment] = review["free_text"]
    csrf = csrf_from(organiser_client.get(f"/organiser/workshops/{workshop.id}/evaluation"))
    approved = organiser_client.put(
        f"{url}/answers/{comment['id']}/moderation", json={"decision": "approved"}, headers={"X-CSRFToken": csrf}
    )
    assert approved.status_code == 200, approved.get_data(as_text=True)[:3000]
    state = client.get(url, headers=bearer(token)).get_json()
    worked = next(q for q in state["results"]["questions"] if q["kind"] == "free_text")
    assert worked["comments"] == ["<script>alert(1)</script> loved it"]  # stored as text, escaped on the way out


def test_api_builder_for_organisers_only(client, organiser_client, workshop):
    url = f"/api/v1/workshops/{workshop.id}/evaluation"
    csrf = csrf_from(organiser_client.get(f"/organiser/workshops/{workshop.id}/evaluation"))
    headers = {"X-CSRFToken": csrf}
    added = organiser_client.post(
        f"{url}/questions", json={"kind": "yes_no", "prompt": "Again?", "required": True}, headers=headers
    )
    assert added.status_code == 201
    question_id = added.get_json()["questionnaire"]["questions"][-1]["id"]  # a draft's questions, for its organiser
    assert (
        organiser_client.post(f"{url}/questions/{question_id}/move", json={"offset": -1}, headers=headers).status_code
        == 200
    )
    assert organiser_client.put(f"{url}/status", json={"status": "open"}, headers=headers).status_code == 200
    assert organiser_client.delete(f"{url}/questions/{question_id}", headers=headers).status_code == 200
    assert (
        organiser_client.patch(url, json={"title": "How was it?"}, headers=headers).get_json()["questionnaire"]["title"]
        == "How was it?"
    )
    bad = organiser_client.post(f"{url}/questions", json={"kind": "yes_no"}, headers=headers)
    assert bad.status_code == 422 and bad.get_json()["code"] == "missing_field"

    token = participants.join(workshop.join_code)["token"]
    refused = client.post(f"{url}/questions", json={"kind": "yes_no", "prompt": "x"}, headers=bearer(token))
    assert refused.status_code == 403
    assert client.get(f"{url}/review", headers=bearer(token)).status_code == 403
    assert client.get(f"{url}/review").status_code == 401


def test_api_signup_and_organiser_export(client, organiser_client, workshop):
    wording = client.get(f"/api/v1/signups/consent?code={workshop.join_code}").get_json()["consent_text"]
    assert wording == signups.consent_text(workshop)
    body = {
        "code": workshop.join_code,
        "name": "@SUM(1+1)",
        "email": "x@example.org",
        "consent": False,
        "consent_text": wording,
    }
    refused = client.post("/api/v1/signups", json=body)
    assert refused.status_code == 422 and refused.get_json()["code"] == "consent_required"
    created = client.post("/api/v1/signups", json={**body, "consent": True})
    assert created.status_code == 201
    signup_id = created.get_json()["signup"]["id"]

    listed = organiser_client.get(f"/api/v1/workshops/{workshop.id}/signups").get_json()["signups"]
    assert [s["email"] for s in listed] == ["x@example.org"]
    exported = organiser_client.get(f"/api/v1/workshops/{workshop.id}/signups.csv")
    assert exported.mimetype == "text/csv" and "attachment" in exported.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[1][0] == "'@SUM(1+1)"
    assert client.get(f"/api/v1/workshops/{workshop.id}/signups.csv").status_code == 401

    csrf = csrf_from(organiser_client.get(f"/organiser/workshops/{workshop.id}/evaluation"))
    erased = organiser_client.delete(
        f"/api/v1/workshops/{workshop.id}/signups/{signup_id}", headers={"X-CSRFToken": csrf}
    )
    assert erased.get_json()["erased"] == 1
    assert (
        organiser_client.delete(f"/api/v1/workshops/{workshop.id}/signups", headers={"X-CSRFToken": csrf}).get_json()[
            "erased"
        ]
        == 0
    )
    retention = organiser_client.put(
        f"/api/v1/workshops/{workshop.id}/retention",
        json={"retention_until": "2027-02-01"},
        headers={"X-CSRFToken": csrf},
    )
    assert retention.get_json()["retention_until"] == "2027-02-01"
