"""The trash: a removed board, group, perspective, agenda item or question can be put back for a while.

Why a trash table and not a `deleted_at` column: `workshop.boards`, `groups`, `perspectives`, the notes of a
board and a questionnaire's questions are read by every screen, export, count and permission check. A
`deleted_at` flag would have to be filtered in each of those queries, and the one that forgot would show a
removed board's notes on the projector. Instead a removal deletes the live rows exactly as before, and in the
same transaction writes everything the delete takes with it into one `removed_items` row as JSON. Nothing
that reads live tables has to know the trash exists.

What "everything" is comes from the schema, as in security/retention.py: the rows reached from the removed
row through ON DELETE CASCADE foreign keys (a board's sections, notes, their history, voting rounds, dots; a
question's answers), and the references ON DELETE SET NULL would clear (a group's notes, the projector's
board, an audit entry's note). A table added later is covered without editing this module.

Restoring re-inserts the rows with their own ids, parents first, and puts back each cleared reference that
nothing has filled since. What the database would have done had the rows stayed live is done again: a row
whose parent has gone since (a phone session erased, a section removed) is dropped, and a nullable reference
to a row that has gone is left empty. On SQLite an id can be handed out again once the row holding the
highest id is deleted; if a new row has taken a removed row's id meanwhile, the removed row comes back under
a new id and its children follow it.

A removed workshop is the exception: its rows stay where they are, the workshop is closed and marked
(Workshop.removed_at), and kernel.lookups and kernel.access then treat it as gone (no page, no join code, no
facilitator or projector link). Its entry here records only that it was open.

An entry can be restored until `expires_at`: UNDO_HOURS after the removal (default 24), and never before the
end of the day it was removed on (the server's local time), so an organiser can undo anything on the day.
`flask purge-expired` then erases it (security/retention.purge_removed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import delete, func, select

from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import NotFound
from facilitation.kernel.events import EVALUATION_CHANGED, EVALUATION_RESULTS, VOTE_CHANGED
from facilitation.kernel.lookups import is_id
from facilitation.kernel.visibility import utc_iso
from facilitation.models import (
    AgendaItem,
    AuditEntry,
    Board,
    Change,
    Group,
    Note,
    Perspective,
    Question,
    Questionnaire,
    RemovedItem,
    Response,
    Signup,
    Workshop,
    utcnow,
)
from facilitation.moderation import audit
from facilitation.workshops.trash_rows import cleared_by, dump_row, held_counts, taken_with

DEFAULT_UNDO_HOURS = 24.0


@dataclass(frozen=True)
class Kind:
    """A kind of thing an organiser can remove: its model, how people name it, and whose list it sits in."""

    model: type
    noun: str
    siblings: str = "workshop_id"  # the column whose equal values form its ordered list

    def label(self, row: Any) -> str:
        """The name the organiser knew it by, as the list of removed items and the audit log show it."""
        if isinstance(row, Board):
            return row.title
        if isinstance(row, AgendaItem):
            return f"{row.starts_at} {row.title}"
        if isinstance(row, Question):
            return row.prompt[:200]
        return row.name


KINDS: dict[str, Kind] = {
    "board": Kind(Board, "board"),
    "group": Kind(Group, "group"),
    "perspective": Kind(Perspective, "perspective"),
    "agenda_item": Kind(AgendaItem, "agenda item"),
    "question": Kind(Question, "question", siblings="questionnaire_id"),
}


@dataclass(frozen=True)
class Restored:
    """What a restore put back: the entry as it was, the root's id now, and the ids of every row by table."""

    entry: dict[str, Any]
    item_id: int
    ids: dict[str, list[int]]


# --- the undo window ---------------------------------------------------------------------------------------


def aware(moment: datetime) -> datetime:
    """Stored times come back from SQLite without their zone; they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def undo_deadline(removed_at: datetime) -> datetime:
    """Until when a removal can be undone: UNDO_HOURS later, and at least until the end of that local day."""
    hours = float(current_app.config.get("UNDO_HOURS", DEFAULT_UNDO_HOURS))
    removed_at = aware(removed_at)
    local = removed_at.astimezone()
    end_of_day = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    return max(removed_at + timedelta(hours=hours), end_of_day.astimezone(UTC))


def preview(kind: str, row: Any) -> dict[str, dict[str, int]]:
    """What removing this row would take ({"taken": {table: n}}) and unlink ({"linked": {table: n}})."""
    table = KINDS[kind].model.__table__
    taken = taken_with(table, row.id)
    return held_counts(taken, cleared_by(taken), table.name)


def preview_view(kind: str, row_id: int, label: str, held: dict[str, dict[str, int]]) -> dict[str, Any]:
    """What a confirmation page shows before a removal: what it is, what goes with it, until when it can be undone."""
    return {
        "kind": kind,
        "id": row_id,
        "label": label,
        "held": held,
        "summary": describe(kind, label, held),
        "restorable_until": utc_iso(undo_deadline(utcnow())),
    }


def move_to_trash(actor: Actor, workshop: Workshop, kind: str, row: Any) -> RemovedItem:
    """Keep `row` and everything its delete takes or unlinks in the trash, and log the removal in the audit.

    Call it just before deleting the row, in the same transaction: the caller deletes and commits, so the
    entry exists exactly when the delete happened.
    """
    db.session.flush()
    spec = KINDS[kind]
    table = spec.model.__table__
    taken = taken_with(table, row.id)
    references = cleared_by(taken)
    now = utcnow()
    entry = RemovedItem(
        workshop_id=workshop.id,
        kind=kind,
        item_id=row.id,
        label=spec.label(row),
        held=held_counts(taken, references, table.name),
        rows={
            "tables": {name: [dump_row(r) for r in rows.values()] for name, rows in taken.items()},
            "references": [[t, dump_row(k), c, v] for t, k, c, v in references],
        },
        removed_by_role=actor.role,
        removed_by_organiser_id=actor.organiser_id,
        removed_at=now,
        expires_at=undo_deadline(now),
    )
    db.session.add(entry)
    _forget_in_change_log(workshop.id, taken)
    db.session.flush()
    audit.record(actor, workshop.id, f"{kind}.removed", before=_summary(entry))
    return entry


def mark_workshop_removed(actor: Actor, workshop: Workshop) -> RemovedItem:
    """Close the workshop and mark it removed, with an entry saying whether it was open (the caller commits)."""
    now = utcnow()
    entry = RemovedItem(
        workshop_id=workshop.id,
        kind="workshop",
        item_id=workshop.id,
        label=workshop.title,
        held={"taken": workshop_contents(workshop.id), "linked": {}},
        rows={"was_open": workshop.is_open},
        removed_by_role=actor.role,
        removed_by_organiser_id=actor.organiser_id,
        removed_at=now,
        expires_at=undo_deadline(now),
    )
    db.session.add(entry)
    workshop.is_open = False
    workshop.removed_at = now
    db.session.flush()
    audit.record(actor, workshop.id, "workshop.removed", before=_summary(entry))
    return entry


def workshop_contents(workshop_id: int) -> dict[str, int]:
    """What an organiser would lose with the workshop: its notes, boards, groups, responses and sign-ups."""

    def count(model, *criteria) -> int:
        return db.session.scalar(select(func.count()).select_from(model).where(*criteria)) or 0

    return {
        "notes": count(Note, Note.workshop_id == workshop_id),
        "boards": count(Board, Board.workshop_id == workshop_id),
        "groups": count(Group, Group.workshop_id == workshop_id),
        "responses": count(
            Response,
            Response.questionnaire_id.in_(select(Questionnaire.id).where(Questionnaire.workshop_id == workshop_id)),
        ),
        "signups": count(Signup, Signup.workshop_id == workshop_id),
    }


def _forget_in_change_log(workshop_id: int, taken: dict[str, dict]) -> None:
    """Catch-up must not replay what nobody can see any more. Note entries already hold only a reference (the
    sync service reads the note as it is now); the entries that still carry text are a voting round's summary
    (its closing result names notes) and the evaluation's, which carries every approved comment. A removed
    round's summaries go; for a removed question every earlier evaluation entry goes, since the one logged with
    the removal carries the whole questionnaire and its results and so stands for all of them."""
    round_ids = [key[0] for key in taken.get("vote_rounds", {})]
    if round_ids:
        db.session.execute(
            delete(Change).where(
                Change.workshop_id == workshop_id,
                Change.event == VOTE_CHANGED,
                Change.payload[("round", "id")].as_integer().in_(round_ids),
            )
        )
    if "questions" in taken:
        db.session.execute(
            delete(Change).where(
                Change.workshop_id == workshop_id, Change.event.in_((EVALUATION_CHANGED, EVALUATION_RESULTS))
            )
        )


# --- the list of removed items ----------------------------------------------------------------------------


def _summary(entry: RemovedItem) -> dict[str, Any]:
    """What the audit log records of a removal: what it was and what it held, never any of its text."""
    return {
        "removed_item_id": entry.id,
        "kind": entry.kind,
        "id": entry.item_id,
        "label": entry.label,
        "held": entry.held,
        "summary": describe(entry.kind, entry.label, entry.held),
    }


def describe(kind: str, label: str, held: dict[str, dict[str, int]]) -> str:
    """In words, what the removal takes: "Board “Solutions” with 55 notes and 3 sections". One whole sentence
    per kind, in the request's language, so a translation can order and mutate its parts."""
    taken, linked = held.get("taken", {}), held.get("linked", {})
    notes = ngettext("%(num)d note", "%(num)d notes", taken.get("notes", 0))
    if kind == "board":
        sections = ngettext("%(num)d section", "%(num)d sections", taken.get("sections", 0))
        if taken.get("vote_rounds"):
            rounds = ngettext("%(num)d voting round", "%(num)d voting rounds", taken["vote_rounds"])
            return _(
                "Board “%(label)s” with %(notes)s, %(sections)s and %(rounds)s",
                label=label,
                notes=notes,
                sections=sections,
                rounds=rounds,
            )
        return _("Board “%(label)s” with %(notes)s and %(sections)s", label=label, notes=notes, sections=sections)
    kept = ngettext("%(num)d note", "%(num)d notes", linked.get("notes", 0))
    if kind == "group":
        return _("Group “%(label)s” (%(notes)s keep their place without it)", label=label, notes=kept)
    if kind == "perspective":
        return _("Perspective “%(label)s” (%(notes)s keep their place without it)", label=label, notes=kept)
    if kind == "question":
        answers = ngettext("%(num)d answer", "%(num)d answers", taken.get("answers", 0))
        return _("Question “%(label)s” with %(answers)s", label=label, answers=answers)
    if kind == "agenda_item":
        return _("Agenda item “%(label)s”", label=label)
    if kind == "workshop":
        responses = ngettext("%(num)d evaluation response", "%(num)d evaluation responses", taken.get("responses", 0))
        signups = ngettext("%(num)d sign-up", "%(num)d sign-ups", taken.get("signups", 0))
        return _(
            "Workshop “%(label)s” with %(notes)s, %(responses)s and %(signups)s",
            label=label,
            notes=notes,
            responses=responses,
            signups=signups,
        )
    return f"{KINDS[kind].noun.capitalize()} “{label}”" if kind in KINDS else label


def entry_view(entry: RemovedItem) -> dict[str, Any]:
    """One removed item as the organiser's list and the API show it."""
    return {
        "id": entry.id,
        "workshop_id": entry.workshop_id,
        "kind": entry.kind,
        "item_id": entry.item_id,
        "label": entry.label,
        "held": entry.held,
        "summary": describe(entry.kind, entry.label, entry.held),
        "removed_by": entry.removed_by_role,
        "removed_at": utc_iso(entry.removed_at),
        "restorable_until": utc_iso(entry.expires_at),
    }


def _live(now: datetime | None = None):
    return RemovedItem.expires_at > (now or utcnow())


def entries_of(workshop_id: int, kinds: tuple[str, ...] | None = None) -> list[RemovedItem]:
    """The workshop's removed items that can still be restored, newest first (no permission check)."""
    query = select(RemovedItem).where(RemovedItem.workshop_id == workshop_id, _live())
    if kinds:
        query = query.where(RemovedItem.kind.in_(kinds))
    return list(db.session.scalars(query.order_by(RemovedItem.id.desc())))


def removal_of(workshop_id: int, kind: str, item_id: int) -> RemovedItem | None:
    """The latest removal of this item (what an API delete answers with)."""
    return db.session.scalar(
        select(RemovedItem)
        .where(RemovedItem.workshop_id == workshop_id, RemovedItem.kind == kind, RemovedItem.item_id == item_id)
        .order_by(RemovedItem.id.desc())
        .limit(1)
    )


def removed_workshops(organiser_id: int) -> list[RemovedItem]:
    """The organiser's removed workshops that can still be restored, newest first."""
    return list(
        db.session.scalars(
            select(RemovedItem)
            .join(Workshop, Workshop.id == RemovedItem.workshop_id)
            .where(Workshop.organiser_id == organiser_id, RemovedItem.kind == "workshop", _live())
            .order_by(RemovedItem.id.desc())
        )
    )


def restorable(workshop_id: int, entry_id: Any) -> RemovedItem:
    """The workshop's entry with this id, while it can be restored; otherwise NotFound."""
    entry = db.session.get(RemovedItem, entry_id) if is_id(entry_id) else None
    if entry is None or entry.workshop_id != workshop_id or aware(entry.expires_at) <= utcnow():
        raise NotFound(_("Nothing removed with that id can be restored here."), code="unknown_removed_item")
    return entry


# --- after the undo window --------------------------------------------------------------------------------


def expired(now: datetime | None = None) -> list[RemovedItem]:
    """Entries whose undo window has closed, oldest first: what the purge erases."""
    return list(
        db.session.scalars(
            select(RemovedItem).where(RemovedItem.expires_at <= (now or utcnow())).order_by(RemovedItem.id)
        )
    )


def erase_entry(entry: RemovedItem) -> dict[str, Any]:
    """Delete a non-workshop entry for good, and blank the wording its notes left in the audit log (the caller
    commits and checkpoints). The audit entries stay: who hid or edited what, and when, without the text."""
    view = entry_view(entry)
    note_ids = {row["id"] for row in entry.rows.get("tables", {}).get("notes", [])}
    if note_ids:
        audited = db.session.scalars(
            select(AuditEntry).where(
                AuditEntry.workshop_id == entry.workshop_id,
                AuditEntry.id.in_(
                    [
                        key["id"]
                        for table, key, column, value in entry.rows.get("references", [])
                        if table == "audit_entries" and column == "note_id" and value in note_ids
                    ]
                ),
            )
        )
        for audit_entry in audited:
            audit_entry.before = _without_text(audit_entry.before)
            audit_entry.after = _without_text(audit_entry.after)
    answer_count = len(entry.rows.get("tables", {}).get("answers", []))
    db.session.delete(entry)
    return {**view, "answers_erased": answer_count, "notes_erased": len(note_ids)}


def _without_text(snapshot: dict[str, Any] | None) -> dict[str, Any] | None:
    if not isinstance(snapshot, dict) or "text" not in snapshot:
        return snapshot
    return {**snapshot, "text": None}
