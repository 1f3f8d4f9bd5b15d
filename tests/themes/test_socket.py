"""Themes over the socket: a phone's post reaches every screen's themes a moment later (after the post), and
the organiser's decisions come back acknowledged and broadcast as themes:changed; same over JSON."""

from __future__ import annotations

import uuid

from facilitation.kernel import events
from facilitation.kernel.events import NAMESPACE, THEMES_CHANGED
from facilitation.workshops import participants
from tests.conftest import board_by_kind
from tests.projector.test_socket import broadcasts, emit, organiser_socket  # noqa: F401 (fixture)
from tests.themes.helpers import settle
from tests.themes.test_service import DANCE, FUNDING


def test_posts_then_decisions_reach_every_screen(organiser_socket, workshop, connect):  # noqa: F811
    board = board_by_kind(workshop, "ideas")
    phone = connect({"token": participants.join(workshop.join_code, "Sam")["token"]})
    screen = connect({"token": workshop.projector_token})
    for text in FUNDING + DANCE:
        ack = emit(
            phone,
            events.NOTE_POST,
            {"client_id": uuid.uuid4().hex, "board_id": board.id, "section_id": board.sections[0].id, "text": text},
        )
        assert ack["ok"] is True
    screen.get_received(NAMESPACE)
    settle()
    [changed] = broadcasts(screen, THEMES_CHANGED)
    assert changed["data"]["board_id"] == board.id and len(changed["data"]["themes"]) == 2

    theme = changed["data"]["themes"][0]
    ack = emit(organiser_socket, events.THEME_RENAME, {"theme_id": theme["id"], "label": "Money"})
    assert ack["ok"] is True and ack["themes"][0]["label"] == "Money"
    [renamed] = broadcasts(screen, THEMES_CHANGED)
    assert renamed["revision"] == ack["revision"] and renamed["data"]["themes"][0]["label_is_custom"] is True

    refused = emit(phone, events.THEME_RENAME, {"theme_id": theme["id"], "label": "Mine"})
    assert refused["ok"] is False
    state = emit(screen, events.STATE)
    assert state["themes"] == renamed["data"]["themes"]


def test_the_json_routes_answer_the_same(client, organiser, workshop):
    board = board_by_kind(workshop, "ideas")
    token = workshop.projector_token
    assert (
        client.get(
            f"/api/v1/workshops/{workshop.id}/boards/{board.id}/themes", headers={"Authorization": f"Bearer {token}"}
        ).get_json()["themes"]
        == []
    )
    refused = client.post(
        f"/api/v1/workshops/{workshop.id}/themes/recluster",
        json={"board_id": board.id},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert refused.status_code == 403
    document = client.get("/api/openapi.json").get_json()
    assert "/api/v1/workshops/{workshop_id}/themes/move_note" in document["paths"]
    assert "/api/v1/workshops/{workshop_id}/projector/focus" in document["paths"]
