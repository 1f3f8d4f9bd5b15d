"""SIGTERM drains: the server closes its Socket.IO connections, lets them go, and exits by itself."""

from __future__ import annotations

import signal
import threading

import pytest
import socketio

from tests.support.live_server import start_live_server

pytestmark = pytest.mark.live


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_sigterm_disconnects_clients_and_exits_cleanly(tmp_path, transport):
    server = start_live_server(tmp_path)
    try:
        client = socketio.Client(reconnection=False)
        dropped = threading.Event()
        client.on("disconnect", lambda *_: dropped.set(), namespace="/live")
        client.connect(
            server.base_url, namespaces=["/live"], auth={"token": server.join("Sam")}, transports=[transport]
        )
        server.process.send_signal(signal.SIGTERM)
        # The server tells the client it is closing (a clean disconnect, not a dead TCP peer found by ping).
        assert dropped.wait(5)
        # Within DRAIN_SECONDS (10) even when a long-polling client never polls again.
        assert server.process.wait(timeout=15) == 0
        assert "SIGTERM: draining" in server.log_path.read_text()
    finally:
        server.stop()
