"""The JSON HTTP API under /api/v1: the same services, and so the same broadcasts, as the socket.

One blueprint per concern; each module imports `blueprint()`, `body()` and `ok()` from here.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from flask_babel import gettext as _

from facilitation.extensions import csrf
from facilitation.kernel.errors import Invalid
from facilitation.web.auth import bearer_token

PREFIX = "/api/v1"
# Endpoints that use no ambient credential (they only hand out a token), so need no CSRF token.
NO_CREDENTIAL_ENDPOINTS = {"api_workshops.join"}


def body() -> Any:
    payload = request.get_json(silent=True)
    if payload is None:
        raise Invalid(_("Send a JSON object with Content-Type: application/json."), code="bad_payload")
    return payload


def ok(status: int = 200, **fields):
    return jsonify({"ok": True, **fields}), status


def protect_cookie_sessions():
    """CSRF applies where the browser's cookie authenticates; a bearer token cannot be forged by a page."""
    if request.endpoint in NO_CREDENTIAL_ENDPOINTS:
        return
    if request.method in ("GET", "HEAD", "OPTIONS") or bearer_token():
        return
    # Without any cookie there is no ambient credential to forge: such a request is anonymous and is
    # refused as such (401 unauthenticated), not as a stale form.
    if request.cookies:
        csrf.protect()


def blueprint(name: str) -> Blueprint:
    """An API blueprint under /api/v1 that checks CSRF itself, only for cookie-authenticated writes."""
    bp = Blueprint(f"api_{name}", __name__, url_prefix=PREFIX)
    bp.before_request(protect_cookie_sessions)
    csrf.exempt(bp)
    return bp
