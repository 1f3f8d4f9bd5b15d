"""What a delete takes with it, read from the schema: the rows that cascade, the links it clears, their counts.

Kept apart from trash.py so the snapshot machinery is one concern and the trash's life cycle another.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Table, select

from facilitation.extensions import db


def referencing(table: Table, action: str) -> list[ForeignKey]:
    """Foreign keys of any table that point at `table` and do `action` (CASCADE, SET NULL) on delete."""
    return [
        fk
        for other in db.metadata.sorted_tables
        for fk in other.foreign_keys
        if fk.column.table is table and (fk.ondelete or "").upper() == action
    ]


def row_key(table: Table, row: dict[str, Any]) -> tuple:
    return tuple(row[column.name] for column in table.primary_key.columns)


def taken_with(table: Table, row_id: int) -> dict[str, dict[tuple, dict[str, Any]]]:
    """table name -> rows (by primary key) that deleting this row deletes, the row itself included."""
    taken: dict[str, dict[tuple, dict[str, Any]]] = {}
    pending = [(table, table.c.id == row_id)]
    while pending:
        current, condition = pending.pop()
        bucket = taken.setdefault(current.name, {})
        fresh = []
        for found in db.session.execute(select(current).where(condition)):
            row = dict(found._mapping)
            if row_key(current, row) not in bucket:
                bucket[row_key(current, row)] = row
                fresh.append(row)
        if not fresh:
            continue
        for fk in referencing(current, "CASCADE"):
            values = sorted({row[fk.column.name] for row in fresh} - {None})
            if values:
                pending.append((fk.parent.table, fk.parent.in_(values)))
    return {name: rows for name, rows in taken.items() if rows}


def cleared_by(taken: dict[str, dict[tuple, dict[str, Any]]]) -> list[list[Any]]:
    """[table, primary key, column, value] for every reference to a taken row that the delete will set NULL."""
    references = []
    for name, rows in taken.items():
        for fk in referencing(db.metadata.tables[name], "SET NULL"):
            values = sorted({row[fk.column.name] for row in rows.values()} - {None})
            if not values:
                continue
            child = fk.parent.table
            keys = list(child.primary_key.columns)
            for found in db.session.execute(select(*keys, fk.parent).where(fk.parent.in_(values))):
                key = {column.name: found._mapping[column] for column in keys}
                if child.name in taken and tuple(key.values()) in taken[child.name]:
                    continue  # comes back with its own row
                references.append([child.name, key, fk.parent.name, found._mapping[fk.parent]])
    return references


def dump_row(row: dict[str, Any]) -> dict[str, Any]:
    return {name: value.isoformat() if isinstance(value, datetime | date) else value for name, value in row.items()}


def load_row(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A row as the table takes it back: the snapshot's JSON-safe values turned into column types again."""
    loaded = {}
    for name, value in row.items():
        column = table.c.get(name)
        if column is None:
            continue  # a column dropped since the removal
        if isinstance(value, str) and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        loaded[name] = value
    return loaded


def held_counts(taken: dict[str, dict], references: list[list[Any]], root: str) -> dict[str, dict[str, int]]:
    linked: dict[str, int] = {}
    for table_name, *_reference in references:
        linked[table_name] = linked.get(table_name, 0) + 1
    return {
        "taken": {name: len(rows) for name, rows in taken.items() if name != root},
        "linked": linked,
    }
