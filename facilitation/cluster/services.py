"""The processes of a cluster, each started from Debian's packages: PostgreSQL, Redis, nginx, app workers.

Each is a child of the launcher (never a daemon), so stopping the launcher's children stops everything; the
pids are also written to the cluster folder for `make cluster-stop`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import stat
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def wait_until(ready, timeout: float, what: str, process: subprocess.Popen | None = None) -> None:
    """Poll `ready()` until it is true; fail with `what` after `timeout` or when `process` exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited during start (code {process.returncode})")
        if ready():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start within {timeout:g} s")


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def stop_process(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 15) -> None:
    """Send `sig`, wait up to `timeout`, then kill: a child never outlives the launcher."""
    if process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: sudo apt-get install postgresql (make setup-cluster)")
    return Path(found[-1]).parent


def _reachable_by_others(folder: Path) -> None:
    """PostgreSQL refuses to run as root, so as root it runs as `postgres`, which must reach its data folder:
    let others traverse (not list) each of our folders above it."""
    for parent in [folder, *folder.parents]:
        info = parent.stat()
        if info.st_uid == os.geteuid() and not info.st_mode & stat.S_IXOTH:
            parent.chmod(stat.S_IMODE(info.st_mode) | stat.S_IXOTH)


@dataclass
class Postgres:
    """One PostgreSQL server with its data under `folder` (initdb on the first start), on 127.0.0.1:port."""

    folder: Path
    port: int
    max_connections: int = 200
    process: subprocess.Popen | None = None
    run_as: str | None = field(default_factory=lambda: "postgres" if os.geteuid() == 0 else None)

    @property
    def url(self) -> str:
        return f"postgresql://fb@127.0.0.1:{self.port}/facilitation"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _as_owner(self):
        """For subprocess: become the `postgres` account (as root) in the child, so signals reach postgres."""
        if not self.run_as:
            return None
        entry = pwd.getpwnam(self.run_as)

        def become() -> None:
            os.setgid(entry.pw_gid)
            os.initgroups(self.run_as, entry.pw_gid)
            os.setuid(entry.pw_uid)

        return become

    def _own(self, path: Path) -> None:
        if self.run_as:
            entry = pwd.getpwnam(self.run_as)
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def initialise(self) -> None:
        """initdb and createdb on the very first start; later starts find the data folder."""
        if (self.data / "PG_VERSION").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self._own(self.folder)
        if self.run_as:
            _reachable_by_others(self.folder.parent)
        initdb = postgres_bin() / "initdb"
        done = subprocess.run(
            [str(initdb), "-D", str(self.data), "-U", "fb", "--auth=trust", "-E", "UTF8"],
            capture_output=True,
            text=True,
            check=False,
            preexec_fn=self._as_owner(),  # noqa: PLW1509 (no threads yet when the cluster starts)
        )
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed:\n{done.stdout}\n{done.stderr}")
        self.start()
        subprocess.run(
            [str(postgres_bin() / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "fb", "facilitation"],
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        if self.run_as:
            _reachable_by_others(self.folder.parent)
        log = (self.folder / "postgres.log").open("ab")
        self._own(self.folder / "postgres.log")
        argv = [
            str(postgres_bin() / "postgres"),
            "-D", str(self.data),
            "-p", str(self.port),
            "-k", str(self.folder),  # its unix socket beside the data, never /var/run/postgresql
            "-c", "listen_addresses=127.0.0.1",
            "-c", f"max_connections={self.max_connections}",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            argv, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=self._as_owner()
        )
        log.close()
        wait_until(self._accepting, 60, "PostgreSQL", self.process)

    def _accepting(self) -> bool:
        probe = subprocess.run(
            [str(postgres_bin() / "pg_isready"), "-h", "127.0.0.1", "-p", str(self.port), "-q"], check=False
        )
        return probe.returncode == 0

    def stop(self) -> None:
        """A fast shutdown: sessions are ended, nothing committed is lost."""
        if self.process is not None:
            stop_process(self.process, signal.SIGINT, timeout=30)


@dataclass
class Redis:
    """A Redis server for the Socket.IO message queue (and rate-limit counters): nothing on disk."""

    port: int
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        if shutil.which("redis-server") is None:
            raise RuntimeError("redis-server is not installed: sudo apt-get install redis-server")
        argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        wait_until(lambda: port_open(self.port), 20, "Redis", self.process)

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)


@dataclass
class Nginx:
    """nginx in the foreground as a child, with its configuration, temp folders and pid under `folder`."""

    folder: Path
    config_text: str
    port: int
    process: subprocess.Popen | None = None

    @property
    def config(self) -> Path:
        return self.folder / "nginx.conf"

    def start(self) -> None:
        if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
            raise RuntimeError("nginx is not installed: sudo apt-get install nginx")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.config.write_text(self.config_text)
        argv = [self._binary(), "-p", str(self.folder), "-c", str(self.config), "-e", str(self.folder / "startup.log")]
        subprocess.run([*argv, "-t", "-q"], check=True, capture_output=True)
        self.process = subprocess.Popen(
            [*argv, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        wait_until(lambda: port_open(self.port), 20, "nginx", self.process)

    @staticmethod
    def _binary() -> str:
        return shutil.which("nginx") or "/usr/sbin/nginx"

    def reload(self) -> None:
        """Re-read the configuration: new nginx workers take new connections, old ones close theirs."""
        if self.process is not None:
            self.process.send_signal(signal.SIGHUP)

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process, signal.SIGQUIT, timeout=10)


@dataclass
class Worker:
    """One single-worker `python app.py` on 127.0.0.1:port; its log and instance folder under `folder`."""

    number: int
    port: int
    folder: Path
    env: dict[str, str]
    process: subprocess.Popen | None = None

    @property
    def log_path(self) -> Path:
        return self.folder / "worker.log"

    def start(self, wait: bool = True) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        env = {**self.env, "PORT": str(self.port), "INSTANCE_PATH": str(self.folder / "instance")}
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py")],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches the launcher only: it stops the workers in order
        )
        log.close()
        if wait:
            self.wait_ready()

    def wait_ready(self, timeout: float = 90) -> None:
        wait_until(lambda: port_open(self.port), timeout, f"worker {self.number}", self.process)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """SIGTERM: the worker drains (server.drain_on_sigterm) and exits within DRAIN_SECONDS."""
        if self.process is not None:
            stop_process(self.process, timeout=20)
