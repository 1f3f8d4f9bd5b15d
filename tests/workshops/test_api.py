"""The JSON API under /api/v1: bearer tokens, organiser cookies with CSRF, error shapes, and the OpenAPI document."""

from __future__ import annotations

import re
import uuid

import pytest

from facilitation.extensions import db
from facilitation.models import Workshop
from facilitation.workshops import service as workshops
from tests.conftest import board_by_kind

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def sign_in(client, email="organiser@example.org", password="correct horse battery") -> str:
    """Sign in through the form; return the CSRF token the signed-in pages carry."""
    form_token = CSRF_FIELD.search(client.get("/organiser/login").get_data(as_text=True)).group(1)
    response = client.post("/organiser/login", data={"email": email, "password": password, "csrf_token": form_token})
    assert response.status_code == 302
    return CSRF_FIELD.search(client.get("/organiser/").get_data(as_text=True)).group(1)


@pytest.fixture
def organiser_client(client, organiser):
    csrf = sign_in(client)
    client.csrf_headers = {"X-CSRFToken": csrf}
    return client


def assert_error(response, status: int, code: str):
    assert response.status_code == status, response.get_json()
    body = response.get_json()
    assert set(body) == {"ok", "code", "message"}
    assert body["ok"] is False
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]


def note_body(board, **overrides) -> dict:
    return {
        "client_id": uuid.uuid4().hex,
        "board_id": board.id,
        "section_id": board.sections[0].id,
        "text": "Hi",
        **overrides,
    }


# --- joining and reading ---------------------------------------------------------------------------


def test_join_returns_201_and_a_token_that_reads_state(client, workshop):
    response = client.post("/api/v1/join", json={"code": workshop.join_code.lower(), "name": "Sam"})
    assert response.status_code == 201
    joined = response.get_json()
    assert joined["ok"] is True
    assert joined["workshop_id"] == workshop.id
    assert joined["name"] == "Sam"

    state = client.get(f"/api/v1/workshops/{workshop.id}/state", headers=bearer(joined["token"]))
    assert state.status_code == 200
    body = state.get_json()
    assert body["ok"] is True
    assert body["revision"] == 0
    assert body["structure"]["workshop"]["join_code"] == workshop.join_code
    assert body["notes"] == []


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"code": "ABC"}, 422, "bad_code"),
        ({"code": "ZZZZZZ"}, 404, "unknown_code"),
        ({"code": 123456}, 422, "wrong_type"),
        ({}, 422, "missing_field"),
        ({"code": "ZZZZZZ", "email": "x@y"}, 422, "unexpected_field"),
    ],
)
def test_join_errors(client, workshop, payload, status, code):
    assert_error(client.post("/api/v1/join", json=payload), status, code)


def test_join_with_a_long_name_is_refused(client, workshop):
    assert_error(client.post("/api/v1/join", json={"code": workshop.join_code, "name": "n" * 41}), 422, "text_too_long")


def test_join_with_a_body_that_is_not_json_is_refused(client, workshop):
    assert_error(client.post("/api/v1/join", data="code=ABCDEF"), 422, "bad_payload")


def test_join_a_closed_workshop_is_409(client, workshop, organiser):
    workshops.set_open(organiser, workshop.id, False)
    assert_error(client.post("/api/v1/join", json={"code": workshop.join_code}), 409, "workshop_closed")


def test_reading_state_needs_a_credential(client, workshop):
    assert_error(client.get(f"/api/v1/workshops/{workshop.id}/state"), 401, "unauthenticated")
    assert_error(client.get(f"/api/v1/workshops/{workshop.id}/state", headers=bearer("a_nope")), 401, "bad_token")


def test_reading_another_workshop_is_403(client, workshop, other_organiser):
    other = workshops.create_workshop(other_organiser, "blank")
    assert_error(
        client.get(f"/api/v1/workshops/{other.id}/state", headers=bearer(workshop.projector_token)), 403, "forbidden"
    )


def test_unknown_workshop_is_404(client, workshop):
    response = client.get("/api/v1/workshops/9999/state", headers=bearer(workshop.projector_token))
    assert_error(response, 404, "unknown_workshop")


def test_unknown_api_path_is_json_404(client):
    assert_error(client.get("/api/v1/nothing-here"), 404, "not_found")


def test_changes_since_a_revision(client, workshop, attendee):
    token = workshop.groups[0].facilitator_token
    tree = board_by_kind(workshop, "tree")
    for _ in range(3):
        assert (
            client.post(
                f"/api/v1/workshops/{workshop.id}/notes", json=note_body(tree), headers=bearer(token)
            ).status_code
            == 201
        )

    body = client.get(f"/api/v1/workshops/{workshop.id}/changes?since=1", headers=bearer(token)).get_json()
    assert body["ok"] is True
    assert body["reset"] is False
    assert [c["revision"] for c in body["changes"]] == [2, 3]

    reset = client.get(f"/api/v1/workshops/{workshop.id}/changes?since=0", headers=bearer(token)).get_json()
    assert reset["reset"] is True
    assert len(reset["state"]["notes"]) == 3


@pytest.mark.parametrize("query", ["", "?since=", "?since=-1", "?since=abc", "?since=1.5"])
def test_changes_with_a_bad_since_is_422(client, workshop, query):
    response = client.get(f"/api/v1/workshops/{workshop.id}/changes{query}", headers=bearer(workshop.projector_token))
    assert_error(response, 422, "bad_revision")


# --- posting notes ----------------------------------------------------------------------------------


def test_post_note_is_201_then_resend_is_200_with_the_same_note(client, workshop):
    token = client.post("/api/v1/join", json={"code": workshop.join_code}).get_json()["token"]
    body = note_body(board_by_kind(workshop, "solutions"), text="<b>Time</b>")
    url = f"/api/v1/workshops/{workshop.id}/notes"

    first = client.post(url, json=body, headers=bearer(token))
    again = client.post(url, json=body, headers=bearer(token))

    assert first.status_code == 201
    assert again.status_code == 200
    assert first.get_json()["duplicate"] is False
    assert again.get_json()["duplicate"] is True
    assert again.get_json()["note"] == first.get_json()["note"]
    assert first.get_json()["note"]["text"] == "<b>Time</b>"
    assert db.session.get(Workshop, workshop.id).revision == 1


def test_post_note_errors_have_their_statuses(client, workshop, organiser):
    attendee_token = client.post("/api/v1/join", json={"code": workshop.join_code}).get_json()["token"]
    url = f"/api/v1/workshops/{workshop.id}/notes"
    solutions, tree = board_by_kind(workshop, "solutions"), board_by_kind(workshop, "tree")
    headers = bearer(attendee_token)

    assert_error(client.post(url, json=note_body(solutions, text="  "), headers=headers), 422, "empty_text")
    assert_error(client.post(url, json=note_body(solutions, board_id="1"), headers=headers), 422, "wrong_type")
    assert_error(client.post(url, json=note_body(solutions, board_id=9999), headers=headers), 404, "unknown_board")
    assert_error(client.post(url, json=note_body(tree), headers=headers), 403, "board_closed")
    assert_error(
        client.post(url, json=note_body(solutions), headers=bearer(workshop.projector_token)), 403, "forbidden"
    )
    assert_error(client.post(url, json=note_body(solutions)), 401, "unauthenticated")

    taken = note_body(solutions)
    assert client.post(url, json=taken, headers=headers).status_code == 201
    facilitator = bearer(workshop.groups[0].facilitator_token)
    assert_error(client.post(url, json=taken, headers=facilitator), 409, "client_id_taken")

    workshops.set_open(organiser, workshop.id, False)
    assert_error(client.post(url, json=note_body(tree), headers=facilitator), 409, "workshop_closed")


# --- organiser cookie and CSRF ------------------------------------------------------------------------


def test_cookie_authenticated_write_without_csrf_header_is_refused(client, workshop, organiser):
    sign_in(client)
    response = client.put(f"/api/v1/workshops/{workshop.id}/projector", json={"board_id": None})
    assert_error(response, 400, "csrf_failed")
    assert db.session.get(Workshop, workshop.id).projector_board_id == workshop.boards[0].id


def test_attendee_cookie_session_write_without_csrf_header_is_refused(client, workshop):
    page = client.get(f"/join/{workshop.join_code}").get_data(as_text=True)
    token = CSRF_FIELD.search(page).group(1)
    assert client.post("/join", data={"code": workshop.join_code, "name": "", "csrf_token": token}).status_code == 302
    response = client.post(
        f"/api/v1/workshops/{workshop.id}/notes", json=note_body(board_by_kind(workshop, "solutions"))
    )
    assert_error(response, 400, "csrf_failed")


def test_organiser_projector_put(organiser_client, workshop):
    ideas = board_by_kind(workshop, "ideas")
    response = organiser_client.put(
        f"/api/v1/workshops/{workshop.id}/projector", json={"board_id": ideas.id}, headers=organiser_client.csrf_headers
    )
    assert response.status_code == 200
    body = response.get_json()
    assert (body["ok"], body["board_id"], body["revision"]) == (True, ideas.id, 1)
    assert db.session.get(Workshop, workshop.id).projector_board_id == ideas.id


def test_others_may_not_move_the_projector(client, workshop):
    url = f"/api/v1/workshops/{workshop.id}/projector"
    for token in (workshop.groups[0].facilitator_token, workshop.projector_token):
        assert_error(client.put(url, json={"board_id": None}, headers=bearer(token)), 403, "forbidden")
    assert_error(client.put(url, json={"board_id": None}), 401, "unauthenticated")


def test_organiser_creates_and_edits_a_workshop(organiser_client, organiser):
    c, headers = organiser_client, organiser_client.csrf_headers
    created = c.post("/api/v1/workshops", json={"template": "oxford-2022", "title": "Leeds"}, headers=headers)
    assert created.status_code == 201
    structure = created.get_json()["structure"]
    assert structure["workshop"]["title"] == "Leeds"
    wid = structure["workshop"]["id"]
    base = f"/api/v1/workshops/{wid}"

    patched = c.patch(base, json={"title": "Leeds 2025", "event_date": "2025-05-01", "venue": "Hall"}, headers=headers)
    assert patched.status_code == 200
    assert patched.get_json()["structure"]["workshop"]["event_date"] == "2025-05-01"

    group = c.post(f"{base}/groups", json={"name": "Group 7", "colour": "#123456"}, headers=headers).get_json()
    new_group = group["structure"]["groups"][-1]
    assert new_group["name"] == "Group 7"
    renamed = c.put(f"{base}/groups/{new_group['id']}", json={"name": "Dancers", "colour": "#654321"}, headers=headers)
    assert renamed.get_json()["structure"]["groups"][-1] == {
        "id": new_group["id"],
        "name": "Dancers",
        "colour": "#654321",
    }

    board = c.post(f"{base}/boards", json={"kind": "ideas", "title": "Wishes", "sections": ["A", "B"]}, headers=headers)
    new_board = board.get_json()["structure"]["boards"][-1]
    assert [s["name"] for s in new_board["sections"]] == ["A", "B"]
    edited = c.put(
        f"{base}/boards/{new_board['id']}",
        json={"kind": "ideas", "title": "Wishes", "open_to_attendees": False, "sections": ["A"]},
        headers=headers,
    ).get_json()["structure"]["boards"][-1]
    assert (edited["open_to_attendees"], len(edited["sections"])) == (False, 1)

    agenda = c.post(f"{base}/agenda", json={"starts_at": "09:00", "title": "Doors"}, headers=headers)
    first_item = agenda.get_json()["structure"]["agenda"][0]
    assert first_item["title"] == "Doors"
    moved = c.put(f"{base}/agenda/{first_item['id']}", json={"starts_at": "16:00", "title": "Doors"}, headers=headers)
    assert moved.get_json()["structure"]["agenda"][-1]["id"] == first_item["id"]

    perspective = structure["perspectives"][0]["id"]
    for kind, item in [
        ("groups", new_group["id"]),
        ("boards", new_board["id"]),
        ("agenda", first_item["id"]),
        ("perspectives", perspective),
    ]:
        deleted = c.delete(f"{base}/{kind}/{item}", headers=headers)
        assert deleted.status_code == 200, kind
        key = "agenda" if kind == "agenda" else kind
        assert item not in [x["id"] for x in deleted.get_json()["structure"][key]]
    assert db.session.get(Workshop, wid).revision == 11


def test_organiser_api_errors(organiser_client, workshop, other_organiser):
    c, headers = organiser_client, organiser_client.csrf_headers
    base = f"/api/v1/workshops/{workshop.id}"
    assert_error(c.post(f"{base}/groups", json={"name": "G", "colour": "blue"}, headers=headers), 422, "bad_colour")
    assert_error(c.post(f"{base}/agenda", json={"starts_at": "7pm", "title": "x"}, headers=headers), 422, "bad_time")
    assert_error(c.post(f"{base}/boards", json={"kind": "wall", "title": "x"}, headers=headers), 422, "bad_kind")
    assert_error(c.patch(base, json={"title": "T", "event_date": "soon"}, headers=headers), 422, "bad_date")
    assert_error(
        c.put(f"{base}/groups/9999", json={"name": "G", "colour": "#123456"}, headers=headers), 404, "unknown_group"
    )
    assert_error(c.delete(f"{base}/boards/9999", headers=headers), 404, "unknown_board")
    assert_error(c.post("/api/v1/workshops", json={"template": "nope"}, headers=headers), 404, "unknown_template")
    other = workshops.create_workshop(other_organiser, "blank")
    assert_error(c.patch(f"/api/v1/workshops/{other.id}", json={"title": "Mine"}, headers=headers), 403, "forbidden")
    assert db.session.get(Workshop, workshop.id).revision == 0


def test_only_organisers_use_the_editing_api(client, workshop):
    facilitator = bearer(workshop.groups[0].facilitator_token)
    assert_error(client.post("/api/v1/workshops", json={}, headers=facilitator), 403, "forbidden")
    assert_error(client.post("/api/v1/workshops", json={}), 401, "unauthenticated")
    base = f"/api/v1/workshops/{workshop.id}"
    assert_error(
        client.post(f"{base}/groups", json={"name": "G", "colour": "#123456"}, headers=facilitator), 403, "forbidden"
    )
    assert_error(client.delete(f"{base}/groups/{workshop.groups[0].id}", headers=facilitator), 403, "forbidden")
    assert len(db.session.get(Workshop, workshop.id).groups) == 6


def test_every_api_response_is_marked_as_json_and_not_sniffable(client, workshop):
    for response in (client.get("/api/openapi.json"), client.post("/api/v1/join", json={"code": "ABC"})):
        assert response.mimetype == "application/json"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


# --- OpenAPI ------------------------------------------------------------------------------------------

RULE_PART = re.compile(r"<(?:(\w+)(?:\(([^)]*)\))?:)?(\w+)>")
IGNORED_METHODS = {"HEAD", "OPTIONS"}


def documented_forms(rule: str) -> list[str]:
    """Flask rule -> OpenAPI path(s): <int:x> becomes {x}; <any(a, b):k> becomes one path per choice."""
    paths = [""]
    position = 0
    for match in RULE_PART.finditer(rule):
        literal = rule[position : match.start()]
        converter, args, name = match.groups()
        if converter == "any":
            choices = [c.strip().strip("'\"") for c in args.split(",")]
            paths = [p + literal + choice for p in paths for choice in choices]
        else:
            paths = [p + literal + "{" + name + "}" for p in paths]
        position = match.end()
    return [p + rule[position:] for p in paths]


def api_routes(app) -> set[tuple[str, str]]:
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            for method in rule.methods - IGNORED_METHODS:
                routes.update((path, method.lower()) for path in documented_forms(rule.rule))
    return routes


def test_openapi_document_describes_every_api_route(app, client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"]
    assert "Error" in document["components"]["schemas"]

    routes = api_routes(app)
    assert ("/api/v1/workshops/{workshop_id}/notes", "post") in routes
    assert len(routes) >= 17
    documented = {
        (path, method)
        for path, item in document["paths"].items()
        for method in item
        if method in {"get", "put", "post", "patch", "delete"}
    }
    assert routes - documented == set(), "routes missing from /api/openapi.json"
    assert documented - routes == set(), "documented paths the app does not serve"


def test_openapi_operations_declare_their_path_parameters_and_errors(client):
    document = client.get("/api/openapi.json").get_json()
    for path, item in document["paths"].items():
        declared = {p["name"] for p in item.get("parameters", []) if p["in"] == "path"}
        assert declared == set(re.findall(r"{(\w+)}", path)), path
        for method, operation in item.items():
            if method == "parameters":
                continue
            assert operation["summary"], (path, method)
            assert operation["responses"]["default"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"
            }


def test_openapi_note_schema_matches_what_the_api_accepts(client):
    document = client.get("/api/openapi.json").get_json()
    schema = document["paths"]["/api/v1/workshops/{workshop_id}/notes"]["post"]["requestBody"]["content"][
        "application/json"
    ]["schema"]
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"client_id", "board_id", "section_id", "text"}
    assert schema["properties"]["perspective_id"]["type"] == ["integer", "null"]
