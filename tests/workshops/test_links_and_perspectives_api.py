"""The API gives an organiser what the editor page shows: the room's links, and the perspectives to edit."""

from __future__ import annotations

import pytest

from facilitation.workshops import participants
from tests.workshops.test_api import assert_error, bearer, sign_in


@pytest.fixture
def organiser_client(client, organiser):
    client.csrf_headers = {"X-CSRFToken": sign_in(client)}
    return client


def test_the_organiser_reads_every_link_of_the_room(organiser_client, workshop):
    response = organiser_client.get(f"/api/v1/workshops/{workshop.id}/links")
    assert response.status_code == 200
    body = response.get_json()
    assert body["join_code"] == workshop.join_code
    assert body["join_url"].endswith(f"/join/{workshop.join_code}")
    assert body["join_qr_url"].endswith(f"/qr/{workshop.join_code}.svg")
    assert body["projector_url"].endswith(f"/p/{workshop.projector_token}")
    assert [(f["group_id"], f["url"].rsplit("/", 1)[1]) for f in body["facilitators"]] == [
        (g.id, g.facilitator_token) for g in workshop.groups
    ]
    qr_path = "/" + body["join_qr_url"].split("://", 1)[1].split("/", 1)[1]
    assert organiser_client.get(qr_path).content_type.startswith("image/svg+xml")


def test_links_are_secrets_nobody_else_reads(client, workshop):
    token = participants.join(workshop.join_code, "Sam")["token"]
    assert_error(client.get(f"/api/v1/workshops/{workshop.id}/links", headers=bearer(token)), 403, "forbidden")
    facilitator = workshop.groups[0].facilitator_token
    assert_error(client.get(f"/api/v1/workshops/{workshop.id}/links", headers=bearer(facilitator)), 403, "forbidden")
    assert_error(client.get(f"/api/v1/workshops/{workshop.id}/links"), 401, "unauthenticated")


def test_perspectives_are_added_and_renamed_over_the_api(organiser_client, workshop):
    headers = organiser_client.csrf_headers
    added = organiser_client.post(
        f"/api/v1/workshops/{workshop.id}/perspectives", json={"name": "Funders"}, headers=headers
    )
    assert added.status_code == 200
    names = [p["name"] for p in added.get_json()["structure"]["perspectives"]]
    assert names[-1] == "Funders"
    new_id = added.get_json()["structure"]["perspectives"][-1]["id"]
    renamed = organiser_client.put(
        f"/api/v1/workshops/{workshop.id}/perspectives/{new_id}", json={"name": "Commissioners"}, headers=headers
    )
    assert [p["name"] for p in renamed.get_json()["structure"]["perspectives"]][-1] == "Commissioners"
    assert_error(
        organiser_client.post(f"/api/v1/workshops/{workshop.id}/perspectives", json={"name": " "}, headers=headers),
        422,
        "empty_text",
    )
