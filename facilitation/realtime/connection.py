"""Who is on the other end of a socket, checked at connect and again on every event."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from flask import Flask, current_app, session

from facilitation.extensions import socketio
from facilitation.kernel import broadcast
from facilitation.kernel.access import SESSION_KEYS, Actor, actor_for_token, organiser_from_session
from facilitation.kernel.errors import DomainError, NotSignedIn
from facilitation.kernel.events import NAMESPACE
from facilitation.kernel.lookups import load_workshop

log = logging.getLogger(__name__)

# Keys in the per-connection session Flask-SocketIO keeps for each socket.
CREDENTIAL = "credential"
WORKSHOP = "workshop_id"


def actor_from_auth(auth: Any) -> Actor:
    """Resolve the connect payload {token} or {workshop_id} with a signed-in organiser cookie."""
    if not isinstance(auth, dict):
        auth = {}
    token = auth.get("token")
    if token is not None:
        actor = actor_for_token(token)
        session[CREDENTIAL] = {"token": token}
        session[WORKSHOP] = actor.workshop_id
        return actor
    workshop_id = auth.get("workshop_id")
    if session.get("organiser_id") is None or not isinstance(workshop_id, int):
        raise NotSignedIn("Connect with {token} or as a signed-in organiser with {workshop_id}.", code="bad_token")
    # The organiser's part of the cookie session, checked again on every event: once that session is ended
    # (sign-out, a new password, removal) or too old, this socket is refused as the cookie is.
    claims = {key: session.get(key) for key in SESSION_KEYS}
    actor = current_organiser(claims)
    # The same one permission check as every HTTP route and event: another organiser's workshop is refused.
    load_workshop(actor, workshop_id, "workshop.view")
    session[CREDENTIAL] = {"organiser": claims}
    session[WORKSHOP] = workshop_id
    watch_organiser_sessions()
    return Actor(role="organiser", organiser_id=actor.organiser_id, workshop_id=workshop_id)


def current_organiser(claims: dict) -> Actor:
    """The signed-in organiser, or NotSignedIn once the session has ended or the account is gone."""
    actor = organiser_from_session(claims)
    if actor is None:
        raise NotSignedIn("Sign in again.", code="bad_token")
    return actor


def socket_actor() -> tuple[Actor, int]:
    """Re-resolve the stored credential so a revoked link stops working on its next event."""
    credential = session.get(CREDENTIAL)
    workshop_id = session.get(WORKSHOP)
    if not credential or workshop_id is None:
        raise NotSignedIn("Not connected to a workshop.", code="bad_token")
    if "token" in credential:
        return actor_for_token(credential["token"]), workshop_id
    actor = current_organiser(credential.get("organiser") or {})
    return Actor(role="organiser", organiser_id=actor.organiser_id, workshop_id=workshop_id), workshop_id


def refusal(error: DomainError) -> dict:
    return {"code": error.code, "message": error.message}


# app.extensions key: set once this process watches its organiser sockets.
WATCHING = "realtime.watching_organiser_sessions"


def watch_organiser_sessions() -> None:
    """Once per app and process (on its first organiser socket), start the loop that drops organiser
    sockets whose session has ended where this process could not drop them itself: by `flask set-password`
    or `flask remove-organiser` in another process with no message queue between them, or by outliving
    SESSION_HOURS while left open. Every ORGANISER_SESSION_CHECK_SECONDS; 0 turns it off."""
    app = current_app._get_current_object()
    interval = app.config.get("ORGANISER_SESSION_CHECK_SECONDS") or 0
    if interval <= 0 or app.extensions.get(WATCHING):
        return
    app.extensions[WATCHING] = True
    socketio.start_background_task(_watch, app, interval)


def _watch(app: Flask, interval: float) -> None:
    while True:
        socketio.sleep(interval)
        try:
            with app.app_context():
                ended = [sid for sid, claims in _local_organiser_sockets() if organiser_from_session(claims) is None]
            broadcast.disconnect(ended)
        except Exception:  # the loop must outlive one bad round (a database briefly locked, say)
            log.exception("could not check organiser sessions")


def _local_organiser_sockets() -> Iterator[tuple[str, dict]]:
    """(sid, session claims) of each organiser socket this process holds: their credential lives in the
    per-socket session Flask-SocketIO keeps in the socket's environ."""
    server = socketio.server
    for sid, _eio_sid in list(server.manager.get_participants(NAMESPACE, None)):
        environ = server.get_environ(sid, namespace=NAMESPACE) or {}
        credential = (environ.get("saved_session") or {}).get(CREDENTIAL) or {}
        if "organiser" in credential:
            yield sid, credential["organiser"]
