"""A socket's life in a workshop: connect (presence, rooms, welcome), disconnect, and catching up."""

from __future__ import annotations

import logging

from flask import current_app, request
from flask_socketio import ConnectionRefusedError, emit, join_room

from facilitation.extensions import db, socketio
from facilitation.kernel import events
from facilitation.kernel.broadcast import participant_room, rooms_of
from facilitation.kernel.errors import DomainError, Unavailable
from facilitation.kernel.lookups import get_workshop
from facilitation.realtime.connection import actor_from_auth, refusal, socket_actor
from facilitation.realtime.handling import DATABASE_UNAVAILABLE, UNAVAILABLE_MESSAGE, acknowledged, rollback_quietly
from facilitation.security import presence
from facilitation.sync import service as sync_service

log = logging.getLogger(__name__)


@socketio.on("connect", namespace=events.NAMESPACE)
def connect(auth=None):
    try:
        actor = actor_from_auth(auth)
        # Presence first, then the credential again: a revocation committed in between either finds
        # this row (and drops the socket) or is seen here (and refuses it); none slips through.
        presence.record(request.sid, actor)
        actor, _workshop_id = socket_actor()
    except DomainError as error:
        db.session.rollback()
        presence.forget(request.sid)
        # The message, plus {code, message} as the error's data: the browser reads error.data.code.
        raise ConnectionRefusedError(error.message, refusal(error)) from None
    except DATABASE_UNAVAILABLE as error:
        # Refused at once with a code the client backs off on (a reconnect storm past the pool, a database
        # restarting), never a connect left hanging.
        rollback_quietly()
        try:
            presence.forget(request.sid)
        except DATABASE_UNAVAILABLE:
            rollback_quietly()  # a stale sid: a later revocation disconnects nobody with it
        log.warning("socket connect: database unavailable (%s)", type(error).__name__)
        unavailable = Unavailable(UNAVAILABLE_MESSAGE)
        raise ConnectionRefusedError(unavailable.message, refusal(unavailable)) from None
    for room in (*rooms_of(actor), credential_room(actor)):
        join_room(room)
    workshop = get_workshop(actor.workshop_id)
    emit(
        events.WELCOME,
        {
            "role": actor.role,
            "workshop_id": actor.workshop_id,
            "revision": workshop.revision,
            "note_max_chars": current_app.config["NOTE_MAX_CHARS"],
        },
    )


@socketio.on("disconnect", namespace=events.NAMESPACE)
def disconnect(reason=None):
    try:
        presence.forget_disconnected(request.sid)
    except Exception:
        db.session.rollback()
        log.exception("could not forget socket %s", request.sid)


def credential_room(actor) -> str:
    """A room per credential, for targeting one tablet's or phone's sockets within this process."""
    if actor.participant_id is not None:
        return participant_room(actor.participant_id)
    if actor.group_id is not None:
        return f"group:{actor.group_id}"
    return f"{actor.role}:{actor.organiser_id or actor.workshop_id}"


@acknowledged(events.SYNC)
def sync(actor, workshop_id, fields):
    return sync_service.changes_since(actor, workshop_id, fields["since"])


@acknowledged(events.STATE)
def state(actor, workshop_id, fields):
    return sync_service.workshop_state(actor, workshop_id)
