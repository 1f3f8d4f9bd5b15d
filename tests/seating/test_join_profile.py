"""The join form's optional side and organisation: asked on the form itself (when opened from the code's
link), stored through the seating profile service exactly as the phone's panel stores them."""

from __future__ import annotations

from sqlalchemy import select

from facilitation.extensions import db
from facilitation.models import Participant, SeatedPerson
from facilitation.seating import service as seating
from tests.workshops.test_pages import csrf_from, join_by_form, text_of


def _join(client, workshop, **fields):
    token = csrf_from(client.get(f"/join/{workshop.join_code}"))
    return client.post("/join", data={"code": workshop.join_code, "csrf_token": token, **fields})


def _person(name: str) -> SeatedPerson | None:
    participant = db.session.scalar(select(Participant).where(Participant.display_name == name))
    return db.session.scalar(select(SeatedPerson).where(SeatedPerson.participant_id == participant.id))


def test_the_join_link_asks_for_the_workshops_sides_and_the_bare_landing_page_does_not(client, workshop):
    page = text_of(client.get(f"/join/{workshop.join_code}"))
    for perspective in workshop.perspectives:
        assert f'value="{perspective.id}"' in page and perspective.name in page
    assert 'name="organisation"' in page and "Others may see my organisation" in page
    assert 'name="perspective_id"' not in text_of(client.get("/"))  # no code, so no workshop's sides to offer


def test_joining_with_side_and_organisation_stores_the_profile(client, organiser, workshop):
    side = workshop.perspectives[1]
    response = _join(
        client,
        workshop,
        name="Priya",
        perspective_id=str(side.id),
        organisation="Oxford Libraries",
        organisation_shared="1",
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/attend")
    person = _person("Priya")
    assert person.perspective_id == side.id and person.organisation == "Oxford Libraries"
    assert person.organisation_shared is True
    listed = next(p for p in seating.people_view(organiser, workshop.id) if p["name"] == "Priya")
    assert listed["organisation"] == "Oxford Libraries"
    # The phone's panel shows what the form stored, ready to be changed later.
    assert 'id="seating-profile"' in text_of(client.get("/attend"))


def test_the_organisation_stays_private_unless_ticked(client, workshop):
    _join(client, workshop, name="Sam", perspective_id="", organisation="Secret Org")
    person = _person("Sam")
    assert person.perspective_id is None and person.organisation == "Secret Org"
    assert person.organisation_shared is False


def test_joining_without_answering_stores_no_profile(client, workshop):
    join_by_form(client, workshop.join_code, "Lee")
    assert _person("Lee") is None


def test_a_side_from_another_workshop_still_joins_and_says_it_was_not_saved(client, workshop):
    response = _join(client, workshop, name="Kim", perspective_id="999999")
    assert response.status_code == 302
    assert _person("Kim") is None
    assert "your side was not saved" in text_of(client.get("/attend"))
