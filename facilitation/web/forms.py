"""Organiser forms: run one service call and tell the person how it went, on the page they came from."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash

from facilitation.extensions import db
from facilitation.kernel.errors import DomainError


def flash_outcome(action: Callable[[], object], success: str | Callable[[object], str]) -> None:
    """Call the service; flash its refusal, or the success message (which may be built from the result)."""
    try:
        result = action()
    except DomainError as error:
        # Whatever the service had added before it refused must not be flushed by the page that follows.
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(success(result) if callable(success) else success, "success")
