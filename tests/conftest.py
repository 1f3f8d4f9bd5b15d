"""Shared fixtures: an app on a fresh migrated SQLite per test, and the people in the room."""

from __future__ import annotations

import pytest
from flask_migrate import upgrade

from facilitation import create_app
from facilitation.access import actor_for_token
from facilitation.extensions import db
from facilitation.services import organisers, participants, workshops


@pytest.fixture
def app(tmp_path):
    app = create_app("test", instance_path=str(tmp_path / "instance"))
    with app.app_context():
        upgrade(revision="heads")
        yield app
        db.session.remove()


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
