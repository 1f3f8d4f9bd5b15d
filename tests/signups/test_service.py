"""The mailing-list sign-up: consent first, wording and time kept, never linked to a phone session, erasable."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.kernel.errors import Closed, Invalid, NotAllowed, NotFound
from facilitation.models import Change, Signup
from facilitation.signups import service as signups
from facilitation.workshops import service as workshops


def form(workshop, **overrides):
    fields = {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "role": "Link worker",
        "organisation": "Oxford PCN",
        "consent": True,
        "consent_text": signups.consent_text(workshop),
    }
    fields.update(overrides)
    return fields


def test_signup_stores_the_exact_wording_and_time(workshop):
    before = datetime.now(UTC)
    created = signups.create_signup(workshop.join_code, form(workshop))["signup"]
    stored = db.session.get(Signup, created["id"])
    assert stored.consent_text == signups.consent_text(workshop)
    assert workshop.title in stored.consent_text
    consented = stored.consented_at.replace(tzinfo=UTC)
    assert before - timedelta(seconds=1) <= consented <= datetime.now(UTC) + timedelta(seconds=1)
    assert (stored.name, stored.email, stored.role, stored.organisation) == (
        "Ada Lovelace",
        "ada@example.org",
        "Link worker",
        "Oxford PCN",
    )


@pytest.mark.parametrize("consent", [False, None, "yes", 1])
def test_unticked_consent_is_refused(workshop, consent):
    with pytest.raises(Invalid) as error:
        signups.create_signup(workshop.join_code, form(workshop, consent=consent))
    assert error.value.code == "consent_required"
    assert db.session.scalar(select(func.count(Signup.id))) == 0


def test_consent_to_other_words_is_refused(workshop):
    with pytest.raises(Invalid) as error:
        signups.create_signup(workshop.join_code, form(workshop, consent_text="I agree to anything"))
    assert error.value.code == "consent_changed"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"name": "  "}, "empty_text"),
        ({"email": ""}, "empty_text"),
        ({"email": "not an email"}, "bad_email"),
        ({"email": "a@b"}, "bad_email"),
        ({"name": 5}, "wrong_type"),
        ({"organisation": "x" * 201}, "text_too_long"),
    ],
)
def test_bad_fields_are_refused(workshop, overrides, code):
    with pytest.raises(Invalid) as error:
        signups.create_signup(workshop.join_code, form(workshop, **overrides))
    assert error.value.code == code


def test_code_is_checked_and_a_closed_workshop_takes_no_signups(workshop, organiser):
    with pytest.raises(Invalid):
        signups.create_signup("nope", form(workshop))
    with pytest.raises(NotFound):
        signups.create_signup("ZZZZZZ", form(workshop))
    signups.create_signup(workshop.join_code.lower(), form(workshop))  # typed as people type it
    workshops.set_open(organiser, workshop.id, False)
    with pytest.raises(Closed):
        signups.create_signup(workshop.join_code, form(workshop))


def test_a_signup_has_no_link_to_any_phone_session(workshop, attendee):
    columns = set(Signup.__table__.columns.keys())
    assert columns == {"id", "workshop_id", "name", "email", "role", "organisation", "consent_text", "consented_at"}
    assert all(fk.column.table.name == "workshops" for fk in Signup.__table__.foreign_keys)
    revision = workshop.revision
    signups.create_signup(workshop.join_code, form(workshop))
    db.session.refresh(workshop)
    # Not in the change log either: nothing a screen replays could place it next to a session's notes.
    assert workshop.revision == revision
    assert db.session.scalar(select(func.count(Change.id)).where(Change.revision > revision)) == 0


def test_organiser_lists_and_exports_with_formulas_neutralised(workshop, organiser):
    signups.create_signup(workshop.join_code, form(workshop, name='=HYPERLINK("http://x")', role="+44 1865"))
    signups.create_signup(workshop.join_code, form(workshop, name="Zoë 🌱 مرحبا", email="z@example.org"))
    listed = signups.list_signups(organiser, workshop.id)
    assert [s["name"] for s in listed] == ['=HYPERLINK("http://x")', "Zoë 🌱 مرحبا"]
    rows = list(csv.reader(io.StringIO(signups.export_csv(organiser, workshop.id))))
    assert rows[0] == list(signups.CSV_COLUMNS)
    assert rows[1][0] == '\'=HYPERLINK("http://x")' and rows[1][2] == "'+44 1865"
    assert rows[2][0] == "Zoë 🌱 مرحبا"
    assert rows[1][5] == signups.consent_text(workshop)


def test_erase_one_and_all(workshop, organiser):
    first = signups.create_signup(workshop.join_code, form(workshop))["signup"]
    signups.create_signup(workshop.join_code, form(workshop, email="b@example.org"))
    signups.create_signup(workshop.join_code, form(workshop, email="c@example.org"))
    assert signups.erase_signup(organiser, workshop.id, first["id"]) == {"erased": 1}
    assert db.session.get(Signup, first["id"]) is None
    with pytest.raises(NotFound):
        signups.erase_signup(organiser, workshop.id, first["id"])
    assert signups.erase_all(organiser, workshop.id) == {"erased": 2}
    assert signups.list_signups(organiser, workshop.id) == []


def test_only_the_owning_organiser_sees_or_erases(workshop, other_organiser, attendee, facilitator, projector):
    created = signups.create_signup(workshop.join_code, form(workshop))["signup"]
    for actor in (other_organiser, attendee, facilitator, projector):
        with pytest.raises(NotAllowed):
            signups.list_signups(actor, workshop.id)
        with pytest.raises(NotAllowed):
            signups.export_rows(actor, workshop.id)
        with pytest.raises(NotAllowed):
            signups.erase_signup(actor, workshop.id, created["id"])
        with pytest.raises(NotAllowed):
            signups.erase_all(actor, workshop.id)
    assert db.session.get(Signup, created["id"]) is not None


def test_erasing_a_signup_of_another_workshop_is_not_found(workshop, organiser):
    other = workshops.create_workshop(organiser, "blank")
    created = signups.create_signup(workshop.join_code, form(workshop))["signup"]
    with pytest.raises(NotFound):
        signups.erase_signup(organiser, other.id, created["id"])
