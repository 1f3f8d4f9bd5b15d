"""The first start on a laptop: an organiser account and the Oxford 2022 workshop as a live demo."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from facilitation.activities.seed import add_demo_activities
from facilitation.directory.seed import add_demo_offers
from facilitation.evaluation.seed import add_demo_evaluation
from facilitation.extensions import db
from facilitation.kernel.events import NOTE_ADDED
from facilitation.kernel.revisions import log_change, next_revision
from facilitation.kernel.visibility import note_view
from facilitation.models import Note, Organiser, Workshop
from facilitation.organisers.service import create_organiser, organiser_count
from facilitation.seating.seed import add_demo_people
from facilitation.themes.service import seed_board
from facilitation.workshops.demo_notes import DemoNote, demo_notes
from facilitation.workshops.service import build_from_structure
from facilitation.workshops.templates import DEMO_NOTES, OXFORD_2022


def first_start(email: str, password: str | None) -> dict[str, Any] | None:
    """Create the organiser and the demo workshop once; None when they already exist."""
    if organiser_count():
        return None
    organiser, password = create_organiser(email, password)
    workshop = build_from_structure(organiser.id, OXFORD_2022, "Oxford 2022 knowledge exchange (demo)")
    add_demo_notes(workshop)
    add_demo_evaluation(workshop)
    add_demo_people(workshop)
    add_demo_activities(workshop)
    add_demo_offers(workshop)
    db.session.commit()
    return {"email": organiser.email, "password": password, "workshop_id": workshop.id}


def seed_demo(organiser_id: int, tree_notes: int | None = None) -> Workshop:
    """Another demo workshop for this organiser, its tree `tree_notes` big (flask seed-demo --notes N)."""
    title = "Oxford 2022 knowledge exchange (demo" + (f", {tree_notes} notes on the tree)" if tree_notes else ")")
    workshop = build_from_structure(organiser_id, OXFORD_2022, title)
    add_demo_notes(workshop, demo_notes(tree_notes))
    add_demo_evaluation(workshop)
    add_demo_people(workshop)
    add_demo_activities(workshop)
    add_demo_offers(workshop)
    db.session.commit()
    return workshop


def add_demo_notes(workshop: Workshop, notes: list[DemoNote] = DEMO_NOTES) -> None:
    """Post the notes the report records, as the groups' facilitators would have, and group each board's
    notes into themes, so a first start shows a full room already grouped (caller commits)."""
    boards = {b.title: b for b in workshop.boards}
    perspectives = {p.name: p.id for p in workshop.perspectives}
    for board_title, section_name, perspective, group_no, text in notes:
        board = boards[board_title]
        section = next(s for s in board.sections if s.name == section_name)
        group = workshop.groups[group_no - 1] if group_no else None
        note = Note(
            workshop_id=workshop.id,
            client_id=f"demo-{uuid.uuid4().hex}",
            board_id=board.id,
            section_id=section.id,
            perspective_id=perspectives.get(perspective) if perspective else None,
            group_id=group.id if group else None,
            author_role="facilitator" if group else "attendee",
            text=text,
            revision=next_revision(workshop.id),
        )
        db.session.add(note)
        db.session.flush()
        # Logged like any post, so a client catching up from any revision sees the same notes.
        log_change(workshop.id, note.revision, NOTE_ADDED, {"note": note_view(note)})
    for board in workshop.boards:
        seed_board(workshop.id, board.id)


def demo_owner(email: str | None) -> int | None:
    """The organiser a seeded demo belongs to: the one with that email, else the first; None if there is none."""
    query = select(Organiser.id).order_by(Organiser.id)
    if email is not None:
        query = query.where(Organiser.email == email.strip().lower())
    return db.session.scalar(query.limit(1))


def demo_workshop() -> Workshop | None:
    """The oldest workshop, which is the demo when first start made one; None while there is none."""
    return db.session.scalar(select(Workshop).order_by(Workshop.id))
