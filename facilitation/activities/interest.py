"""Interest kept for a later session of a cancelled activity ("who wanted what"), with consent.

Like the mailing list (signups.service), reached with the public join code and never linked to the phone
session: the anonymous sign-up rows only say how many wanted it; a name and email come only from this form.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from facilitation.exports.formats.spreadsheet_safety import neutralise_cell
from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.bidi import isolate
from facilitation.kernel.errors import Invalid
from facilitation.kernel.lookups import load_workshop, owned
from facilitation.kernel.payloads import text_field
from facilitation.models import Activity, ActivityInterest, ActivitySignup, Workshop, utcnow
from facilitation.signups.service import EMAIL, workshop_for_code

CSV_COLUMNS = ("activity", "name", "email", "consented_on", "consent_text")


def consent_text(workshop: Workshop, activity: Activity) -> str:
    # In the person's language, as signups.consent_text: the record keeps the very words they agreed to.
    return _(
        "I would like to hear about a later session of “%(activity)s” from the organisers of "
        "“%(workshop)s”. They may keep my name and email address for that alone, "
        "and erase them on request.",
        activity=isolate(activity.title),
        workshop=isolate(workshop.title),
    )


def cancelled_activity(code: Any, activity_id: Any) -> tuple[Workshop, Activity]:
    workshop = workshop_for_code(code)
    activity = owned(Activity, activity_id, workshop, "unknown_activity", _("No such activity in this workshop."))
    if activity.status != "cancelled":
        raise Invalid(_("That activity is going ahead; sign up for it on your phone."), code="not_cancelled")
    return workshop, activity


def record_interest(code: Any, activity_id: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """Keep one person's wish, only with the box ticked against the wording they were shown."""
    workshop, activity = cancelled_activity(code, activity_id)
    wording = consent_text(workshop, activity)
    if fields.get("consent") is not True:
        raise Invalid(_("Tick the box to agree first."), code="consent_required")
    if fields.get("consent_text") != wording:
        raise Invalid(_("The wording has changed; read it again and tick the box."), code="consent_changed")
    email = text_field(fields.get("email", ""), "Email", 254)
    if not EMAIL.match(email):
        raise Invalid(_("That does not look like an email address."), code="bad_email")
    interest = ActivityInterest(
        workshop_id=workshop.id,
        activity_title=activity.title,
        name=text_field(fields.get("name", ""), "Name", 120),
        email=email,
        consent_text=wording,
        consented_at=utcnow(),
    )
    db.session.add(interest)
    db.session.commit()
    return {"interest_id": interest.id}


def interest_counts(actor: Actor, workshop_id: Any) -> dict[str, int]:
    """How many phones had signed up for each cancelled activity (anonymous)."""
    workshop = load_workshop(actor, workshop_id, "activity.manage")
    rows = db.session.execute(
        select(Activity.title, func.count())
        .join(ActivitySignup, ActivitySignup.activity_id == Activity.id)
        .where(Activity.workshop_id == workshop.id, ActivitySignup.status == "interested")
        .group_by(Activity.title)
    ).all()
    return dict(rows)


def export_csv(actor: Actor, workshop_id: Any) -> str:
    """Who wanted what: one row per consented wish, by activity then name, every cell neutralised."""
    workshop = load_workshop(actor, workshop_id, "activity.manage")
    interests = db.session.scalars(select(ActivityInterest).where(ActivityInterest.workshop_id == workshop.id))
    rows = [list(CSV_COLUMNS)]
    for entry in sorted(interests, key=lambda e: (e.activity_title.casefold(), e.name.casefold(), e.id)):
        values = (
            entry.activity_title,
            entry.name,
            entry.email,
            entry.consented_at.date().isoformat(),
            entry.consent_text,
        )
        rows.append([neutralise_cell(value) for value in values])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()
