"""The security world's part for issue 14 (mixed tables, activities, directory, recordings): the rows the
authorisation matrix needs ids of, added by world.build once the rest of the world exists."""

from __future__ import annotations

import io
import uuid

from PIL import Image
from sqlalchemy import select

from facilitation.activities import booking, interest
from facilitation.activities import service as activities
from facilitation.directory import service as directory
from facilitation.extensions import db
from facilitation.kernel.access import actor_for_token
from facilitation.models import ActivitySignup
from facilitation.notes import service as notes
from facilitation.recordings import service as recordings
from facilitation.seating import service as seating


def add_room_features(owner, workshop, world) -> None:
    ids = world.ids
    # A seated person, and a seated round so that swapping is valid.
    ids["person"] = seating.add_person(owner, workshop.id, {"name": "Robin"})["person_id"]
    seating.seat_everyone(owner, workshop.id)
    _add_activities(owner, workshop, world)
    _add_offer(owner, workshop, world)
    _add_recordings(owner, workshop, world)


def _add_activities(owner, workshop, world) -> None:
    """An open activity, one the attendee has a place at (with its sign-up id), and a cancelled one."""
    ids = world.ids

    def add(title: str, starts: str) -> int:
        fields = {"title": title, "starts_at": starts, "ends_at": f"{starts[:2]}:50", "capacity": 5}
        return activities.create_activity(owner, workshop.id, fields)["activity_id"]

    ids["activity"], ids["booked_activity"] = add("Origami", "13:00"), add("Slow art", "14:00")
    ids["cancelled_activity"] = add("Forest bathing", "15:00")
    booking.join(actor_for_token(world.attendee_token), workshop.id, ids["booked_activity"])
    ids["activity_signup"] = db.session.scalar(
        select(ActivitySignup.id).where(ActivitySignup.activity_id == ids["booked_activity"])
    )
    cancelled = activities.cancel_activity(owner, workshop.id, ids["cancelled_activity"])
    assert cancelled["activities"]
    forest = activities.load_activity(workshop, ids["cancelled_activity"])
    world.interest_consent = interest.consent_text(workshop, forest)


def _add_offer(owner, workshop, world) -> None:
    """A card made from an ideas-board note, another such note free to become one, and the directory link."""
    ideas = [b for b in workshop.boards if b.kind == "ideas"]
    made = notes.post_note(owner, workshop.id, _note_fields(ideas[0], "Community choirs"))["note"]["id"]
    ids = world.ids
    ids["offer"] = directory.create_from_note(owner, workshop.id, made)["offer"]["id"]
    ids["offer_note"] = notes.post_note(owner, workshop.id, _note_fields(ideas[0], "Writing groups"))["note"]["id"]
    world.directory_token = directory.directory_link(owner, workshop.id)


def _note_fields(board, text: str) -> dict:
    return {"client_id": uuid.uuid4().hex, "board_id": board.id, "section_id": board.sections[0].id, "text": text}


def _add_recordings(owner, workshop, world) -> None:
    """Two uploaded images: one to show and steer, one to remove."""

    def png() -> bytes:
        buffer = io.BytesIO()
        Image.new("RGB", (8, 6), (0, 114, 178)).save(buffer, "PNG")
        return buffer.getvalue()

    first = recordings.upload(owner, workshop.id, png(), "Schematic")
    world.ids["recording"] = first["shown_id"]
    world.ids["spare_recording"] = recordings.upload(owner, workshop.id, png())["shown_id"]
