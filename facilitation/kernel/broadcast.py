"""The only code that emits. Rooms are named here; services call publish() after they commit."""

from __future__ import annotations

from collections.abc import Iterable

from facilitation.extensions import socketio
from facilitation.kernel.access import MODERATORS, PUBLIC, audience_author, audience_group
from facilitation.kernel.events import NAMESPACE


def workshop_room(workshop_id: int) -> str:
    """Everyone connected to a workshop: phones, tablets, projector, organiser."""
    return f"workshop:{workshop_id}"


def moderators_room(workshop_id: int) -> str:
    """Organiser and facilitators only: pending and moderator-only traffic."""
    return f"workshop:{workshop_id}:moderators"


def organisers_room(workshop_id: int) -> str:
    """The organiser's screens: they receive every group's moderator-only traffic."""
    return f"workshop:{workshop_id}:organisers"


def group_room(workshop_id: int, group_id: int) -> str:
    """One group's facilitator tablets: their group's notes that are not on the screen."""
    return f"workshop:{workshop_id}:group:{group_id}"


def participant_room(participant_id: int) -> str:
    """One attendee's phone sockets."""
    return f"participant:{participant_id}"


def rooms_for(workshop_id: int, audience: str) -> str | list[str]:
    """The rooms that together hold exactly the sockets access.in_audience admits."""
    if audience == PUBLIC:
        return workshop_room(workshop_id)
    if audience == MODERATORS:
        return moderators_room(workshop_id)
    author = audience_author(audience)
    if author is not None:
        return participant_room(author)
    return [organisers_room(workshop_id), group_room(workshop_id, audience_group(audience))]


def rooms_of(actor) -> list[str]:
    """Every room a socket of this actor joins on connect."""
    rooms = [workshop_room(actor.workshop_id)]
    if actor.role == "organiser":
        rooms += [moderators_room(actor.workshop_id), organisers_room(actor.workshop_id)]
    elif actor.role == "facilitator":
        rooms += [moderators_room(actor.workshop_id), group_room(actor.workshop_id, actor.group_id)]
    elif actor.participant_id is not None:
        rooms.append(participant_room(actor.participant_id))
    return rooms


def publish(workshop_id: int, changes: Iterable) -> None:
    """Emit committed changes (revisions.Change) to the rooms allowed to see them.

    Only revisions.commit_and_publish calls this, after the commit.
    """
    for change in changes:
        # A list of rooms reaches each socket once, however many of them it is in.
        socketio.emit(change.event, change.envelope(), to=rooms_for(workshop_id, change.audience), namespace=NAMESPACE)


def disconnect(sids: Iterable[str]) -> None:
    """Drop sockets whose credential was revoked, after the revocation is committed.

    A sid of another process is handed to it over the message queue by python-socketio itself
    (PubSubManager publishes {"method": "disconnect"}); an unknown sid is a no-op.
    """
    for sid in sids:
        socketio.server.disconnect(sid, namespace=NAMESPACE)
