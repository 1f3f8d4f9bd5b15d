"""Issue 11, finding 11: no export lets a reader join a sign-up to an anonymous note or answer.

The JSON export put each sign-up's consent time beside each note's posting time, both to the microsecond:
a person who posted a note and signed up a few seconds later could be matched to it. Exports now give a
sign-up the date it was made, never the instant, and list sign-ups by name and email, never in the order
they came (which, beside notes in posting order, would correlate again).
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from facilitation.exports import document as json_export
from facilitation.exports import service as exports
from facilitation.exports.importer import import_workshop
from facilitation.extensions import db
from facilitation.kernel.access import actor_for_token
from facilitation.models import Signup
from facilitation.notes import service as notes
from facilitation.signups import service as signups
from facilitation.workshops import participants
from tests.conftest import board_by_kind

# An instant: a time of day after a date (2025-03-03T10:15, 10:15:07.123456 ...).
INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Signed up in this order, each right after posting a note: the order of arrival must not survive.
PEOPLE = [("Zed Quinn", "zed@example.org"), ("amy Adams", "amy@example.org"), ("Mo Farah", "mo@example.org")]


@pytest.fixture
def room(workshop):
    """Three people each post a note from their phone and sign up a moment later."""
    board = board_by_kind(workshop, "solutions")
    for name, email in PEOPLE:
        actor = actor_for_token(participants.join(workshop.join_code)["token"])
        notes.post_note(
            actor,
            workshop.id,
            {"client_id": uuid.uuid4().hex, "board_id": board.id, "section_id": board.sections[0].id, "text": name},
        )
        signups.create_signup(
            workshop.join_code,
            {
                "name": name,
                "email": email,
                "consent": True,
                "consent_text": signups.consent_text(workshop),
            },
        )
    return workshop


def sorted_names() -> list[str]:
    return sorted((name for name, _email in PEOPLE), key=str.casefold)


def assert_no_instants(value, where: str) -> None:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    assert not INSTANT.search(text), f"{where} carries an instant: {INSTANT.search(text).group(0)}"


def test_json_signups_have_dates_not_instants(organiser, room):
    document = json_export.build_document(organiser, room.id, include_signups=True)
    assert document["notes"] and all(INSTANT.match(n["created_at"]) for n in document["notes"])
    for entry in document["signups"]:
        assert not any(key.endswith("_at") for key in entry), entry
        assert DATE.match(entry["consented_on"]), entry
    assert_no_instants(document["signups"], "the JSON's sign-ups")


def test_json_signups_are_listed_by_name_not_by_arrival(organiser, room):
    document = json_export.build_document(organiser, room.id, include_signups=True)
    assert [s["name"] for s in document["signups"]] == sorted_names()


def test_the_signup_csv_has_dates_and_name_order(organiser, room):
    rows = list(csv.DictReader(io.StringIO(signups.export_csv(organiser, room.id))))
    assert [r["name"] for r in rows] == sorted_names()
    assert all(DATE.match(r["consented_on"]) for r in rows), rows
    assert_no_instants(signups.export_csv(organiser, room.id), "the sign-up CSV")


def test_the_zip_keeps_signups_apart_and_dated(organiser, room):
    archive = zipfile.ZipFile(io.BytesIO(exports.workshop_bundle(organiser, room.id, include_signups=True).content))
    names = archive.namelist()
    signup_csv = next(n for n in names if n.endswith("-signups.csv"))
    assert_no_instants(archive.read(signup_csv).decode("utf-8-sig"), signup_csv)
    document = json.loads(archive.read(next(n for n in names if n.endswith(".json"))))
    assert [s["name"] for s in document["signups"]] == sorted_names()
    assert_no_instants(document["signups"], "the ZIP's JSON sign-ups")
    for name in names:
        if not name.endswith((".json", "-signups.csv", ".png", ".xlsx", ".pdf")):
            text = archive.read(name).decode("utf-8-sig")
            assert "zed@example.org" not in text, f"{name} mixes a sign-up into the anonymous files"


def test_no_signup_time_is_near_any_note_time(organiser, room):
    """The attack itself: pair each sign-up with the note posted closest before it."""
    document = json_export.build_document(organiser, room.id, include_signups=True)
    note_times = [datetime.fromisoformat(n["created_at"]) for n in document["notes"]]
    for entry in document["signups"]:
        times = [v for v in entry.values() if isinstance(v, str) and INSTANT.search(v)]
        assert not times, entry
        day = datetime.fromisoformat(entry["consented_on"]).replace(tzinfo=UTC)
        # A date says only which day: every note of the day is equally near it.
        assert all(timedelta(0) <= t - day < timedelta(days=1) for t in note_times)


def test_a_restored_workshop_keeps_its_signups_and_their_day(organiser, room):
    original = db.session.scalars(select(Signup.consented_at).where(Signup.workshop_id == room.id)).all()
    document = json_export.build_document(organiser, room.id, include_signups=True)
    restored = import_workshop(organiser, json.dumps(document), "restore")
    rows = db.session.scalars(select(Signup).where(Signup.workshop_id == restored.id).order_by(Signup.name)).all()
    assert sorted(r.name for r in rows) == sorted(name for name, _ in PEOPLE)
    assert {r.consented_at.date() for r in rows} == {t.date() for t in original}


def test_an_older_export_with_instants_still_imports(organiser, room):
    document = json_export.build_document(organiser, room.id, include_signups=True)
    for entry in document["signups"]:
        entry["consented_at"] = f"{entry.pop('consented_on')}T10:15:07.123456+00:00"
    restored = import_workshop(organiser, json.dumps(document), "restore")
    assert len(db.session.scalars(select(Signup).where(Signup.workshop_id == restored.id)).all()) == 3
