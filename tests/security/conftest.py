"""Fixtures for the security tests: the built world (once per session) and an app restored to it per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from facilitation import create_app
from facilitation.extensions import db
from tests.security.world import DATABASE_FILE, World, build_world, restore
from tests.support.apps import build_app, fresh_test_context
from tests.support.live_server import LiveServer, start_quietly


@pytest.fixture(scope="session")
def world_database(tmp_path_factory, migrated_database) -> tuple[Path, World]:
    """The migrated schema plus build_world(), saved as a template file."""
    instance = tmp_path_factory.mktemp("world") / "instance"
    instance.mkdir()
    shutil.copyfile(migrated_database, instance / DATABASE_FILE)
    app = build_app(instance)
    with app.app_context():
        world = build_world()
        db.session.remove()
        db.engine.dispose()
    return instance / DATABASE_FILE, world


@pytest.fixture(scope="module")
def world_module_app(tmp_path_factory, world_database):
    """The module's one app for world tests; use `world_app`, which restores the world for each test."""
    template, world = world_database
    app = build_app(tmp_path_factory.mktemp("world_app") / "instance")
    app.world = world
    app.template_database = template
    app.restore = lambda: restore(app, template)
    return app


@pytest.fixture
def world_app(world_module_app):
    """The module's app on a copy of the world; `world_app.restore()` puts the database back."""
    with fresh_test_context(world_module_app, world_module_app.template_database) as app:
        yield app


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> LiveServer:
    """One real server (app.py under eventlet) per test module, with the seeded demo workshop."""
    server = start_quietly(tmp_path_factory.mktemp("live"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def start_server(tmp_path):
    """Start a dedicated server with extra environment; stopped at the end of the test."""
    started: list[LiveServer] = []

    def start(**env: str) -> LiveServer:
        tmp_dir = tmp_path / f"server{len(started)}"
        tmp_dir.mkdir()
        server = start_quietly(tmp_dir, **env)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def make_app(tmp_path, migrated_database):
    """make_app(**settings) -> an app on a fresh migrated database with those settings, its context pushed."""
    contexts = []

    def make(**overrides):
        instance = tmp_path / f"instance{len(contexts)}"
        instance.mkdir()
        shutil.copyfile(migrated_database, instance / DATABASE_FILE)
        app = create_app("test", instance_path=str(instance), **overrides)
        context = app.app_context()
        context.push()
        contexts.append(context)
        return app

    yield make
    for context in reversed(contexts):
        db.session.remove()
        db.engine.dispose()
        context.pop()
