"""Retention and erasure: deleting a workshop leaves nothing of it in any table, including tables added later."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Text, func, select
from sqlalchemy.exc import IntegrityError

from facilitation.evaluation import answers as evaluation_answers
from facilitation.evaluation.service import questionnaire_of, set_status
from facilitation.extensions import db
from facilitation.kernel.errors import Invalid, NotAllowed, NotFound
from facilitation.models import Organiser, Workshop
from facilitation.security import retention
from facilitation.signups import service as signups
from facilitation.workshops import demo, participants
from facilitation.workshops import service as workshops

# Tables that belong to no workshop. A new table must either reach `workshops` through cascading foreign keys
# or be listed here on purpose; the test below fails until one of the two is true.
GLOBAL_TABLES = {
    "organisers",
    "alembic_version",
    # Rate-limit windows keyed by IP address or "participant:<id>" text, expiring within minutes on their own.
    "rate_counters",
}


def _value_for(column):
    kind = column.type
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Integer):
        return 1
    if isinstance(kind, DateTime):
        return datetime.now(UTC)
    if isinstance(kind, Date):
        return date.today()
    if isinstance(kind, JSON):
        return []
    if isinstance(kind, String | Text):
        length = getattr(kind, "length", None) or 32
        return uuid.uuid4().hex[: min(length, 32)]
    raise AssertionError(f"no test value for {column.table.name}.{column.name} ({kind!r})")


def fill_every_table(workshop_id: int, organiser_id: int) -> dict[str, dict]:
    """Insert one row into every table for the workshop, parents first; returns each row's primary key.

    Foreign keys point at the rows made here for the same workshop (or at an existing row of it when a
    unique constraint allows only one), so every row hangs off this workshop by some chain of keys.
    """
    made: dict[str, dict] = {"workshops": {"id": workshop_id}}
    for table in db.metadata.sorted_tables:
        if table.name in GLOBAL_TABLES or table.name == "workshops":
            continue
        values = {}
        for column in table.columns:
            fks = list(column.foreign_keys)
            if fks:
                parent = fks[0].column.table
                if parent.name == "organisers":
                    values[column.name] = organiser_id
                else:
                    assert parent.name in made, f"{table.name}.{column.name}: parent {parent.name} not filled yet"
                    values[column.name] = made[parent.name][fks[0].column.name]
            elif column is table.autoincrement_column:
                continue
            elif not column.nullable and column.default is None and column.server_default is None:
                values[column.name] = _value_for(column)
        nested = db.session.begin_nested()
        try:
            result = db.session.execute(table.insert().values(**values))
            nested.commit()
            key = dict(zip([c.name for c in table.primary_key.columns], result.inserted_primary_key, strict=True))
        except IntegrityError:
            # One-per-workshop tables (its questionnaire, its projector state) may exist already: use that row.
            nested.rollback()
            condition = retention._ownership_condition(table, workshop_id)
            assert condition is not None, f"{table.name} has a unique row that does not belong to the workshop"
            row = db.session.execute(select(*table.primary_key.columns).where(condition)).first()
            assert row is not None, f"could not put a row in {table.name}: {values}"
            key = dict(row._mapping)
        made[table.name] = {**values, **key}
    db.session.commit()
    return made


def row_exists(table_name: str, key: dict) -> bool:
    table = db.metadata.tables[table_name]
    pk = {c.name: key[c.name] for c in table.primary_key.columns}
    query = select(func.count()).select_from(table)
    for name, value in pk.items():
        query = query.where(table.c[name] == value)
    return db.session.scalar(query) > 0


def test_every_table_is_owned_by_a_workshop_or_declared_global(app):
    owned = {t.name for t in retention.owned_tables()}
    for table in db.metadata.sorted_tables:
        assert table.name in owned or table.name in GLOBAL_TABLES, (
            f"{table.name} does not reach workshops through ON DELETE CASCADE foreign keys: deleting a workshop "
            "would leave its rows behind"
        )


def test_deleting_a_workshop_removes_its_rows_from_every_table(workshop, organiser, attendee):
    keep = workshops.create_workshop(organiser, "oxford-2022")
    made = fill_every_table(workshop.id, organiser.organiser_id)
    fill_every_table(keep.id, organiser.organiser_id)
    assert set(made) >= {t.name for t in db.metadata.sorted_tables} - GLOBAL_TABLES
    kept_before = retention.rows_belonging_to(keep.id)
    assert all(kept_before[name] > 0 for name in made)

    removed = retention.erase_workshop(workshop.id)

    assert removed["workshops"] == 1 and removed["notes"] >= 1 and removed["signups"] >= 1
    left = {name: key for name, key in made.items() if row_exists(name, key)}
    assert left == {}, f"rows left behind: {left}"
    assert all(n == 0 for n in retention.rows_belonging_to(workshop.id).values())
    assert retention.rows_belonging_to(keep.id) == kept_before
    assert db.session.get(Organiser, organiser.organiser_id) is not None


def test_deleting_the_demo_removes_notes_answers_and_signups(app):
    created = demo.first_start("organiser@example.org", "correct horse battery")
    workshop = db.session.get(Workshop, created["workshop_id"])
    signups.create_signup(
        workshop.join_code,
        {"name": "A", "email": "a@example.org", "consent": True, "consent_text": signups.consent_text(workshop)},
    )
    joined = participants.join(workshop.join_code)
    from facilitation.kernel.access import actor_for_token

    attendee = actor_for_token(joined["token"])
    questions = questionnaire_of(workshop.id).questions
    evaluation_answers.submit_answers(
        attendee, workshop.id, {"answers": [{"question_id": q.id, "value": 5} for q in questions[:3]]}
    )
    before = retention.rows_belonging_to(workshop.id)
    assert before["responses"] == 35 and before["signups"] == 1 and before["notes"] > 0

    assert retention.erase_workshop(workshop.id)["answers"] == before["answers"]
    assert sum(retention.rows_belonging_to(workshop.id).values()) == 0


def test_purge_deletes_only_workshops_past_their_retention_date(organiser):
    today = date(2026, 12, 1)
    expired = workshops.create_workshop(organiser, "blank", "Expired")
    due_today = workshops.create_workshop(organiser, "blank", "Due today")
    undated = workshops.create_workshop(organiser, "blank", "Undated")
    retention.set_retention(organiser, expired.id, (today - timedelta(days=1)).isoformat())
    retention.set_retention(organiser, due_today.id, today.isoformat())
    ids = (expired.id, due_today.id, undated.id)

    purged = retention.purge_expired(today)

    assert [p["workshop_id"] for p in purged] == [expired.id]
    assert [db.session.get(Workshop, i) is not None for i in ids] == [False, True, True]
    assert retention.purge_expired(today) == []


def test_deletion_that_would_leave_rows_is_rolled_back(workshop, monkeypatch):
    monkeypatch.setattr(retention, "rows_belonging_to", lambda workshop_id: {"notes": 1})
    with pytest.raises(retention.ErasureIncomplete):
        retention.erase_workshop(workshop.id)
    monkeypatch.undo()
    assert db.session.get(Workshop, workshop.id) is not None


def test_files_kept_for_the_workshop_are_removed(app, workshop):
    folder = app.instance_path + f"/uploads/{workshop.id}"
    import os

    os.makedirs(folder)
    open(f"{folder}/picture.png", "wb").close()
    retention.erase_workshop(workshop.id)
    assert not os.path.exists(folder)


def test_retention_date_rules(workshop, organiser, other_organiser, attendee):
    assert retention.set_retention(organiser, workshop.id, "2027-06-23") == date(2027, 6, 23)
    assert retention.set_retention(organiser, workshop.id, "") is None
    with pytest.raises(Invalid):
        retention.set_retention(organiser, workshop.id, "23/06/2027")
    for actor in (other_organiser, attendee):
        with pytest.raises(NotAllowed):
            retention.set_retention(actor, workshop.id, "2027-06-23")
        with pytest.raises(NotAllowed):
            retention.delete_workshop(actor, workshop.id)
    with pytest.raises(NotFound):
        retention.erase_workshop(999999)


def test_cli_purge_and_delete(app, organiser):
    runner = app.test_cli_runner()
    old_id = workshops.create_workshop(organiser, "oxford-2022", "Old").id
    retention.set_retention(organiser, old_id, "2020-01-01")
    set_status(organiser, old_id, "open")
    result = runner.invoke(args=["purge-expired"])
    assert result.exit_code == 0, result.output
    assert f"Deleted workshop {old_id}" in result.output and "1 workshop(s)" in result.output
    db.session.expire_all()
    assert db.session.get(Workshop, old_id) is None

    other_id = workshops.create_workshop(organiser, "blank", "Other").id
    result = runner.invoke(args=["delete-workshop", str(other_id)], input="n\n")
    assert result.exit_code != 0
    db.session.expire_all()
    assert db.session.get(Workshop, other_id) is not None
    result = runner.invoke(args=["delete-workshop", str(other_id), "--yes"])
    assert result.exit_code == 0, result.output
    assert "1 workshops" in result.output
    result = runner.invoke(args=["delete-workshop", "999999", "--yes"])
    assert result.exit_code != 0 and "No such workshop" in result.output
