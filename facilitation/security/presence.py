"""Which sockets are connected with which credential, so a revoked credential's sockets can be dropped.

Kept in the database (models.security.SocketPresence) because, scaled out, the socket may live in another
process: that process is reached through python-socketio's own cross-process disconnect (the message queue
carries {"method": "disconnect", sid}), and only the database knows which sids to name.
"""

from __future__ import annotations

from sqlalchemy import delete, select

from facilitation.extensions import db
from facilitation.kernel import broadcast
from facilitation.kernel.access import Actor
from facilitation.models import SocketPresence


def record(sid: str, actor: Actor) -> None:
    """Remember a socket that has just connected (its own short transaction)."""
    db.session.merge(
        SocketPresence(
            sid=sid,
            workshop_id=actor.workshop_id,
            role=actor.role,
            group_id=actor.group_id,
            participant_id=actor.participant_id,
            organiser_id=actor.organiser_id,
        )
    )
    db.session.commit()


def forget(sid: str) -> None:
    """Stop remembering a socket once it has disconnected (its own short transaction)."""
    db.session.execute(delete(SocketPresence).where(SocketPresence.sid == sid))
    db.session.commit()


def _sids(*criteria) -> list[str]:
    sids = list(db.session.scalars(select(SocketPresence.sid).where(*criteria)))
    db.session.commit()  # end the read: nothing may hold a transaction while sockets are disconnected
    return sids


def disconnect_group(group_id: int) -> list[str]:
    """A facilitator link was replaced or its group deleted: drop the tablets still using it."""
    return _drop(_sids(SocketPresence.role == "facilitator", SocketPresence.group_id == group_id))


def disconnect_participant(participant_id: int) -> list[str]:
    """An attendee was removed: drop their phone's sockets."""
    return _drop(_sids(SocketPresence.role == "attendee", SocketPresence.participant_id == participant_id))


def disconnect_attendees(workshop_id: int) -> list[str]:
    """The workshop closed: attendee sessions end (facilitators, projector and organiser may still look)."""
    return _drop(_sids(SocketPresence.workshop_id == workshop_id, SocketPresence.role == "attendee"))


def sockets_of_workshop(workshop_id: int) -> list[str]:
    """Every socket connected to a workshop, read inside the caller's transaction: the deleting
    service reads them before the rows cascade away and drops them after its commit."""
    return list(db.session.scalars(select(SocketPresence.sid).where(SocketPresence.workshop_id == workshop_id)))


def sockets_of_organiser(organiser_id: int) -> list[str]:
    """Every socket an organiser opened with their signed-in session, read inside the caller's transaction:
    the service ending that organiser's sessions drops them after its commit."""
    return list(
        db.session.scalars(
            select(SocketPresence.sid).where(
                SocketPresence.role == "organiser", SocketPresence.organiser_id == organiser_id
            )
        )
    )


def drop(sids: list[str]) -> list[str]:
    """Disconnect these sockets (after the caller's commit), on whichever process holds them."""
    return _drop(sids)


def _drop(sids: list[str]) -> list[str]:
    broadcast.disconnect(sids)
    return sids
