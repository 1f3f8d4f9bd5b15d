"""Thin handlers: check the sender, call one service, return its result as the acknowledgement."""

from __future__ import annotations

import logging
from functools import wraps

from flask import current_app, request
from flask_socketio import ConnectionRefusedError, emit, join_room

from .. import events
from ..broadcast import participant_room, rooms_of
from ..errors import DomainError
from ..extensions import db, socketio
from ..payloads import check_shape
from ..services import changes, notes, presence, throttle, workshops
from .connection import actor_from_auth, refusal, socket_actor
from .ratelimit import take_token

log = logging.getLogger(__name__)


# Events limited per sender and per address across sockets and HTTP (services/throttle.py), on top of
# the per-socket bucket every event takes from.
POSTING_EVENTS = frozenset({events.NOTE_POST})


def acknowledged(event: str):
    """Register a handler whose result, or error, always comes back as an ack; never a dropped socket."""

    def decorator(handler):
        @socketio.on(event, namespace=events.NAMESPACE)
        @wraps(handler)
        def wrapped(payload=None, *extra):
            try:
                if extra:
                    raise DomainError("Send one JSON object per event.", code="bad_payload")
                take_token(event)
                actor, workshop_id = socket_actor()
                if event in POSTING_EVENTS:
                    throttle.check_post(actor, request.remote_addr)
                result = handler(actor, workshop_id, payload)
                return {"ok": True, **result}
            except DomainError as error:
                db.session.rollback()
                return error.as_ack()
            except Exception:
                db.session.rollback()
                log.exception("socket event %s failed", event)
                return {"ok": False, "code": "server_error", "message": "Something went wrong; try again."}

        return wrapped

    return decorator


@socketio.on("*", namespace=events.NAMESPACE)
def unknown_event(event, *_args):
    """An event nobody handles still gets an answer (a typo must not look like a lost packet)."""
    try:
        take_token(event)
    except DomainError as error:
        return error.as_ack()
    return {"ok": False, "code": "unknown_event", "message": f"There is no event called {str(event)[:60]!r}."}


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
    for room in (*rooms_of(actor), credential_room(actor)):
        join_room(room)
    workshop = changes.get_workshop(actor.workshop_id)
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
        presence.forget(request.sid)
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
def sync(actor, workshop_id, payload):
    fields = check_shape(payload, events.REQUEST_SHAPES[events.SYNC])
    return changes.changes_since(actor, workshop_id, fields["since"])


@acknowledged(events.STATE)
def state(actor, workshop_id, payload):
    check_shape(payload, events.REQUEST_SHAPES[events.STATE])
    return changes.workshop_state(actor, workshop_id)


@acknowledged(events.NOTE_POST)
def post_note(actor, workshop_id, payload):
    return notes.post_note(actor, workshop_id, payload)


@acknowledged(events.PROJECTOR_SHOW)
def show_on_projector(actor, workshop_id, payload):
    fields = check_shape(payload, events.REQUEST_SHAPES[events.PROJECTOR_SHOW])
    return workshops.show_on_projector(actor, workshop_id, fields["board_id"])
