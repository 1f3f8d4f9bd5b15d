"""Scaled out: two server processes on one PostgreSQL database with Redis as the message queue.

Same code, configuration only. A post on one process reaches a screen on the other, revisions stay
unique across processes, and a screen that missed changes catches up from the shared change log.
"""

from __future__ import annotations

import threading
import time

import pytest
import requests
import socketio

pytestmark = [pytest.mark.live]

NAMESPACE = "/live"


@pytest.fixture
def cluster(scaled_out_servers):
    return scaled_out_servers


def connect(server, token: str) -> tuple[socketio.Client, list]:
    received: list = []
    client = socketio.Client(reconnection=False)
    client.on("note:added", received.append, namespace=NAMESPACE)
    client.connect(server.base_url, auth={"token": token}, namespaces=[NAMESPACE], transports=["websocket"])
    return client, received


def note_payload(board, text: str, client_id: str) -> dict:
    return {"client_id": client_id, "board_id": board["id"], "section_id": board["sections"][0]["id"], "text": text}


def open_board(server):
    return next(b for b in server.demo()["boards"] if b["open"])


def wait_for(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def test_a_post_on_one_process_reaches_a_screen_on_the_other(cluster):
    server_a, server_b = cluster
    projector, received = connect(server_b, server_b.demo()["projector_token"])
    poster, _ = connect(server_a, server_a.join("Ada"))
    try:
        ack = poster.call(
            "note:post", note_payload(open_board(server_a), "Across processes", "scale-cross-01"), namespace=NAMESPACE
        )
        assert ack["ok"], ack
        wait_for(lambda: any(e["data"]["note"]["client_id"] == "scale-cross-01" for e in received))
        envelope = next(e for e in received if e["data"]["note"]["client_id"] == "scale-cross-01")
        assert envelope["revision"] == ack["revision"]
    finally:
        poster.disconnect()
        projector.disconnect()


def test_revisions_stay_unique_when_both_processes_write_at_once(cluster):
    board = open_board(cluster[0])
    tokens = [(server, server.join()) for server in cluster for _ in range(3)]
    revisions: list[int] = []
    lock = threading.Lock()

    def post_five(server, token, worker):
        for n in range(5):
            response = requests.post(
                f"{server.base_url}/api/v1/workshops/{server.demo()['workshop_id']}/notes",
                json=note_payload(board, f"note {worker}-{n}", f"scale-{worker:02d}-{n:02d}"),
                headers={"Authorization": f"Bearer {token}"},
                timeout=10,
            )
            assert response.status_code == 201, response.text
            with lock:
                revisions.append(response.json()["revision"])

    threads = [threading.Thread(target=post_five, args=(s, t, i)) for i, (s, t) in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(revisions) == 30
    assert len(set(revisions)) == 30


def test_a_screen_that_missed_notes_catches_up_from_the_other_process(cluster):
    server_a, server_b = cluster
    board = open_board(server_a)
    projector, _ = connect(server_b, server_b.demo()["projector_token"])
    last = projector.call("sync", {"since": 1}, namespace=NAMESPACE)["revision"]
    projector.disconnect()
    poster, _ = connect(server_a, server_a.join())
    try:
        for n in range(2):
            assert poster.call(
                "note:post", note_payload(board, f"missed {n}", f"scale-missed-{n}"), namespace=NAMESPACE
            )["ok"]
    finally:
        poster.disconnect()
    projector, _ = connect(server_b, server_b.demo()["projector_token"])
    try:
        caught_up = projector.call("sync", {"since": last}, namespace=NAMESPACE)
        texts = [c["data"]["note"]["text"] for c in caught_up["changes"] if c["event"] == "note:added"]
        assert texts == ["missed 0", "missed 1"]
    finally:
        projector.disconnect()


def test_two_processes_refreshing_one_workshop_place_each_note_once(cluster, tmp_path):
    """Each worker regroups the notes it published; two at once on one workshop must not both place them."""
    from sqlalchemy import func, select

    from facilitation.extensions import db
    from facilitation.models import Board, Note, ThemeNote, Workshop
    from facilitation.notes import service as notes
    from facilitation.organisers.service import organiser_actor
    from facilitation.themes.service import refresh_boards
    from tests.support.apps import build_app

    app = build_app(tmp_path / "instance", SQLALCHEMY_DATABASE_URI=cluster[0].database_url)
    with app.app_context():
        workshop = db.session.scalars(select(Workshop).order_by(Workshop.id)).first()
        board = db.session.scalars(select(Board).where(Board.workshop_id == workshop.id, Board.kind == "ideas")).first()
        actor = organiser_actor(workshop.organiser_id)
        for n, text in enumerate(
            ["Funding for artists is short-term", "No funding to pay artists", "Short-term arts funding"]
        ):
            fields = {
                "client_id": f"scale-theme-{n}",
                "board_id": board.id,
                "section_id": board.sections[0].id,
                "text": text,
            }
            notes.post_note(actor, workshop.id, fields)  # this app schedules nothing: both threads below do it
        workshop_id, board_id = workshop.id, board.id
        db.session.remove()

    start, failures = threading.Barrier(2), []

    def refresh() -> None:
        with app.app_context():
            start.wait()
            try:
                refresh_boards(workshop_id, [board_id])
            except Exception as error:  # noqa: BLE001 - the failure is what the test reports
                failures.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=refresh) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with app.app_context():
        placed = db.session.scalar(
            select(func.count())
            .select_from(ThemeNote)
            .join(Note, Note.id == ThemeNote.note_id)
            .where(Note.client_id.like("scale-theme-%"))
        )
        assert placed == 3  # each in one theme: theme_notes is keyed by the note
        db.session.remove()
        db.engine.dispose()
