"""The one wrapper every socket event goes through: rate token, sender, payload shape, then one service call."""

from __future__ import annotations

import logging
from functools import wraps

from facilitation.extensions import db, socketio
from facilitation.kernel import events
from facilitation.kernel.errors import DomainError
from facilitation.kernel.payloads import check_shape
from facilitation.realtime.connection import socket_actor
from facilitation.realtime.ratelimit import take_token

log = logging.getLogger(__name__)


def acknowledged(event: str):
    """Register a handler whose result, or error, always comes back as an ack; never a dropped socket.

    Before the handler runs: one rate token for this socket, the sender re-resolved from its stored
    credential (a revoked link stops on its next event), and the payload checked once against
    `events.REQUEST_SHAPES[event]`. The handler receives `(actor, workshop_id, fields)`.
    """
    shape = events.REQUEST_SHAPES[event]

    def decorator(handler):
        @socketio.on(event, namespace=events.NAMESPACE)
        @wraps(handler)
        def wrapped(payload=None, *extra):
            try:
                if extra:
                    raise DomainError("Send one JSON object per event.", code="bad_payload")
                take_token(event)
                actor, workshop_id = socket_actor()
                fields = check_shape(payload, shape)
                result = handler(actor, workshop_id, fields)
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
