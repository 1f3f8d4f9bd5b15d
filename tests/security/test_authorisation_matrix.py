"""The authorisation matrix: every HTTP route and every client socket event, against every role.

The cases are enumerated from the running app (app.url_map, with each any(...) choice a case of its own) and
from the event catalogue (events.REQUEST_SHAPES). A route or event without a row in HTTP_ROWS / EVENT_ROWS
fails test_every_route_and_event_has_an_expectation, so nothing new ships without a decision about who may
use it.

Each request is valid for the people allowed to make it (real ids, well-formed bodies, a CSRF token), so:
- an allowed role must succeed (2xx, or a redirect that is not "go and sign in");
- a refused role must be refused (an error status, a sign-in redirect, an error flash or a refusing ack)
  AND the database must be exactly as before (no row of any table changed).
The database is restored to the built world before every single request.

Roles: anonymous (no credential), attendee (phone session: bearer token on the API, cookie on pages),
facilitator_other (the link of another group of the same workshop), facilitator, projector,
organiser_other (signed in, owns a different workshop), organiser (owns the workshop).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from werkzeug.routing import AnyConverter

from facilitation import create_app
from facilitation.extensions import socketio
from facilitation.kernel import events
from tests.security.authorisation_expectations import ALL, EVENT_ROWS, HTTP_ROWS, VIEWERS, WRITE_METHODS, Row
from tests.security.world import ROLES, World, client_for, fingerprint, signed_csrf

# --- enumeration ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HttpCase:
    key: str
    method: str
    rule: str
    endpoint: str
    choice: tuple[str, str] | None = None


def http_cases(app) -> list[HttpCase]:
    cases = []
    for rule in app.url_map.iter_rules():
        choices = [(name, conv) for name, conv in rule._converters.items() if isinstance(conv, AnyConverter)]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            base = f"{method} {rule.rule}"
            if not choices:
                cases.append(HttpCase(base, method, rule.rule, rule.endpoint))
                continue
            ((name, converter),) = choices  # one any(...) per rule is all the app has; more would need a product
            for value in sorted(converter.items):
                cases.append(HttpCase(f"{base} [{name}={value}]", method, rule.rule, rule.endpoint, (name, value)))
    return sorted(cases, key=lambda c: c.key)


def event_cases() -> list[str]:
    return sorted(events.REQUEST_SHAPES)


# --- building requests ------------------------------------------------------------------------------------


def resolve(value: Any, world: World) -> Any:
    return value(world) if callable(value) else value


def path_params(case: HttpCase, row: Row, world: World, role: str) -> dict:
    ids = world.ids
    params = {
        "workshop_id": world.workshop_id,
        "board_id": ids["board"],
        "note_id": ids["note"],
        "question_id": ids["question"],
        "answer_id": ids["answer"],
        "round_id": ids["round"],
        "signup_id": ids["signup"],
        "participant_id": world.attendee_participant_id,
        "group_id": ids["group"],
        "code": world.join_code,
    }
    if case.rule == "/f/<token>":
        params["token"] = world.token_for(role) or "f_madeup"
    elif case.rule == "/p/<token>":
        params["token"] = world.token_for(role) or "p_madeup"
    if case.choice:
        params[case.choice[0]] = case.choice[1]
    params.update(resolve(row.params, world) or {})
    return params


def build_path(rule: str, params: dict) -> str:
    import re

    def substitute(match: re.Match) -> str:
        name = match.group(2)
        return str(params[name])

    return re.sub(r"<(?:([a-z]+)(?:\([^)]*\))?:)?([a-z_]+)>", substitute, rule)


def http_request(app, world: World, case: HttpCase, row: Row, role: str):
    client = client_for(app, world, role)
    path = build_path(case.rule, path_params(case, row, world, role))
    headers = {}
    token = world.token_for(role)
    if token and path.startswith("/api/"):
        headers["Authorization"] = f"Bearer {token}"
    kwargs: dict[str, Any] = {"headers": headers, "query_string": resolve(row.query, world)}
    if case.method in WRITE_METHODS:
        headers["X-CSRFToken"] = signed_csrf(app)
        body = resolve(row.json, world)
        form = resolve(row.form, world)
        if path.startswith("/api/"):
            kwargs["json"] = body if body is not None else {}
        else:
            kwargs["data"] = {**(form or {}), "csrf_token": signed_csrf(app)}
    response = client.open(path, method=case.method, **kwargs)
    with client.session_transaction() as session:
        flashes = [category for category, _message in session.get("_flashes", [])]
    return response, flashes


def refused(response, flashes) -> bool:
    """An error status, a redirect to sign in (or back to the start page), or an error message flashed."""
    if response.status_code >= 400:
        return True
    sent_away = urlsplit(response.headers.get("Location", "")).path in ("/organiser/login", "/")
    if response.status_code in (301, 302, 303, 307, 308) and sent_away:
        return True
    return "error" in flashes


# --- the tests ----------------------------------------------------------------------------------------------


def test_every_route_and_event_has_an_expectation(world_app):
    keys = {case.key for case in http_cases(world_app)}
    missing_routes = sorted(keys - set(HTTP_ROWS))
    stale_routes = sorted(set(HTTP_ROWS) - keys)
    missing_events = sorted(set(event_cases()) - set(EVENT_ROWS))
    stale_events = sorted(set(EVENT_ROWS) - set(event_cases()))
    assert not missing_routes, f"routes without a row in HTTP_ROWS: {missing_routes}"
    assert not missing_events, f"events without a row in EVENT_ROWS: {missing_events}"
    assert not stale_routes and not stale_events, f"rows for nothing: {stale_routes + stale_events}"


def _world_extras(app):
    """Values the rows need that depend on the built database (consent wording, a full answer set)."""
    from facilitation.evaluation import service as evaluation
    from facilitation.kernel.lookups import get_workshop
    from facilitation.signups import service as signups
    from tests.security.world import full_answers

    world = app.world
    if not hasattr(world, "answers"):
        workshop = get_workshop(world.workshop_id)
        world.consent_text = signups.consent_text(workshop)
        world.answers = full_answers(evaluation.questionnaire_of(world.workshop_id).questions)
        exported = client_for(app, world, "organiser").get(f"/api/v1/workshops/{world.workshop_id}/exports/json")
        assert exported.status_code == 200, exported.status_code
        world.export_bytes = exported.get_data()
        world.export_document = json.loads(world.export_bytes)
        app.restore()
    return world


def _collect_http_cases() -> list[HttpCase]:
    """The cases, from an app built only to read its url_map (collection time: parametrize needs them)."""
    with tempfile.TemporaryDirectory() as instance:
        return http_cases(create_app("test", instance_path=instance))


HTTP_CASES = _collect_http_cases()


@pytest.mark.parametrize("case", HTTP_CASES, ids=[c.key for c in HTTP_CASES])
def test_http_route_against_every_role(world_app, case):
    row = HTTP_ROWS.get(case.key)
    if row is None:
        pytest.fail(f"no expectation row for {case.key} (add one to HTTP_ROWS)")
    world = _world_extras(world_app)
    pristine = fingerprint(world_app.template_database)
    problems: list[str] = []
    for role in ROLES:
        response, flashes = http_request(world_app, world, case, row, role)
        status, text = response.status_code, response.get_data()[:160].decode(errors="replace")
        response.close()
        was_refused = refused(response, flashes)
        changed = fingerprint(_database_of(world_app)) != pristine
        if role in row.allowed:
            ok = status < 400 if row.allowed == ALL else not was_refused
            if not ok:
                problems.append(f"as {role}: expected allowed, got {status} {flashes} {text!r}")
        elif not was_refused:
            problems.append(f"as {role}: expected refused, got {status}")
        elif changed:
            problems.append(f"as {role}: refused ({status}) but the database changed")
        if changed:
            world_app.restore()
    assert not problems, f"{case.key}:\n" + "\n".join(problems)


def _database_of(app):
    from pathlib import Path

    from facilitation.extensions import db
    from tests.security.world import DATABASE_FILE

    db.session.remove()
    db.engine.dispose()  # checkpoint: everything committed is in the main file
    return Path(app.instance_path) / DATABASE_FILE


def socket_client(app, world: World, role: str):
    """A Flask-SocketIO test client for the role's own credential, or None when the connection is refused."""
    flask_client = client_for(app, world, role)
    token = world.token_for(role)
    auth = {"token": token} if token else {"workshop_id": world.workshop_id}
    client = socketio.test_client(app, namespace=events.NAMESPACE, auth=auth, flask_test_client=flask_client)
    if not client.is_connected(events.NAMESPACE):
        return None
    return client


@pytest.mark.parametrize("role", ROLES)
def test_connect_is_refused_exactly_for_roles_without_access(world_app, role):
    client = socket_client(world_app, world_app.world, role)
    try:
        assert (client is not None) == (role in VIEWERS), role
    finally:
        if client is not None:
            client.disconnect(namespace=events.NAMESPACE)


@pytest.mark.parametrize("event", sorted(EVENT_ROWS))
def test_socket_event_against_every_role(world_app, event):
    """A role whose connection is refused is refused every event."""
    row = EVENT_ROWS[event]
    world = _world_extras(world_app)
    pristine = fingerprint(world_app.template_database)
    problems: list[str] = []
    for role in ROLES:
        client = socket_client(world_app, world, role)
        if client is None:
            ack = {"ok": False, "code": "connection_refused"}
        else:
            ack = client.emit(event, resolve(row.json, world), namespace=events.NAMESPACE, callback=True)
            client.disconnect(namespace=events.NAMESPACE)
        changed = fingerprint(_database_of(world_app)) != pristine
        if role in row.allowed:
            if not (isinstance(ack, dict) and ack.get("ok") is True):
                problems.append(f"as {role}: expected allowed, got {ack}")
        elif not (isinstance(ack, dict) and ack.get("ok") is False):
            problems.append(f"as {role}: expected refused, got {ack}")
        elif changed:
            problems.append(f"as {role}: refused ({ack.get('code')}) but the database changed")
        if changed:
            world_app.restore()
    assert not problems, f"{event}:\n" + "\n".join(problems)


# Events that name an object by id: the other workshop's organiser, connected to their own workshop, names ours.
ID_EVENTS = sorted(e for e, shape in events.REQUEST_SHAPES.items() if any(f.endswith("_id") for f in shape))


# Rows whose ordinary payload may leave the id out: here it is given.
ID_PAYLOADS = {events.PROJECTOR_TARGET: lambda w: {"kind": "board", "board_id": w.ids["board"]}}


@pytest.mark.parametrize("event", ID_EVENTS)
def test_ids_of_another_workshop_are_refused_over_the_socket(world_app, event):
    world = _world_extras(world_app)
    flask_client = client_for(world_app, world, "organiser_other")
    client = socketio.test_client(
        world_app,
        namespace=events.NAMESPACE,
        auth={"workshop_id": world.other_workshop_id},
        flask_test_client=flask_client,
    )
    assert client.is_connected(events.NAMESPACE)
    pristine = fingerprint(_database_of(world_app))
    try:
        payload = resolve(ID_PAYLOADS.get(event, EVENT_ROWS[event].json), world)
        ack = client.emit(event, payload, namespace=events.NAMESPACE, callback=True)
    finally:
        client.disconnect(namespace=events.NAMESPACE)
    assert ack["ok"] is False, ack
    assert fingerprint(_database_of(world_app)) == pristine


def test_matrix_size_is_reported(capsys):
    routes = len(HTTP_CASES)
    size = (routes + len(event_cases())) * len(ROLES)
    with capsys.disabled():
        print(
            f"\nauthorisation matrix: {routes} route cases + {len(event_cases())} events × {len(ROLES)} roles = {size}"
        )
    assert routes >= 100 and len(event_cases()) >= 38
