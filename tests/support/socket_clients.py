"""python-socketio clients for tests against a real server."""

from __future__ import annotations

import socketio


def in_arrival_order(client: socketio.Client) -> socketio.Client:
    """Run the client's handlers on its read loop, one message after the other, in the order they arrived.

    python-engineio's client starts a thread per message, so handlers of two messages may finish in either
    order. A test that waits for a later message before checking that an earlier one never came needs the
    earlier one recorded first. The handlers tests register only record what arrived, so they never block
    the read loop.
    """
    trigger = client.eio._trigger_event

    def in_order(event, *args, **kwargs):
        kwargs["run_async"] = False
        return trigger(event, *args, **kwargs)

    client.eio._trigger_event = in_order
    return client
