"""Settings read from the environment, one class per mode (microblog style).

The environment is read when a config object is made, never at import, so each app (and each test)
sees the environment of its own moment.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from datetime import timedelta
from pathlib import Path

from facilitation.network import lan_address


def _instance_secret(instance_path: Path) -> str:
    """Return a SECRET_KEY persisted in instance/ so sessions survive restarts of the local default."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        # Created owner-only, never readable for a moment by other users of the laptop.
        with os.fdopen(os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as out:
            out.write(secrets.token_urlsafe(48))
    key_file.chmod(0o600)
    return key_file.read_text().strip()


def _private_folder(path: Path) -> None:
    """instance/ holds the database (sign-ups, facilitator and projector links) and the key: owner only."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(PermissionError):  # a folder someone else owns: its owner decides
        path.chmod(0o700)


ROOT_FOLDER = Path(__file__).resolve().parent.parent

# Flask signs the session cookie (and Flask-WTF its CSRF tokens) with SECRET_KEY: a short key can be found by
# trying keys offline against one captured cookie, and then anyone can sign themselves in as an organiser.
MIN_SECRET_KEY_BYTES = 32


def _check_secret_key(key: str) -> None:
    """Refuse a key too short to sign sessions with, saying how to make one."""
    length = len(key.encode())
    if length < MIN_SECRET_KEY_BYTES:
        raise RuntimeError(
            f"SECRET_KEY is {length} bytes; production needs at least {MIN_SECRET_KEY_BYTES} bytes of random. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )


def _postgres_engine_options() -> dict:
    """A restarted PostgreSQL leaves every pooled connection dead: pre-ping replaces one before it is used, so
    the workers recover without a restart; a request waiting for a connection gives up in seconds, never hangs.

    The pool is a setting: a worker holding 2,000 phones that reconnect at once needs more than 10 + 20
    connections, and the workers sharing one PostgreSQL must together stay under its max_connections
    (`make cluster` divides them: cluster/launcher.pool_settings)."""
    env = os.environ.get
    return {
        "pool_pre_ping": True,
        "pool_size": int(env("DATABASE_POOL_SIZE", "10")),
        "max_overflow": int(env("DATABASE_MAX_OVERFLOW", "20")),
        "pool_timeout": float(env("DATABASE_POOL_TIMEOUT", "5")),
        "connect_args": {"connect_timeout": 3},
    }


def _csv(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default) == "1"


class Config:
    """Local default: one laptop at a venue, SQLite in instance/, one process."""

    TESTING = False
    PRODUCTION = False
    NOTE_MAX_CHARS = 500
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_HEADERS = ["X-CSRFToken"]
    MAX_CONTENT_LENGTH = 4 * 1024 * 1024
    SECURE_COOKIES_DEFAULT = "0"
    # How organiser passwords are hashed (werkzeug's method string); None is werkzeug's own strong default.
    PASSWORD_HASH_METHOD: str | None = None
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    BABEL_DOMAIN = "messages"

    def __init__(self) -> None:
        env = os.environ.get
        self.SECRET_KEY: str | None = env("SECRET_KEY")
        self.SQLALCHEMY_DATABASE_URI: str | None = env("DATABASE_URL")
        # Async mode stays a setting because eventlet is deprecated upstream.
        self.ASYNC_MODE = env("ASYNC_MODE", "eventlet")
        self.MESSAGE_QUEUE: str | None = env("MESSAGE_QUEUE")
        self.HOST = env("HOST", "127.0.0.1")
        self.PORT = int(env("PORT", "5000"))
        # Origins allowed to open a Socket.IO connection; never "*".
        self.ALLOWED_ORIGINS: list[str] = _csv(env("ALLOWED_ORIGINS", ""))
        # Eventlet's default cap is 1024 connections; a full room of phones needs more. The open-files limit is
        # raised with it (server.raise_file_limit), up to the hard limit.
        self.MAX_CONNECTIONS = int(env("MAX_CONNECTIONS", "10000"))
        # Socket.IO's own defaults: a ping every 25 s costs a fifth of what one every 10 s does at 10,000
        # sockets; a phone that vanished without closing is noticed within interval + timeout.
        self.PING_INTERVAL_SECONDS = float(env("PING_INTERVAL_SECONDS", "25"))
        self.PING_TIMEOUT_SECONDS = float(env("PING_TIMEOUT_SECONDS", "20"))
        # Under load, broadcasts to one room within this many milliseconds go out as one `changes` frame
        # (kernel/broadcast.py); the first after a quiet spell goes at once. 0 sends each on its own.
        self.BROADCAST_TICK_MS = float(env("BROADCAST_TICK_MS", "10"))
        # When many sockets disconnect at once, their presence rows go in one DELETE at the end of a tick this
        # long (security/presence.py); the first after a quiet spell goes at once. 0 deletes each on its own.
        self.PRESENCE_TICK_MS = float(env("PRESENCE_TICK_MS", "50"))
        # Processes that render exports (exports/worker.py), started on the first export; 0 renders in the
        # request, which stops every socket of the process while a ZIP is built.
        self.EXPORT_WORKERS = int(env("EXPORT_WORKERS", "1"))
        self.LISTEN_BACKLOG = int(env("LISTEN_BACKLOG", "4096"))
        self.MAX_MESSAGE_BYTES = int(env("MAX_MESSAGE_BYTES", str(64 * 1024)))
        # How long a removed board, group, perspective, question or workshop can be restored; never less than
        # the rest of the day it was removed on (workshops/trash.py). `flask purge-expired` erases it after.
        self.UNDO_HOURS = float(env("UNDO_HOURS", "24"))
        # A connection that has not sent a whole request header this long after it opened (or after its last
        # response) is closed, so half-open connections cannot fill MAX_CONNECTIONS (server.py).
        self.HEADER_TIMEOUT_SECONDS = float(env("HEADER_TIMEOUT_SECONDS", "10"))
        # On SIGTERM, how long requests in flight may take to finish before the process exits anyway.
        self.DRAIN_SECONDS = float(env("DRAIN_SECONDS", "10"))
        # Connections one TCP peer address may hold open; 0 is no cap, and the cap is off behind TRUSTED_PROXIES
        # (every peer is the proxy). 1000 leaves room for a 500-phone room behind one venue NAT address.
        self.MAX_CONNECTIONS_PER_ADDRESS = int(env("MAX_CONNECTIONS_PER_ADDRESS", "1000"))
        # New notes are placed in themes this long after a change, once for a whole burst (themes/scheduler.py);
        # "off": only when someone regroups a board (for tests that count every logged change).
        debounce = env("THEMES_DEBOUNCE_SECONDS", "1.0")
        self.THEMES_DEBOUNCE_SECONDS: float | None = None if debounce == "off" else float(debounce)
        # Where people reach this laptop (printed links, QR codes); defaults to the request host.
        self.PUBLIC_URL: str | None = env("PUBLIC_URL")
        # The languages offered, English (the source) first (languages/catalogues.py), and where their
        # catalogues are (";"-separated folders; the pseudo-locale check in tests/ points elsewhere).
        self.LANGUAGES: tuple[str, ...] = tuple(_csv(env("LANGUAGES", "en,cy,ar")))
        self.BABEL_TRANSLATION_DIRECTORIES = env("TRANSLATION_DIRECTORIES", str(ROOT_FOLDER / "translations"))
        # A certificate and its key (PEM files): the server speaks HTTPS itself (docs/deployment.md, phones).
        self.TLS_CERT: str | None = env("CERT")
        self.TLS_KEY: str | None = env("KEY") or self.TLS_CERT
        self.ORGANISER_EMAIL = env("ORGANISER_EMAIL", "organiser@example.org")
        self.ORGANISER_PASSWORD: str | None = env("ORGANISER_PASSWORD")
        self.SEED_DEMO = _flag("SEED_DEMO", "1")
        self.SESSION_COOKIE_SECURE = _flag("SESSION_COOKIE_SECURE", self.SECURE_COOKIES_DEFAULT)
        # How many reverse proxies in front set X-Forwarded-For; 0 (default) believes no such header.
        self.TRUSTED_PROXIES = int(env("TRUSTED_PROXIES", "0"))
        # Which peers those proxies are ("127.0.0.1,10.0.0.0/8"): X-Forwarded-For from any other peer (someone
        # reaching a worker's port directly) is ignored. Empty: believe it from every peer.
        self.TRUSTED_PROXY_ADDRESSES: list[str] = _csv(env("TRUSTED_PROXY_ADDRESSES", ""))
        # Rate-limit overrides "name=count/seconds,..." (names: services/throttle.DEFAULT_LIMITS).
        self.RATE_LIMITS = env("RATE_LIMITS", "")
        # Where post and join counters live (security/counters.py): a `limits` storage URL. Unset: a Redis
        # MESSAGE_QUEUE when there is one (shared by every process), else this process's memory.
        self.RATE_LIMIT_STORAGE: str | None = env("RATE_LIMIT_STORAGE")
        # Each socket's own token buckets (realtime/ratelimit.py): "event=burst/refill-per-second,...";
        # "default" covers every event not named. Defaults: note:post=10/0.5, default=30/5.
        self.SOCKET_RATE_LIMITS = env("SOCKET_RATE_LIMITS", "")
        # How long an organiser stays signed in, counted from sign-in (not from the last request): the cookie
        # expires then, and a copy of it is refused from then on.
        self.PERMANENT_SESSION_LIFETIME = timedelta(hours=float(env("SESSION_HOURS", "12")))
        # How often each process looks for open organiser sockets whose session ended out of its reach (a
        # password changed from the command line, a session outliving SESSION_HOURS); 0 turns it off.
        self.ORGANISER_SESSION_CHECK_SECONDS = float(env("ORGANISER_SESSION_CHECK_SECONDS", "5"))

    def finalise(self, instance_path: Path) -> None:
        """Fill defaults that depend on the instance folder, computed per app, never at import."""
        _private_folder(instance_path)
        if not self.SECRET_KEY:
            if self.PRODUCTION:
                raise RuntimeError("SECRET_KEY must be set in the environment in production mode")
            self.SECRET_KEY = _instance_secret(instance_path)
        elif self.PRODUCTION:
            _check_secret_key(self.SECRET_KEY)
        if not self.SQLALCHEMY_DATABASE_URI:
            self.SQLALCHEMY_DATABASE_URI = f"sqlite:///{instance_path / 'facilitation.sqlite'}"
        if self.SQLALCHEMY_DATABASE_URI.startswith("postgresql") and not self.SQLALCHEMY_ENGINE_OPTIONS:
            self.SQLALCHEMY_ENGINE_OPTIONS = _postgres_engine_options()
        if not self.ALLOWED_ORIGINS:
            self.ALLOWED_ORIGINS = self.default_origins()

    def default_origins(self) -> list[str]:
        """The addresses this server itself is reached at; a page from anywhere else may not connect."""
        hosts = {self.HOST, "localhost", "127.0.0.1"}
        if self.HOST in ("0.0.0.0", "::"):
            # Listening on the venue network: phones load pages from the laptop's LAN address.
            hosts.discard(self.HOST)
            address = lan_address()
            if address:
                hosts.add(address)
        scheme = "https" if self.TLS_CERT else "http"
        origins = sorted(f"{scheme}://{host}:{self.PORT}" for host in hosts)
        if self.PUBLIC_URL:
            origins.append(self.PUBLIC_URL.rstrip("/"))
        return origins


class ProductionConfig(Config):
    """Scaled out: PostgreSQL, Redis message queue, SECRET_KEY mandatory, cookies Secure behind HTTPS."""

    PRODUCTION = True
    SECURE_COOKIES_DEFAULT = "1"


class TestConfig(Config):
    """No demo data, a fixed key and a cheap password hash, for service and route tests."""

    TESTING = True
    WTF_CSRF_ENABLED = True
    # One iteration: tests create and sign in organisers by the hundred, and scrypt costs a fifth of a second.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"

    def __init__(self) -> None:
        super().__init__()
        self.SECRET_KEY = "test-secret"
        self.ASYNC_MODE = "threading"
        self.SEED_DEMO = False
        self.ORGANISER_PASSWORD = "test-password"
        # No background loop outliving a test's database; tests that need it turn it on.
        self.ORGANISER_SESSION_CHECK_SECONDS = 0
        # No theme task outliving a test's database: tests run the waiting assignment with run_pending().
        self.THEMES_DEBOUNCE_SECONDS = None
        # Each broadcast at once, so a test reads what it caused right after causing it.
        self.BROADCAST_TICK_MS = 0
        # Each disconnected socket's presence row deleted at once, so a test reads presence right after.
        self.PRESENCE_TICK_MS = 0
        # Exports render in the test's own process (no worker process per test app).
        self.EXPORT_WORKERS = 0


CONFIGS = {"default": Config, "production": ProductionConfig, "test": TestConfig}
