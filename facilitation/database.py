"""Engine settings that must hold for every connection: SQLite in WAL mode with foreign keys, erasing for good.

SQLite keeps a deleted row's bytes in its page and older copies of the page in the -wal until a checkpoint:
`secure_delete` zeroes what a DELETE frees, and `checkpoint_after_erasure` folds the log into the file and
truncates it, so erased text survives in no older copy. The database file (and with it the -wal and -shm,
which SQLite creates with the file's own permissions) is readable by its owner only.
"""

from __future__ import annotations

import logging
import os
import stat

from sqlalchemy import event
from sqlalchemy.engine import Engine

OWNER_ONLY = 0o600
log = logging.getLogger(__name__)


@event.listens_for(Engine, "connect")
def configure_sqlite(dbapi_connection, connection_record) -> None:  # noqa: ARG001
    """WAL lets the projector read while a phone writes; busy_timeout rides out a brief lock; deletes zero bytes."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Some builds (Debian's) default to this; others (macOS, the Windows wheels) do not.
    cursor.execute("PRAGMA secure_delete=ON")
    files = [row[2] for row in cursor.execute("PRAGMA database_list") if row[2]]
    cursor.close()
    for path in files:
        restrict_to_owner(path)


def restrict_to_owner(path: str) -> None:
    """Make a database file (and its -wal and -shm, when they exist) readable and writable by its owner only."""
    for name in (path, f"{path}-wal", f"{path}-shm"):
        try:
            if stat.S_IMODE(os.stat(name).st_mode) != OWNER_ONLY:
                os.chmod(name, OWNER_ONLY)
        except FileNotFoundError:
            continue
        except PermissionError:
            log.warning("Could not make %s private to its owner", name)


def checkpoint_after_erasure(engine: Engine) -> None:
    """After an erasure has committed: copy the -wal into the database file and empty it (SQLite only).

    The deleting transaction's pages, already zeroed by secure_delete, overwrite the file's copies; the
    truncated log keeps no earlier copy. A reader holding an old snapshot makes SQLite wait (busy_timeout)
    and, if it is still there, leave part of the log: that is logged, and the next erasure finishes the job.
    PostgreSQL keeps dead rows until VACUUM, which autovacuum runs (docs/deployment.md).
    """
    if engine.dialect.name != "sqlite":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        busy, _frames, _copied = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    if busy:
        log.warning("An erasure's WAL checkpoint was blocked by a reader; erased pages may remain in the -wal")


def make_driver_cooperative(database_uri: str, async_mode: str) -> None:
    """Under eventlet or gevent, psycopg2's C wait loop would block every other greenlet; hand waiting to the hub.

    SQLite has no such hook: its calls stay short because no transaction spans I/O or an emit.
    """
    if async_mode not in ("eventlet", "gevent") or not database_uri.startswith("postgresql"):
        return
    if async_mode == "gevent":
        from psycogreen.gevent import patch_psycopg
    else:
        from psycogreen.eventlet import patch_psycopg

    patch_psycopg()
