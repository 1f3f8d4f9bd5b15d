"""A second server on a port already in use refuses to start, instead of silently splitting the room.

Real processes: the module's live server holds the port; a second `python app.py` is started on it.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import requests

from tests.support.live_server import ROOT, start_live_server

pytestmark = pytest.mark.live


def test_a_second_server_on_the_same_port_refuses_with_a_clear_message(tmp_path):
    (tmp_path / "first").mkdir()
    first = start_live_server(tmp_path / "first")
    try:
        env = {**first.env, "INSTANCE_PATH": str(tmp_path / "second")}
        second = subprocess.run(
            [sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        assert second.returncode == 1, second.stderr
        assert f"Port {first.port} on 127.0.0.1 is already in use" in second.stderr
        assert "another port" in second.stderr
        # It stopped before doing anything: no database of its own, and the first server still answers alone.
        assert not (tmp_path / "second" / "facilitation.sqlite").exists()
        assert requests.get(f"{first.base_url}/", timeout=5).status_code == 200
    finally:
        first.stop()
