"""JSON API for the afternoon activities: the board, the organiser's list, sign-up, attendance, interest."""

from __future__ import annotations

from flask import Response

from facilitation.activities import booking, interest
from facilitation.activities import service as activities
from facilitation.kernel.payloads import check_shape
from facilitation.web.api import blueprint, body, ok
from facilitation.web.auth import current_actor
from facilitation.web.openapi import path_parameter

bp = blueprint("activities")

ACTIVITY_SHAPE = {
    "title": ((str,), True),
    "description": ((str,), False),
    "starts_at": ((str,), True),
    "ends_at": ((str,), True),
    "place": ((str,), False),
    "access_notes": ((str,), False),
    "capacity": ((int,), True),
}
ATTENDANCE_SHAPE = {"attended": ((bool,), True)}
ONE = "/workshops/<int:workshop_id>/activities/<int:activity_id>"


@bp.get("/workshops/<int:workshop_id>/activities")
def board(workshop_id: int):
    return ok(**activities.activities_state(current_actor(), workshop_id))


@bp.post("/workshops/<int:workshop_id>/activities")
def create(workshop_id: int):
    fields = check_shape(body(), ACTIVITY_SHAPE)
    return ok(201, **activities.create_activity(current_actor(), workshop_id, fields))


@bp.put(ONE)
def update(workshop_id: int, activity_id: int):
    fields = check_shape(body(), ACTIVITY_SHAPE)
    return ok(**activities.update_activity(current_actor(), workshop_id, activity_id, fields))


@bp.post(f"{ONE}/cancel")
def cancel(workshop_id: int, activity_id: int):
    return ok(**activities.cancel_activity(current_actor(), workshop_id, activity_id))


@bp.post(f"{ONE}/signup")
def join(workshop_id: int, activity_id: int):
    return ok(**booking.join(current_actor(), workshop_id, activity_id))


@bp.delete(f"{ONE}/signup")
def leave(workshop_id: int, activity_id: int):
    return ok(**booking.leave(current_actor(), workshop_id, activity_id))


@bp.get("/workshops/<int:workshop_id>/activities/roster")
def roster(workshop_id: int):
    return ok(activities=activities.roster(current_actor(), workshop_id))


@bp.put("/workshops/<int:workshop_id>/activity-signups/<int:signup_id>/attendance")
def attendance(workshop_id: int, signup_id: int):
    fields = check_shape(body(), ATTENDANCE_SHAPE)
    return ok(**activities.mark_attendance(current_actor(), workshop_id, signup_id, fields["attended"]))


@bp.get("/workshops/<int:workshop_id>/activities/interest.csv")
def interest_csv(workshop_id: int):
    text = interest.export_csv(current_actor(), workshop_id)
    return Response(
        "\ufeff" + text,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="activity-interest-workshop-{workshop_id}.csv"'},
    )


def openapi_paths(op, schema_for, workshop_id: dict) -> dict:
    """The afternoon activities for /api/openapi.json."""
    one = [workshop_id, path_parameter("activity_id")]
    csv_download = op("Who wanted a cancelled activity, with consent, as CSV (organiser)")
    csv_download["responses"]["200"] = {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}
    return {
        "/api/v1/workshops/{workshop_id}/activities": {
            "parameters": [workshop_id],
            "get": op("The activity board with places left, and the caller's own sign-ups"),
            "post": op(
                "Add an activity: slot HH:MM-HH:MM, capacity, place, access notes (organiser)",
                schema_for(ACTIVITY_SHAPE),
                "201",
            ),
        },
        "/api/v1/workshops/{workshop_id}/activities/{activity_id}": {
            "parameters": one,
            "put": op("Edit an activity; more places promote the waiting list (organiser)", schema_for(ACTIVITY_SHAPE)),
        },
        "/api/v1/workshops/{workshop_id}/activities/{activity_id}/cancel": {
            "parameters": one,
            "post": op("Cancel: sign-ups told and offered an alternative, their interest kept (organiser)"),
        },
        "/api/v1/workshops/{workshop_id}/activities/{activity_id}/signup": {
            "parameters": one,
            "post": op("Sign up: a place if one is left, else the waiting list; clashing slots refused (attendee)"),
            "delete": op("Leave: the first waiting without a clash is promoted and told (attendee)"),
        },
        "/api/v1/workshops/{workshop_id}/activities/roster": {
            "parameters": [workshop_id],
            "get": op("Who is booked, waiting, and who came (organiser, facilitators)"),
        },
        "/api/v1/workshops/{workshop_id}/activity-signups/{signup_id}/attendance": {
            "parameters": [workshop_id, path_parameter("signup_id")],
            "put": op("Tick who came (organiser, facilitators)", schema_for(ATTENDANCE_SHAPE)),
        },
        "/api/v1/workshops/{workshop_id}/activities/interest.csv": {"parameters": [workshop_id], "get": csv_download},
    }
