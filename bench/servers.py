"""The three servers `make bench` compares, each started fresh on a port of BENCH_PORTS (default 5300-5399).

- product: `python app.py` as `make run` runs it (eventlet, SQLite, the demo workshop), with only the
  per-person limits lifted (a swarm posts and joins far faster than people, all from 127.0.0.1);
- flask: bench/bare_server.py, bare Flask-SocketIO under eventlet;
- node: bench/bare_node.mjs, bare socket.io 4.8 (package.json).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
ORGANISER_EMAIL = "bench@example.org"
ORGANISER_PASSWORD = "bench-password-long"
UNLIMITED = "post_per_sender=1000000/60,post_per_ip=1000000/60,join_per_ip=1000000/60"
SOCKET_UNLIMITED = "note:post=1000000/1000000,default=1000000/1000000"
SERVERS = ("product", "flask", "node")


@dataclass
class Running:
    name: str
    url: str
    process: subprocess.Popen
    instance: Path | None = None
    extra: dict = field(default_factory=dict)

    @property
    def pid(self) -> int:
        return self.process.pid


def free_bench_port() -> int:
    first, _, last = os.environ.get("BENCH_PORTS", "5300-5399").partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in BENCH_PORTS")


def _command(name: str, port: int) -> list[str]:
    if name == "product":
        return [sys.executable, str(ROOT / "app.py")]
    if name == "flask":
        return [sys.executable, "-m", "bench.bare_server", str(port)]
    return ["node", str(ROOT / "bench" / "bare_node.mjs"), str(port)]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text()[-3000:]}")
        try:
            requests.get(f"{url}/socket.io/?EIO=4&transport=polling", timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"server did not start:\n{log.read_text()[-3000:]}")


@contextmanager
def started(name: str, **env: str):
    port = free_bench_port()
    with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as tmp:
        instance = Path(tmp) / "instance"
        environment = {
            **os.environ,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "INSTANCE_PATH": str(instance),
            "ORGANISER_EMAIL": ORGANISER_EMAIL,
            "ORGANISER_PASSWORD": ORGANISER_PASSWORD,
            "SEED_DEMO": "1",
            "RATE_LIMITS": UNLIMITED,
            "SOCKET_RATE_LIMITS": SOCKET_UNLIMITED,
            "MAX_CONNECTIONS_PER_ADDRESS": "0",
            **env,
        }
        log = Path(tmp) / "server.log"
        with log.open("w") as out:
            process = subprocess.Popen(_command(name, port), cwd=ROOT, env=environment, stdout=out, stderr=out)
            url = f"http://127.0.0.1:{port}"
            try:
                _wait_until_up(url, process, log)
                yield Running(name, url, process, instance if name == "product" else None)
            finally:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=5)
