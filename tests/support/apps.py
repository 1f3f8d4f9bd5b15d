"""One app per test module, and for each test the state a freshly built app would have had.

Building an app costs a tenth of a second (hundreds of routes to compile); a test module builds one and
every test in it gets, in `fresh_test_context`: an instance folder holding only a copy of the template
database, the app's settings as they were built, its own Socket.IO server with no connections or rooms
left from an earlier test, and its own app context (so its own `g` and database session).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask

from facilitation import create_app
from facilitation.extensions import db, socketio

DATABASE_FILE = "facilitation.sqlite"
SOCKETIO_SERVER = "tests.socketio_server"  # app.extensions key: the Socket.IO server built with this app


def build_app(instance: Path, **overrides) -> Flask:
    """create_app("test") in `instance`, remembering its Socket.IO server (the extension keeps only the last)."""
    app = create_app("test", instance_path=str(instance), **overrides)
    app.extensions[SOCKETIO_SERVER] = socketio.server
    return app


def restore_database(app: Flask, template: Path) -> None:
    """Close every connection, then leave the instance folder holding only a copy of `template`.

    Needs the app's context. The -wal and -shm files of the old database go too: SQLite would otherwise
    replay the old write-ahead log into the copied file.
    """
    db.session.remove()
    db.engine.dispose()
    instance = Path(app.instance_path)
    shutil.rmtree(instance, ignore_errors=True)
    instance.mkdir(parents=True)
    shutil.copyfile(template, instance / DATABASE_FILE)


def serve_sockets_with(app: Flask) -> None:
    """Point the Socket.IO extension at this app's server, with no rooms or sessions from an earlier test."""
    server = app.extensions[SOCKETIO_SERVER]
    socketio.server = server
    manager = type(server.manager)()
    manager.set_server(server)
    server.manager = manager
    server.environ.clear()


@contextmanager
def fresh_test_context(app: Flask, template: Path) -> Iterator[Flask]:
    """The app as if just built on a copy of `template`, its context pushed for the test."""
    settings = dict(app.config)
    try:
        with app.app_context():
            restore_database(app, template)
            serve_sockets_with(app)
            yield app
            db.session.remove()
            db.engine.dispose()
    finally:
        app.config.clear()
        app.config.update(settings)
