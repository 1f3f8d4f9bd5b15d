"""CSRF: every state-changing HTTP request authenticated by a cookie is refused without the token.

Enumerated from app.url_map: every POST/PUT/PATCH/DELETE route (each any(...) choice included), sent with a
signed-in organiser's cookie and, separately, an attendee's phone-session cookie, and no token. The only
exceptions are endpoints that use no ambient credential at all (they hand a token out); those are listed.
Requests with a bearer token carry no ambient credential a foreign page could borrow, so they need no token.
"""

from __future__ import annotations

import pytest

from facilitation.web.api import NO_CREDENTIAL_ENDPOINTS
from tests.security.test_authorisation_matrix import HTTP_CASES, HTTP_ROWS, WRITE_METHODS, build_path, path_params
from tests.security.world import client_for

WRITE_CASES = [case for case in HTTP_CASES if case.method in WRITE_METHODS]


def test_there_are_many_write_routes():
    assert len(WRITE_CASES) >= 60


@pytest.mark.parametrize("role", ["organiser", "attendee"])
@pytest.mark.parametrize("case", WRITE_CASES, ids=[c.key for c in WRITE_CASES])
def test_cookie_authenticated_write_without_token_is_refused(world_app, case, role):
    world = world_app.world
    client = client_for(world_app, world, role)
    path = build_path(case.rule, path_params(case, HTTP_ROWS[case.key], world, role))
    kwargs = {"json": {}} if path.startswith("/api/") else {"data": {}}
    response = client.open(path, method=case.method, **kwargs)
    response.close()
    if case.endpoint in NO_CREDENTIAL_ENDPOINTS:
        assert response.status_code != 400 or "csrf" not in response.get_data(as_text=True).lower()
        return
    assert response.status_code == 400, (case.key, response.status_code)
    if path.startswith("/api/"):
        assert response.get_json()["code"] == "csrf_failed"
    else:
        assert "form expired" in response.get_data(as_text=True)


def test_the_exempt_endpoints_hand_out_a_token_and_use_no_credential():
    assert {"api_workshops.join"} == NO_CREDENTIAL_ENDPOINTS


def test_a_wrong_token_is_refused_like_a_missing_one(world_app):
    client = client_for(world_app, world_app.world, "organiser")
    response = client.patch(
        f"/api/v1/workshops/{world_app.world.workshop_id}", json={"title": "x"}, headers={"X-CSRFToken": "forged"}
    )
    assert response.status_code == 400 and response.get_json()["code"] == "csrf_failed"


def test_bearer_requests_need_no_token(world_app):
    world = world_app.world
    case = next(c for c in WRITE_CASES if c.endpoint == "api_workshops.post_note")
    from tests.security.authorisation_expectations import note_body

    response = world_app.test_client().post(
        build_path(case.rule, {"workshop_id": world.workshop_id}),
        json=note_body(world),
        headers={"Authorization": f"Bearer {world.attendee_token}"},
    )
    assert response.status_code == 201
