"""Engine settings that must hold for every connection: SQLite in WAL mode with foreign keys."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record) -> None:  # noqa: ARG001
    """WAL lets the projector read while a phone writes; busy_timeout rides out a brief lock."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_driver_cooperative(database_uri: str, async_mode: str) -> None:
    """Under eventlet, psycopg2's C wait loop would block every other greenlet; hand waiting to the hub.

    SQLite has no such hook: its calls stay short because no transaction spans I/O or an emit.
    """
    if async_mode != "eventlet" or not database_uri.startswith("postgresql"):
        return
    from psycogreen.eventlet import patch_psycopg

    patch_psycopg()
