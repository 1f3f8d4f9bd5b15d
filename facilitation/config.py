"""Settings read from the environment, one class per mode (microblog style)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def _instance_secret(instance_path: Path) -> str:
    """Return a SECRET_KEY persisted in instance/ so sessions survive restarts of the local default."""
    instance_path.mkdir(parents=True, exist_ok=True)
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _csv(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


class Config:
    """Local default: one laptop at a venue, SQLite in instance/, one process."""

    TESTING = False
    PRODUCTION = False
    SECRET_KEY: str | None = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI: str | None = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    # Socket.IO settings: async mode stays a setting because eventlet is deprecated upstream.
    ASYNC_MODE = os.environ.get("ASYNC_MODE", "eventlet")
    MESSAGE_QUEUE: str | None = os.environ.get("MESSAGE_QUEUE")
    HOST = os.environ.get("HOST", "127.0.0.1")
    PORT = int(os.environ.get("PORT", "5000"))
    # Origins allowed to open a Socket.IO connection; never "*".
    ALLOWED_ORIGINS: list[str] = _csv("ALLOWED_ORIGINS", "")
    # Eventlet's default cap is 1024 connections; a full room of phones needs more.
    MAX_CONNECTIONS = int(os.environ.get("MAX_CONNECTIONS", "5000"))
    LISTEN_BACKLOG = int(os.environ.get("LISTEN_BACKLOG", "4096"))
    MAX_MESSAGE_BYTES = int(os.environ.get("MAX_MESSAGE_BYTES", str(64 * 1024)))
    NOTE_MAX_CHARS = 500
    # Where people reach this laptop (printed links, QR codes); defaults to the request host.
    PUBLIC_URL: str | None = os.environ.get("PUBLIC_URL")
    ORGANISER_EMAIL = os.environ.get("ORGANISER_EMAIL", "organiser@example.org")
    ORGANISER_PASSWORD: str | None = os.environ.get("ORGANISER_PASSWORD")
    SEED_DEMO = os.environ.get("SEED_DEMO", "1") == "1"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_HEADERS = ["X-CSRFToken"]
    MAX_CONTENT_LENGTH = 1024 * 1024

    def finalise(self, instance_path: Path) -> None:
        """Fill defaults that depend on the instance folder, computed per app, never at import."""
        instance_path.mkdir(parents=True, exist_ok=True)
        if not self.SECRET_KEY:
            if self.PRODUCTION:
                raise RuntimeError("SECRET_KEY must be set in the environment in production mode")
            self.SECRET_KEY = _instance_secret(instance_path)
        if not self.SQLALCHEMY_DATABASE_URI:
            self.SQLALCHEMY_DATABASE_URI = f"sqlite:///{instance_path / 'facilitation.sqlite'}"
        if not self.ALLOWED_ORIGINS:
            self.ALLOWED_ORIGINS = [
                f"http://{self.HOST}:{self.PORT}",
                f"http://localhost:{self.PORT}",
                f"http://127.0.0.1:{self.PORT}",
            ]
            if self.PUBLIC_URL:
                self.ALLOWED_ORIGINS.append(self.PUBLIC_URL.rstrip("/"))


class ProductionConfig(Config):
    """Scaled out: PostgreSQL, Redis message queue, SECRET_KEY mandatory."""

    PRODUCTION = True
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "1") == "1"


class TestConfig(Config):
    """In-memory-ish database and no demo data, for service and route tests."""

    TESTING = True
    SECRET_KEY = "test-secret"
    ASYNC_MODE = "threading"
    SEED_DEMO = False
    WTF_CSRF_ENABLED = True
    ORGANISER_PASSWORD = "test-password"


CONFIGS = {"default": Config, "production": ProductionConfig, "test": TestConfig}
