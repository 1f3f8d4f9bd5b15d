"""What the server says back (acks, JSON errors, flashes) comes in the sender's language."""

from __future__ import annotations

from flask_babel import force_locale

from facilitation.extensions import socketio
from facilitation.kernel.events import NAMESPACE, NOTE_POST
from facilitation.workshops import participants
from facilitation.workshops.editor_pages import local_time
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


def test_removal_times_name_the_day_and_month_in_the_pages_language(app):
    """local_time used English strftime (%a %b): a Welsh page said "on Thu 3 Dec"."""
    moment = "2026-12-03T12:00:00+00:00"
    with app.test_request_context():
        english = local_time(moment)
        with force_locale("cy"):
            welsh = local_time(moment)
    assert english.endswith(" on Thu 3 Dec"), english
    assert "Iau 3 Rhag" in welsh and "Thu" not in welsh and "Dec" not in welsh, welsh
