"""The one place a domain error becomes an HTTP status: JSON under /api, a page elsewhere."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from facilitation.extensions import db
from facilitation.kernel.errors import DomainError, SlowDown, Unavailable


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        db.session.rollback()
        # "Slow down" answers say when to come back (RFC 9110 Retry-After, in seconds).
        headers = {"Retry-After": str(error.retry_after)} if isinstance(error, SlowDown) else {}
        if _wants_json():
            return jsonify(error.as_ack()), error.status, headers
        return render_template("error.html", message=error.message), error.status, headers

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeout)
    def database_unreachable(_error: Exception):
        # The database is restarting or unreachable, or every pooled connection stayed busy past the pool
        # timeout: 503 with a code the client retries on, never a 500.
        try:
            db.session.rollback()
        except (OperationalError, InterfaceError):
            db.session.close()
        unavailable = Unavailable(_("The server cannot reach its database just now; nothing was saved. Try again."))
        headers = {"Retry-After": "2"}
        if _wants_json():
            return jsonify(unavailable.as_ack()), unavailable.status, headers
        return render_template("error.html", message=unavailable.message), unavailable.status, headers

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        body = {"ok": False, "code": "csrf_failed", "message": "The form expired; reload the page and try again."}
        if _wants_json():
            return jsonify(body), 400
        return render_template("error.html", message=body["message"]), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        # The exception's own headers (Allow on a 405, as RFC 9110 requires), less the body's type.
        headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
        if _wants_json():
            code = (error.name or "error").lower().replace(" ", "_")
            return jsonify({"ok": False, "code": code, "message": error.description}), error.code, headers
        return render_template("error.html", message=error.description), error.code, headers
