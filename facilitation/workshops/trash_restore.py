"""Putting a removed item back: its rows re-inserted with their ids where free, its links relinked."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Table, select, update
from sqlalchemy.exc import IntegrityError

from facilitation.extensions import db
from facilitation.kernel.errors import Conflict
from facilitation.models import (
    RemovedItem,
    Workshop,
)
from facilitation.workshops.trash import KINDS, Restored, entry_view
from facilitation.workshops.trash_rows import load_row


class _Exists:
    """Whether a row with this value in this column exists now, inside the restoring transaction."""

    def __init__(self) -> None:
        self.known: dict[tuple[str, str, Any], bool] = {}

    def __call__(self, column, value: Any) -> bool:
        key = (column.table.name, column.name, value)
        if key not in self.known:
            found = db.session.execute(select(column).where(column == value).limit(1)).first()
            self.known[key] = found is not None
        return self.known[key]

    def add(self, table: Table, row: dict[str, Any]) -> None:
        """Remember a row just inserted, by each of its columns that a foreign key may point at."""
        for column in table.columns:
            if column.primary_key or column.unique:
                self.known[(table.name, column.name, row.get(column.name))] = True


def _make_room(table: Table, row: dict[str, Any], siblings: str) -> None:
    """Its old place in its list (boards, groups, questions keep an order): move the later ones down one."""
    if "position" not in table.c or siblings not in table.c:
        return
    db.session.execute(
        update(table)
        .where(table.c[siblings] == row[siblings], table.c.position >= row["position"])
        .values(position=table.c.position + 1)
    )


def restore_rows(entry: RemovedItem) -> Restored:
    """Re-insert an entry's rows and references and delete the entry (the caller logs, audits and commits).

    Raises Conflict, with nothing changed, when something now in the workshop clashes with what comes back.
    """
    spec = KINDS[entry.kind]
    root = spec.model.__table__
    stored = entry.rows.get("tables", {})
    exists = _Exists()
    new_ids: dict[tuple[str, str], dict[Any, Any]] = {}
    ids: dict[str, list[int]] = {}
    view = {**entry_view(entry)}
    try:
        for table in db.metadata.sorted_tables:
            for raw in stored.get(table.name, []):
                row = load_row(table, raw)
                if not _parents_present(table, row, exists, new_ids):
                    continue
                if table is root:
                    _make_room(table, row, spec.siblings)
                _insert(table, row, exists, new_ids)
                if "id" in row:
                    ids.setdefault(table.name, []).append(row["id"])
        for table_name, key, column_name, value in entry.rows.get("references", []):
            _relink(db.metadata.tables[table_name], key, column_name, value, exists, new_ids)
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            _("The %(noun)s cannot come back: something added since clashes with it.", noun=spec.noun),
            code="restore_conflict",
        ) from None
    db.session.delete(entry)
    db.session.flush()
    db.session.expire_all()
    item_id = new_ids.get((root.name, "id"), {}).get(entry.item_id, entry.item_id)
    return Restored(entry=view, item_id=item_id, ids=ids)


def _parents_present(table: Table, row: dict[str, Any], exists: _Exists, new_ids: dict) -> bool:
    """Point the row at its parents' ids now; False where the database would have deleted it with a parent."""
    for fk in table.foreign_keys:
        name = fk.parent.name
        value = row.get(name)
        if value is None:
            continue
        value = new_ids.get((fk.column.table.name, fk.column.name), {}).get(value, value)
        row[name] = value
        if exists(fk.column, value):
            continue
        if (fk.ondelete or "").upper() == "SET NULL" and fk.parent.nullable:
            row[name] = None
        else:
            return False
    return True


def _insert(table: Table, row: dict[str, Any], exists: _Exists, new_ids: dict) -> None:
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and keys[0].name == "id" and exists(keys[0], row["id"]):
        # SQLite gave this id to a new row after the removal: come back under a fresh one.
        old = row.pop("id")
        row["id"] = db.session.execute(table.insert().values(**row)).inserted_primary_key[0]
        new_ids.setdefault((table.name, "id"), {})[old] = row["id"]
    else:
        db.session.execute(table.insert().values(**row))
    exists.add(table, row)


def _relink(table: Table, key: dict, column_name: str, value: Any, exists: _Exists, new_ids: dict) -> None:
    """Put a cleared reference back, unless its row has gone or has been given another value since."""
    column = table.c.get(column_name)
    if column is None:
        return
    (fk,) = column.foreign_keys
    value = new_ids.get((fk.column.table.name, fk.column.name), {}).get(value, value)
    if not exists(fk.column, value):
        return
    db.session.execute(
        update(table)
        .where(*(table.c[name] == v for name, v in load_row(table, key).items()), column.is_(None))
        .values({column_name: value})
    )


def unmark_workshop(entry: RemovedItem, workshop: Workshop) -> dict[str, Any]:
    """Bring a removed workshop back as it was (open again if it was open); the caller audits and commits."""
    view = entry_view(entry)
    workshop.removed_at = None
    workshop.is_open = bool(entry.rows.get("was_open"))
    db.session.delete(entry)
    db.session.flush()
    return view
