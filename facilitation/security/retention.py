"""Retention and erasure: a workshop past its retention date is deleted with everything that belongs to it.

"Everything" is decided by the schema, not by a list kept here: every table that reaches `workshops`
through ON DELETE CASCADE foreign keys belongs to a workshop, so tables added later (moderation,
votes, projector state) are covered without editing this module. The database does the cascading; an
explicit count afterwards proves nothing was left, and rolls the deletion back if something was.
Files kept per workshop under the instance folder (instance/<folder>/<workshop id>/) go too, and so do the
bytes on disk: secure_delete zeroes the freed pages and a WAL checkpoint after each erasure leaves no older
copy of them in the -wal (database.checkpoint_after_erasure).
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Table, delete, func, select
from sqlalchemy.sql.elements import ColumnElement

from facilitation.database import checkpoint_after_erasure
from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import DomainError, Invalid, NotFound
from facilitation.kernel.lookups import load_workshop
from facilitation.models import Workshop
from facilitation.models.workshop import utcnow
from facilitation.moderation import audit
from facilitation.security import presence
from facilitation.workshops import trash

WORKSHOP_FILE_FOLDERS = ("uploads", "exports")
# Who the audit log names for what the purge does on its own (`flask purge-expired`).
SYSTEM = Actor(role="system")


class ErasureIncomplete(DomainError):
    code = "erasure_incomplete"
    status = 500


def _ownership_condition(table: Table, workshop_id: int, seen: frozenset[str] = frozenset()) -> ColumnElement | None:
    """A WHERE clause selecting this table's rows that belong to the workshop, following cascading FKs."""
    workshops = Workshop.__table__
    if table is workshops:
        return workshops.c.id == workshop_id
    conditions = []
    for fk in table.foreign_keys:
        parent = fk.column.table
        if (fk.ondelete or "").upper() != "CASCADE" or parent.name in seen or parent is table:
            continue
        parent_condition = _ownership_condition(parent, workshop_id, seen | {table.name})
        if parent_condition is None:
            continue
        if parent is workshops:
            conditions.append(fk.parent == workshop_id)
        else:
            conditions.append(fk.parent.in_(select(fk.column).where(parent_condition)))
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else db.or_(*conditions)


def owned_tables() -> list[Table]:
    """Every table whose rows belong to a workshop (the workshops table included)."""
    return [t for t in db.metadata.sorted_tables if _ownership_condition(t, 0) is not None]


def rows_belonging_to(workshop_id: int) -> dict[str, int]:
    """table name -> number of rows that belong to the workshop, for every owned table."""
    counts = {}
    for table in owned_tables():
        condition = _ownership_condition(table, workshop_id)
        counts[table.name] = db.session.scalar(select(func.count()).select_from(table).where(condition)) or 0
    return counts


def _remove_files(workshop_id: int) -> None:
    root = Path(current_app.instance_path)
    for folder in WORKSHOP_FILE_FOLDERS:
        path = root / folder / str(workshop_id)
        if path.is_dir():
            shutil.rmtree(path)


def erase_workshop(workshop_id: int) -> dict[str, int]:
    """Delete a workshop and everything it owns, or nothing at all; returns the rows removed per table.

    For trusted callers (the CLI, the purge); organisers go through delete_workshop.
    """
    before = {name: n for name, n in rows_belonging_to(workshop_id).items() if n}
    if not before:
        raise NotFound(_("No such workshop."), code="unknown_workshop")
    sockets = presence.sockets_of_workshop(workshop_id)
    db.session.execute(delete(Workshop).where(Workshop.id == workshop_id))
    db.session.flush()
    left = {name: n for name, n in rows_belonging_to(workshop_id).items() if n}
    if left:
        db.session.rollback()
        raise ErasureIncomplete(f"Deleting workshop {workshop_id} would leave rows behind: {left}")
    db.session.commit()
    db.session.expire_all()
    checkpoint_after_erasure(db.engine)
    presence.drop(sockets)  # after the commit: a dropped phone that reconnects finds no workshop
    _remove_files(workshop_id)
    return before


def delete_workshop(actor: Actor, workshop_id: int) -> dict[str, int]:
    """The organiser deletes their own workshop for good."""
    load_workshop(actor, workshop_id, "workshop.delete")
    return erase_workshop(workshop_id)


def expired_workshops(today: date | None = None) -> list[int]:
    """Workshops whose retention date is before today (UTC), by id; a workshop with no date is kept."""
    today = today or utcnow().date()
    return list(
        db.session.scalars(
            select(Workshop.id)
            .where(Workshop.retention_until.is_not(None), Workshop.retention_until < today)
            .order_by(Workshop.id)
        )
    )


def purge_expired(today: date | None = None) -> list[dict[str, Any]]:
    """Delete every workshop whose retention date has passed; one workshop per transaction."""
    purged = []
    for workshop_id in expired_workshops(today):
        purged.append({"workshop_id": workshop_id, "rows": erase_workshop(workshop_id)})
    return purged


def purge_removed(now: datetime | None = None) -> list[dict[str, Any]]:
    """Erase what organisers removed once its undo window has closed (workshops/trash.py), one per transaction.

    A removed workshop is erased whole, as by delete-workshop. Any other removed item (a board and its notes,
    a question and its answers...) loses its kept rows, and the audit entries about its notes lose their
    wording; the log keeps that it was removed and erased, and when. Each erasure ends with a checkpoint.
    """
    erased = []
    for entry in trash.expired(now):
        if entry.kind == "workshop":
            view = trash.entry_view(entry)  # read before the erasure takes the entry with the workshop
            erased.append({**view, "rows": erase_workshop(entry.workshop_id)})
            continue
        view = trash.erase_entry(entry)
        audit.record(SYSTEM, entry.workshop_id, f"{entry.kind}.erased", before={"summary": view["summary"]})
        db.session.commit()
        checkpoint_after_erasure(db.engine)
        erased.append(view)
    return erased


def set_retention(actor: Actor, workshop_id: int, value: Any) -> date | None:
    """Set (YYYY-MM-DD) or clear (None or "") the date after which the workshop is purged."""
    workshop = load_workshop(actor, workshop_id, "workshop.manage")
    if value in (None, ""):
        workshop.retention_until = None
    else:
        try:
            workshop.retention_until = date.fromisoformat(value)
        except (TypeError, ValueError):
            raise Invalid(_("Dates are written YYYY-MM-DD."), code="bad_date") from None
    db.session.commit()
    return workshop.retention_until
