"""Every page, rendered in the pseudo-locale, shows no English that did not come through gettext.

PAGES lists the pages checked: add yours with a function that takes the test's `room` and returns the
path to fetch (after signing in or joining through `room.client` if the page needs it). Browser-rendered
text (what JS writes) is checked by tests/e2e/test_languages.py over the same idea.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient

from facilitation.extensions import db
from facilitation.organisers import service as organisers
from facilitation.workshops import participants
from facilitation.workshops import service as workshops
from tests.conftest import FreshRequestClient
from tests.i18n.visible_text import people_text, unmarked_english

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Room:
    """A workshop from the Oxford template, its organiser and a client to fetch pages with."""

    client: FlaskClient
    workshop: object
    organiser_email: str
    organiser_password: str

    def csrf_token(self, path: str = "/") -> str:
        return CSRF_FIELD.search(self.client.get(path).get_data(as_text=True)).group(1)

    def join_as_attendee(self, name: str = "Sam") -> None:
        data = {"code": self.workshop.join_code, "name": name, "csrf_token": self.csrf_token()}
        response = self.client.post("/join", data=data)
        assert response.status_code == 302, response.get_data(as_text=True)

    def sign_in_organiser(self) -> None:
        data = {"email": self.organiser_email, "password": self.organiser_password}
        data["csrf_token"] = self.csrf_token("/organiser/login")
        assert self.client.post("/organiser/login", data=data).status_code == 302


def join_page(room: Room) -> str:
    return "/"


def join_page_with_code(room: Room) -> str:
    return f"/join/{room.workshop.join_code}"


def error_page(room: Room) -> str:
    return "/p/not-a-real-projector-link"


def attendee_phone(room: Room) -> str:
    room.join_as_attendee()
    return "/attend"


def attendee_evaluation(room: Room) -> str:
    room.join_as_attendee()
    return "/attend/evaluation"


def mailing_list_signup(room: Room) -> str:
    return f"/signup/{room.workshop.join_code}"


def projector(room: Room) -> str:
    return f"/p/{room.workshop.projector_token}"


def bilingual_projector(room: Room) -> str:
    room.workshop.languages = "cy en"
    db.session.commit()
    return f"/p/{room.workshop.projector_token}"


# (name, path function): the pages whose every string is marked. i18n-a: the room's pages; i18n-b adds the
# organiser's pages here.
PAGES = [
    ("error", error_page),
    ("join", join_page),
    ("join with code", join_page_with_code),
    ("attendee phone", attendee_phone),
    ("attendee evaluation", attendee_evaluation),
    ("mailing list", mailing_list_signup),
    ("projector", projector),
    ("bilingual projector", bilingual_projector),
]


@pytest.fixture
def room(pseudo_app):
    pseudo_app.test_client_class = FreshRequestClient
    password = "correct horse battery"
    account, _ = organisers.create_organiser("organiser@example.org", password)
    workshop = workshops.create_workshop(organisers.organiser_actor(account.id), "oxford-2022")
    participants.join(workshop.join_code, "Sam")
    return Room(pseudo_app.test_client(), workshop, account.email, password)


@pytest.mark.parametrize(("name", "path_for"), PAGES, ids=[name for name, _ in PAGES])
def test_page_shows_no_unmarked_english(room, name, path_for):
    path = path_for(room)
    response = room.client.get(path)
    assert response.status_code in {200, 404}, (path, response.status_code)
    html = response.get_data(as_text=True)
    assert "⟦" in html, f"{name}: the pseudo-locale did not apply"
    leftovers = unmarked_english(html, people_text())
    assert not leftovers, f"{name} ({path}) shows English that is not marked for translation: {leftovers}"
