"""A room that drops at once has its presence rows deleted together (security/presence.Forgetter).

The first disconnect after a quiet spell is forgotten at once; those within the same tick wait for its end
and go in one DELETE. Every row goes in the end: a revocation never misses a socket that is still there,
and the console does not count sockets that have left.
"""

from __future__ import annotations

import time

from sqlalchemy import select

from facilitation.extensions import db
from facilitation.models import SocketPresence
from facilitation.security import presence


def _sids_left(sids: list[str]) -> set[str]:
    db.session.rollback()  # a fresh read: the forgetter commits from its own thread and session
    return set(db.session.scalars(select(SocketPresence.sid).where(SocketPresence.sid.in_(sids))))


def test_a_room_dropping_at_once_is_forgotten_together_and_completely(app, attendee):
    app.config["PRESENCE_TICK_MS"] = 200
    app.extensions.pop(presence.FORGETTER, None)
    sids = [f"room-drop-{n}" for n in range(30)]
    for sid in sids:
        presence.record(sid, attendee)

    for sid in sids:
        presence.forget_disconnected(sid)

    assert _sids_left(sids) == set(sids[1:])  # the first at once, the rest wait for the tick's end
    deadline = time.monotonic() + 5
    while _sids_left(sids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _sids_left(sids) == set()


def test_without_a_tick_each_disconnect_is_forgotten_at_once(app, attendee):
    app.config["PRESENCE_TICK_MS"] = 0
    app.extensions.pop(presence.FORGETTER, None)
    presence.record("alone-1", attendee)
    presence.record("alone-2", attendee)

    presence.forget_disconnected("alone-1")
    presence.forget_disconnected("alone-2")

    assert _sids_left(["alone-1", "alone-2"]) == set()
