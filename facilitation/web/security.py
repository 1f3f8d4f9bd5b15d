"""Response headers that make the browser refuse injected script, framing and sniffing; and which client
address to believe when a reverse proxy sits in front."""

from __future__ import annotations

from flask import Flask, Response
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def register_security_headers(app: Flask) -> None:
    trust_proxies(app)

    @app.after_request
    def add_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response


def trust_proxies(app: Flask) -> None:
    """Believe X-Forwarded-For/-Proto only from the TRUSTED_PROXIES hops configured in front of us.

    Without it (the laptop default) anyone could claim any address and dodge the per-address limits. It
    wraps the outermost WSGI layer, outside Flask-SocketIO's middleware (create_app registers the web layer
    after socketio.init_app), so the Socket.IO handshake sees the same corrected REMOTE_ADDR as HTTP does.
    """
    hops = int(app.config.get("TRUSTED_PROXIES") or 0)
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
