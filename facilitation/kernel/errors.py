"""Domain errors. Adapters turn them into HTTP statuses or Socket.IO acks in one place each."""

from __future__ import annotations


class DomainError(Exception):
    """Base for errors a user can act on; `code` is stable and documented in docs/protocol.md."""

    code = "error"
    status = 400

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def as_ack(self) -> dict:
        """The error as both the Socket.IO ack and the HTTP body carry it: not ok, its code, its message."""
        return {"ok": False, "code": self.code, "message": self.message}


class Invalid(DomainError):
    code = "invalid"
    status = 422


class NotFound(DomainError):
    code = "not_found"
    status = 404


class NotAllowed(DomainError):
    code = "forbidden"
    status = 403


class NotSignedIn(DomainError):
    code = "unauthenticated"
    status = 401


class Conflict(DomainError):
    code = "conflict"
    status = 409


class Closed(DomainError):
    code = "closed"
    status = 409


class Unavailable(DomainError):
    """A part the server depends on (the database) cannot be reached: nothing was stored; try again."""

    code = "unavailable"
    status = 503


class SlowDown(DomainError):
    """Too many requests: the ack carries retry_after (seconds); HTTP answers 429 with Retry-After."""

    code = "rate_limited"
    status = 429

    def __init__(self, message: str, code: str | None = None, retry_after: int = 1):
        super().__init__(message, code)
        self.retry_after = retry_after

    def as_ack(self) -> dict:
        """The usual ack plus retry_after, so the client knows when to try again."""
        return {**super().as_ack(), "retry_after": self.retry_after}
