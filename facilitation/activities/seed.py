"""The demo's afternoon: the report's ten activities (1.20 pm to 2.50 pm at the King's Centre), staggered
in overlapping slots so someone can try two, with places and access notes as a venue would give them.
Forest bathing is listed as planned; its provider fell ill on the day, which the organiser can replay."""

from __future__ import annotations

from facilitation.extensions import db
from facilitation.models import Activity, Workshop

STEP_FREE = "Step-free access; seats available throughout."
# title, start, end, place, capacity, access notes
DEMO_ACTIVITIES = (
    ("Origami", "13:20", "14:00", "Main hall, table A", 10, STEP_FREE),
    ("Slow art", "13:20", "14:05", "Gallery room", 8, "Step-free; looking and talking, no drawing needed."),
    ("Knitting, crocheting and pom pom making", "13:20", "14:50", "Main hall, table B", 12, STEP_FREE),
    ("Drawing based on museum objects", "13:40", "14:20", "Seminar room 1", 10, "Step-free; large-print prompts."),
    ("Drawing cartoon dinosaurs", "14:05", "14:45", "Seminar room 1", 10, "Step-free; all materials provided."),
    (
        "Mindfulness and meditation (in nature)",
        "13:30",
        "14:10",
        "Garden",
        12,
        "Level path; chairs can be brought out.",
    ),
    (
        "Object handling",
        "14:00",
        "14:40",
        "Seminar room 2",
        8,
        "Step-free; gloves provided; objects can be brought to you.",
    ),
    ("Music/singing", "14:10", "14:50", "Chapel", 20, "One step at the door (ramp available); hearing loop."),
    ("Dancing", "13:20", "13:55", "Main hall, stage end", 15, "Seated or standing; clear floor; step-free."),
    ("Forest bathing", "14:15", "14:50", "Garden, meet at the door", 10, "Uneven ground in the wooded part."),
)


def add_demo_activities(workshop: Workshop) -> None:
    """The ten activities, open for sign-up (caller commits)."""
    for position, (title, starts_at, ends_at, place, capacity, access) in enumerate(DEMO_ACTIVITIES):
        db.session.add(
            Activity(
                workshop_id=workshop.id,
                title=title,
                starts_at=starts_at,
                ends_at=ends_at,
                place=place,
                capacity=capacity,
                access_notes=access,
                booked=0,
                status="open",
                position=position,
            )
        )
