"""The audit log of moderation: who did what to which note or setting, when, and the state before and after.

`record` only adds a row to the caller's session: the entry commits, or rolls back, with the action it
describes, so the log never claims an action that did not happen and never misses one that did.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.lookups import load_workshop
from facilitation.kernel.visibility import utc_iso
from facilitation.models import AuditEntry, Group, Note

DEFAULT_LIMIT = 200


def note_snapshot(note: Note) -> dict[str, Any]:
    """The parts of a note a moderation action can change; what `before` and `after` record."""
    return {
        "text": note.text,
        "status": note.status,
        "board_id": note.board_id,
        "section_id": note.section_id,
        "perspective_id": note.perspective_id,
        "pinned": note.pinned,
        "version": note.version,
    }


def record(
    actor: Actor,
    workshop_id: int,
    action: str,
    *,
    note: Note | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Add an audit entry to the current transaction (the caller commits it with the action)."""
    entry = AuditEntry(
        workshop_id=workshop_id,
        actor_role=actor.role,
        actor_organiser_id=actor.organiser_id,
        actor_group_id=actor.group_id,
        actor_participant_id=actor.participant_id,
        action=action,
        note_id=note.id if note is not None else None,
        before=before,
        after=after,
    )
    db.session.add(entry)
    return entry


def describe_actor(role: str, group_name: str | None) -> str:
    """Who acted, in words for the log; a facilitator is named by their group, even once it is removed."""
    if role == "facilitator":
        return f"Facilitator of {group_name}" if group_name else "Facilitator (group removed)"
    return role.capitalize()


def entry_view(entry: AuditEntry, group_names: dict[int, str]) -> dict[str, Any]:
    """One audit entry for the organiser's log, its actor named for people as well as by role and group."""
    return {
        "id": entry.id,
        "at": utc_iso(entry.at),
        "actor_role": entry.actor_role,
        "actor_group_id": entry.actor_group_id,
        "actor": describe_actor(entry.actor_role, group_names.get(entry.actor_group_id or 0)),
        "action": entry.action,
        "note_id": entry.note_id,
        "before": entry.before,
        "after": entry.after,
    }


def entries(actor: Actor, workshop_id: int, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """The newest audit entries of a workshop, newest first; the organiser only."""
    workshop = load_workshop(actor, workshop_id, "audit.view")
    rows = db.session.scalars(
        select(AuditEntry).where(AuditEntry.workshop_id == workshop.id).order_by(AuditEntry.id.desc()).limit(limit)
    )
    group_names = dict(db.session.execute(select(Group.id, Group.name).where(Group.workshop_id == workshop.id)).all())
    return [entry_view(entry, group_names) for entry in rows]
