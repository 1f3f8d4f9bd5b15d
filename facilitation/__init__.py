"""Facilitation Board: the application factory. It wires things together and does nothing else."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from facilitation import cli, database  # database: SQLite settings on every connection
from facilitation.config import CONFIGS
from facilitation.extensions import csrf, db, migrate, socketio
from facilitation.features import register_features  # importing it registers socket handlers before init_app
from facilitation.realtime.json_codec import FastJSON
from facilitation.realtime.message_queue import client_manager
from facilitation.web.request_limits import limit_polling_bodies

ROOT = Path(__file__).resolve().parent.parent


def create_app(config_name: str = "default", instance_path: str | None = None, **overrides) -> Flask:
    """Build an app for one mode; overrides win over the environment (tests use them)."""
    app = Flask(
        __name__,
        instance_path=instance_path or str(ROOT / "instance"),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    config = CONFIGS[config_name]()
    for key, value in overrides.items():
        setattr(config, key, value)
    config.finalise(Path(app.instance_path))
    app.config.from_object(config)

    database.make_driver_cooperative(app.config["SQLALCHEMY_DATABASE_URI"], app.config["ASYNC_MODE"])
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        client_manager=client_manager(app.config["MESSAGE_QUEUE"]),
        cors_allowed_origins=app.config["ALLOWED_ORIGINS"],
        max_http_buffer_size=app.config["MAX_MESSAGE_BYTES"],
        manage_session=True,
        ping_interval=app.config["PING_INTERVAL_SECONDS"],
        ping_timeout=app.config["PING_TIMEOUT_SECONDS"],
        json=FastJSON,
    )
    limit_polling_bodies(app)  # an oversized long-polling POST gets 413 at once (Engine.IO would never answer)

    register_features(app)
    cli.register(app)
    return app
