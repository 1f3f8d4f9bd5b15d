"""The organiser's projector controls page: plain forms over the projector services, refusals shown, not lost."""

from __future__ import annotations

import re

import pytest

from facilitation.extensions import db
from facilitation.models import ProjectorState
from tests.conftest import board_by_kind

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def signed_in(client, organiser, workshop):
    token = CSRF_FIELD.search(client.get("/organiser/login").get_data(as_text=True)).group(1)
    response = client.post(
        "/organiser/login",
        data={"email": "organiser@example.org", "password": "correct horse battery", "csrf_token": token},
    )
    assert response.status_code == 302
    page = client.get(f"/organiser/workshops/{workshop.id}/projector-control")
    assert page.status_code == 200
    client.csrf = CSRF_FIELD.search(page.get_data(as_text=True)).group(1)
    return client


def post(client, workshop, route, **form):
    return client.post(
        f"/organiser/workshops/{workshop.id}/projector-control/{route}",
        data={"csrf_token": client.csrf, **form},
        follow_redirects=True,
    )


def row(workshop) -> ProjectorState:
    db.session.expire_all()
    return db.session.get(ProjectorState, workshop.id)


def test_the_page_lists_every_control(signed_in, workshop):
    html = signed_in.get(f"/organiser/workshops/{workshop.id}/projector-control").get_data(as_text=True)
    for text in ("Show on the projector", "Start rotation", "Spotlight", "Next item", "Minutes", "Pause", "Reset"):
        assert text in html
    assert "Show a word cloud" in html  # the Oxford template has ideas boards
    editor = signed_in.get(f"/organiser/workshops/{workshop.id}").get_data(as_text=True)
    assert f"/organiser/workshops/{workshop.id}/projector-control" in editor


def test_forms_drive_the_projector(signed_in, workshop):
    ideas = board_by_kind(workshop, "ideas")
    assert "The projector follows." in post(signed_in, workshop, "show", kind="welcome").get_data(as_text=True)
    assert row(workshop).target_kind == "welcome"
    post(signed_in, workshop, "rotate", board_ids=[str(ideas.id), str(workshop.boards[0].id)], seconds="20")
    assert (row(workshop).mode, row(workshop).rotation_seconds) == ("rotation", 20)
    post(signed_in, workshop, "hide", board_id=str(ideas.id), hidden="1")
    assert row(workshop).hidden_board_ids == [ideas.id]
    post(signed_in, workshop, "display", board_id=str(ideas.id), display="cloud")
    assert row(workshop).board_displays == {str(ideas.id): "cloud"}
    post(signed_in, workshop, "agenda", step="next")
    assert row(workshop).agenda_now_id == workshop.agenda[0].id
    post(signed_in, workshop, "timer", action="start", minutes="2.5")
    assert (row(workshop).timer_running, row(workshop).timer_duration_seconds) == (True, 150)
    post(signed_in, workshop, "timer", action="pause")
    assert row(workshop).timer_running is False
    post(signed_in, workshop, "timer", action="reset")
    assert row(workshop).timer_remaining_ms == 150_000


def test_refusals_come_back_as_messages(signed_in, workshop):
    page = post(signed_in, workshop, "rotate", seconds="20").get_data(as_text=True)
    assert "Choose at least one board" in page
    page = post(signed_in, workshop, "timer", action="start", minutes="lots").get_data(as_text=True)
    assert "Minutes must be" in page


def test_other_people_are_sent_to_sign_in(client, workshop):
    response = client.get(f"/organiser/workshops/{workshop.id}/projector-control")
    assert response.status_code == 302 and "/organiser/login" in response.headers["Location"]
