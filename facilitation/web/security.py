"""Response headers that make the browser refuse injected script, framing and sniffing; and which client
address to believe when a reverse proxy sits in front."""

from __future__ import annotations

import ipaddress

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
    if hops <= 0:
        return
    direct = app.wsgi_app
    proxied = ProxyFix(direct, x_for=hops, x_proto=hops)
    proxies = [ipaddress.ip_network(entry, strict=False) for entry in app.config.get("TRUSTED_PROXY_ADDRESSES") or []]
    if not proxies:
        app.wsgi_app = proxied  # type: ignore[method-assign]
        return
    app.wsgi_app = FromProxiesOnly(direct, proxied, proxies)  # type: ignore[method-assign]


class FromProxiesOnly:
    """Apply ProxyFix only to requests whose TCP peer is one of the configured proxies.

    A client that reaches a worker's port directly (around nginx) and sends its own X-Forwarded-For would
    otherwise choose its address, and with it which per-address limits it counts against.
    """

    def __init__(self, direct, proxied, proxies: list):
        self.direct = direct
        self.proxied = proxied
        self.proxies = proxies

    def __call__(self, environ, start_response):
        return (self.proxied if self._from_proxy(environ.get("REMOTE_ADDR")) else self.direct)(environ, start_response)

    def _from_proxy(self, peer: str | None) -> bool:
        try:
            address = ipaddress.ip_address(peer or "")
        except ValueError:
            return False
        return any(address in network for network in self.proxies)
