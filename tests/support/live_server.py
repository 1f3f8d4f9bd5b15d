"""A real server process (app.py under eventlet) on a free port, for transport and browser tests."""

from __future__ import annotations

import gc
import os
import socket
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import requests

ROOT = Path(__file__).resolve().parents[2]
ORGANISER_EMAIL = "organiser@example.org"
ORGANISER_PASSWORD = "live-server-password"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LiveServer:
    base_url: str
    port: int
    instance_path: Path
    process: subprocess.Popen
    log_path: Path
    env: dict = field(default_factory=dict)
    log_file: IO | None = None

    @property
    def database_url(self) -> str:
        return self.env.get("DATABASE_URL") or f"sqlite:///{self.instance_path / 'facilitation.sqlite'}"

    def demo(self) -> dict:
        """Join code, tokens and ids of the demo workshop, read straight from the database."""
        from sqlalchemy import create_engine, text

        engine = create_engine(self.database_url)
        try:
            with engine.connect() as con:

                def rows(sql: str, **params):
                    return con.execute(text(sql), params).all()

                workshop_id, code, projector = rows(
                    "select id, join_code, projector_token from workshops order by id limit 1"
                )[0]
                groups = [
                    {"id": gid, "name": name, "token": token}
                    for gid, name, token in rows(
                        "select id, name, facilitator_token from groups where workshop_id=:w order by position",
                        w=workshop_id,
                    )
                ]
                boards = [
                    {
                        "id": bid,
                        "kind": kind,
                        "title": title,
                        "open": bool(is_open),
                        "sections": [
                            {"id": sid, "name": name}
                            for sid, name in rows(
                                "select id, name from sections where board_id=:b order by position", b=bid
                            )
                        ],
                    }
                    for bid, kind, title, is_open in rows(
                        "select id, kind, title, open_to_attendees from boards where workshop_id=:w order by position",
                        w=workshop_id,
                    )
                ]
                perspectives = [
                    {"id": pid, "name": name}
                    for pid, name in rows(
                        "select id, name from perspectives where workshop_id=:w order by position", w=workshop_id
                    )
                ]
        finally:
            engine.dispose()
        return {
            "workshop_id": workshop_id,
            "join_code": code,
            "projector_token": projector,
            "groups": groups,
            "boards": boards,
            "perspectives": perspectives,
        }

    def join(self, name: str = "") -> str:
        response = requests.post(
            f"{self.base_url}/api/v1/join", json={"code": self.demo()["join_code"], "name": name}, timeout=5
        )
        response.raise_for_status()
        return response.json()["token"]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if self.log_file is not None and not self.log_file.closed:
            self.log_file.close()


def start_live_server(tmp_dir: Path, **extra_env: str) -> LiveServer:
    port = free_port()
    instance = tmp_dir / "instance"
    log_path = tmp_dir / "server.log"
    env = {
        **os.environ,
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "INSTANCE_PATH": str(instance),
        "ORGANISER_EMAIL": ORGANISER_EMAIL,
        "ORGANISER_PASSWORD": ORGANISER_PASSWORD,
        "SEED_DEMO": "1",
        # LIVE_ASYNC_MODE=gevent runs the live suites on gevent (eventlet is in maintenance upstream).
        "ASYNC_MODE": os.environ.get("LIVE_ASYNC_MODE", "eventlet"),
        "PYTHONUNBUFFERED": "1",
        # Each broadcast on its own frame: the transport tests' peers (tests/realtime/test_transport.py)
        # record single events only. tests/realtime/test_batched_broadcasts.py turns batching on.
        "BROADCAST_TICK_MS": "0",
        **extra_env,
    }
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60  # a loaded CI machine can take a while to import and migrate
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.close()
            raise RuntimeError(f"server exited early:\n{log_path.read_text()}")
        try:
            if requests.get(f"{base_url}/", timeout=1).status_code == 200:
                return LiveServer(base_url, port, instance, process, log_path, env, log)
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    process.wait(timeout=5)
    log.close()
    raise RuntimeError(f"server did not start:\n{log_path.read_text()}")


def start_quietly(tmp_dir: Path, **env: str) -> LiveServer:
    """start_live_server, with a second try on a loaded machine and no ResourceWarning left behind.

    A server gets 60 s to answer; on a loaded CI machine the first start (imports, migrations, the demo
    organiser's password hash) can take longer, so one more try, in a fresh folder, before failing. Log
    handles of a failed start are collected here, where a ResourceWarning is not an error.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            try:
                return start_live_server(tmp_dir, **env)
            except RuntimeError as error:
                if "did not start" not in str(error):
                    raise
                retry = tmp_dir / "retry"
                retry.mkdir()
                return start_live_server(retry, **env)
        finally:
            gc.collect()


def assert_server_survived(server: LiveServer) -> None:
    """A module's shared server still runs, still answers, and logged no traceback."""
    assert server.process.poll() is None
    assert requests.get(f"{server.base_url}/", timeout=5).status_code == 200
    log = server.log_path.read_text()
    assert "Traceback" not in log, log[-4000:]
