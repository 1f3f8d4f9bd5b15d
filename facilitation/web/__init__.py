"""HTTP adapters: parse, call a service, render or return JSON."""

from __future__ import annotations

from flask import Flask

from . import auth, links, openapi, organiser, pages
from .api import workshops as api_workshops
from .errors import register_error_handlers
from .security import register_security_headers


def register_web(app: Flask) -> None:
    for blueprint in (pages.bp, auth.bp, organiser.bp, links.bp, openapi.bp, api_workshops.bp):
        app.register_blueprint(blueprint)
    register_error_handlers(app)
    register_security_headers(app)
