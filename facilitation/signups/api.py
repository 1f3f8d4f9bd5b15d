"""API for the mailing-list sign-up: the public form by join code, and the organiser's list, export, erasure."""

from __future__ import annotations

from flask import Response, request

from facilitation.kernel.payloads import check_shape
from facilitation.security import retention
from facilitation.signups import service as signups
from facilitation.web.api import blueprint, body, ok
from facilitation.web.auth import current_actor
from facilitation.web.openapi import path_parameter

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


def openapi_paths(op, schema_for, workshop_id: dict) -> dict:
    """The mailing-list sign-up and retention routes for /api/openapi.json."""

    csv_download = op("Sign-ups as CSV: the day of consent, by name, formula cells neutralised (organiser)")
    csv_download["responses"]["200"] = {
        "description": "The CSV file, as an attachment",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
    return {
        "/api/v1/signups/consent": {
            "parameters": [{"name": "code", "in": "query", "required": True, "schema": {"type": "string"}}],
            "get": op("The exact consent wording to show for a workshop's sign-up form"),
        },
        "/api/v1/signups": {
            "post": op(
                "Join the mailing list: consent true and the wording shown; never linked to a phone session",
                schema_for(
                    SIGNUP_SHAPE,
                    {
                        "name": {"type": "string", "minLength": 1, "maxLength": 120},
                        "email": {"type": "string", "maxLength": 254},
                        "role": {"type": "string", "maxLength": 120},
                        "organisation": {"type": "string", "maxLength": 200},
                        "consent": {"type": "boolean", "const": True},
                    },
                ),
                "201",
            ),
        },
        "/api/v1/workshops/{workshop_id}/signups": {
            "parameters": [workshop_id],
            "get": op("List sign-ups (organiser)"),
            "delete": op("Erase every sign-up (organiser)"),
        },
        "/api/v1/workshops/{workshop_id}/signups/{signup_id}": {
            "parameters": [workshop_id, path_parameter("signup_id")],
            "delete": op("Erase one sign-up (organiser)"),
        },
        "/api/v1/workshops/{workshop_id}/signups.csv": {
            "parameters": [workshop_id],
            "get": csv_download,
        },
        "/api/v1/workshops/{workshop_id}/retention": {
            "parameters": [workshop_id],
            "put": op(
                "Set or clear the date after which the workshop is purged (organiser)",
                schema_for(
                    RETENTION_SHAPE,
                    {"retention_until": {"type": ["string", "null"], "pattern": "^(\\d{4}-\\d{2}-\\d{2})?$"}},
                ),
            ),
        },
    }
