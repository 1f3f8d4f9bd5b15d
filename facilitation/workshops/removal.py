"""Removing and restoring: every removal asks first, goes to the trash, is audited, and can be undone."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from facilitation.evaluation import service as evaluation
from facilitation.extensions import db
from facilitation.kernel.access import (
    PUBLIC,
    Actor,
    authorise,
    authorise_role,
    moderation_audience,
)
from facilitation.kernel.errors import NotFound
from facilitation.kernel.events import NOTE_ADDED, PROJECTOR_CHANGED, STRUCTURE_CHANGED, VOTE_CHANGED
from facilitation.kernel.lookups import is_id, load_workshop, owned
from facilitation.kernel.revisions import Change, commit_and_publish, log_change, next_revision, record_change
from facilitation.kernel.visibility import note_view, structure_view
from facilitation.models import (
    AgendaItem,
    Board,
    Group,
    Note,
    Perspective,
    Vote,
    VoteRound,
    Workshop,
)
from facilitation.moderation import audit
from facilitation.projector.state import projector_view
from facilitation.security import presence
from facilitation.voting.service import round_view
from facilitation.workshops import trash, trash_restore

# No 0/O or 1/I: codes are read off a projector and typed on phones.


REMOVABLE = {"board": Board, "group": Group, "perspective": Perspective, "agenda_item": AgendaItem}


def removal_preview(actor: Actor, workshop_id: int, kind: str, item_id: Any) -> dict[str, Any]:
    """What removing this board, group, perspective or agenda item would take: for the confirmation page."""
    workshop = load_workshop(actor, workshop_id, "workshop.manage")
    model = REMOVABLE[kind]
    item = owned(
        model,
        item_id,
        workshop,
        f"unknown_{model.__name__.lower()}",
        _("No such %(kind)s in this workshop.", kind=kind),
    )
    return trash.preview_view(kind, item.id, trash.KINDS[kind].label(item), trash.preview(kind, item))


def workshop_removal_preview(actor: Actor, workshop_id: int) -> dict[str, Any]:
    """What removing the whole workshop would take: for the confirmation page on the dashboard."""
    workshop = load_workshop(actor, workshop_id, "workshop.delete")
    held = {"taken": trash.workshop_contents(workshop.id), "linked": {}}
    return trash.preview_view("workshop", workshop.id, workshop.title, held)


def remove_workshop(actor: Actor, workshop_id: int) -> dict[str, Any]:
    """Remove a workshop, undoably: it closes, leaves the dashboard, and its code and links stop working at
    once (every screen on it is dropped); restore_removed brings it back as it was until the undo window ends."""
    workshop = load_workshop(actor, workshop_id, "workshop.delete")
    sockets = presence.sockets_of_workshop(workshop.id)
    entry = trash.mark_workshop_removed(actor, workshop)
    db.session.commit()
    presence.drop(sockets)  # after the commit: a screen that reconnects finds the workshop gone
    return trash.entry_view(entry)


def _workshop_even_if_removed(actor: Actor, workshop_id: Any, action: str) -> Workshop:
    workshop = db.session.get(Workshop, workshop_id) if is_id(workshop_id) else None
    if workshop is None:
        raise NotFound(_("No such workshop."), code="unknown_workshop")
    authorise(actor, action, workshop)
    return workshop


def removed_items(actor: Actor, workshop_id: int) -> list[dict[str, Any]]:
    """What was removed from the workshop and can still be restored, newest first (a removed workshop: itself)."""
    workshop = _workshop_even_if_removed(actor, workshop_id, "workshop.manage")
    return [trash.entry_view(entry) for entry in trash.entries_of(workshop.id)]


def removed_workshops(actor: Actor) -> list[dict[str, Any]]:
    """The organiser's removed workshops that can still be restored, for the dashboard."""
    authorise_role(actor, "workshop.delete")
    return [trash.entry_view(entry) for entry in trash.removed_workshops(actor.organiser_id)]


def removal_of(workshop_id: int, kind: str, item_id: int) -> dict[str, Any] | None:
    """The trash entry a removal just made (the API answers a DELETE with it)."""
    entry = trash.removal_of(workshop_id, kind, item_id)
    return trash.entry_view(entry) if entry is not None else None


def restore_removed(actor: Actor, workshop_id: int, entry_id: Any) -> dict[str, Any]:
    """Put back something removed from the workshop (or the removed workshop itself) while it can be undone.

    It comes back with its own ids, its notes, votes and answers, and the links the removal cleared; every
    screen is told (structure:changed, then note:added for each of its notes the screen may see). Audited.
    """
    workshop = _workshop_even_if_removed(actor, workshop_id, "workshop.manage")
    entry = trash.restorable(workshop.id, entry_id)
    if entry.kind == "workshop":
        return _restore_workshop(actor, workshop, entry)
    if workshop.removed_at is not None:
        raise NotFound(_("No such workshop."), code="unknown_workshop")
    if entry.kind == "question":
        return evaluation.restore_question(actor, workshop.id, entry.id)
    restored = trash_restore.restore_rows(entry)
    audit.record(actor, workshop.id, f"{entry.kind}.restored", after={**restored.entry, "id": restored.item_id})
    workshop = db.session.get(Workshop, workshop.id)
    changes = [record_change(workshop.id, STRUCTURE_CHANGED, structure_view(workshop))]
    changes += _restored_notes(restored.ids.get("notes", []))
    changes += _restored_rounds(restored.ids.get("vote_rounds", []))
    changes.append(record_change(workshop.id, PROJECTOR_CHANGED, projector_view(workshop)))
    commit_and_publish(workshop.id, changes)
    return {"restored": restored.entry, "item_id": restored.item_id, "structure": changes[0].data}


def _restored_notes(note_ids: list[int]) -> list[Change]:
    """A note:added for each restored note, to whoever may see it: visible ones to everyone, pending and hidden
    ones to their moderators; deleted and merged ones only the organiser sees, on the moderation page."""
    changes = []
    for note in db.session.scalars(select(Note).where(Note.id.in_(note_ids)).order_by(Note.id)):
        if note.status == "visible":
            audience = PUBLIC
        elif note.status in ("pending", "hidden"):
            audience = moderation_audience(note.group_id)
        else:
            continue
        note.revision = next_revision(note.workshop_id)
        changes.append(log_change(note.workshop_id, note.revision, NOTE_ADDED, {"note": note_view(note)}, audience))
    return changes


def _restored_rounds(round_ids: list[int]) -> list[Change]:
    """A voting round that came back with its board: phones learn of it (an open round takes dots again)."""
    changes = []
    for vote_round in db.session.scalars(select(VoteRound).where(VoteRound.id.in_(round_ids)).order_by(VoteRound.id)):
        cast = db.session.scalar(select(func.count(Vote.id)).where(Vote.round_id == vote_round.id)) or 0
        changes.append(record_change(vote_round.workshop_id, VOTE_CHANGED, {"round": round_view(vote_round, cast)}))
    return changes


def _restore_workshop(actor: Actor, workshop: Workshop, entry) -> dict[str, Any]:
    view = trash_restore.unmark_workshop(entry, workshop)
    audit.record(actor, workshop.id, "workshop.restored", after=view)
    change = record_change(workshop.id, STRUCTURE_CHANGED, structure_view(workshop))
    commit_and_publish(workshop.id, [change])
    return {"restored": view, "item_id": workshop.id, "structure": change.data}
