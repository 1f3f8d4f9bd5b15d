"""The moderation and voting HTTP API: the same services as the socket, errors as {ok:false, code, message}."""

from __future__ import annotations

import uuid

from facilitation.workshops import participants
from tests.conftest import board_by_kind


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def post_note(client, workshop, token, board) -> dict:
    payload = {"client_id": uuid.uuid4().hex, "board_id": board.id, "section_id": board.sections[0].id, "text": "Hi"}
    response = client.post(f"/api/v1/workshops/{workshop.id}/notes", json=payload, headers=bearer(token))
    assert response.status_code == 201
    return response.get_json()["note"]


def test_edit_conflict_is_409_with_the_current_text(app, workshop):
    client = app.test_client()
    token = workshop.groups[0].facilitator_token
    note = post_note(client, workshop, token, board_by_kind(workshop, "solutions"))
    url = f"/api/v1/workshops/{workshop.id}/notes/{note['id']}"

    assert client.patch(url, json={"text": "First", "version": 1}, headers=bearer(token)).status_code == 200
    late = client.patch(url, json={"text": "Second", "version": 1}, headers=bearer(token))

    assert late.status_code == 409
    body = late.get_json()
    assert (body["ok"], body["code"], body["current"]["text"]) == (False, "version_conflict", "First")


def test_status_actions_and_scope(app, workshop):
    client = app.test_client()
    note = post_note(client, workshop, workshop.groups[0].facilitator_token, board_by_kind(workshop, "solutions"))
    base = f"/api/v1/workshops/{workshop.id}/notes/{note['id']}"
    other = bearer(workshop.groups[1].facilitator_token)
    assert client.post(f"{base}/hide", headers=other).get_json()["code"] == "not_your_group"
    own = bearer(workshop.groups[0].facilitator_token)
    assert client.post(f"{base}/hide", headers=own).get_json()["note"]["status"] == "hidden"
    assert client.post(f"{base}/restore", headers=own).status_code == 403
    assert client.post(f"{base}/hide").status_code == 401


def test_attendee_votes_over_http_within_the_allowance(app, workshop):
    client = app.test_client()
    solutions = board_by_kind(workshop, "solutions")
    facilitator = workshop.groups[0].facilitator_token
    notes = [post_note(client, workshop, facilitator, solutions)["id"] for _ in range(2)]
    from facilitation.organisers import service as organisers
    from facilitation.voting import service as voting

    organiser = organisers.organiser_actor(workshop.organiser_id)
    vote_round = voting.open_round(organiser, workshop.id, solutions.id, 1)["round"]
    phone = bearer(participants.join(workshop.join_code, "Sam")["token"])
    votes = f"/api/v1/workshops/{workshop.id}/vote-rounds/{vote_round['id']}/votes"

    assert client.post(votes, json={"note_id": notes[0]}, headers=phone).status_code == 201
    refused = client.post(votes, json={"note_id": notes[1]}, headers=phone)
    assert (refused.status_code, refused.get_json()["code"]) == (409, "no_votes_left")
    assert client.delete(f"{votes}/{notes[0]}", headers=phone).get_json()["left"] == 1
    status = client.get(f"/api/v1/workshops/{workshop.id}/vote-rounds", headers=phone).get_json()
    assert status["rounds"][0]["result"] is None
