"""Who is on the other end of a socket, checked at connect and again on every event."""

from __future__ import annotations

from typing import Any

from flask import session

from facilitation.kernel.access import SESSION_KEYS, Actor, actor_for_token, organiser_from_session
from facilitation.kernel.errors import DomainError, NotSignedIn
from facilitation.kernel.lookups import load_workshop

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
