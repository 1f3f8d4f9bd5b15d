"""What the server says back (acks, JSON errors, flashes) comes in the sender's language."""

from __future__ import annotations

from facilitation.extensions import socketio
from facilitation.kernel.events import NAMESPACE, NOTE_POST
from facilitation.workshops import participants
from tests.conftest import board_by_kind
from tests.notes.test_service import note_payload


def test_a_welsh_phones_socket_ack_is_in_welsh(app, client, workshop):
    token = participants.join(workshop.join_code, "Siân")["token"]
    client.set_cookie("lang", "cy")
    socket = socketio.test_client(app, namespace=NAMESPACE, auth={"token": token}, flask_test_client=client)
    try:
        ack = socket.emit(
            NOTE_POST, note_payload(board_by_kind(workshop, "tree"), text="   "), namespace=NAMESPACE, callback=True
        )
    finally:
        socket.disconnect(namespace=NAMESPACE)
    assert ack["ok"] is False and ack["code"] == "empty_text"
    assert ack["message"] == "Ysgrifennwch rywbeth cyn anfon."


def test_a_json_error_follows_accept_language(client, workshop):
    response = client.post("/api/v1/join", json={"code": "ZZZZZZ"}, headers={"Accept-Language": "ar"})
    assert response.status_code == 404
    assert response.get_json()["message"] == "لا توجد ورشة عمل بهذا الرمز. تحقّق من الشاشة وحاول مرة أخرى."


def test_the_join_pages_error_is_in_welsh(client, workshop):
    client.set_cookie("lang", "cy")
    page = client.get("/").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    response = client.post("/join", data={"code": "ZZZZZZ", "name": "", "csrf_token": token})
    assert response.status_code == 404
    assert "Nid oes gan unrhyw weithdy y cod hwnnw." in response.get_data(as_text=True)
