"""Throwaway PostgreSQL and Redis servers on free loopback ports, for the scaled-out tests."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.live_server import free_port


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def have_backing_services() -> bool:
    return postgres_bin() is not None and shutil.which("redis-server") is not None


@dataclass
class Postgres:
    url: str
    data_dir: Path
    bin_dir: Path
    run_as: str | None

    def stop(self) -> None:
        _run(
            self.run_as,
            [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "stop"],
            check=False,
        )


def _run(user: str | None, argv: list[str], check: bool = True) -> subprocess.CompletedProcess:
    if user:
        argv = ["runuser", "-u", user, "--", *argv]
    return subprocess.run(argv, check=check, capture_output=True, text=True)


def start_postgres() -> Postgres:
    """initdb a private cluster; PostgreSQL refuses to run as root, so use the postgres account then."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL server binaries are not installed")
    run_as = "postgres" if os.geteuid() == 0 else None
    base = Path(tempfile.mkdtemp(prefix="fb-pg-"))
    if run_as:
        entry = pwd.getpwnam(run_as)
        os.chown(base, entry.pw_uid, entry.pw_gid)
    data_dir = base / "data"
    port = free_port()
    _run(run_as, [str(bin_dir / "initdb"), "-D", str(data_dir), "-U", "fb", "--auth=trust", "-E", "UTF8"])
    _run(
        run_as,
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data_dir),
            "-o",
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off",
            "-l",
            str(base / "log"),
            "-w",
            "start",
        ],
    )
    _run(run_as, [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "fb", "facilitation"])
    return Postgres(f"postgresql://fb@127.0.0.1:{port}/facilitation", data_dir, bin_dir, run_as)


@dataclass
class Redis:
    url: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=5)


def start_redis() -> Redis:
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    import socket

    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return Redis(f"redis://127.0.0.1:{port}/0", process)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("redis-server did not start")


@contextlib.contextmanager
def scaled_out_cluster(tmp_path_factory, start):
    """Two app processes sharing one PostgreSQL and one Redis message queue; `start(tmp_dir, **env)` starts one.

    Fails in CI when the servers are missing (.ci/run installs them) and skips elsewhere.
    """
    import pytest

    if not have_backing_services():
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL and redis-server must be installed in CI (.ci/run installs them)")
        pytest.skip("PostgreSQL server or redis-server not installed")
    postgres, redis = start_postgres(), start_redis()
    env = {"DATABASE_URL": postgres.url, "MESSAGE_QUEUE": redis.url, "SECRET_KEY": "shared-across-processes"}
    servers = []
    try:
        # The first process migrates and seeds; the second finds both done.
        servers.append(start(tmp_path_factory.mktemp("a"), **env))
        servers.append(start(tmp_path_factory.mktemp("b"), **env))
        yield servers
    finally:
        for server in servers:
            server.stop()
        redis.stop()
        postgres.stop()
