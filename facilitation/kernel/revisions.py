"""The revision counter and change log behind catch-up after a reconnect."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from facilitation.extensions import db
from facilitation.models import Change, Workshop


def next_revision(workshop_id: int) -> int:
    """Take the workshop's next revision inside the caller's transaction.

    The UPDATE takes the write lock first, so two writers can never get the same revision.
    """
    return db.session.execute(
        update(Workshop)
        .where(Workshop.id == workshop_id)
        .values(revision=Workshop.revision + 1)
        .returning(Workshop.revision)
        .execution_options(synchronize_session=False)
    ).scalar_one()


def log_change(
    workshop_id: int, revision: int, event: str, data: dict[str, Any], audience: str = "public"
) -> tuple[str, dict]:
    """Log a change at `revision`; returns (audience, envelope) for broadcast.publish after commit."""
    db.session.add(Change(workshop_id=workshop_id, revision=revision, event=event, audience=audience, payload=data))
    return audience, {"revision": revision, "event": event, "data": data}


def record_change(workshop_id: int, event: str, data: dict[str, Any], audience: str = "public") -> tuple[str, dict]:
    """Take the next revision and log the change in one step, for payloads that do not carry it."""
    return log_change(workshop_id, next_revision(workshop_id), event, data, audience)
