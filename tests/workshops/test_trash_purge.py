"""After the undo window: purging the trash erases what it held, on disk too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.kernel.errors import NotFound
from facilitation.models import (
    AuditEntry,
    RemovedItem,
    Section,
    Workshop,
)
from facilitation.moderation import service as moderation
from facilitation.security import retention
from facilitation.workshops import removal as removals
from facilitation.workshops import service as workshops
from facilitation.workshops import trash
from tests.conftest import board_by_kind
from tests.security.test_erasure import files_holding, marker
from tests.workshops.test_trash import (
    audit_actions,
    only_entry,
    post,
)


@pytest.fixture
def solutions(workshop):
    return board_by_kind(workshop, "solutions")


def test_the_undo_window_lasts_at_least_the_rest_of_the_day(app):
    removed = datetime(2026, 6, 23, 9, 30, tzinfo=UTC)
    assert trash.undo_deadline(removed) == removed + timedelta(hours=24)
    app.config["UNDO_HOURS"] = 1
    deadline = trash.undo_deadline(removed)
    local_midnight = (removed.astimezone() + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    assert deadline == local_midnight.astimezone(UTC)
    assert deadline > removed + timedelta(hours=1)


def test_after_the_undo_window_it_cannot_be_restored_and_the_purge_erases_it(
    app, workshop, organiser, facilitator, solutions
):
    secret = marker()
    note_id = post(facilitator, workshop, solutions, f"Names {secret}")
    moderation.hide(organiser, workshop.id, note_id)
    workshops.delete_board(organiser, workshop.id, solutions.id)
    entry = only_entry(workshop.id)
    later = trash.aware(entry.expires_at) + timedelta(seconds=1)
    entry.expires_at = datetime.now(UTC) - timedelta(seconds=1)  # the window has closed
    db.session.commit()
    with pytest.raises(NotFound):
        removals.restore_removed(organiser, workshop.id, entry.id)
    assert files_holding(app, secret), "kept in the trash until the purge"

    erased = retention.purge_removed(later)

    assert [e["kind"] for e in erased] == ["board"]
    assert db.session.scalar(select(func.count(RemovedItem.id))) == 0
    assert files_holding(app, secret) == []
    hide_entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "note.hide"))
    assert hide_entry is not None and hide_entry.before["text"] is None
    assert audit_actions(workshop.id)[-1] == "board.erased"
    assert db.session.get(Section, solutions.sections[0].id) is None


def test_the_purge_erases_a_removed_workshop_and_keeps_what_is_still_restorable(app, workshop, organiser):
    gone, kept = workshop.id, workshops.create_workshop(organiser, "blank", "Removed a moment ago").id
    removals.remove_workshop(organiser, gone)
    removals.remove_workshop(organiser, kept)
    old = db.session.scalar(select(RemovedItem).where(RemovedItem.workshop_id == gone))
    old.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()

    erased = retention.purge_removed()

    assert [(e["kind"], e["item_id"]) for e in erased] == [("workshop", gone)]
    assert db.session.get(Workshop, gone) is None
    assert db.session.get(Workshop, kept) is not None
    assert [w["item_id"] for w in removals.removed_workshops(organiser)] == [kept]


def test_flask_purge_expired_erases_removed_items_past_their_window(app, workshop, organiser, solutions):
    workshops.delete_board(organiser, workshop.id, solutions.id)
    entry = only_entry(workshop.id)
    entry.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["purge-expired"])
    assert result.exit_code == 0, result.output
    assert "Erased Board “Solutions”" in result.output and "1 removed item(s)" in result.output
    assert db.session.scalar(select(func.count(RemovedItem.id))) == 0
