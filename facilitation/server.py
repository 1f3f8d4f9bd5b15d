"""Serving the app: the listening socket tuned for a room full of phones, and guarded against being filled.

Under eventlet every open connection holds a green thread from a pool of MAX_CONNECTIONS. A connection that
never finishes its request header, or one address opening thousands, would hold the pool for everyone, so the
server closes connections that are slow to send a whole header (HEADER_TIMEOUT_SECONDS) and caps how many one
peer address may hold (MAX_CONNECTIONS_PER_ADDRESS). The eventlet-specific code lives here only.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import resource
import signal
import socket
import sys
from collections import Counter
from collections.abc import Mapping

from flask import Flask

from facilitation.extensions import socketio

log = logging.getLogger(__name__)

# Sent to a connection over its address's cap, before closing it unread (nginx's limit_conn answers 503 too).
_REFUSAL_BODY = b"Too many connections from your address; try again shortly.\n"
REFUSAL = (
    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 10\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(_REFUSAL_BODY), _REFUSAL_BODY)
)


def raise_file_limit(wanted: int) -> int:
    """Each connection is a file descriptor; running out kills the process, so ask for enough."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(max(soft, wanted), hard) if hard != resource.RLIM_INFINITY else max(soft, wanted)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target


class PortInUse(SystemExit):
    """Another process already listens on the port: say so and exit (status 1) instead of sharing it."""

    def __init__(self, host: str, port: int):
        super().__init__(
            f"Port {port} on {host} is already in use: another Facilitation Board (or another program) is "
            f"listening there. Stop it, or start this one on another port (PORT=5001 make run)."
        )


def bound_socket(host: str, port: int):
    """A TCP socket bound to (host, port), not yet listening; PortInUse when another process holds the port.

    Without SO_REUSEPORT, which eventlet.listen sets unless told not to: with it, a second server on the same
    port started silently and the kernel split the room's connections between the two processes. Bound but
    not listening, the port accepts no connection until serve() is ready (migrations run in between).
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # green once app.py has monkey-patched
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise PortInUse(host, port) from None
        raise
    return sock


def listening_socket(host: str, port: int, backlog: int, sock=None):
    """Listen with a deep backlog and TCP_NODELAY (inherited by accepted sockets), on `sock` if bound already."""
    sock = sock if sock is not None else bound_socket(host, port)
    sock.listen(backlog)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def claim_port(app: Flask):
    """The port, bound before anything else starts (migrations, printed links), so a second server on a port
    in use stops at once with a clear message; serve() listens on it."""
    if app.config["ASYNC_MODE"] not in ("eventlet", "gevent"):
        return None
    return bound_socket(app.config["HOST"], app.config["PORT"])


def per_address_cap(config: Mapping) -> int:
    """Connections one TCP peer may hold, 0 for no cap: none behind TRUSTED_PROXIES, where every peer is the proxy."""
    if int(config.get("TRUSTED_PROXIES") or 0) > 0:
        return 0
    return max(int(config.get("MAX_CONNECTIONS_PER_ADDRESS") or 0), 0)


class ConnectionGuard:
    """Counts the open connections of each peer address and refuses one over the cap (0: no cap).

    One per server process, touched only by its green threads between two I/O waits, so it needs no lock.
    """

    def __init__(self, per_address: int):
        self.per_address = per_address
        self._open: Counter[str] = Counter()
        self._warned: set[str] = set()

    def admit(self, address: str) -> bool:
        """Count a new connection from `address`, or say False (uncounted) when it already holds its cap."""
        if self.per_address <= 0:
            return True
        if self._open[address] >= self.per_address:
            if address not in self._warned:  # once per address until it drops back, not once per connection
                self._warned.add(address)
                log.warning("%s holds %d connections, its cap: refusing more", address, self.per_address)
            return False
        self._open[address] += 1
        return True

    def release(self, address: str) -> None:
        """Uncount a connection admitted from `address` once it has closed."""
        if self.per_address <= 0:
            return
        self._open[address] -= 1
        if self._open[address] <= 0:
            del self._open[address]
            self._warned.discard(address)


def _peer_address(client_address) -> str:
    return client_address[0] if isinstance(client_address, tuple) else str(client_address)


def guarded_protocol(header_timeout: float, guard: ConnectionGuard):
    """eventlet's HTTP protocol with a deadline on each request header and the per-address cap.

    The deadline runs from when the server starts waiting for a request (the connection opened, or the last
    response went out on a kept-alive connection) until the header is whole: an absolute deadline, so a
    header sent a byte at a time is cut as surely as a silent one. It is cancelled once the header is parsed,
    so the request itself (a long-poll waiting for packets, a websocket living for hours) is never cut;
    eventlet's socket_timeout would instead cut every idle websocket and reset at every byte received.
    """
    import eventlet
    import eventlet.wsgi

    class GuardedProtocol(eventlet.wsgi.HttpProtocol):
        _header_deadline: eventlet.Timeout | None = None

        def __init__(self, conn_state, server):
            address = _peer_address(conn_state[0])
            if not guard.admit(address):
                with contextlib.suppress(OSError):
                    conn_state[1].sendall(REFUSAL)  # a few bytes into an empty send buffer: never waits
                return  # eventlet closes the socket when this green thread ends
            try:
                super().__init__(conn_state, server)
            finally:
                guard.release(address)

        def handle_one_request(self):
            deadline = eventlet.Timeout(header_timeout) if header_timeout > 0 else None
            self._header_deadline = deadline
            try:
                super().handle_one_request()
            except eventlet.Timeout as fired:
                if fired is not deadline:
                    raise
                self.close_connection = 1  # nothing is answered: the client never asked for anything whole
            finally:
                if deadline is not None:
                    deadline.cancel()

        def parse_request(self):
            # eventlet reads the request line, then the headers here, then runs the app: the header is whole.
            try:
                return super().parse_request()
            finally:
                if self._header_deadline is not None:
                    self._header_deadline.cancel()

    return GuardedProtocol


def serve(app: Flask, sock=None) -> None:
    """Serve until stopped: eventlet with enough file descriptors for MAX_CONNECTIONS, else Flask's own server.

    `sock` is the port claim_port bound (one is bound here otherwise). Flask's own (Werkzeug) server is
    for development only and has neither the header timeout nor the cap.
    """
    host, port = app.config["HOST"], app.config["PORT"]
    if app.config["ASYNC_MODE"] == "gevent":
        from facilitation import server_gevent

        server_gevent.serve(app, sock)
        return
    if app.config["ASYNC_MODE"] != "eventlet":
        socketio.run(app, host=host, port=port, allow_unsafe_werkzeug=True)
        return
    import eventlet.wsgi

    max_connections = app.config["MAX_CONNECTIONS"]
    raise_file_limit(max_connections + 256)
    sock = listening_socket(host, port, app.config["LISTEN_BACKLOG"], sock)
    if app.config.get("TLS_CERT"):  # CERT and KEY given: HTTPS, so phones get a secure context (service worker)
        sock = eventlet.wrap_ssl(sock, certfile=app.config["TLS_CERT"], keyfile=app.config["TLS_KEY"], server_side=True)
    protocol = guarded_protocol(app.config["HEADER_TIMEOUT_SECONDS"], ConnectionGuard(per_address_cap(app.config)))
    drain_on_sigterm(app.config["DRAIN_SECONDS"])
    eventlet.wsgi.server(sock, app, max_size=max_connections, log_output=False, protocol=protocol)


def drain_on_sigterm(grace_seconds: float) -> None:
    """On SIGTERM: stop accepting, close every Socket.IO connection, let requests in flight finish, then exit.

    Without this the process dies mid-request. With it, phones see an ordinary disconnect, reconnect (to another
    worker, or to this laptop once it is back) and catch up by revision; nothing acknowledged is lost because
    every acknowledgement follows a commit. A request still running after `grace_seconds` does not hold the
    exit: the process ends anyway.
    """
    import eventlet
    import eventlet.hubs
    import eventlet.patcher
    import greenlet

    server_greenlet = greenlet.getcurrent()

    def drain() -> None:
        # Printed like the start-up links: Alembic's logging set-up silences module loggers in app.py's process.
        print(f"SIGTERM: draining (up to {grace_seconds:g} s), then exiting", file=sys.stderr, flush=True)
        # The deadline first: closing a long-polling session waits for its next poll, which may never come.
        eventlet.spawn_after(grace_seconds, os._exit, 0)
        eio = socketio.server.eio
        for client in list(eio.sockets.values()):
            # Each in its own green thread, none waiting: every client gets its close packet as soon as it can.
            eventlet.spawn(client.close, wait=False, reason=eio.reason.SERVER_DISCONNECT)
        eventlet.sleep(0)
        # eventlet.wsgi.server stops accepting on SystemExit and waits for the requests still running.
        server_greenlet.throw(SystemExit(0))

    # A signal handler runs inside the hub's poll, which then resumes waiting: a green thread spawned there
    # would only start when some other I/O woke the hub. A byte down a pipe is that I/O.
    wake_read, wake_write = os.pipe()

    def wait_for_sigterm() -> None:
        eventlet.hubs.trampoline(wake_read, read=True)
        drain()

    eventlet.spawn(wait_for_sigterm)
    # The unpatched write: a green one would try to yield to the hub it is running inside.
    plain_write = eventlet.patcher.original("os").write
    signal.signal(signal.SIGTERM, lambda _signum, _frame: plain_write(wake_write, b"x"))
