"""HTTP adapters: parse, call a service, render or return JSON."""

from __future__ import annotations

from flask import Flask

from . import api, auth, links, openapi, organiser, pages
from .errors import register_error_handlers
from .security import register_security_headers


def register_web(app: Flask) -> None:
    from ..extensions import csrf

    # The API checks CSRF itself, only for cookie-authenticated writes.
    csrf.exempt(api.bp)
    for blueprint in (pages.bp, auth.bp, organiser.bp, links.bp, api.bp, openapi.bp):
        app.register_blueprint(blueprint)
    register_error_handlers(app)
    register_security_headers(app)
