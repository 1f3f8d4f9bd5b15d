"""The only code that emits. Rooms are named here; services call publish() after they commit."""

from __future__ import annotations

from collections.abc import Iterable

from .events import NAMESPACE
from .extensions import socketio


def workshop_room(workshop_id: int) -> str:
    """Everyone connected to a workshop: phones, tablets, projector, organiser."""
    return f"workshop:{workshop_id}"


def moderators_room(workshop_id: int) -> str:
    """Organiser and facilitators only: pending and moderator-only traffic."""
    return f"workshop:{workshop_id}:moderators"


def room_for(workshop_id: int, audience: str) -> str:
    return moderators_room(workshop_id) if audience == "moderators" else workshop_room(workshop_id)


def publish(workshop_id: int, envelopes: Iterable[tuple[str, dict]]) -> None:
    """Emit committed changes, each as (audience, envelope), to the rooms allowed to see them."""
    for audience, envelope in envelopes:
        socketio.emit(envelope["event"], envelope, to=room_for(workshop_id, audience), namespace=NAMESPACE)


def disconnect(sids: Iterable[str]) -> None:
    """Drop sockets whose credential was revoked, after the revocation is committed.

    A sid of another process is handed to it over the message queue by python-socketio itself
    (PubSubManager publishes {"method": "disconnect"}); an unknown sid is a no-op.
    """
    for sid in sids:
        socketio.server.disconnect(sid, namespace=NAMESPACE)
