"""Authorisation rows for issue 14's routes and events (merged into authorisation_expectations)."""

from __future__ import annotations

import io

from PIL import Image

from facilitation.extensions import db
from facilitation.kernel import events
from facilitation.models import Offer, Recording
from facilitation.recordings import service as recordings
from tests.security.authorisation_expectations import ALL, ATTENDEE, ORGANISER, VIEWERS, Row

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


def _activity(w) -> dict:
    return {"activity_id": w.ids["activity"]}


def _cancelled(w) -> dict:
    return {"activity_id": w.ids["cancelled_activity"], "code": w.join_code}


ACTIVITY_BODY = {"title": "Tea", "starts_at": "15:00", "ends_at": "15:30", "capacity": 5}
ATTENDANCE_ROLES = frozenset({"organiser", "facilitator", "facilitator_other"})
ROOM_HTTP_ROWS.update(
    {
        f"GET {API}/activities": Row(VIEWERS),
        f"POST {API}/activities": Row(ORGANISER, json=ACTIVITY_BODY),
        f"PUT {API}/activities/<int:activity_id>": Row(ORGANISER, json=ACTIVITY_BODY, params=_activity),
        f"POST {API}/activities/<int:activity_id>/cancel": Row(ORGANISER, params=_activity),
        f"POST {API}/activities/<int:activity_id>/signup": Row(ATTENDEE, params=_activity),
        f"DELETE {API}/activities/<int:activity_id>/signup": Row(
            ATTENDEE, params=lambda w: {"activity_id": w.ids["booked_activity"]}
        ),
        f"GET {API}/activities/roster": Row(ATTENDANCE_ROLES),
        f"PUT {API}/activity-signups/<int:signup_id>/attendance": Row(
            ATTENDANCE_ROLES, json={"attended": True}, params=lambda w: {"signup_id": w.ids["activity_signup"]}
        ),
        f"GET {API}/activities/interest.csv": Row(ORGANISER),
        f"GET {ORG}/activities": Row(ORGANISER),
        f"POST {ORG}/activities": Row(ORGANISER, form={**ACTIVITY_BODY, "capacity": "5"}),
        f"POST {ORG}/activities/<int:activity_id>/cancel": Row(ORGANISER, params=_activity),
        f"POST {ORG}/activities/signups/<int:signup_id>/attendance": Row(
            ORGANISER, form={"attended": "1"}, params=lambda w: {"signup_id": w.ids["activity_signup"]}
        ),
        "GET /interest/<code>/<int:activity_id>": Row(ALL, params=_cancelled),
        "POST /interest/<code>/<int:activity_id>": Row(
            ALL,
            form=lambda w: {
                "name": "Ada",
                "email": "ada@example.org",
                "consent": "yes",
                "consent_text": w.interest_consent,
            },
            params=_cancelled,
        ),
    }
)
ROOM_EVENT_ROWS.update(
    {
        events.ACTIVITIES_STATE: Row(VIEWERS, json={}),
        events.ACTIVITY_JOIN: Row(ATTENDEE, json=_activity),
        events.ACTIVITY_LEAVE: Row(ATTENDEE, json=lambda w: {"activity_id": w.ids["booked_activity"]}),
    }
)


EDITORS = frozenset({"organiser", "facilitator", "facilitator_other"})
OFFERS = f"{API}/offers"


def _current_version(w) -> dict:
    return {"version": db.session.get(Offer, w.ids["offer"]).version, "cost": "Free"}


def _offer(w) -> dict:
    return {"offer_id": w.ids["offer"]}


def _directory(w) -> dict:
    return {"token": w.directory_token}


ROOM_HTTP_ROWS.update(
    {
        f"GET {OFFERS}": Row(EDITORS),
        f"POST {OFFERS}": Row(EDITORS, json=lambda w: {"note_id": w.ids["offer_note"]}),
        f"PUT {OFFERS}/<int:offer_id>": Row(EDITORS, json=_current_version, params=_offer),
        f"PUT {OFFERS}/<int:offer_id>/published": Row(ORGANISER, json={"published": True}, params=_offer),
        f"GET {OFFERS}/<int:offer_id>/history": Row(EDITORS, params=_offer),
        f"GET {ORG}/directory": Row(ORGANISER),
        f"POST {ORG}/directory/from-note": Row(ORGANISER, form=lambda w: {"note_id": str(w.ids["offer_note"])}),
        f"POST {ORG}/directory/<int:offer_id>": Row(ORGANISER, form={"version": "1", "title": "Choirs"}, params=_offer),
        f"POST {ORG}/directory/<int:offer_id>/published": Row(ORGANISER, form={"published": "1"}, params=_offer),
        "GET /d/<token>": Row(ALL, params=_directory),
        "GET /d/<token>/booklet.pdf": Row(ALL, params=_directory),
        "GET /d/<token>/offers.csv": Row(ALL, params=_directory),
        "GET /d/<token>/offers.xlsx": Row(ALL, params=_directory),
    }
)


def _fresh_file(w) -> str:
    """The world's recording, its file put back: each test's instance folder starts with the database only."""
    recording = db.session.get(Recording, w.ids["recording"])
    path = recordings.file_of(recording)
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_png())
    return recording.stored_name


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6)).save(buffer, "PNG")
    return buffer.getvalue()


def _recording(w) -> dict:
    return {"recording_id": w.ids["recording"]}


ROOM_HTTP_ROWS.update(
    {
        f"GET {ORG}/recordings": Row(ORGANISER),
        f"POST {ORG}/recordings": Row(
            ORGANISER, form=lambda w: {"title": "Board", "image": (io.BytesIO(_png()), "b.png")}
        ),
        f"POST {ORG}/recordings/<int:recording_id>/steer": Row(ORGANISER, form={"step": "zoom_in"}, params=_recording),
        f"POST {ORG}/recordings/<int:recording_id>/remove": Row(
            ORGANISER, params=lambda w: {"recording_id": w.ids["spare_recording"]}
        ),
        f"GET {ORG}/recordings/files/<stored_name>": Row(ORGANISER, params=lambda w: {"stored_name": _fresh_file(w)}),
        # The projector's own link is the credential, as for the projector page itself.
        "GET /p/<token>/recordings/<stored_name>": Row(
            ALL, params=lambda w: {"token": w.projector_token, "stored_name": _fresh_file(w)}
        ),
    }
)
ROOM_EVENT_ROWS[events.RECORDING_STATE] = Row(VIEWERS, json={})
