"""Engine.IO long-polling bodies over MAX_MESSAGE_BYTES get 413 at once, before Engine.IO sees them.

python-engineio refuses such a POST by closing the session and waiting (Socket.close(wait=True)) for the
client's next poll to carry the close packet away; with no poll pending the POST is never answered. It also
reads a body sent without Content-Length (chunked) as empty. This WSGI layer, in front of Flask-SocketIO's,
answers an oversized body with 413 and closes the session without waiting, and hands a small chunked body on
with its length, so every polling POST is answered and none is silently dropped.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from urllib.parse import parse_qs

from flask import Flask

from facilitation.extensions import socketio

SOCKETIO_PATH = "/socket.io/"  # Flask-SocketIO's default path; create_app does not change it

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


def _answer(start_response: Callable, status: str, code: str, message: str) -> list[bytes]:
    body = json.dumps({"ok": False, "code": code, "message": message}).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


class PollingBodyLimit:
    """Refuse a Socket.IO long-polling POST whose body exceeds `limit` bytes with 413, at once."""

    def __init__(self, app: WSGIApp, limit: int, close_session: Callable[[str], None]):
        self.app = app
        self.limit = limit
        self.close_session = close_session

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST" or not environ.get("PATH_INFO", "").startswith(SOCKETIO_PATH):
            return self.app(environ, start_response)
        declared = environ.get("CONTENT_LENGTH") or ""
        if declared.strip().isdigit():
            if int(declared) > self.limit:
                return self._too_large(environ, start_response)
        elif "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            try:
                body = environ["wsgi.input"].read(self.limit + 1)
            except (ValueError, OSError):  # eventlet's ChunkReadError is a ValueError
                return _answer(start_response, "400 Bad Request", "bad_request", "The request body is malformed.")
            if len(body) > self.limit:
                return self._too_large(environ, start_response)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        return self.app(environ, start_response)

    def _too_large(self, environ: dict, start_response: Callable) -> list[bytes]:
        sid = parse_qs(environ.get("QUERY_STRING", "")).get("sid", [None])[0]
        if sid:
            self.close_session(sid)
        return _answer(
            start_response,
            "413 Request Entity Too Large",
            "request_entity_too_large",
            f"A Socket.IO message may be at most {self.limit} bytes.",
        )


def limit_polling_bodies(app: Flask) -> None:
    """Put PollingBodyLimit in front of this app's Socket.IO server (call right after socketio.init_app)."""
    eio = socketio.server.eio

    def close_session(sid: str) -> None:
        session = eio.sockets.get(sid)
        # Only a polling session: an upgraded one never reads POSTs, so a stray POST cannot close it.
        if session is not None and not session.upgraded:
            session.close(wait=False, reason=eio.reason.TRANSPORT_ERROR)

    app.wsgi_app = PollingBodyLimit(app.wsgi_app, app.config["MAX_MESSAGE_BYTES"], close_session)  # type: ignore[method-assign]
