"""Which sockets are connected with which credential, so a revoked credential's sockets can be dropped.

Kept in the database (models.security.SocketPresence) because, scaled out, the socket may live in another
process: that process is reached through python-socketio's own cross-process disconnect (the message queue
carries {"method": "disconnect", sid}), and only the database knows which sids to name.
"""

from __future__ import annotations

import logging
import threading
import time

from flask import Flask, current_app
from sqlalchemy import delete, insert, select

from facilitation.extensions import db, socketio
from facilitation.kernel import broadcast
from facilitation.kernel.access import Actor
from facilitation.models import SocketPresence

log = logging.getLogger(__name__)
# Sids deleted by one statement: well under every database's limit on bound parameters.
FORGET_CHUNK = 500
_INSERT_PRESENCE = insert(SocketPresence.__table__)


def record(sid: str, actor: Actor) -> None:
    """Remember a socket that has just connected (its own short transaction): one INSERT, since a sid is
    new by construction (a merge would first look for it), run as Core: every phone of a reconnecting room
    comes through here, and an ORM flush costs several times the INSERT."""
    db.session.execute(
        _INSERT_PRESENCE,
        {
            "sid": sid,
            "workshop_id": actor.workshop_id,
            "role": actor.role,
            "group_id": actor.group_id,
            "participant_id": actor.participant_id,
            "organiser_id": actor.organiser_id,
        },
    )
    db.session.commit()


def forget(sid: str) -> None:
    """Stop remembering a socket at once (its own short transaction): a connect that was refused."""
    db.session.execute(delete(SocketPresence).where(SocketPresence.sid == sid))
    db.session.commit()


def forget_disconnected(sid: str) -> None:
    """Stop remembering a socket that has disconnected: at once when sockets leave one by one, gathered
    into one DELETE per PRESENCE_TICK_MS when a whole room drops (a venue's Wi-Fi, a worker lost), so the
    reconnecting room does not queue behind a transaction per departed socket. Until its row goes, a sid
    only costs a revocation a no-op disconnect (and the console's count lags by at most the tick)."""
    forgetter().forget(sid)


FORGETTER = "security.presence.forgetter"


def forgetter() -> Forgetter:
    """This app's Forgetter (app.extensions), made on first use with the PRESENCE_TICK_MS setting."""
    app = current_app._get_current_object()
    found = app.extensions.get(FORGETTER)
    if found is None:
        tick = float(app.config.get("PRESENCE_TICK_MS") or 0) / 1000
        found = app.extensions[FORGETTER] = Forgetter(app, tick)
    return found


class Forgetter:
    """Presence rows of disconnected sockets, deleted at once after a quiet tick, else together at its end
    (the same rhythm as kernel/broadcast.Coalescer). Touched by green threads between two waits; the lock
    only matters in threading mode."""

    def __init__(self, app: Flask, tick_seconds: float):
        self.app = app
        self.tick = tick_seconds
        self.pending: list[str] = []
        self.quiet_at = 0.0
        self.flushing = False
        self.lock = threading.Lock()

    def forget(self, sid: str) -> None:
        if self.tick <= 0:
            forget(sid)
            return
        now = time.monotonic()
        with self.lock:
            at_once = not self.flushing and now >= self.quiet_at
            if at_once:
                self.quiet_at = now + self.tick
            else:
                self.pending.append(sid)
                start = not self.flushing
                self.flushing = True
        if at_once:
            forget(sid)
        elif start:
            socketio.start_background_task(self._flush_at_tick_end)

    def _flush_at_tick_end(self) -> None:
        socketio.sleep(max(0.0, self.quiet_at - time.monotonic()))
        with self.lock:
            sids, self.pending = self.pending, []
            self.flushing = False
            self.quiet_at = time.monotonic() + self.tick
        with self.app.app_context():
            try:
                for start in range(0, len(sids), FORGET_CHUNK):
                    chunk = sids[start : start + FORGET_CHUNK]
                    db.session.execute(delete(SocketPresence).where(SocketPresence.sid.in_(chunk)))
                db.session.commit()
            except Exception:  # rows left behind are stale sids: harmless, and the next round goes on
                db.session.rollback()
                log.exception("could not forget %d disconnected sockets", len(sids))
            finally:
                db.session.remove()


def _sids(*criteria) -> list[str]:
    sids = list(db.session.scalars(select(SocketPresence.sid).where(*criteria)))
    db.session.commit()  # end the read: nothing may hold a transaction while sockets are disconnected
    return sids


def disconnect_group(group_id: int) -> list[str]:
    """A facilitator link was replaced or its group deleted: drop the tablets still using it."""
    return _drop(_sids(SocketPresence.role == "facilitator", SocketPresence.group_id == group_id))


def disconnect_participant(participant_id: int) -> list[str]:
    """An attendee was removed: drop their phone's sockets."""
    return _drop(_sids(SocketPresence.role == "attendee", SocketPresence.participant_id == participant_id))


def disconnect_attendees(workshop_id: int) -> list[str]:
    """The workshop closed: attendee sessions end (facilitators, projector and organiser may still look)."""
    return _drop(_sids(SocketPresence.workshop_id == workshop_id, SocketPresence.role == "attendee"))


def sockets_of_workshop(workshop_id: int) -> list[str]:
    """Every socket connected to a workshop, read inside the caller's transaction: the deleting
    service reads them before the rows cascade away and drops them after its commit."""
    return list(db.session.scalars(select(SocketPresence.sid).where(SocketPresence.workshop_id == workshop_id)))


def sockets_of_organiser(organiser_id: int) -> list[str]:
    """Every socket an organiser opened with their signed-in session, read inside the caller's transaction:
    the service ending that organiser's sessions drops them after its commit."""
    return list(
        db.session.scalars(
            select(SocketPresence.sid).where(
                SocketPresence.role == "organiser", SocketPresence.organiser_id == organiser_id
            )
        )
    )


def drop(sids: list[str]) -> list[str]:
    """Disconnect these sockets (after the caller's commit), on whichever process holds them."""
    return _drop(sids)


def _drop(sids: list[str]) -> list[str]:
    broadcast.disconnect(sids)
    return sids
