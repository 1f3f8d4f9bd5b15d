"""HTTP plumbing: blueprint registration, error handling, security headers, compression, the API document.

The routes themselves live in each feature's api.py and pages.py; facilitation/features.py lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import Blueprint, Flask

from facilitation.kernel.bidi import isolate
from facilitation.web.compression import register_compression
from facilitation.web.converters import register_converters
from facilitation.web.errors import register_error_handlers
from facilitation.web.openapi import EXTENSION_KEY
from facilitation.web.security import register_security_headers


def register_web(app: Flask, blueprints: Iterable[Blueprint], openapi_sources: Iterable[Callable]) -> None:
    """Register the features' blueprints, then the plumbing every response goes through."""
    register_converters(app)  # first: each rule takes its converters when it is added
    # {{ title | isolate }} where user text has no element of its own (a <title>, an <option>).
    app.jinja_env.filters["isolate"] = isolate
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    app.extensions[EXTENSION_KEY] = tuple(openapi_sources)
    register_error_handlers(app)
    register_security_headers(app)
    register_compression(app)
