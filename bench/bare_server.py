"""The baseline for the fan-out benchmark: a bare Flask-SocketIO echo/broadcast server under eventlet.

No database, no authorisation, no change log: one room, and whatever is posted is broadcast to it. The
difference between its latency and ours is what our work per note costs (validation, SQLite, revision).
Run: python -m bench.bare_server PORT
"""

import sys

import eventlet

eventlet.monkey_patch()

import socket  # noqa: E402

import eventlet.wsgi  # noqa: E402
from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

NAMESPACE = "/live"
app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet", cors_allowed_origins="*")


@socketio.on("connect", namespace=NAMESPACE)
def connect(auth=None):
    join_room("all")


@socketio.on("post", namespace=NAMESPACE)
def post(data):
    socketio.emit("note:added", {"revision": 0, "event": "note:added", "data": data}, to="all", namespace=NAMESPACE)
    return {"ok": True}


if __name__ == "__main__":
    port = int(sys.argv[1])
    # The same listening socket as ours (facilitation/server.py): deep backlog, TCP_NODELAY, no 1024 cap.
    listener = eventlet.listen(("127.0.0.1", port), backlog=4096)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    print(f"bare server on {port}", flush=True)
    eventlet.wsgi.server(listener, app, max_size=5000, log_output=False)
