"""Organiser sessions end on the server: sign-out, a new password and removal end every session of that
organiser at once, copies of the cookie and open organiser sockets included; and a session lasts
SESSION_HOURS (12 unless set) from sign-in, however often it is used.

The first tests drive the app in-process (the Flask and Socket.IO test clients); the live ones at the end
use a real server, python-socketio clients and the `flask` command line beside it, as on the laptop.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from datetime import timedelta

import pytest
import requests

from facilitation import create_app
from facilitation.extensions import db, socketio
from facilitation.kernel.events import NAMESPACE
from facilitation.models import AuditEntry, Organiser, Workshop
from facilitation.moderation import audit
from facilitation.organisers import service as organisers
from facilitation.workshops import service as workshops
from tests.conftest import FreshRequestClient
from tests.security.conftest import start_quietly
from tests.security.live_helpers import Organiser as LiveOrganiser
from tests.security.live_helpers import Socket, wait_until
from tests.support.live_server import ORGANISER_EMAIL, ROOT

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
EMAIL, PASSWORD = "organiser@example.org", "correct horse battery"  # the `organiser` fixture's


def browser(app) -> FreshRequestClient:
    app.test_client_class = FreshRequestClient
    return app.test_client()


def csrf(client) -> str:
    return CSRF_FIELD.search(client.get("/organiser/login").get_data(as_text=True)).group(1)


def signed_in(app, email: str = EMAIL, password: str = PASSWORD) -> FreshRequestClient:
    client = browser(app)
    response = client.post("/organiser/login", data={"email": email, "password": password, "csrf_token": csrf(client)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def copy_of(app, client) -> FreshRequestClient:
    """Another browser holding a copy of this one's session cookie, as an eavesdropper or a stolen laptop."""
    thief = browser(app)
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def sign_out(client) -> None:
    token = CSRF_FIELD.search(client.get("/organiser/").get_data(as_text=True)).group(1)
    assert client.post("/organiser/logout", data={"csrf_token": token}).status_code == 302


def is_organiser(client) -> bool:
    response = client.get("/organiser/")
    assert response.status_code in (200, 302), response.status_code
    return response.status_code == 200


def socket_opens(app, client, workshop) -> bool:
    peer = socketio.test_client(app, namespace=NAMESPACE, auth={"workshop_id": workshop.id}, flask_test_client=client)
    connected = peer.is_connected(NAMESPACE)
    if connected:
        peer.disconnect(namespace=NAMESPACE)
    return connected


def test_a_copy_of_the_cookie_taken_before_sign_out_is_refused_after_it(app, organiser, workshop):
    client = signed_in(app)
    thief = copy_of(app, client)
    assert is_organiser(thief) and socket_opens(app, thief, workshop)

    sign_out(client)

    assert not is_organiser(thief), "the copied cookie still signs in after sign-out"
    assert not socket_opens(app, thief, workshop)
    assert not is_organiser(client)


def test_sign_out_ends_the_organisers_other_sessions_too(app, organiser, workshop):
    laptop, tablet = signed_in(app), signed_in(app)
    sign_out(laptop)
    assert not is_organiser(tablet) and not socket_opens(app, tablet, workshop)
    assert is_organiser(signed_in(app)), "signing in again works"


def test_an_ended_session_cannot_end_the_next_one(app, organiser):
    """A copy of an old cookie posting sign-out (with its own valid CSRF token) changes nothing."""
    client = signed_in(app)
    old_copy = copy_of(app, client)
    token = CSRF_FIELD.search(old_copy.get("/organiser/").get_data(as_text=True)).group(1)
    sign_out(client)
    fresh = signed_in(app)
    old_copy.post("/organiser/logout", data={"csrf_token": token})
    assert is_organiser(fresh)


def test_another_organisers_sign_out_leaves_this_one_signed_in(app, organiser, other_organiser):
    mine, theirs = signed_in(app), signed_in(app, "other@example.org", "another long password")
    sign_out(theirs)
    assert is_organiser(mine)


def test_a_new_password_ends_every_session_and_the_new_one_signs_in(app, organiser, workshop):
    client = signed_in(app)
    thief = copy_of(app, client)
    organisers.set_password(EMAIL, "a brand new long password")
    assert not is_organiser(client) and not is_organiser(thief)
    assert not socket_opens(app, thief, workshop)
    assert is_organiser(signed_in(app, EMAIL, "a brand new long password"))
    with pytest.raises(Exception, match="characters"):
        organisers.set_password(EMAIL, "short")


def test_removal_ends_every_session_and_hands_the_workshops_on(app, organiser, other_organiser, workshop):
    client = signed_in(app)
    thief = copy_of(app, client)
    audit.record(organiser, workshop.id, "test.entry")
    db.session.commit()

    removed = organisers.remove_organiser(EMAIL, transfer_to="other@example.org")

    assert removed["workshops"] == [workshop.id] and removed["workshops_to"] == "other@example.org"
    assert not is_organiser(client) and not is_organiser(thief)
    assert not socket_opens(app, thief, workshop)
    assert db.session.get(Organiser, organiser.organiser_id) is None
    assert db.session.get(Workshop, workshop.id).organiser_id == other_organiser.organiser_id
    assert db.session.query(AuditEntry).filter_by(action="test.entry").one().actor_organiser_id is None


def test_an_organiser_who_owns_workshops_is_removed_only_with_their_fate_said(app, organiser, workshop):
    workshop_id = workshop.id
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["remove-organiser", EMAIL, "--yes"])
    assert refused.exit_code != 0 and "owns 1 workshop" in refused.output
    assert db.session.get(Organiser, organiser.organiser_id) is not None

    removed = runner.invoke(args=["remove-organiser", EMAIL, "--delete-workshops", "--yes"])
    assert removed.exit_code == 0, removed.output
    assert "1 workshop(s) erased" in removed.output
    db.session.expire_all()
    assert db.session.get(Workshop, workshop_id) is None
    assert db.session.get(Organiser, organiser.organiser_id) is None


def test_the_command_line_sets_a_password_and_lifts_a_sign_in_wait(app, organiser, clock):
    client = browser(app)
    for _ in range(5):
        client.post("/organiser/login", data={"email": EMAIL, "password": "a wrong guess", "csrf_token": csrf(client)})
    result = app.test_cli_runner().invoke(args=["set-password", EMAIL], input="a brand new long password\n" * 2)
    assert result.exit_code == 0, result.output
    assert "every session of theirs has ended" in result.output
    assert is_organiser(signed_in(app, EMAIL, "a brand new long password")), "no wait after a new password"
    unknown = app.test_cli_runner().invoke(args=["set-password", "nobody@example.org", "--password", "x" * 12])
    assert unknown.exit_code != 0 and "No organiser" in unknown.output


def test_end_sessions_signs_an_organiser_out_everywhere(app, organiser):
    client = signed_in(app)
    result = app.test_cli_runner().invoke(args=["end-sessions", EMAIL])
    assert result.exit_code == 0, result.output
    assert not is_organiser(client)


def test_a_session_lasts_twelve_hours_from_sign_in_however_often_it_is_used(app, organiser, workshop, clock):
    assert app.permanent_session_lifetime == timedelta(hours=12)
    client = signed_in(app)
    for _hour in range(11):
        clock.advance(3600)
        assert is_organiser(client)
    clock.advance(3600 - 1)
    assert is_organiser(client) and socket_opens(app, client, workshop)
    clock.advance(2)
    assert not is_organiser(client) and not socket_opens(app, client, workshop)


def test_the_sign_in_cookie_expires_with_the_session(app, organiser):
    client = browser(app)
    response = client.post("/organiser/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": csrf(client)})
    cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("session="))
    assert "Expires=" in cookie, "a session cookie that outlives the browser must still expire"


def test_session_hours_is_a_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("SESSION_HOURS", "2")
    app = create_app("test", instance_path=str(tmp_path / "instance"))
    assert app.permanent_session_lifetime == timedelta(hours=2)


def test_the_existing_workshop_service_still_sees_the_organiser_after_sign_out(app, organiser, workshop):
    """Ending sessions ends sign-ins, not the account: the organiser's workshops are untouched."""
    sign_out(signed_in(app))
    assert [w.id for w in workshops.workshops_of(organiser)] == [workshop.id]


# -- on a real server, with the command line beside it ------------------------------------------------------


def flask_command(server, *args: str) -> subprocess.CompletedProcess:
    """`flask --app app ...` against a running server's instance folder, as someone at the laptop types it."""
    env = {**server.env, "ASYNC_MODE": "threading"}
    return subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def server(tmp_path):
    running = start_quietly(tmp_path, ORGANISER_SESSION_CHECK_SECONDS="1")
    yield running
    running.stop()


def organiser_socket(server, cookie: str, workshop_id: int) -> Socket:
    return Socket(server).connect({"workshop_id": workshop_id}, headers={"Cookie": cookie})


def refused_everywhere(server, cookie: str, workshop_id: int) -> None:
    page = requests.get(f"{server.base_url}/organiser/", headers={"Cookie": cookie}, timeout=10, allow_redirects=False)
    assert page.status_code == 302 and "/organiser/login" in page.headers["Location"], page.status_code
    peer = Socket(server)
    try:
        with pytest.raises(Exception):  # noqa: B017 - python-socketio's ConnectionError, whatever its version
            peer.connect({"workshop_id": workshop_id}, headers={"Cookie": cookie})
        assert wait_until(lambda: peer.refusals, timeout=2), "no refusal"
        data = peer.refusals[-1]
        data = data.get("data", data) if isinstance(data, dict) else data
        assert data["code"] == "bad_token", data
    finally:
        peer.close()


@pytest.mark.live
def test_sign_out_drops_the_open_organiser_sockets_and_refuses_a_copied_cookie(server):
    workshop_id = server.demo()["workshop_id"]
    person = LiveOrganiser(server)
    copied = person.cookie
    pages = [organiser_socket(server, copied, workshop_id), organiser_socket(server, copied, workshop_id)]
    bystander = Socket(server).connect({"token": server.demo()["projector_token"]})
    try:
        started = time.monotonic()
        person.post_form("/organiser/logout")
        assert wait_until(lambda: all(p.dropped_at for p in pages), timeout=5), "an organiser socket stayed open"
        print(f"\nsign-out: {len(pages)} organiser sockets dropped in {time.monotonic() - started:.3f} s")
        refused_everywhere(server, copied, workshop_id)
        assert bystander.still_served()
    finally:
        for peer in (*pages, bystander):
            peer.close()
        person.close()


@pytest.mark.live
def test_a_password_set_from_the_command_line_ends_the_servers_sessions(server):
    workshop_id = server.demo()["workshop_id"]
    person = LiveOrganiser(server)
    copied = person.cookie
    page = organiser_socket(server, copied, workshop_id)
    try:
        result = flask_command(server, "set-password", ORGANISER_EMAIL, "--password", "a brand new long password")
        assert result.returncode == 0, result.stderr
        # Another process, no message queue: the server's own check finds the socket within its interval.
        assert wait_until(lambda: page.dropped_at, timeout=5), "the organiser socket stayed open"
        refused_everywhere(server, copied, workshop_id)
    finally:
        page.close()
        person.close()


@pytest.mark.live
def test_removing_an_organiser_from_the_command_line_ends_their_sessions(server):
    workshop_id = server.demo()["workshop_id"]
    person = LiveOrganiser(server)
    copied = person.cookie
    page = organiser_socket(server, copied, workshop_id)
    try:
        created = flask_command(server, "create-organiser", "heir@example.org", "--password", "the heir's password")
        assert created.returncode == 0, created.stderr
        result = flask_command(
            server, "remove-organiser", ORGANISER_EMAIL, "--transfer-to", "heir@example.org", "--yes"
        )
        assert result.returncode == 0, result.stderr
        assert "now belong to heir@example.org" in result.stdout
        assert wait_until(lambda: page.dropped_at, timeout=5), "the organiser socket stayed open"
        refused_everywhere(server, copied, workshop_id)
    finally:
        page.close()
        person.close()
