"""Fixtures for realtime tests that need a real server process (marked `live`)."""

from __future__ import annotations

import gc
import io
import resource
import warnings
from pathlib import Path

import pytest

from tests.support.live_server import LiveServer, start_live_server
from tests.support.peers import Peer


def _start(tmp_dir: Path, start_nofile: int | None = None, **env: str) -> LiveServer:
    """Start app.py; with `start_nofile`, the process starts with that soft file limit (to see it raised)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    # start_live_server drops its handle on the server log without closing it (the child has its own
    # copy). With warnings as errors, the ResourceWarning would fail whichever test ran when it was
    # finalised: close it here, quietly, whether it is already unreachable or held in a cycle.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        if start_nofile is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(start_nofile, soft), hard))
        try:
            server = start_live_server(tmp_dir, **env)
        finally:
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
        log_name = str(server.log_path)
        for obj in gc.get_objects():
            if isinstance(obj, io.TextIOWrapper) and getattr(obj, "name", None) == log_name and not obj.closed:
                obj.close()
    return server


@pytest.fixture(scope="module")
def live_server(request, tmp_path_factory) -> LiveServer:
    """One `python app.py` under eventlet per test module, with the seeded demo workshop.

    A module may set LIVE_SERVER_ENV (extra environment) and LIVE_SERVER_START_NOFILE (the soft
    file limit the server process inherits at start).
    """
    server = _start(
        tmp_path_factory.mktemp("live"),
        getattr(request.module, "LIVE_SERVER_START_NOFILE", None),
        # Transport tests count every logged change; a themes:changed a second after their posts would be one
        # more (tests/themes covers that broadcast). A module may still turn it on through LIVE_SERVER_ENV.
        **{"THEMES_DEBOUNCE_SECONDS": "off", **getattr(request.module, "LIVE_SERVER_ENV", {})},
    )
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def demo(live_server) -> dict:
    return live_server.demo()


@pytest.fixture
def peers():
    """Make connected peers; every one is disconnected at the end of the test."""
    made: list[Peer] = []

    def make(server: LiveServer, token: str | None, transport: str = "websocket", connect: bool = True, **kw) -> Peer:
        peer = Peer(server, token, transport, **kw)
        made.append(peer)
        if connect:
            peer.connect()
        return peer

    yield make
    for peer in made:
        peer.close()
