"""API for the mailing-list sign-up: the public form by join code, and the organiser's list, export, erasure."""

from __future__ import annotations

from flask import Response, request

from ...payloads import check_shape
from ...services import retention, signups
from ..auth import current_actor
from . import blueprint, body, ok

bp = blueprint("signups")

SIGNUP_SHAPE = {
    "code": ((str,), True),
    "name": ((str,), True),
    "email": ((str,), True),
    "role": ((str,), False),
    "organisation": ((str,), False),
    "consent": ((bool,), True),
    "consent_text": ((str,), True),
}
RETENTION_SHAPE = {"retention_until": ((str, type(None)), True)}


@bp.get("/signups/consent")
def consent_wording():
    """The exact wording to show beside the checkbox; send it back with the sign-up."""
    workshop = signups.workshop_for_code(request.args.get("code", ""))
    return ok(consent_text=signups.consent_text(workshop))


@bp.post("/signups")
def create():
    payload = check_shape(body(), SIGNUP_SHAPE)
    return ok(201, **signups.create_signup(payload.pop("code"), payload))


@bp.get("/workshops/<int:workshop_id>/signups")
def list_signups(workshop_id: int):
    return ok(signups=signups.list_signups(current_actor(), workshop_id))


@bp.delete("/workshops/<int:workshop_id>/signups")
def erase_all(workshop_id: int):
    return ok(**signups.erase_all(current_actor(), workshop_id))


@bp.delete("/workshops/<int:workshop_id>/signups/<int:signup_id>")
def erase_one(workshop_id: int, signup_id: int):
    return ok(**signups.erase_signup(current_actor(), workshop_id, signup_id))


@bp.get("/workshops/<int:workshop_id>/signups.csv")
def export_csv(workshop_id: int):
    text = signups.export_csv(current_actor(), workshop_id)
    # The BOM makes Excel read the file as UTF-8, so accents and emoji in names survive.
    return Response(
        "\ufeff" + text,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="signups-workshop-{workshop_id}.csv"'},
    )


@bp.put("/workshops/<int:workshop_id>/retention")
def set_retention(workshop_id: int):
    payload = check_shape(body(), RETENTION_SHAPE)
    kept_until = retention.set_retention(current_actor(), workshop_id, payload["retention_until"])
    return ok(retention_until=kept_until.isoformat() if kept_until else None)
