"""What happens once when the laptop starts the server: migrations, first-start demo, the links."""

from __future__ import annotations

from flask import Flask
from flask_migrate import upgrade

from facilitation.extensions import db
from facilitation.models import Workshop
from facilitation.network import lan_address
from facilitation.workshops.demo import demo_workshop, first_start


def prepare(app: Flask) -> dict | None:
    """Bring the database to the newest schema (every branch head); on the very first start create the demo."""
    with app.app_context():
        upgrade(revision="heads")
        if not app.config["SEED_DEMO"]:
            return None
        return first_start(app.config["ORGANISER_EMAIL"], app.config["ORGANISER_PASSWORD"])


def print_links(app: Flask, created: dict | None) -> None:
    """Tell the person at the laptop the links for phones, projector and tablets, and any new password."""
    host, port = app.config["HOST"], app.config["PORT"]
    shown_host = lan_address() if host in ("0.0.0.0", "::") else host
    scheme = "https" if app.config.get("TLS_CERT") else "http"
    base = app.config.get("PUBLIC_URL") or f"{scheme}://{shown_host}:{port}"
    lines = ["", f"Facilitation Board is running at {base}/"]
    if created:
        lines += [
            f"Organiser sign-in: {base}/organiser/login",
            f"  email:    {created['email']}",
            f"  password: {created['password']}   (shown once; set ORGANISER_PASSWORD to choose it)",
        ]
    with app.app_context():
        workshop: Workshop | None = demo_workshop()
        if workshop is not None:
            lines += [
                f"Demo workshop: {workshop.title}",
                f"  attendees (phones): {base}/join/{workshop.join_code}   code {workshop.join_code}",
                f"  projector:          {base}/p/{workshop.projector_token}",
            ]
            lines += [f"  facilitator {g.name}: {base}/f/{g.facilitator_token}" for g in workshop.groups]
        db.session.remove()
    if host == "127.0.0.1":
        lines.append("Only this laptop can connect. For phones in the room: make run HOST=0.0.0.0")
    print("\n".join(lines), flush=True)
