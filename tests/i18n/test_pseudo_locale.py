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
from sqlalchemy import select

from facilitation.activities import service as activities
from facilitation.activities.seed import add_demo_activities
from facilitation.directory import service as directory
from facilitation.directory.seed import add_demo_offers
from facilitation.evaluation import service as evaluation
from facilitation.evaluation.seed import add_demo_evaluation
from facilitation.extensions import db
from facilitation.models import Activity
from facilitation.organisers import service as organisers
from facilitation.seating.seed import add_demo_people
from facilitation.workshops import participants, removal
from facilitation.workshops import service as workshops
from facilitation.workshops.demo import add_demo_notes
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
    organiser: object  # the organiser's Actor, for service calls that set a page up

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


def facilitator_tablet(room: Room) -> str:
    """The group page, with the tablet's activity attendance and cultural offers filled in."""
    add_demo_activities(room.workshop)
    add_demo_offers(room.workshop)
    db.session.commit()
    return f"/f/{room.workshop.groups[0].facilitator_token}"


def later_session_interest(room: Room) -> str:
    add_demo_activities(room.workshop)
    db.session.commit()
    activity = db.session.scalars(select(Activity).where(Activity.workshop_id == room.workshop.id)).first()
    activities.cancel_activity(room.organiser, room.workshop.id, activity.id)
    return f"/interest/{room.workshop.join_code}/{activity.id}"


def public_directory(room: Room) -> str:
    add_demo_offers(room.workshop)
    db.session.commit()
    return f"/d/{directory.directory_link(room.organiser, room.workshop.id)}"


def organiser_login(room: Room) -> str:
    return "/organiser/login"


def organiser_page(suffix: str = "", seed=None):
    """A page of the room's workshop under /organiser/workshops/<id>, signed in, after `seed(room)`."""

    def path_for(room: Room) -> str:
        if seed:
            seed(room)
            db.session.commit()
        room.sign_in_organiser()
        return f"/organiser/workshops/{room.workshop.id}{suffix}"

    return path_for


def organiser_dashboard(room: Room) -> str:
    """With a removed workshop, so its "Recently removed" list shows too."""
    removed = workshops.create_workshop(room.organiser, "blank")
    removal.remove_workshop(room.organiser, removed.id)
    room.sign_in_organiser()
    return "/organiser/"


def organiser_import(room: Room) -> str:
    room.sign_in_organiser()
    return "/organiser/import"


def board_removal(room: Room) -> str:
    return organiser_page(f"/boards/{room.workshop.boards[0].id}/remove")(room)


def group_removal(room: Room) -> str:
    return organiser_page(f"/groups/{room.workshop.groups[0].id}/remove")(room)


def question_removal(room: Room) -> str:
    add_demo_evaluation(room.workshop)
    db.session.commit()
    question = evaluation.questionnaire_of(room.workshop.id).questions[0]
    return organiser_page(f"/evaluation/questions/{question.id}/remove")(room)


def _with_a_removed_group(room: Room) -> None:
    workshops.delete_group(room.organiser, room.workshop.id, room.workshop.groups[-1].id)


def _with_demo_notes(room: Room) -> None:
    add_demo_notes(room.workshop)


def _with_activities(room: Room) -> None:
    add_demo_activities(room.workshop)


def _with_offers(room: Room) -> None:
    add_demo_notes(room.workshop)
    add_demo_offers(room.workshop)


def _with_people(room: Room) -> None:
    add_demo_people(room.workshop)


def _with_evaluation(room: Room) -> None:
    add_demo_evaluation(room.workshop)


# (name, endpoint, path function): the pages whose every string is marked. Every HTML GET route of the app
# is here or in NOT_PAGES (test_every_html_route_is_checked keeps the two complete).
PAGES = [
    ("error", "pages.projector", error_page),
    ("join", "pages.index", join_page),
    ("join with code", "pages.join_form", join_page_with_code),
    ("attendee phone", "pages.attendee", attendee_phone),
    ("attendee evaluation", "evaluation_pages.attendee_evaluation", attendee_evaluation),
    ("mailing list", "evaluation_pages.signup", mailing_list_signup),
    ("projector", "pages.projector", projector),
    ("bilingual projector", "pages.projector", bilingual_projector),
    ("facilitator tablet", "pages.facilitator", facilitator_tablet),
    ("later session interest", "activity_pages.later_session", later_session_interest),
    ("public directory", "directory_pages.public", public_directory),
    ("organiser login", "auth.login", organiser_login),
    ("organiser dashboard", "organiser.dashboard", organiser_dashboard),
    ("workshop editor", "organiser.workshop", organiser_page("", _with_a_removed_group)),
    ("workshop removal", "organiser.confirm_workshop_removal", organiser_page("/remove")),
    ("board removal", "organiser.confirm_removal", board_removal),
    ("group removal", "organiser.confirm_removal", group_removal),
    ("console", "console.page", organiser_page("/console", _with_demo_notes)),
    ("projector controls", "projector_control.page", organiser_page("/projector-control")),
    ("moderation", "moderation_pages.moderation_page", organiser_page("/moderation", _with_demo_notes)),
    ("evaluation", "evaluation_pages.organiser_evaluation", organiser_page("/evaluation", _with_evaluation)),
    ("question removal", "evaluation_pages.confirm_question_removal", question_removal),
    ("exports", "exports.page", organiser_page("/exports")),
    ("import", "exports.import_form", organiser_import),
    ("attendees", "access_pages.attendees", organiser_page("/attendees")),
    ("directory", "directory_pages.organiser", organiser_page("/directory", _with_offers)),
    ("activities", "activity_pages.organiser", organiser_page("/activities", _with_activities)),
    ("recordings", "recording_pages.console", organiser_page("/recordings")),
    ("seating", "seating_pages.tables", organiser_page("/tables", _with_people)),
]

# GET routes that render no HTML page for a person to read, with the reason.
NOT_PAGES = {
    "static": "files from static/",
    "webapp.favicon": "an icon",
    "webapp.manifest": "the web-app manifest (JSON)",
    "webapp.service_worker": "JavaScript",
    "links.join_qr": "an SVG QR code, no words",
    "console.connected": "JSON polled by the console",
    "recording_pages.organiser_image": "an uploaded image",
    "recording_pages.projector_image": "an uploaded image",
    "directory_pages.booklet": "a PDF download (exports' language, not a page)",
    "directory_pages.offers_csv": "a CSV download",
    "directory_pages.offers_xlsx": "an XLSX download",
    "exports.board": "a board export download",
    "exports.whole": "a workshop export download",
    "exports.bundle": "a ZIP download",
}
API_PREFIX = "/api/"  # JSON for scripts and the browser modules; their messages are checked in test_messages.py


@pytest.fixture
def room(pseudo_app):
    pseudo_app.test_client_class = FreshRequestClient
    password = "correct horse battery"
    account, _ = organisers.create_organiser("organiser@example.org", password)
    workshop = workshops.create_workshop(organisers.organiser_actor(account.id), "oxford-2022")
    participants.join(workshop.join_code, "Sam")
    return Room(pseudo_app.test_client(), workshop, account.email, password, organisers.organiser_actor(account.id))


@pytest.mark.parametrize(("name", "path_for"), [(n, p) for n, _e, p in PAGES], ids=[n for n, _e, _p in PAGES])
def test_page_shows_no_unmarked_english(room, name, path_for):
    path = path_for(room)
    response = room.client.get(path)
    assert response.status_code in {200, 404}, (path, response.status_code)
    html = response.get_data(as_text=True)
    assert "⟦" in html, f"{name}: the pseudo-locale did not apply"
    leftovers = unmarked_english(html, people_text())
    assert not leftovers, f"{name} ({path}) shows English that is not marked for translation: {leftovers}"


def test_every_html_route_is_checked(pseudo_app):
    """A new page must join PAGES (or say in NOT_PAGES why it is no page): else its English goes unseen."""
    routes = {rule.endpoint for rule in pseudo_app.url_map.iter_rules() if "GET" in rule.methods}
    routes -= {rule.endpoint for rule in pseudo_app.url_map.iter_rules() if rule.rule.startswith(API_PREFIX)}
    checked = {endpoint for _name, endpoint, _path in PAGES}
    assert not routes - checked - set(NOT_PAGES), (
        f"HTML routes not in PAGES: {sorted(routes - checked - set(NOT_PAGES))}"
    )
    assert not (checked | set(NOT_PAGES)) - routes, "PAGES or NOT_PAGES name a route the app no longer has"
    assert not checked & set(NOT_PAGES), "a route is both checked and excluded"
