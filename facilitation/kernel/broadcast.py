"""The only code that emits. Rooms are named here; services call publish() after they commit."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

from flask import current_app

from facilitation.extensions import socketio
from facilitation.kernel.access import MODERATORS, PUBLIC, audience_author, audience_group
from facilitation.kernel.events import BATCH, NAMESPACE


def workshop_room(workshop_id: int) -> str:
    """Everyone connected to a workshop: phones, tablets, projector, organiser."""
    return f"workshop:{workshop_id}"


def moderators_room(workshop_id: int) -> str:
    """Organiser and facilitators only: pending and moderator-only traffic."""
    return f"workshop:{workshop_id}:moderators"


def organisers_room(workshop_id: int) -> str:
    """The organiser's screens: they receive every group's moderator-only traffic."""
    return f"workshop:{workshop_id}:organisers"


def group_room(workshop_id: int, group_id: int) -> str:
    """One group's facilitator tablets: their group's notes that are not on the screen."""
    return f"workshop:{workshop_id}:group:{group_id}"


def participant_room(participant_id: int) -> str:
    """One attendee's phone sockets."""
    return f"participant:{participant_id}"


def rooms_for(workshop_id: int, audience: str) -> str | list[str]:
    """The rooms that together hold exactly the sockets access.in_audience admits."""
    if audience == PUBLIC:
        return workshop_room(workshop_id)
    if audience == MODERATORS:
        return moderators_room(workshop_id)
    author = audience_author(audience)
    if author is not None:
        return participant_room(author)
    return [organisers_room(workshop_id), group_room(workshop_id, audience_group(audience))]


def rooms_of(actor) -> list[str]:
    """Every room a socket of this actor joins on connect."""
    rooms = [workshop_room(actor.workshop_id)]
    if actor.role == "organiser":
        rooms += [moderators_room(actor.workshop_id), organisers_room(actor.workshop_id)]
    elif actor.role == "facilitator":
        rooms += [moderators_room(actor.workshop_id), group_room(actor.workshop_id, actor.group_id)]
    elif actor.participant_id is not None:
        rooms.append(participant_room(actor.participant_id))
    return rooms


def publish(workshop_id: int, changes: Iterable) -> None:
    """Emit committed changes (revisions.Change) to the rooms allowed to see them.

    Only revisions.commit_and_publish calls this, after the commit. Through the app's Coalescer: at once
    when the room was quiet, else gathered into one `changes` frame per room at the end of a short tick.
    """
    sender = coalescer()
    for change in changes:
        sender.send(rooms_for(workshop_id, change.audience), change.event, change.envelope())


def emit(target: str | list[str], event: str, payload) -> None:
    # A list of rooms reaches each socket once, however many of them it is in.
    socketio.emit(event, payload, to=target, namespace=NAMESPACE)


COALESCER = "kernel.broadcast.coalescer"


def coalescer() -> Coalescer:
    """This app's Coalescer (app.extensions), made on first use with the BROADCAST_TICK_MS setting."""
    app = current_app
    found = app.extensions.get(COALESCER)
    if found is None:
        tick = float(app.config.get("BROADCAST_TICK_MS") or 0) / 1000
        found = app.extensions[COALESCER] = Coalescer(emit, tick)
    return found


class Coalescer:
    """Broadcasts to one room within one short tick leave as one frame: `changes` [envelope, ...].

    Each frame costs every recipient socket a queue put, a writer wake-up and a websocket send, whatever it
    carries: at 1,000 posts a second that per-socket work, not the posts, is what saturates the process.
    The first broadcast after a quiet tick goes at once (no added latency at a normal pace); those that
    follow within the tick wait for its end and go together. Order is kept exactly: one frame is emitted at
    a time (`busy` from the moment one is taken until it and everything queued behind it have gone, since
    an emit may yield to another green thread half-way through its sockets), and the pending list is cut into
    runs of consecutive envelopes for the same rooms, one frame per run, in order. One per app and process,
    touched by green threads between two waits, so the lock only matters in threading mode.
    """

    def __init__(self, send_frame, tick_seconds: float):
        self.send_frame = send_frame
        self.tick = tick_seconds
        self.pending: list[tuple[object, str, dict]] = []
        self.quiet_at = 0.0
        self.busy = False
        self.lock = threading.Lock()

    def send(self, target, event: str, envelope: dict) -> None:
        if self.tick <= 0:
            self.send_frame(target, event, envelope)
            return
        now = time.monotonic()
        with self.lock:
            at_once = not self.busy and now >= self.quiet_at
            if at_once:
                self.quiet_at = now + self.tick
            else:
                self.pending.append((target, event, envelope))
                start_flush = not self.busy
            self.busy = True
        if at_once:
            try:
                self.send_frame(target, event, envelope)
            finally:
                self._release()
        elif start_flush:
            socketio.start_background_task(self._flush_at_tick_end)

    def _release(self) -> None:
        """After a frame at once: what queued behind it waits for the tick's end, else the room is quiet."""
        with self.lock:
            if not self.pending:
                self.busy = False
                return
        socketio.start_background_task(self._flush_at_tick_end)

    def _flush_at_tick_end(self) -> None:
        socketio.sleep(max(0.0, self.quiet_at - time.monotonic()))
        while True:
            with self.lock:
                batch, self.pending = self.pending, []
                if not batch:
                    self.busy = False
                    self.quiet_at = time.monotonic() + self.tick
                    return
            try:
                for target, run in _runs(batch):
                    if len(run) == 1:
                        self.send_frame(target, run[0][0], run[0][1])
                    else:
                        self.send_frame(target, BATCH, [envelope for _event, envelope in run])
            except Exception:  # a failed emit must not leave every later broadcast queued behind it
                with self.lock:
                    self.busy = False
                raise


def _runs(batch):
    """Consecutive entries for the same rooms, as (rooms, [(event, envelope), ...])."""
    runs: list[tuple[object, list]] = []
    for target, event, envelope in batch:
        if runs and runs[-1][0] == target:
            runs[-1][1].append((event, envelope))
        else:
            runs.append((target, [(event, envelope)]))
    return runs


def disconnect(sids: Iterable[str]) -> None:
    """Drop sockets whose credential was revoked, after the revocation is committed.

    A sid of another process is handed to it over the message queue by python-socketio itself
    (PubSubManager publishes {"method": "disconnect"}); an unknown sid is a no-op.
    """
    for sid in sids:
        socketio.server.disconnect(sid, namespace=NAMESPACE)
