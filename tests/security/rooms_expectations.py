"""Authorisation rows for issue 14's routes and events (merged into authorisation_expectations)."""

from __future__ import annotations

from facilitation.kernel import events
from tests.security.authorisation_expectations import ATTENDEE, ORGANISER, VIEWERS, Row

API = "/api/v1/workshops/<int:workshop_id>"
ORG = "/organiser/workshops/<int:workshop_id>"


def _person(w) -> dict:
    return {"person_id": w.ids["person"]}


ROOM_HTTP_ROWS: dict[str, Row] = {
    f"GET {API}/seating": Row(VIEWERS),
    f"GET {API}/seating/people": Row(ORGANISER),
    f"POST {API}/seating/people": Row(ORGANISER, json={"name": "Kit"}),
    f"PUT {API}/seating/people/<int:person_id>/staying": Row(ORGANISER, json={"staying": True}, params=_person),
    f"PUT {API}/seating/people/<int:person_id>/present": Row(ORGANISER, json={"present": True}, params=_person),
    f"POST {API}/seating/rounds": Row(ORGANISER),
    f"POST {API}/seating/swap": Row(ORGANISER),
    f"GET {ORG}/tables": Row(ORGANISER),
    f"POST {ORG}/tables/seat": Row(ORGANISER),
    f"POST {ORG}/tables/swap": Row(ORGANISER),
    f"POST {ORG}/tables/people": Row(ORGANISER, form={"name": "Kit"}),
    f"POST {ORG}/tables/people/<int:person_id>": Row(ORGANISER, form={"staying": "1"}, params=_person),
}

ROOM_EVENT_ROWS: dict[str, Row] = {
    events.SEATING_PLAN: Row(VIEWERS, json={}),
    events.SEATING_MINE: Row(ATTENDEE, json={}),
    events.SEATING_PROFILE: Row(ATTENDEE, json={"perspective_id": None}),
}
