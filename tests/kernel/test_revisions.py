"""The revision counter, the typed Change, and commit-then-publish."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.kernel import broadcast, revisions
from facilitation.kernel.events import NOTE_UPDATED
from facilitation.kernel.revisions import Change
from facilitation.models import Change as ChangeRow


@pytest.fixture
def published(monkeypatch):
    """What reached the emitter, with whether the transaction was committed when it did."""
    sent: list[tuple[Change, bool]] = []

    def record(workshop_id, changes):
        committed = not db.session().in_transaction()
        sent.extend((change, committed) for change in changes)

    monkeypatch.setattr(broadcast, "publish", record)
    return sent


def test_record_change_takes_consecutive_revisions(workshop):
    first = revisions.record_change(workshop.id, NOTE_UPDATED, {"n": 1})
    second = revisions.record_change(workshop.id, NOTE_UPDATED, {"n": 2}, audience="moderators")
    db.session.commit()
    assert first == Change(audience="public", revision=1, event=NOTE_UPDATED, data={"n": 1}, after=0)
    assert second == Change(audience="moderators", revision=2, event=NOTE_UPDATED, data={"n": 2})
    assert second.envelope() == {"revision": 2, "event": NOTE_UPDATED, "data": {"n": 2}}


def test_a_public_change_names_the_public_revision_before_it(workshop):
    """Moderator-only revisions are skipped: a phone holding `after` has every change it may see."""
    first = revisions.record_change(workshop.id, NOTE_UPDATED, {"n": 1})
    revisions.record_change(workshop.id, NOTE_UPDATED, {"n": 2}, audience="moderators")
    revisions.record_change(workshop.id, NOTE_UPDATED, {"n": 3}, audience="g:1")
    third = revisions.record_change(workshop.id, NOTE_UPDATED, {"n": 4})
    db.session.commit()
    assert (third.revision, third.after) == (4, first.revision)
    assert third.envelope()["after"] == first.revision
    # A caller that does not say whose change it is counts as public: the next one names it.
    untold = revisions.next_revision(workshop.id)
    revisions.log_change(workshop.id, untold, NOTE_UPDATED, {"n": 5}, audience="moderators")
    last = revisions.record_change(workshop.id, NOTE_UPDATED, {"n": 6})
    db.session.commit()
    assert last.after == untold


def test_commit_and_publish_commits_first_and_returns_the_last_revision(workshop, published):
    changes = [revisions.record_change(workshop.id, NOTE_UPDATED, {"n": n}) for n in range(3)]
    assert revisions.commit_and_publish(workshop.id, changes) == 3
    assert [change.revision for change, _committed in published] == [1, 2, 3]
    assert all(committed for _change, committed in published)
    db.session.rollback()  # nothing left to roll back: the rows are stored
    assert db.session.scalar(select(func.count(ChangeRow.id)).where(ChangeRow.workshop_id == workshop.id)) == 3


def test_nothing_to_publish_gives_no_revision(workshop, published):
    assert revisions.commit_and_publish(workshop.id, []) is None
    assert published == []


def test_a_rolled_back_change_is_never_published(workshop, published):
    revisions.record_change(workshop.id, NOTE_UPDATED, {"n": 1})
    db.session.rollback()
    assert published == []
    assert db.session.scalar(select(func.count(ChangeRow.id)).where(ChangeRow.workshop_id == workshop.id)) == 0
