"""A real server process (app.py under eventlet) on a free port, for transport and browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

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

    def demo(self) -> dict:
        """Join code, tokens and ids of the demo workshop, read straight from the database."""
        import sqlite3

        con = sqlite3.connect(self.instance_path / "facilitation.sqlite")
        try:
            workshop_id, code, projector = con.execute(
                "select id, join_code, projector_token from workshops order by id limit 1"
            ).fetchone()
            groups = [
                {"id": gid, "name": name, "token": token}
                for gid, name, token in con.execute(
                    "select id, name, facilitator_token from groups where workshop_id=? order by position",
                    (workshop_id,),
                )
            ]
            boards = []
            for bid, kind, title, is_open in con.execute(
                "select id, kind, title, open_to_attendees from boards where workshop_id=? order by position",
                (workshop_id,),
            ):
                sections = [
                    {"id": sid, "name": name}
                    for sid, name in con.execute(
                        "select id, name from sections where board_id=? order by position", (bid,)
                    )
                ]
                boards.append({"id": bid, "kind": kind, "title": title, "open": bool(is_open), "sections": sections})
            perspectives = [
                {"id": pid, "name": name}
                for pid, name in con.execute(
                    "select id, name from perspectives where workshop_id=? order by position", (workshop_id,)
                )
            ]
        finally:
            con.close()
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
        "ASYNC_MODE": "eventlet",
        "PYTHONUNBUFFERED": "1",
        **extra_env,
    }
    log = log_path.open("w")
    process = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log_path.read_text()}")
        try:
            if requests.get(f"{base_url}/", timeout=1).status_code == 200:
                return LiveServer(base_url, port, instance, process, log_path, env)
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server did not start:\n{log_path.read_text()}")
