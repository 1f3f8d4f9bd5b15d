"""The one wrapper every socket event goes through: rate token, sender, payload shape, then one service call."""

from __future__ import annotations

import logging
from functools import wraps

from flask_babel import gettext as _
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from facilitation.extensions import db, socketio
from facilitation.kernel import events
from facilitation.kernel.errors import DomainError, Unavailable
from facilitation.kernel.payloads import check_shape
from facilitation.realtime.connection import socket_actor
from facilitation.realtime.ratelimit import take_token

log = logging.getLogger(__name__)

# The database went away (restarting, unreachable, the connection cut), or every pooled connection stayed
# busy past the pool timeout (a reconnect storm): nothing was done, and the request can be tried again.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeout)
UNAVAILABLE_MESSAGE = "The server cannot reach its database just now; nothing was saved. Try again shortly."


def rollback_quietly() -> None:
    """End the failed transaction; with the database gone the rollback itself may fail, and that is fine."""
    try:
        db.session.rollback()
    except DATABASE_UNAVAILABLE:
        db.session.close()


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
                    raise DomainError(_("Send one JSON object per event."), code="bad_payload")
                take_token(event)
                actor, workshop_id = socket_actor()
                fields = check_shape(payload, shape)
                result = handler(actor, workshop_id, fields)
                return {"ok": True, **result}
            except DomainError as error:
                db.session.rollback()
                return error.as_ack()
            except DATABASE_UNAVAILABLE as error:
                # Never a hang and never a false ack: nothing was committed, and the client's outbox retries.
                rollback_quietly()
                log.warning("socket event %s: database unreachable (%s)", event, type(error).__name__)
                return Unavailable(UNAVAILABLE_MESSAGE).as_ack()
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
