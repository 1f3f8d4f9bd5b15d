"""The Python baseline: a bare Flask-SocketIO server under eventlet, speaking the product's posting protocol.

No database, no authorisation, no change log: one room; `note:post` is broadcast to it as `note:added`
with a revision, and `sync` answers with the current revision. The difference between its figures and
the product's is what our work per note and per socket costs (validation, SQLite, revision, catch-up).
Run: python -m bench.bare_server PORT
"""

import sys

import eventlet

eventlet.monkey_patch()

import resource  # noqa: E402
import socket  # noqa: E402
import uuid  # noqa: E402

import eventlet.wsgi  # noqa: E402
from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

NAMESPACE = "/live"
app = Flask(__name__)
socketio = SocketIO(app, async_mode="eventlet", cors_allowed_origins="*")
app.config["BENCH_REVISION"] = 0  # a one-process benchmark's counter, in the app's config


@socketio.on("connect", namespace=NAMESPACE)
def connect(auth=None):
    join_room("all")


@socketio.on("note:post", namespace=NAMESPACE)
def post(data):
    app.config["BENCH_REVISION"] += 1
    revision = app.config["BENCH_REVISION"]
    note = {"id": revision, "client_id": data.get("client_id") or uuid.uuid4().hex, "text": data.get("text", "")}
    note |= {"board_id": data.get("board_id"), "section_id": data.get("section_id"), "revision": revision}
    envelope = {"revision": revision, "event": "note:added", "data": {"note": note}}
    socketio.emit("note:added", envelope, to="all", namespace=NAMESPACE)
    return {"ok": True, "note": note, "revision": revision, "duplicate": False}


@socketio.on("sync", namespace=NAMESPACE)
def sync(data=None):
    return {"ok": True, "reset": False, "revision": app.config["BENCH_REVISION"], "changes": []}


if __name__ == "__main__":
    port = int(sys.argv[1])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    # The same listening socket as the product's (facilitation/server.py): deep backlog, TCP_NODELAY, no cap.
    listener = eventlet.listen(("127.0.0.1", port), backlog=4096, reuse_port=False)
    listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    print(f"bare Flask-SocketIO server on {port}", flush=True)
    eventlet.wsgi.server(listener, app, max_size=hard, log_output=False)
