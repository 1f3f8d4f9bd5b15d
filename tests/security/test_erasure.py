"""Erased means erased: what is deleted is gone from the database files, and those files are the owner's alone.

SQLite keeps a deleted row's bytes in the page it lived on (and older copies of that page in the -wal) until
something overwrites them. These tests write a unique marker, erase it the way an organiser or the CLI would,
and then read the raw bytes of facilitation.sqlite, its -wal and its -shm while the app still holds its
connections (closing the last one would checkpoint the log and hide the bug).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from facilitation import create_app, database
from facilitation.extensions import db
from facilitation.moderation import service as moderation
from facilitation.notes import service as notes
from facilitation.security import retention
from facilitation.signups import service as signups
from facilitation.workshops import service as workshops
from tests.conftest import board_by_kind

DATABASE_FILES = ("facilitation.sqlite", "facilitation.sqlite-wal", "facilitation.sqlite-shm")


def marker() -> str:
    return f"marker{uuid.uuid4().hex}"


def files_holding(app, needle: str) -> list[str]:
    """The database files whose raw bytes contain `needle` (as UTF-8), read while the app's connections are open."""
    instance = Path(app.instance_path)
    found = []
    for name in DATABASE_FILES:
        path = instance / name
        if path.exists() and needle.encode() in path.read_bytes():
            found.append(name)
    return found


def signup_form(workshop, email: str) -> dict:
    return {"name": "Ada", "email": email, "consent": True, "consent_text": signups.consent_text(workshop)}


def post(actor, workshop, board, text_: str) -> int:
    payload = {"client_id": uuid.uuid4().hex, "board_id": board.id, "section_id": board.sections[0].id, "text": text_}
    return notes.post_note(actor, workshop.id, payload)["note"]["id"]


def test_secure_delete_is_on_for_every_connection(app):
    assert db.session.execute(text("PRAGMA secure_delete")).scalar_one() == 1


def test_secure_delete_is_set_even_where_the_sqlite_build_leaves_it_off(tmp_path):
    """Debian builds SQLite with secure_delete on by default; other builds (macOS, Windows wheels) do not."""
    connection = sqlite3.connect(tmp_path / "other-build.sqlite")
    try:
        connection.execute("PRAGMA secure_delete=OFF")
        database.configure_sqlite(connection, None)
        assert connection.execute("PRAGMA secure_delete").fetchone() == (1,)
    finally:
        connection.close()


def test_an_erased_signup_leaves_no_trace_in_the_database_files(app, workshop, organiser):
    email = f"{marker()}@example.org"
    created = signups.create_signup(workshop.join_code, signup_form(workshop, email))["signup"]
    assert files_holding(app, email), "the marker should be on disk before it is erased"

    signups.erase_signup(organiser, workshop.id, created["id"])

    assert files_holding(app, email) == []


def test_erasing_every_signup_leaves_no_trace(app, workshop, organiser):
    emails = [f"{marker()}@example.org" for _ in range(3)]
    for email in emails:
        signups.create_signup(workshop.join_code, signup_form(workshop, email))

    assert signups.erase_all(organiser, workshop.id) == {"erased": 3}

    assert [name for email in emails for name in files_holding(app, email)] == []


def test_a_deleted_workshop_leaves_no_trace_of_its_notes(app, workshop, organiser, facilitator):
    secret = marker()
    board = board_by_kind(workshop, "solutions")
    note_id = post(facilitator, workshop, board, f"A patient called {secret}")
    # Moderation copies the text into the history and the audit log: those must go too.
    moderation.edit(organiser, workshop.id, note_id, f"Edited, still naming {secret}", 1)
    moderation.hide(organiser, workshop.id, note_id)
    assert files_holding(app, secret)

    retention.delete_workshop(organiser, workshop.id)

    assert files_holding(app, secret) == []


def test_the_cli_delete_and_the_purge_leave_no_trace(app, organiser, facilitator):
    runner = app.test_cli_runner()
    first = workshops.create_workshop(organiser, "oxford-2022", "Deleted by the CLI")
    expired = workshops.create_workshop(organiser, "oxford-2022", "Past its retention date")
    deleted_secret, expired_secret = marker(), marker()
    for workshop, secret in ((first, deleted_secret), (expired, expired_secret)):
        signups.create_signup(workshop.join_code, signup_form(workshop, f"{secret}@example.org"))
    retention.set_retention(organiser, expired.id, "2020-01-01")

    assert runner.invoke(args=["delete-workshop", str(first.id), "--yes"]).exit_code == 0
    assert files_holding(app, deleted_secret) == []
    assert runner.invoke(args=["purge-expired"]).exit_code == 0
    assert files_holding(app, expired_secret) == []


# --- who may read the instance folder ----------------------------------------------------------------------


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    """The usual desktop umask (022), under which a new file is readable by every local user."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_the_instance_folder_and_its_files_are_the_owners_alone(tmp_path, loose_umask):
    instance = tmp_path / "instance"
    app = create_app("test", instance_path=str(instance), SECRET_KEY=None)
    with app.app_context():
        db.session.execute(text("CREATE TABLE probe (id INTEGER PRIMARY KEY)"))
        db.session.execute(text("INSERT INTO probe VALUES (1)"))
        db.session.commit()
        assert mode_of(instance) == 0o700
        assert mode_of(instance / "secret_key") == 0o600
        for name in DATABASE_FILES:
            assert (instance / name).exists(), name
            assert mode_of(instance / name) == 0o600, name
        db.session.remove()
        db.engine.dispose()


def test_an_existing_instance_folder_is_tightened(tmp_path, loose_umask):
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o755)
    (instance / "secret_key").write_text("an old key that was left readable by everyone on the laptop")
    (instance / "secret_key").chmod(0o644)
    (instance / "facilitation.sqlite").touch(mode=0o644)

    app = create_app("test", instance_path=str(instance), SECRET_KEY=None)
    with app.app_context():
        db.session.execute(text("SELECT 1"))
        assert mode_of(instance) == 0o700
        assert mode_of(instance / "secret_key") == 0o600
        assert mode_of(instance / "facilitation.sqlite") == 0o600
        db.session.remove()
        db.engine.dispose()
