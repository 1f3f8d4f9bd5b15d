"""HTTP adapters: parse, call a service, render or return JSON."""

from __future__ import annotations

from flask import Flask

from . import (
    access_pages,
    auth,
    evaluation_pages,
    exports,
    links,
    moderation_pages,
    openapi,
    organiser,
    pages,
    projector_control,
)
from .api import evaluation as api_evaluation
from .api import exports as api_exports
from .api import moderation as api_moderation
from .api import projector as api_projector
from .api import signups as api_signups
from .api import voting as api_voting
from .api import workshops as api_workshops
from .compression import register_compression
from .errors import register_error_handlers
from .security import register_security_headers
from .throttling import register_throttles


def register_web(app: Flask) -> None:
    for blueprint in (
        pages.bp,
        auth.bp,
        organiser.bp,
        links.bp,
        openapi.bp,
        api_workshops.bp,
        api_evaluation.bp,
        api_signups.bp,
        evaluation_pages.bp,
        projector_control.bp,
        api_projector.bp,
        api_moderation.bp,
        api_voting.bp,
        moderation_pages.bp,
        exports.bp,
        api_exports.bp,
        access_pages.bp,
    ):
        app.register_blueprint(blueprint)
    register_error_handlers(app)
    register_security_headers(app)
    register_compression(app)
    register_throttles(app)
