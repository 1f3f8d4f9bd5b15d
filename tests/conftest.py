"""Shared fixtures: one app per test module, a fresh migrated SQLite for every test, and the people in the room."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import g
from flask.testing import FlaskClient
from flask_migrate import upgrade

from facilitation.extensions import db, socketio
from facilitation.kernel.access import actor_for_token
from facilitation.kernel.events import NAMESPACE
from facilitation.organisers import service as organisers
from facilitation.workshops import participants
from facilitation.workshops import service as workshops
from tests.support.apps import DATABASE_FILE, build_app, fresh_test_context
from tests.support.backing_services import scaled_out_cluster
from tests.support.clock import FakeClock
from tests.support.live_server import start_quietly


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Path:
    """Run the real migrations once per session; each test starts from a copy of the result."""
    instance = tmp_path_factory.mktemp("template") / "instance"
    template_app = build_app(instance)
    with template_app.app_context():
        upgrade(revision="heads")
        db.session.remove()
        db.engine.dispose()  # closing the last connection checkpoints the WAL into the main file
    return instance / DATABASE_FILE


@pytest.fixture(scope="module")
def module_app(tmp_path_factory, migrated_database):
    """The module's one app; use `app`, which gives each test a fresh database in it."""
    return build_app(tmp_path_factory.mktemp("app") / "instance")


@pytest.fixture
def app(module_app, migrated_database):
    """The module's app on a fresh copy of the migrated database, its context pushed for the test."""
    with fresh_test_context(module_app, migrated_database) as app:
        yield app


@pytest.fixture
def clock(app) -> FakeClock:
    """The rate limits' clock (wall and monotonic) for this test, moved only by `clock.advance(seconds)`."""
    fake = FakeClock()
    app.config["CLOCK"] = app.config["MONOTONIC_CLOCK"] = fake
    return fake


class FreshRequestClient(FlaskClient):
    """The app fixture keeps one app context open for the whole test, so requests would share its `g` and
    database session. Start each request with an empty `g` and end it with a rollback, as a real request's
    teardown does (Flask-WTF keeps the CSRF token in `g`)."""

    def open(self, *args, **kwargs):
        for key in list(vars(g)):
            g.pop(key)
        try:
            return super().open(*args, **kwargs)
        finally:
            db.session.rollback()


@pytest.fixture
def client(app):
    app.test_client_class = FreshRequestClient
    return app.test_client()


@pytest.fixture
def organiser(app):
    account, _password = organisers.create_organiser("organiser@example.org", "correct horse battery")
    return organisers.organiser_actor(account.id)


@pytest.fixture
def other_organiser(app):
    account, _password = organisers.create_organiser("other@example.org", "another long password")
    return organisers.organiser_actor(account.id)


@pytest.fixture
def workshop(organiser):
    """The Oxford 2022 template: six groups, tree, solutions, washing line, three ideas boards."""
    return workshops.create_workshop(organiser, "oxford-2022")


@pytest.fixture
def attendee(workshop):
    joined = participants.join(workshop.join_code, "Sam")
    return actor_for_token(joined["token"])


@pytest.fixture
def facilitator(workshop):
    return actor_for_token(workshop.groups[0].facilitator_token)


@pytest.fixture
def projector(workshop):
    return actor_for_token(workshop.projector_token)


def board_by_kind(workshop, kind: str):
    return next(b for b in workshop.boards if b.kind == kind)


@pytest.fixture
def connect(app):
    """Open test sockets on /live; every one still open is disconnected at the end of the test."""
    opened = []

    def open_socket(auth=None, flask_test_client=None):
        client = socketio.test_client(app, namespace=NAMESPACE, auth=auth, flask_test_client=flask_test_client)
        opened.append(client)
        return client

    yield open_socket
    for client in opened:
        if client.is_connected(NAMESPACE):
            client.disconnect(namespace=NAMESPACE)


@pytest.fixture(scope="session")
def scaled_out_servers(tmp_path_factory):
    """Two app processes on one PostgreSQL with Redis as the message queue, started once for every
    scaled-out test of the session (starting them costs seconds); skipped where the servers are missing."""
    with scaled_out_cluster(tmp_path_factory, start_quietly) as servers:
        yield servers
