"""The migration that keeps note text out of the change log also takes out the text already logged."""

from __future__ import annotations

import json

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from facilitation.extensions import db
from tests.support.apps import build_app

BEFORE = "0b5e7c1d9a3f"
REFS = "9c41e7b2d5a8"
MARKER = "Marker0b5e9c41 names the patient"


def note_view(status: str) -> dict:
    return {
        "id": 1,
        "client_id": "legacy-client-1",
        "board_id": 1,
        "section_id": 1,
        "perspective_id": None,
        "group_id": None,
        "text": MARKER,
        "author_role": "attendee",
        "author_name": "Ana",
        "status": status,
        "version": 1,
        "pinned": False,
        "votes": None,
        "revision": 1,
        "created_at": "2026-11-25T18:36:30+00:00",
    }


def legacy_workshop(status: str = "hidden") -> None:
    """A workshop as the old code logged it: a note posted (its text in the log), hidden, then `status`."""
    now = "2026-11-25 18:36:30"
    statements = [
        "INSERT INTO organisers (id, email, password_hash, created_at) VALUES (1, 'o@example.org', 'x', :now)",
        "INSERT INTO workshops (id, organiser_id, title, venue, join_code, projector_token, revision, is_open,"
        " created_at) VALUES (1, 1, 'W', '', 'ABCDEF', 'p_x', 3, 1, :now)",
        "INSERT INTO boards (id, workshop_id, kind, title, prompt, open_to_attendees, position, mode)"
        " VALUES (1, 1, 'ideas', 'B', '', 1, 0, 'open')",
        "INSERT INTO sections (id, board_id, name, position) VALUES (1, 1, 'S', 0)",
        "INSERT INTO notes (id, workshop_id, client_id, board_id, section_id, author_role, author_name, text,"
        " status, version, pinned, revision, created_at, updated_at)"
        " VALUES (1, 1, 'legacy-client-1', 1, 1, 'attendee', 'Ana', :text, :status, 1, 0, 3, :now, :now)",
    ]
    for statement in statements:
        db.session.execute(text(statement), {"now": now, "text": MARKER, "status": status})
    logged = [
        (1, "note:added", "public", {"note": note_view("visible")}),
        (2, "note:removed", "public", {"note_id": 1, "board_id": 1}),
        (3, "note:updated", "moderators", {"note": note_view("hidden")}),
    ]
    for revision, event, audience, payload in logged:
        db.session.execute(
            text(
                "INSERT INTO changes (workshop_id, revision, event, audience, payload, created_at)"
                " VALUES (1, :revision, :event, :audience, :payload, :now)"
            ),
            {"revision": revision, "event": event, "audience": audience, "payload": json.dumps(payload), "now": now},
        )
    db.session.commit()


def logged() -> list[tuple]:
    rows = db.session.execute(text("SELECT revision, event, note_id, payload FROM changes ORDER BY revision"))
    return [(r.revision, r.event, r.note_id, json.loads(r.payload)) for r in rows]


def test_upgrading_rewrites_logged_notes_to_references_and_downgrading_brings_back_no_old_text(tmp_path):
    app = build_app(tmp_path / "instance")
    with app.app_context():
        try:
            upgrade(revision=BEFORE)
            legacy_workshop()

            upgrade(revision=REFS)
            assert logged() == [
                (1, "note:added", 1, {"note_id": 1, "board_id": 1}),
                (2, "note:removed", 1, {"note_id": 1, "board_id": 1}),
                (3, "note:updated", 1, {"note_id": 1, "board_id": 1}),
            ]
            assert MARKER not in json.dumps(logged())

            # The old code wants whole notes back: a note not visible now comes back as a removal.
            downgrade(revision=BEFORE)
            rows = db.session.execute(text("SELECT revision, event, payload FROM changes ORDER BY revision")).all()
            assert [(r.revision, r.event) for r in rows] == [
                (1, "note:removed"),
                (2, "note:removed"),
                (3, "note:removed"),
            ]
            assert MARKER not in json.dumps([r.payload for r in rows])
        finally:
            db.session.remove()
            db.engine.dispose()


def test_downgrading_gives_the_old_code_a_visible_note_whole(tmp_path):
    app = build_app(tmp_path / "instance")
    with app.app_context():
        try:
            upgrade(revision=BEFORE)
            legacy_workshop(status="visible")  # shown again since
            upgrade(revision=REFS)
            downgrade(revision=BEFORE)
            rows = db.session.execute(text("SELECT event, payload FROM changes ORDER BY revision")).all()
            assert [r.event for r in rows] == ["note:added", "note:removed", "note:updated"]
            note = json.loads(rows[0].payload)["note"]
            assert set(note) == set(note_view("visible"))
            assert (note["id"], note["text"], note["status"], note["pinned"]) == (1, MARKER, "visible", False)
            assert note["created_at"] == "2026-11-25T18:36:30+00:00"
        finally:
            db.session.remove()
            db.engine.dispose()
