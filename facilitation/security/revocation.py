"""Taking access away: replacing a facilitator link and removing an attendee, with their sockets dropped.

Each action commits first, then disconnects the affected sockets (services/presence.py), so a dropped
socket that reconnects at once is already refused. Every later event on any socket re-resolves its
credential anyway (realtime/connection.py); the disconnect also stops broadcasts reaching it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from facilitation.extensions import db
from facilitation.kernel.access import FACILITATOR_PREFIX, Actor, new_token
from facilitation.kernel.lookups import load_workshop, owned
from facilitation.kernel.visibility import utc_iso
from facilitation.models import Group, Note, Participant, Workshop
from facilitation.moderation import audit
from facilitation.security import presence


def _owned(model: type, item_id: Any, workshop: Workshop, code: str):
    return owned(model, item_id, workshop, code, f"No such {model.__name__.lower()} in this workshop.")


def replace_facilitator_link(actor: Actor, workshop_id: int, group_id: int) -> dict[str, Any]:
    """Give the group a new link; the old one stops working and its tablets are disconnected at once."""
    workshop = load_workshop(actor, workshop_id, "access.manage")
    group = _owned(Group, group_id, workshop, "unknown_group")
    group.facilitator_token = new_token(FACILITATOR_PREFIX)
    group.revoked = False
    audit.record(actor, workshop.id, "facilitator_link.replace", after={"group_id": group.id, "group": group.name})
    db.session.commit()
    dropped = presence.disconnect_group(group.id)
    return {"group_id": group.id, "token": group.facilitator_token, "disconnected": len(dropped)}


def remove_participant(actor: Actor, workshop_id: int, participant_id: int) -> dict[str, Any]:
    """End an attendee's phone session for good: their sockets drop and their token stops working.

    Their notes stay (moderators hide them if needed); the phone can only come back by joining afresh.
    """
    workshop = load_workshop(actor, workshop_id, "access.manage")
    participant = _owned(Participant, participant_id, workshop, "unknown_participant")
    if not participant.removed:
        participant.removed = True
        audit.record(
            actor,
            workshop.id,
            "participant.remove",
            before={"participant_id": participant.id, "name": participant.display_name},
        )
        db.session.commit()
    dropped = presence.disconnect_participant(participant.id)
    return {"participant_id": participant.id, "removed": True, "disconnected": len(dropped)}


def participants_of(actor: Actor, workshop_id: int) -> list[dict[str, Any]]:
    """The attendee sessions of a workshop, newest first, with how many notes each has posted."""
    workshop = load_workshop(actor, workshop_id, "access.manage")
    counts = dict(
        db.session.execute(
            select(Note.participant_id, func.count(Note.id))
            .where(Note.workshop_id == workshop.id, Note.participant_id.is_not(None))
            .group_by(Note.participant_id)
        ).all()
    )
    rows = db.session.scalars(
        select(Participant).where(Participant.workshop_id == workshop.id).order_by(Participant.id.desc())
    )
    return [
        {
            "id": p.id,
            "name": p.display_name,
            "joined_at": utc_iso(p.created_at),
            "removed": p.removed,
            "notes": counts.get(p.id, 0),
        }
        for p in rows
    ]
