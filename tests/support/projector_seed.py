"""Filling a live server's projector quickly over HTTP, for the projector layout tests and bench/.

Notes go in through the HTTP API with facilitator bearer tokens (HTTP has no per-socket rate limit),
so the server broadcasts each one exactly as it would a note from a tablet.
"""

from __future__ import annotations

import random
import re
import uuid
from dataclasses import dataclass

import requests

from tests.support.live_server import ORGANISER_EMAIL, ORGANISER_PASSWORD, LiveServer

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')

# Texts that stress a layout: long unbroken words, emoji, accents, right-to-left scripts.
UNBROKEN_WORD = (
    "Kulturvermittlungspartnerschaftsentwicklungsprogrammverantwortlichkeitsvereinbarungsunterzeichnungsberechtigungen"
    * 2
)
SPECIAL_TEXTS = [
    "🎭",
    UNBROKEN_WORD[:120],
    "Museums on prescription 🎨🖼️ with a named contact for link workers 🤝",
    "Café, théâtre, bibliothèque: à côté de chez soi, açaí, naïve, Zoë, São Paulo, Kraków",
    "المتاحف والمكتبات تدعم الصحة النفسية للمجتمع عندما يعمل الجميع معاً",
    "מוזיאונים וספריות תומכים ברווחה של הקהילה כאשר כולם עובדים יחד",
    "x",
]
_WORD_TEXT = """
museum library dance theatre link worker wellbeing funding time knowledge referral volunteer community gallery
singing garden walk choir arts craft heritage archive loneliness confidence partnership training evaluation
outreach transport access welcome trust
"""
WORDS = _WORD_TEXT.split()


def note_text(index: int, rng: random.Random) -> str:
    """Deterministic texts from 1 to 500 characters, with the special ones mixed in."""
    if index < len(SPECIAL_TEXTS):
        return SPECIAL_TEXTS[index]
    if index % 13 == 5:
        return SPECIAL_TEXTS[(index // 13) % len(SPECIAL_TEXTS)]
    length = 500 if index % 17 == 3 else rng.choice([1, 12, 40, 80, 120, 180, 260, 360, 500])
    words: list[str] = []
    while len(" ".join(words)) < length:
        words.append(rng.choice(WORDS))
    text = " ".join(words)[:length].strip()
    return text or "a"


@dataclass
class OrganiserApi:
    """An organiser signed in through the form, calling the JSON API with the session's CSRF token."""

    server: LiveServer
    session: requests.Session
    csrf: str

    @classmethod
    def sign_in(cls, server: LiveServer) -> OrganiserApi:
        session = requests.Session()
        token = CSRF_FIELD.search(session.get(f"{server.base_url}/organiser/login", timeout=10).text).group(1)
        response = session.post(
            f"{server.base_url}/organiser/login",
            data={"email": ORGANISER_EMAIL, "password": ORGANISER_PASSWORD, "csrf_token": token},
            timeout=10,
        )
        response.raise_for_status()
        csrf = CSRF_FIELD.search(session.get(f"{server.base_url}/organiser/", timeout=10).text).group(1)
        return cls(server, session, csrf)

    def call(self, method: str, path: str, json: dict | None = None) -> dict:
        response = self.session.request(
            method, f"{self.server.base_url}/api/v1{path}", json=json, headers={"X-CSRFToken": self.csrf}, timeout=10
        )
        body = response.json()
        assert body.get("ok"), body
        return body

    def add_board(self, workshop_id: int, kind: str, title: str, sections: list[str]) -> dict:
        body = {"kind": kind, "title": title, "prompt": f"Layout check: {title}", "sections": sections}
        structure = self.call("POST", f"/workshops/{workshop_id}/boards", body)["structure"]
        return next(b for b in reversed(structure["boards"]) if b["title"] == title)

    def show(self, workshop_id: int, board_id: int) -> dict:
        return self.call("PUT", f"/workshops/{workshop_id}/projector/target", {"kind": "board", "board_id": board_id})

    def display(self, workshop_id: int, board_id: int, display: str) -> dict:
        return self.call(
            "PUT", f"/workshops/{workshop_id}/projector/display", {"board_id": board_id, "display": display}
        )


class DirectSeeder:
    """Adds notes straight through the service layer on the live server's database (no HTTP, no broadcast).

    For bulk: a page opened (or reloaded) afterwards reads them in its state, and the change log still has
    every note at its own revision, so a connected screen that sees the next broadcast catches up by sync.
    """

    def __init__(self, server: LiveServer, demo: dict, seed: int = 2022):
        from facilitation import create_app

        self.demo = demo
        self.rng = random.Random(seed)
        self.count = 0
        self.app = create_app("test", instance_path=str(server.instance_path), SEED_DEMO=False)

    def post(self, board: dict, n: int) -> None:
        from facilitation.extensions import db
        from facilitation.kernel.access import actor_for_token
        from facilitation.notes import service as notes

        with self.app.app_context():
            for _ in range(n):
                i = self.count
                self.count += 1
                group = self.demo["groups"][i % len(self.demo["groups"])]
                payload = {
                    "client_id": uuid.uuid4().hex,
                    "board_id": board["id"],
                    "section_id": board["sections"][i % len(board["sections"])]["id"],
                    "text": note_text(i, self.rng),
                }
                if board["kind"] == "tree" and i % 5 != 4:
                    payload["perspective_id"] = self.demo["perspectives"][(i // 2) % len(self.demo["perspectives"])][
                        "id"
                    ]
                notes.post_note(actor_for_token(group["token"]), self.demo["workshop_id"], payload)
            db.session.remove()
            db.engine.dispose()


class NotePoster:
    """Posts notes as the demo's facilitators in turn, so notes carry groups and perspectives."""

    def __init__(self, server: LiveServer, demo: dict, seed: int = 2022):
        self.server = server
        self.demo = demo
        self.rng = random.Random(seed)
        self.session = requests.Session()
        self.count = 0

    def post(self, board: dict, n: int) -> list[dict]:
        notes = []
        for _ in range(n):
            i = self.count
            self.count += 1
            group = self.demo["groups"][i % len(self.demo["groups"])]
            section = board["sections"][i % len(board["sections"])]
            body = {
                "client_id": uuid.uuid4().hex,
                "board_id": board["id"],
                "section_id": section["id"],
                "text": note_text(i, self.rng),
            }
            perspectives = self.demo["perspectives"]
            if board["kind"] == "tree" and i % 5 != 4:
                body["perspective_id"] = perspectives[(i // 2) % len(perspectives)]["id"]
            response = self.session.post(
                f"{self.server.base_url}/api/v1/workshops/{self.demo['workshop_id']}/notes",
                json=body,
                headers={"Authorization": f"Bearer {group['token']}"},
                timeout=10,
            )
            assert response.status_code == 201, response.text
            notes.append(response.json()["note"])
        return notes
