"""Serving under gevent (ASYNC_MODE=gevent), with the same guards as the eventlet server in server.py.

eventlet is in maintenance upstream; gevent's pywsgi server gets the same header deadline
(HEADER_TIMEOUT_SECONDS), per-address cap (MAX_CONNECTIONS_PER_ADDRESS), connection pool (MAX_CONNECTIONS),
listen backlog, file limit and drain on SIGTERM, so either async mode can serve a room.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys

from flask import Flask

from facilitation.extensions import socketio
from facilitation.server import REFUSAL, ConnectionGuard, per_address_cap, raise_file_limit


def guarded_handler(header_timeout: float):
    """gevent's request handler with an absolute deadline on each request header (as server.guarded_protocol).

    The deadline runs from when the handler starts waiting for a request until its header is whole, and is
    cancelled then, so a long-poll or a websocket is never cut.
    """
    import gevent
    from gevent.pywsgi import WSGIHandler

    class GuardedHandler(WSGIHandler):
        _header_deadline = None

        def handle_one_request(self):
            deadline = gevent.Timeout(header_timeout) if header_timeout > 0 else None
            self._header_deadline = deadline
            if deadline is not None:
                deadline.start()
            try:
                return super().handle_one_request()
            except gevent.Timeout as fired:
                if fired is not deadline:
                    raise
                return None  # nothing is answered: the client never asked for anything whole
            finally:
                if deadline is not None:
                    deadline.close()

        def read_request(self, raw_requestline):
            try:
                return super().read_request(raw_requestline)
            finally:
                if self._header_deadline is not None:
                    self._header_deadline.close()

    return GuardedHandler


def guarded_server(guard: ConnectionGuard):
    from gevent.pywsgi import WSGIServer

    class GuardedServer(WSGIServer):
        def handle(self, sock, address):
            peer = address[0] if isinstance(address, tuple) else str(address)
            if not guard.admit(peer):
                with contextlib.suppress(OSError):
                    sock.sendall(REFUSAL)
                sock.close()
                return
            try:
                super().handle(sock, address)
            finally:
                guard.release(peer)

    return GuardedServer


def serve(app: Flask, claimed=None) -> None:
    """Serve until stopped (or drained by SIGTERM) with gevent's pywsgi and simple-websocket."""
    import gevent
    from gevent.pool import Pool

    config = app.config
    max_connections = config["MAX_CONNECTIONS"]
    raise_file_limit(max_connections + 256)
    # The port server.claim_port bound first (so a second server refuses with a clear message), else bind it here.
    listener = claimed
    if listener is None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((config["HOST"], config["PORT"]))
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    listener.listen(config["LISTEN_BACKLOG"])
    server_class = guarded_server(ConnectionGuard(per_address_cap(config)))
    server = server_class(
        listener,
        app,
        handler_class=guarded_handler(config["HEADER_TIMEOUT_SECONDS"]),
        spawn=Pool(max_connections),
        log=None,
    )

    def drain() -> None:
        grace = config["DRAIN_SECONDS"]
        print(f"SIGTERM: draining (up to {grace:g} s), then exiting", file=sys.stderr, flush=True)
        gevent.spawn_later(grace, os._exit, 0)
        eio = socketio.server.eio
        for client in list(eio.sockets.values()):
            gevent.spawn(client.close, wait=False, reason=eio.reason.SERVER_DISCONNECT)
        gevent.sleep(0)
        server.stop(timeout=grace)  # stops accepting, lets requests in flight finish

    gevent.signal_handler(signal.SIGTERM, lambda: gevent.spawn(drain))
    server.serve_forever()
