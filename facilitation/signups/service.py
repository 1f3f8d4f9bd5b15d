"""The mailing-list sign-up: consent first, its exact wording and time kept, and erasure on request.

A sign-up is reached with the workshop's public join code and stores nothing about the phone session
it came from (no participant id, no token, no change-log entry, no broadcast), so it can never be joined
back to the anonymous notes and answers that session wrote.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, select

from facilitation.database import checkpoint_after_erasure
from facilitation.exports.formats.spreadsheet_safety import neutralise_cell
from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.bidi import isolate
from facilitation.kernel.errors import Closed, Invalid, NotFound
from facilitation.kernel.lookups import load_workshop, owned
from facilitation.kernel.payloads import clean_characters
from facilitation.kernel.visibility import utc_iso
from facilitation.models import Signup, Workshop, utcnow
from facilitation.workshops.participants import normalise_code

# Deliberately loose: the organiser will write to it, so only catch what is clearly not an address.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# The export says on which day consent was given, never the instant (see export_rows).
CSV_COLUMNS = ("name", "email", "role", "organisation", "consented_on", "consent_text")


def consent_text(workshop: Workshop) -> str:
    """The wording beside the checkbox; stored word for word with each entry as the record of consent."""
    # The title is isolated: an override in it must not reverse the rest of the wording. In the person's
    # language: the record keeps the very words they agreed to.
    return _(
        "I would like to join the mailing list of the organisers of “%(workshop)s”. "
        "I agree that they may keep my name, email address, role and organisation to send me news of the "
        "network and its future events, and to no other end. I can ask for my details to be erased at any time.",
        workshop=isolate(workshop.title),
    )


def workshop_for_code(code: Any) -> Workshop:
    """The workshop a sign-up form belongs to; the join code on the projector is all a person needs."""
    workshop = db.session.scalar(select(Workshop).where(Workshop.join_code == normalise_code(code)))
    if workshop is None or workshop.removed_at is not None:
        raise NotFound(_("No workshop has that code."), code="unknown_code")
    return workshop


# Each field's errors as whole sentences, so Welsh (and any language) words each one its own way.
def _field_messages(field: str) -> dict[str, str]:
    return {
        "Name": {
            "wrong_type": _("The name must be text."),
            "empty_text": _("Please give your name."),
            "text_too_long": _("The name is limited to %(limit)s characters."),
        },
        "Email": {
            "wrong_type": _("The email address must be text."),
            "empty_text": _("Please give your email address."),
            "text_too_long": _("The email address is limited to %(limit)s characters."),
        },
        "Role": {
            "wrong_type": _("The role must be text."),
            "empty_text": _("Please give your role."),
            "text_too_long": _("The role is limited to %(limit)s characters."),
        },
        "Organisation": {
            "wrong_type": _("The organisation must be text."),
            "empty_text": _("Please give your organisation."),
            "text_too_long": _("The organisation is limited to %(limit)s characters."),
        },
    }[field]


def _text(value: Any, field: str, max_len: int, *, required: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(_field_messages(field)["wrong_type"], code="wrong_type")
    cleaned = " ".join(clean_characters(value, field).split())
    if required and not cleaned:
        raise Invalid(_field_messages(field)["empty_text"], code="empty_text")
    if len(cleaned) > max_len:
        raise Invalid(_field_messages(field)["text_too_long"] % {"limit": max_len}, code="text_too_long")
    return cleaned


def create_signup(code: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """Store one sign-up, only with the box ticked against the wording the person was shown."""
    workshop = workshop_for_code(code)
    if not workshop.is_open:
        raise Closed(_("This workshop has closed; ask the organisers to add you."), code="workshop_closed")
    if fields.get("consent") is not True:
        raise Invalid(_("Tick the box to agree before signing up."), code="consent_required")
    wording = consent_text(workshop)
    if fields.get("consent_text") != wording:
        # The wording changed since the form was shown: consent was given to different words.
        raise Invalid(_("The consent wording has changed; read it again and tick the box."), code="consent_changed")
    email = _text(fields.get("email"), "Email", 254, required=True)
    if not EMAIL.match(email):
        raise Invalid(_("That does not look like an email address."), code="bad_email")
    signup = Signup(
        workshop_id=workshop.id,
        name=_text(fields.get("name"), "Name", 120, required=True),
        email=email,
        role=_text(fields.get("role"), "Role", 120, required=False),
        organisation=_text(fields.get("organisation"), "Organisation", 200, required=False),
        consent_text=wording,
        consented_at=utcnow(),
    )
    db.session.add(signup)
    db.session.commit()
    return {"signup": signup_view(signup)}


def signup_view(signup: Signup) -> dict[str, Any]:
    """A sign-up as the organiser sees it, with the exact consent wording and when it was given."""
    return {
        "id": signup.id,
        "name": signup.name,
        "email": signup.email,
        "role": signup.role,
        "organisation": signup.organisation,
        "consent_text": signup.consent_text,
        "consented_at": utc_iso(signup.consented_at),
    }


def _managed(actor: Actor, workshop_id: int) -> Workshop:
    workshop = load_workshop(actor, workshop_id, "signup.manage")
    return workshop


def _signups(workshop_id: int) -> list[Signup]:
    return list(db.session.scalars(select(Signup).where(Signup.workshop_id == workshop_id).order_by(Signup.id)))


def list_signups(actor: Actor, workshop_id: int) -> list[dict[str, Any]]:
    """Every sign-up of the workshop in the order they came, for its organiser only."""
    workshop = _managed(actor, workshop_id)
    return [signup_view(s) for s in _signups(workshop.id)]


def export_rows(actor: Actor, workshop_id: int) -> list[list[str]]:
    """Header plus one row per sign-up, every cell neutralised so a spreadsheet never runs it.

    Kept apart from the anonymous notes and answers: the day of consent, not the instant, and rows by
    name and email, not in the order people signed up, so no row can be paired with a note by time."""
    workshop = _managed(actor, workshop_id)
    rows = [list(CSV_COLUMNS)]
    for signup in sorted(_signups(workshop.id), key=lambda s: (s.name.casefold(), s.email.casefold(), s.id)):
        view = {**signup_view(signup), "consented_on": signup.consented_at.date().isoformat()}
        # Not isolated (FSI … PDI): these names and addresses go into a mailing tool, where the marks would stick.
        rows.append([neutralise_cell(view[column]) for column in CSV_COLUMNS])
    return rows


def export_csv(actor: Actor, workshop_id: int) -> str:
    """The sign-ups as CSV text (UTF-8, with a BOM added by the caller if a spreadsheet needs it)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(export_rows(actor, workshop_id))
    return buffer.getvalue()


def erase_signup(actor: Actor, workshop_id: int, signup_id: Any) -> dict[str, Any]:
    """Erase one person's entry for good (a request under data-protection law, or a mistake): from the database
    files too, not only from the table (database.checkpoint_after_erasure)."""
    workshop = _managed(actor, workshop_id)
    signup = owned(Signup, signup_id, workshop, "unknown_signup", "No such sign-up in this workshop.")
    db.session.delete(signup)
    db.session.commit()
    checkpoint_after_erasure(db.engine)
    return {"erased": 1}


def erase_all(actor: Actor, workshop_id: int) -> dict[str, Any]:
    """Erase every sign-up of the workshop, e.g. once they are copied into the mailing list."""
    workshop = _managed(actor, workshop_id)
    erased = db.session.execute(delete(Signup).where(Signup.workshop_id == workshop.id)).rowcount
    db.session.commit()
    checkpoint_after_erasure(db.engine)
    return {"erased": erased or 0}
