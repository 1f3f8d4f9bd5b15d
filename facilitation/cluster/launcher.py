"""Start, supervise and stop a whole cluster: PostgreSQL, Redis, migrations, N app workers, nginx in front."""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from facilitation.cluster import nginx
from facilitation.cluster.services import ROOT, Nginx, Postgres, Redis, Worker
from facilitation.network import lan_address

PIDS_FILE = "cluster.json"
# PostgreSQL connections no worker may take: its superuser slots (3) plus the migration step, `psql` and a
# benchmark's own reads.
RESERVED_CONNECTIONS = 10
# Connections a worker keeps open while idle; the rest of its share is opened for a burst and closed after.
POOL_KEPT = 20
# How long a worker's request waits for a pooled connection before answering `unavailable`. Longer than a
# laptop's 5 s: in a reconnect storm every holder is waiting for the CPU, not for PostgreSQL, and a phone
# refused at 5 s comes back for a second handshake, which is how 2,000 phones took minutes instead of
# seconds. A PostgreSQL that is down still fails at once (connect_timeout), never here.
POOL_TIMEOUT_SECONDS = 15


def pool_settings(workers: int, max_connections: int) -> dict[str, str]:
    """Each worker's share of PostgreSQL's connections, as the DATABASE_POOL_* settings (config.py).

    A mass reconnect is every phone of a worker connecting within a second or two, each holding a connection
    for its credential check and presence row: with the old fixed 10 + 20 a worker at 2,000 phones ran out
    and refused phones after the 5 s pool timeout. The workers together never ask for more than PostgreSQL
    accepts, so a refused connection is never what a burst meets."""
    share = max(2, (max_connections - RESERVED_CONNECTIONS) // max(1, workers))
    kept = min(POOL_KEPT, share)
    return {
        "DATABASE_POOL_SIZE": str(kept),
        "DATABASE_MAX_OVERFLOW": str(share - kept),
        "DATABASE_POOL_TIMEOUT": str(POOL_TIMEOUT_SECONDS),
    }


@dataclass
class Settings:
    """Where the cluster lives and listens. Ports: nginx on `port`, workers on port+1.., Redis on port+50,
    PostgreSQL on port+51 (each overridable), all on loopback except nginx when host is 0.0.0.0."""

    folder: Path
    workers: int
    host: str = "127.0.0.1"
    port: int = 5000
    redis_port: int | None = None
    postgres_port: int | None = None
    header_timeout: float = 5
    per_address: int = 1000
    postgres_max_connections: int = 200
    public_url: str | None = None
    extra_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_environment(cls) -> Settings:
        env = os.environ.get
        workers = int(env("WORKERS") or os.cpu_count() or 2)
        return cls(
            folder=Path(env("CLUSTER_DIR") or ROOT / "instance" / "cluster").resolve(),
            workers=max(1, min(workers, 49)),
            host=env("HOST", "127.0.0.1"),
            port=int(env("PORT", "5000")),
            redis_port=int(env("REDIS_PORT")) if env("REDIS_PORT") else None,
            postgres_port=int(env("POSTGRES_PORT")) if env("POSTGRES_PORT") else None,
            header_timeout=float(env("CLUSTER_HEADER_TIMEOUT", "5")),
            per_address=int(env("MAX_CONNECTIONS_PER_ADDRESS", "1000")),
            postgres_max_connections=int(env("POSTGRES_MAX_CONNECTIONS", "200")),
            public_url=env("PUBLIC_URL"),
        )

    @property
    def base_url(self) -> str:
        shown = (lan_address() or "127.0.0.1") if self.host in ("0.0.0.0", "::") else self.host
        return (self.public_url or f"http://{shown}:{self.port}").rstrip("/")

    def origins(self) -> list[str]:
        hosts = {"127.0.0.1", "localhost"}
        if self.host in ("0.0.0.0", "::"):
            hosts.add(lan_address() or "127.0.0.1")
        else:
            hosts.add(self.host)
        found = [f"http://{host}:{self.port}" for host in sorted(hosts)]
        return [*found, self.public_url.rstrip("/")] if self.public_url else found


def _secret_key(folder: Path) -> str:
    """One SECRET_KEY shared by every worker (any of them may receive a session cookie), kept owner-only."""
    path = folder / "secret_key"
    if not path.exists():
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
            out.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


class Cluster:
    """The processes of one cluster; start() brings them up in dependency order, stop() in reverse."""

    def __init__(self, settings: Settings):
        self.settings = settings
        folder = settings.folder
        self.logs = folder / "logs"
        self.postgres = Postgres(
            folder / "postgres", settings.postgres_port or settings.port + 51, settings.postgres_max_connections
        )
        self.redis = Redis(settings.redis_port or settings.port + 50)
        ports = [settings.port + n for n in range(1, settings.workers + 1)]
        self.workers = [Worker(n, port, folder / f"worker-{n}", {}) for n, port in enumerate(ports, start=1)]
        listen = f"{settings.host}:{settings.port}" if settings.host not in ("0.0.0.0", "::") else str(settings.port)
        config = nginx.render(
            folder=folder / "nginx",
            logs=self.logs,
            run=folder / "nginx",
            listen=listen,
            worker_ports=ports,
            header_timeout=settings.header_timeout,
            per_address=settings.per_address,
        )
        self.nginx = Nginx(folder / "nginx", config, settings.port)
        self.supervising = True

    def worker_env(self) -> dict[str, str]:
        """What every worker shares: the database (and its share of PostgreSQL's connections, unless the
        environment sets the pool itself), the queue, the key, and nginx as the one trusted proxy."""
        settings = self.settings
        return {
            **pool_settings(settings.workers, settings.postgres_max_connections),
            **os.environ,
            "DATABASE_URL": self.postgres.url,
            "MESSAGE_QUEUE": self.redis.url,
            "RATE_LIMIT_STORAGE": f"redis://127.0.0.1:{self.redis.port}/1",
            "SECRET_KEY": _secret_key(settings.folder),
            "HOST": "127.0.0.1",
            "TRUSTED_PROXIES": "1",
            "TRUSTED_PROXY_ADDRESSES": "127.0.0.1",
            "ALLOWED_ORIGINS": ",".join(settings.origins()),
            "PUBLIC_URL": settings.base_url,
            "SEED_DEMO": "0",  # the launcher seeds once, before any worker starts
            "PYTHONUNBUFFERED": "1",
            **settings.extra_env,
        }

    def start(self) -> str:
        """Bring everything up; returns what `make run` would print (the links), from the prepare step."""
        self.settings.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.logs.mkdir(exist_ok=True)
        self.postgres.initialise()
        self.postgres.start()
        self.redis.start()
        self._write_pids()
        links = self.prepare()
        env = self.worker_env()
        for worker in self.workers:
            worker.env = env
            worker.start(wait=False)
        for worker in self.workers:
            worker.wait_ready()
        self.nginx.start()
        self._write_pids()
        return links

    def prepare(self) -> str:
        """Migrate and seed once, in a process of its own, before any worker starts (two workers
        migrating one empty database at the same moment can collide); prints the links `make run` prints."""
        settings = self.settings
        env = {
            **self.worker_env(),
            "ASYNC_MODE": "threading",
            "MESSAGE_QUEUE": "",
            "SEED_DEMO": os.environ.get("SEED_DEMO", "1"),
            "HOST": settings.host,
            "PORT": str(settings.port),
            "INSTANCE_PATH": str(settings.folder / "prepare"),
        }
        done = subprocess.run(
            [sys.executable, "-m", "facilitation.cluster", "prepare"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"migrations failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def _write_pids(self) -> None:
        processes = [self.nginx, *self.workers, self.redis, self.postgres]
        pids = [p.process.pid for p in processes if p.process is not None and p.process.poll() is None]
        recorded = [[pid, _started_at(pid)] for pid in pids]
        (self.settings.folder / PIDS_FILE).write_text(json.dumps({"pids": recorded}))

    def supervise(self) -> None:
        """Until stopped: a worker that died (a crash, kill -9) is started again, as systemd's Restart= would."""
        while self.supervising:
            for worker in self.workers:
                if not worker.alive() and self.supervising:
                    print(f"worker {worker.number} exited; starting it again", file=sys.stderr, flush=True)
                    worker.start(wait=False)
                    self._write_pids()
            time.sleep(1)

    def stop(self) -> None:
        """Stop in reverse order: nginx first (no new connections), workers drain, then Redis, PostgreSQL."""
        self.supervising = False
        self.nginx.stop()
        for worker in self.workers:
            if worker.alive():
                worker.process.send_signal(signal.SIGTERM)
        for worker in self.workers:
            worker.stop()
        self.redis.stop()
        self.postgres.stop()
        (self.settings.folder / PIDS_FILE).unlink(missing_ok=True)


def stop_left_running(folder: Path) -> int:
    """`make cluster-stop`: end the processes a launcher recorded (one killed without its Ctrl-C clean-up)."""
    path = folder / PIDS_FILE
    if not path.exists():
        return 0
    # Only processes that are still the ones recorded: after a reboot a pid may belong to something else.
    pids = [pid for pid, started in json.loads(path.read_text())["pids"] if _started_at(pid) == started]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGTERM if pid != pids[-1] else signal.SIGINT)
        except ProcessLookupError:
            continue
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_running(pid) for pid in pids):
        time.sleep(0.2)
    for pid in pids:
        if _running(pid):
            os.kill(pid, signal.SIGKILL)
    path.unlink(missing_ok=True)
    return len(pids)


def _started_at(pid: int) -> str | None:
    """When the process started (clock ticks since boot, /proc/<pid>/stat field 22), or None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
