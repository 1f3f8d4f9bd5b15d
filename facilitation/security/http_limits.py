"""Rate limits at the HTTP edge, table-driven by endpoint, so every way in is limited the same way.

The counting itself lives in services/throttle.py (shared with the Socket.IO handlers, kept in the
database). Here: which endpoints post notes, which take a join code, and turning a refusal into
429 + Retry-After (web/errors.py renders SlowDown for pages and JSON alike).
"""

from __future__ import annotations

from flask import Flask, Response, request

from facilitation.security import throttle
from facilitation.web.auth import current_actor

# Endpoints that create a note.
POST_ENDPOINTS = frozenset({"api_workshops.post_note"})
# Endpoints that look a join code up: each answers "no such code" with 404, which makes it a guessing
# oracle unless limited. Joining itself, and the mailing-list sign-up reached with the same code.
CODE_ENDPOINTS = frozenset(
    {
        "pages.join",
        "api_workshops.join",
        "evaluation_pages.signup",
        "api_signups.create",
        "api_signups.consent_wording",
    }
)


def register_throttles(app: Flask) -> None:
    @app.before_request
    def limit_before() -> None:
        address = request.remote_addr
        if request.endpoint in CODE_ENDPOINTS:
            throttle.check_join(address)
        elif request.endpoint in POST_ENDPOINTS:
            actor = current_actor()
            if actor.role != "anonymous":  # an anonymous post is refused by the view; no sender to count
                throttle.check_post(actor, address)

    @app.after_request
    def count_guesses(response: Response) -> Response:
        if request.endpoint in CODE_ENDPOINTS and response.status_code == 404:
            throttle.record_guess(request.remote_addr)
        return response
