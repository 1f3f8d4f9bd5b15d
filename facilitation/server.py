"""Serving the app: the listening socket tuned for a room full of phones."""

from __future__ import annotations

import resource
import socket

from flask import Flask

from facilitation.extensions import socketio


def raise_file_limit(wanted: int) -> int:
    """Each connection is a file descriptor; running out kills the process, so ask for enough."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(max(soft, wanted), hard) if hard != resource.RLIM_INFINITY else max(soft, wanted)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target


def listening_socket(host: str, port: int, backlog: int):
    """An eventlet listener with a deep backlog and TCP_NODELAY (inherited by accepted sockets)."""
    import eventlet

    sock = eventlet.listen((host, port), backlog=backlog)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def serve(app: Flask) -> None:
    """Serve until stopped: eventlet with enough file descriptors for MAX_CONNECTIONS, else Flask's own server."""
    host, port = app.config["HOST"], app.config["PORT"]
    if app.config["ASYNC_MODE"] != "eventlet":
        socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True)
        return
    import eventlet.wsgi

    max_connections = app.config["MAX_CONNECTIONS"]
    raise_file_limit(max_connections + 256)
    sock = listening_socket(host, port, app.config["LISTEN_BACKLOG"])
    eventlet.wsgi.server(sock, app, max_size=max_connections, log_output=False)
