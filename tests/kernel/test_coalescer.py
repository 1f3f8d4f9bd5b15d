"""The Coalescer never lets a frame overtake one that is still going out: an emit can yield half-way through
its sockets, and a phone that got revision 2 before 1 would resync for nothing (or, worse, show them out of
order). The live behaviour under load is in tests/realtime/test_batched_broadcasts.py."""

from __future__ import annotations

import threading
import time

from facilitation.kernel.broadcast import BATCH, Coalescer

TICK = 0.02


class SlowFirstFrame:
    """A sender whose first frame takes a while to go out (as a room of 2,000 sockets does)."""

    def __init__(self):
        self.frames: list[tuple[str, object]] = []
        self.first_started = threading.Event()
        self.release_first = threading.Event()
        self.lock = threading.Lock()

    def __call__(self, target, event, payload):
        if not self.first_started.is_set():
            self.first_started.set()
            self.release_first.wait(5)
        with self.lock:
            self.frames.append((event, payload))

    def revisions(self) -> list[int]:
        found = []
        for event, payload in self.frames:
            found += [p["revision"] for p in payload] if event == BATCH else [payload["revision"]]
        return found


def wait_until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def test_a_frame_sent_while_another_is_going_out_follows_it(app):
    sender = SlowFirstFrame()
    coalescer = Coalescer(sender, TICK)
    first = threading.Thread(target=coalescer.send, args=("room", "note:added", {"revision": 1}))
    first.start()
    sender.first_started.wait(5)
    time.sleep(TICK * 3)  # the tick is long over: only the frame still going out makes the room busy
    coalescer.send("room", "note:added", {"revision": 2})
    coalescer.send("room", "note:added", {"revision": 3})
    sender.release_first.set()
    first.join(5)
    wait_until(lambda: len(sender.revisions()) == 3)
    assert sender.revisions() == [1, 2, 3]
    assert sender.frames[1][0] == BATCH  # the two that waited went together


def test_a_quiet_room_gets_each_frame_at_once_again(app):
    sent: list[tuple[str, object]] = []
    coalescer = Coalescer(lambda target, event, payload: sent.append((event, payload)), TICK)
    coalescer.send("room", "note:added", {"revision": 1})
    assert sent == [("note:added", {"revision": 1})]  # no wait at a normal pace
    coalescer.send("room", "note:added", {"revision": 2})  # within the tick: waits for its end
    assert len(sent) == 1
    wait_until(lambda: len(sent) == 2)
    time.sleep(TICK * 2)
    coalescer.send("room", "note:added", {"revision": 3})
    assert sent[-1] == ("note:added", {"revision": 3})
