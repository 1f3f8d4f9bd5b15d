"""What a real server refuses over real connections, and that the socket stays usable after: foreign origins,
malformed tokens, bad posts, roles that may not post, oversized messages and bodies.

Rate limit: note:post allows a burst of 10 per socket (refilling 0.5/s), and every note:post, good or bad,
takes a token. Tests therefore use fresh sockets (a new socket has a new bucket) and fresh attendee tokens.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests
import socketio
import websocket

from facilitation.kernel import events
from tests.support.live_server import LiveServer, assert_server_survived
from tests.support.peers import (
    EVIL_ORIGIN,
    NS,
    TRANSPORTS,
    Peer,
    board,
    fresh_attendee,
    note_payload,
    open_board,
    wait_until,
)

pytestmark = pytest.mark.live


# --- origin checks ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_foreign_origin_is_refused(live_server, demo, peers, transport):
    peer = peers(live_server, fresh_attendee(live_server), transport, connect=False, origin=EVIL_ORIGIN)

    with pytest.raises(socketio.exceptions.ConnectionError):
        peer.connect()

    assert not peer.connected
    assert peer.welcomes == []


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_own_origin_is_accepted(live_server, demo, peers, transport):
    peer = peers(live_server, fresh_attendee(live_server), transport, origin=live_server.base_url)

    assert peer.connected
    assert peer.post(note_payload(demo, f"From the page itself ({transport})"))["ok"]


def test_foreign_origin_is_refused_at_the_engineio_handshake(live_server):
    """The raw handshakes, so the test does not depend on how a client library spells the header."""
    polling = f"{live_server.base_url}/socket.io/?EIO=4&transport=polling"
    assert requests.get(polling, headers={"Origin": EVIL_ORIGIN}, timeout=5).status_code == 400
    allowed = requests.get(polling, headers={"Origin": live_server.base_url}, timeout=5)
    assert allowed.status_code == 200
    assert allowed.headers.get("Access-Control-Allow-Origin") == live_server.base_url

    ws_url = f"ws://127.0.0.1:{live_server.port}/socket.io/?EIO=4&transport=websocket"
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket.create_connection(ws_url, origin=EVIL_ORIGIN, timeout=5)
    assert refused.value.status_code == 400
    accepted = websocket.create_connection(ws_url, origin=live_server.base_url, timeout=5)
    try:
        assert accepted.recv().startswith("0{")  # the Engine.IO open packet
    finally:
        accepted.close()


# --- bad input: an error code in the ack, and the socket stays usable ----------------------------------------

BAD_POSTS: dict[str, tuple[Callable[[dict], object], str]] = {
    "empty text": (lambda d: note_payload(d, ""), "empty_text"),
    "whitespace only": (lambda d: note_payload(d, " \t\n  \u00a0"), "empty_text"),
    "501 characters": (lambda d: note_payload(d, "x" * 501), "text_too_long"),
    "text is a number": (lambda d: note_payload(d, 42), "wrong_type"),
    "board id is a string": (lambda d: note_payload(d, board_id=str(open_board(d)["id"])), "wrong_type"),
    "board id is a boolean": (lambda d: note_payload(d, board_id=True), "wrong_type"),
    "client id is a number": (lambda d: note_payload(d, client_id=12345678), "wrong_type"),
    "group id is a list": (lambda d: note_payload(d, group_id=[1]), "wrong_type"),
    "extra field": (lambda d: {**note_payload(d), "colour": "red"}, "unexpected_field"),
    "missing text": (lambda d: {k: v for k, v in note_payload(d).items() if k != "text"}, "missing_field"),
    "payload is a list": (lambda d: [note_payload(d)], "bad_payload"),
    "payload is a string": (lambda d: "hello", "bad_payload"),
    "payload is a number": (lambda d: 7, "bad_payload"),
    "two arguments": (lambda d: (note_payload(d), note_payload(d)), "bad_payload"),
    "bad client id": (lambda d: note_payload(d, client_id="short"), "bad_client_id"),
    "unknown board": (lambda d: note_payload(d, board_id=999_999), "unknown_board"),
    "unknown section": (lambda d: note_payload(d, section_id=999_999), "unknown_section"),
    "section of another board": (
        lambda d: note_payload(d, section_id=board(d, "tree")["sections"][0]["id"]),
        "unknown_section",
    ),
    "board closed to phones": (
        lambda d: note_payload(d, board_id=board(d, "tree")["id"], section_id=board(d, "tree")["sections"][0]["id"]),
        "board_closed",
    ),
    "unknown perspective": (lambda d: note_payload(d, perspective_id=999_999), "unknown_perspective"),
    "unknown group": (lambda d: note_payload(d, group_id=999_999), "unknown_group"),
}


@pytest.mark.parametrize("case", list(BAD_POSTS), ids=list(BAD_POSTS))
def test_bad_post_gets_its_error_code_and_the_socket_stays_usable(live_server, demo, peers, case):
    make_payload, code = BAD_POSTS[case]
    phone = peers(live_server, fresh_attendee(live_server))
    before = phone.state()["notes"]

    ack = phone.post(make_payload(demo))

    assert ack["ok"] is False, ack
    assert ack["code"] == code, ack
    assert isinstance(ack["message"], str) and ack["message"]
    assert phone.connected
    assert phone.state()["notes"] == before, "a refused post must not store anything"
    follow_up = phone.post(note_payload(demo, f"Still here after {case}"))
    assert follow_up["ok"], follow_up


def test_bad_posts_over_polling_keep_the_socket_usable(live_server, demo, peers):
    phone = peers(live_server, fresh_attendee(live_server), "polling")
    for case in ("empty text", "501 characters", "extra field", "payload is a string", "unknown board"):
        make_payload, code = BAD_POSTS[case]
        ack = phone.post(make_payload(demo))
        assert (ack["ok"], ack["code"]) == (False, code), (case, ack)
        assert phone.connected
    assert phone.post(note_payload(demo, "Still here over polling"))["ok"]


def test_five_hundred_characters_is_accepted(live_server, demo, peers):
    phone = peers(live_server, fresh_attendee(live_server))
    text = "y" * demo_max_chars(phone)
    ack = phone.post(note_payload(demo, f"  {text}  "))
    assert ack["ok"], ack
    assert ack["note"]["text"] == text


def demo_max_chars(peer: Peer) -> int:
    assert peer.welcome["note_max_chars"] == 500
    return peer.welcome["note_max_chars"]


def test_facilitator_may_post_on_the_board_closed_to_phones(live_server, demo, peers):
    tablet = peers(live_server, demo["groups"][1]["token"])
    tree = board(demo, "tree")
    ack = tablet.post(note_payload(demo, "Waiting lists", board_id=tree["id"], section_id=tree["sections"][0]["id"]))
    assert ack["ok"], ack
    assert ack["note"]["group_id"] == demo["groups"][1]["id"]


def test_projector_may_not_post(live_server, demo, peers):
    projector = peers(live_server, demo["projector_token"])

    ack = projector.post(note_payload(demo, "The screen has opinions"))

    assert ack["ok"] is False and ack["code"] == "forbidden", ack
    assert projector.connected
    assert projector.state()["revision"] >= 0  # still answering read requests


def test_unknown_event_fields_on_sync_are_refused(live_server, peers):
    phone = peers(live_server, fresh_attendee(live_server))
    assert phone.call(events.SYNC, {"since": "3"})["code"] == "wrong_type"
    assert phone.call(events.SYNC, {"since": 1, "more": True})["code"] == "unexpected_field"
    assert phone.call(events.SYNC, {"since": -1})["code"] == "bad_revision"
    assert phone.connected


MALFORMED_AUTH = {
    "garbage token": {"token": "not-a-token"},
    "token with a known prefix": {"token": "a_" + "0" * 32},
    "token not a string": {"token": 12345},
    "token too long": {"token": "a_" + "x" * 200},
    "no credentials": {},
    "auth not an object": "a_token-as-a-bare-string",
}


@pytest.mark.parametrize("case", list(MALFORMED_AUTH), ids=list(MALFORMED_AUTH))
@pytest.mark.parametrize("transport", TRANSPORTS)
def test_malformed_token_is_refused_at_connect(live_server, peers, case, transport):
    peer = peers(live_server, None, transport, connect=False)

    with pytest.raises(socketio.exceptions.ConnectionError):
        peer.connect(auth=MALFORMED_AUTH[case], wait_welcome=False)

    assert not peer.connected
    assert peer.welcomes == []
    (refusal,) = peer.refusals
    # The browser client reads the refusal's code from error.data (static/js/core/live.js).
    assert refusal["data"]["code"] == "bad_token", refusal
    assert refusal["message"] == refusal["data"]["message"]  # readable text, not a repr of a dict


def test_html_and_script_text_is_stored_and_sent_literally(live_server, demo, peers):
    text = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quoted\" &amp; <b>bold</b>"
    phone = peers(live_server, fresh_attendee(live_server))
    projector = peers(live_server, demo["projector_token"])
    payload = note_payload(demo, text)

    ack = phone.post(payload)

    assert ack["ok"], ack
    assert ack["note"]["text"] == text
    (envelope,) = projector.wait_for_added({payload["client_id"]})
    assert envelope["data"]["note"]["text"] == text
    stored = [n for n in projector.state()["notes"] if n["client_id"] == payload["client_id"]]
    assert [n["text"] for n in stored] == [text]
    over_http = requests.get(
        f"{live_server.base_url}/api/v1/workshops/{demo['workshop_id']}/state",
        headers={"Authorization": f"Bearer {phone.token}"},
        timeout=5,
    ).json()
    assert [n["text"] for n in over_http["notes"] if n["client_id"] == payload["client_id"]] == [text]


# --- oversized messages ------------------------------------------------------------------------------------------


def max_message_bytes(server: LiveServer) -> int:
    return int(server.env.get("MAX_MESSAGE_BYTES", 64 * 1024))


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_oversized_message_does_not_take_the_server_down(live_server, demo, peers, transport):
    limit = max_message_bytes(live_server)
    bystander = peers(live_server, fresh_attendee(live_server), transport)
    projector = peers(live_server, demo["projector_token"], transport)
    # Over polling the server may drop the session without answering the oversized POST; the client then
    # notices only when that request times out, so give it less than the ten seconds the drop is waited for.
    sender = peers(live_server, fresh_attendee(live_server), transport, request_timeout=3)

    # Just under the limit: an ordinary refusal in the ack, on a socket that stays up.
    near = sender.post(note_payload(demo, "z" * (limit - 1024)))
    assert (near["ok"], near["code"]) == (False, "text_too_long")
    assert sender.connected

    # Over the limit: Engine.IO drops this one socket; nothing is stored and nobody else notices.
    huge = note_payload(demo, "z" * (limit + 1024))
    acks: list[dict] = []
    sender.sio.emit(events.NOTE_POST, huge, namespace=NS, callback=acks.append)
    assert wait_until(lambda: not sender.connected), "the oversized message was accepted"
    assert acks == []

    assert live_server.process.poll() is None, live_server.log_path.read_text()
    assert requests.get(f"{live_server.base_url}/", timeout=5).status_code == 200
    follow_up = note_payload(demo, f"Still working after a flood ({transport})")
    assert bystander.post(follow_up)["ok"]
    assert projector.wait_for_added({follow_up["client_id"]})
    assert projector.added({huge["client_id"]}) == []
    newcomer = peers(live_server, fresh_attendee(live_server), transport)
    assert newcomer.post(note_payload(demo, "A new phone joins fine"))["ok"]


def test_oversized_http_body_is_refused(live_server, demo):
    from facilitation.config import Config

    url = f"{live_server.base_url}/api/v1/workshops/{demo['workshop_id']}/notes"
    token = fresh_attendee(live_server)
    too_big = note_payload(demo, "z" * (Config.MAX_CONTENT_LENGTH + 1024))
    response = requests.post(url, json=too_big, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert response.status_code == 413
    assert live_server.process.poll() is None


def test_module_server_survived(live_server):
    """Run last in this module: nothing above crashed or wedged the shared server."""
    assert_server_survived(live_server)
