"""Rate limits: a clear "slow down" (code rate_limited; HTTP 429 with Retry-After), no effect on others.

Limits are counted in the database (services/throttle.py), so they hold across sockets, HTTP and processes:
per sender (an attendee session, a facilitator's group), per IP address for posting and joining, and join-code
guessing per IP address (too many unknown codes lock joining from that address for a while).
X-Forwarded-For is believed only when TRUSTED_PROXIES says a proxy sets it.
"""

from __future__ import annotations

import logging
import uuid

import pytest

from facilitation.extensions import socketio
from facilitation.kernel import events
from facilitation.organisers import service as organisers
from facilitation.security import throttle
from facilitation.workshops import participants
from facilitation.workshops import service as workshops
from tests.security.world import CSRF_RAW, signed_csrf
from tests.support.clock import FakeClock

NS = events.NAMESPACE


def setup_workshop():
    account, _ = organisers.create_organiser("limits@example.org", "a long enough password")
    workshop = workshops.create_workshop(organisers.organiser_actor(account.id), "oxford-2022")
    board = next(b for b in workshop.boards if b.kind == "solutions")
    return workshop, board


def note(board, text="Hello") -> dict:
    return {"client_id": uuid.uuid4().hex, "board_id": board.id, "section_id": board.sections[0].id, "text": text}


def post(client, workshop, token, payload, address="10.0.0.1", **headers):
    return client.post(
        f"/api/v1/workshops/{workshop.id}/notes",
        json=payload,
        headers={"Authorization": f"Bearer {token}", **headers},
        environ_base={"REMOTE_ADDR": address},
    )


def join(client, code, address="10.0.0.1", **headers):
    return client.post("/api/v1/join", json={"code": code}, environ_base={"REMOTE_ADDR": address}, headers=headers)


def assert_slow_down(response):
    assert response.status_code == 429, response.get_data(as_text=True)
    body = response.get_json()
    assert body["ok"] is False and body["code"] == "rate_limited"
    assert "slow down" in body["message"].lower() or "wait" in body["message"].lower()
    assert int(response.headers["Retry-After"]) >= 1
    assert body["retry_after"] == int(response.headers["Retry-After"])


def test_posting_is_limited_per_attendee_session_and_others_post_on(make_app):
    app = make_app(RATE_LIMITS="post_per_sender=3/60")
    workshop, board = setup_workshop()
    greedy = participants.join(workshop.join_code)["token"]
    other = participants.join(workshop.join_code)["token"]
    client = app.test_client()

    assert [post(client, workshop, greedy, note(board)).status_code for _ in range(3)] == [201] * 3
    assert_slow_down(post(client, workshop, greedy, note(board)))
    # Same address, another phone: unaffected.
    assert post(client, workshop, other, note(board)).status_code == 201


def test_the_per_session_limit_spans_sockets_and_http(make_app):
    app = make_app(RATE_LIMITS="post_per_sender=4/60")
    workshop, board = setup_workshop()
    token = participants.join(workshop.join_code)["token"]
    client = app.test_client()
    first = socketio.test_client(app, namespace=NS, auth={"token": token})
    second = socketio.test_client(app, namespace=NS, auth={"token": token})
    try:
        acks = [sock.emit(events.NOTE_POST, note(board), namespace=NS, callback=True) for sock in (first, second)]
        assert all(ack["ok"] for ack in acks), acks
        assert post(client, workshop, token, note(board)).status_code == 201
        assert first.emit(events.NOTE_POST, note(board), namespace=NS, callback=True)["ok"]
        # Four sent, over two sockets and HTTP: the fifth, on any of them, is refused with a clear code.
        refused = second.emit(events.NOTE_POST, note(board), namespace=NS, callback=True)
        assert (refused["ok"], refused["code"]) == (False, "rate_limited"), refused
        assert refused["retry_after"] >= 1
        assert_slow_down(post(client, workshop, token, note(board)))
        assert second.is_connected(NS), "a limited socket stays connected"
    finally:
        first.disconnect(namespace=NS)
        second.disconnect(namespace=NS)


def test_posting_is_limited_per_ip_address(make_app):
    app = make_app(RATE_LIMITS="post_per_ip=3/60")
    workshop, board = setup_workshop()
    phones = [participants.join(workshop.join_code)["token"] for _ in range(4)]
    client = app.test_client()

    assert [post(client, workshop, t, note(board), "10.0.0.7").status_code for t in phones[:3]] == [201] * 3
    assert_slow_down(post(client, workshop, phones[3], note(board), "10.0.0.7"))
    assert post(client, workshop, phones[3], note(board), "10.0.0.8").status_code == 201


def test_joining_is_limited_per_ip_address(make_app):
    app = make_app(RATE_LIMITS="join_per_ip=3/60")
    workshop, _board = setup_workshop()
    client = app.test_client()
    assert [join(client, workshop.join_code).status_code for _ in range(3)] == [201] * 3
    assert_slow_down(join(client, workshop.join_code))
    assert join(client, workshop.join_code, "10.0.0.2").status_code == 201


def test_join_code_guessing_locks_the_address_out_even_for_the_right_code(make_app):
    app = make_app(RATE_LIMITS="join_guess_per_ip=10/60,join_lockout=1/300")
    workshop, _board = setup_workshop()
    client = app.test_client()
    guesses = [f"ZZZZ{a}{b}" for a in "23456789" for b in "23"][:10]
    assert workshop.join_code not in guesses
    assert [join(client, code, "10.9.9.9").status_code for code in guesses] == [404] * 10

    # Ten wrong codes in a minute: the eleventh attempt is refused before the code is even looked up.
    eleventh = join(client, "ZZZZZZ", "10.9.9.9")
    assert_slow_down(eleventh)
    # Locked out: the right code from that address is refused too, so guessing cannot go on...
    locked = join(client, workshop.join_code, "10.9.9.9")
    assert_slow_down(locked)
    assert 200 < int(locked.headers["Retry-After"]) <= 300
    # ...the same goes for the other forms that look a code up...
    assert client.get(f"/signup/{workshop.join_code}", environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code == 429
    # ...and everyone else joins as usual.
    assert join(client, workshop.join_code, "10.0.0.3").status_code == 201


def test_the_consent_wording_lookup_counts_as_a_code_guess(make_app):
    """It answers 404 for an unknown code, so it is a guessing oracle unless it is limited like joining."""
    app = make_app(RATE_LIMITS="join_guess_per_ip=3/60,join_lockout=1/300")
    workshop, _board = setup_workshop()
    client = app.test_client()
    address = {"REMOTE_ADDR": "10.8.8.8"}
    wrong = [client.get(f"/api/v1/signups/consent?code=ZZZZZ{c}", environ_base=address) for c in "234"]
    assert [r.status_code for r in wrong] == [404] * 3
    assert client.get(f"/api/v1/signups/consent?code={workshop.join_code}", environ_base=address).status_code == 429
    assert join(client, workshop.join_code, "10.8.8.8").status_code == 429


def test_the_join_form_page_shows_the_slow_down_message(make_app):
    app = make_app(RATE_LIMITS="join_per_ip=1/60")
    workshop, _board = setup_workshop()
    client = app.test_client()
    with client.session_transaction() as session:
        session["csrf_token"] = CSRF_RAW

    form = {"code": workshop.join_code, "csrf_token": signed_csrf(app)}
    assert client.post("/join", data=form).status_code == 302
    refused = client.post("/join", data=form)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert "try again" in refused.get_data(as_text=True).lower()


def test_lockout_ends(make_app):
    clock = FakeClock()
    app = make_app(RATE_LIMITS="join_guess_per_ip=1/60,join_lockout=1/1", CLOCK=clock)
    workshop, _board = setup_workshop()
    client = app.test_client()
    assert join(client, "ZZZZZZ", "10.1.1.1").status_code == 404
    assert join(client, "ZZZZZY", "10.1.1.1").status_code == 429
    assert join(client, workshop.join_code, "10.1.1.1").status_code == 429
    clock.advance(2.1)
    assert join(client, workshop.join_code, "10.1.1.1").status_code == 201


def test_x_forwarded_for_is_ignored_unless_a_proxy_is_configured(make_app):
    app = make_app(RATE_LIMITS="join_per_ip=2/60")
    workshop, _board = setup_workshop()
    client = app.test_client()
    # Without TRUSTED_PROXIES, claiming other addresses does not escape the limit of the real one.
    statuses = [
        join(client, workshop.join_code, "10.0.0.5", **{"X-Forwarded-For": f"192.0.2.{n}"}).status_code
        for n in range(3)
    ]
    assert statuses == [201, 201, 429]


def test_x_forwarded_for_is_believed_from_a_configured_proxy(make_app):
    app = make_app(RATE_LIMITS="join_per_ip=2/60", TRUSTED_PROXIES=1)
    workshop, _board = setup_workshop()
    client = app.test_client()
    proxy = "127.0.0.1"
    for phone in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        assert join(client, workshop.join_code, proxy, **{"X-Forwarded-For": phone}).status_code == 201
    assert join(client, workshop.join_code, proxy, **{"X-Forwarded-For": "198.51.100.1"}).status_code == 201
    assert join(client, workshop.join_code, proxy, **{"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    # Only the right-most hop is the proxy's word: a client's own forged X-Forwarded-For entry is not used.
    forged = "203.0.113.9, 198.51.100.1"
    assert join(client, workshop.join_code, proxy, **{"X-Forwarded-For": forged}).status_code == 429


def test_a_burst_across_a_window_edge_is_not_let_through_twice(make_app):
    make_app()
    limit = throttle.Limit(5, 60)
    edge = 1_000_020.0 - 1_000_020 % 60 + 60  # the start of a window
    for n in range(5):
        throttle.hit("test", "k", limit, now=edge - 1 + n * 0.01)
    with pytest.raises(throttle.SlowDown):
        throttle.hit("test", "k", limit, now=edge + 0.5)  # a new window, but the previous one still counts


def test_expired_counters_are_pruned(make_app):
    make_app()
    from facilitation.extensions import db
    from facilitation.models import RateCounter

    limit = throttle.Limit(100, 60)
    # Sign-in counters stay in the database (post and join counters live in security/counters.py).
    for n in range(5):
        throttle.count_in_database("test", f"old{n}", limit, now=1_000_000.0)
    throttle.count_in_database("test", "new", limit, now=2_000_000.0)
    assert [c.key for c in db.session.query(RateCounter).all()] == ["new"]


# --- the Socket.IO handshake behind a proxy: a real server, real clients --------------------------------


def socket_posts(server, address: str, count: int) -> list[str]:
    """Join a new phone, connect claiming X-Forwarded-For: address, post `count` notes; the ack codes."""
    import requests
    import socketio as socketio_client

    demo = server.demo()
    board = next(b for b in demo["boards"] if b["kind"] == "solutions")
    token = requests.post(f"{server.base_url}/api/v1/join", json={"code": demo["join_code"]}, timeout=10).json()[
        "token"
    ]
    http = requests.Session()
    client = socketio_client.Client(reconnection=False, request_timeout=10, http_session=http)
    try:
        client.connect(
            server.base_url,
            namespaces=[NS],
            transports=["websocket"],
            auth={"token": token},
            headers={"X-Forwarded-For": address},
            wait_timeout=10,
        )
        codes = []
        for _ in range(count):
            ack = client.call(
                events.NOTE_POST,
                {
                    "client_id": uuid.uuid4().hex,
                    "board_id": board["id"],
                    "section_id": board["sections"][0]["id"],
                    "text": "x",
                },
                namespace=NS,
                timeout=10,
            )
            codes.append("ok" if ack["ok"] else ack["code"])
        return codes
    finally:
        client.disconnect()
        http.close()


@pytest.mark.live
def test_socket_handshake_address_comes_from_the_configured_proxy(start_server):
    server = start_server(TRUSTED_PROXIES="1", RATE_LIMITS="post_per_ip=2/60")
    assert socket_posts(server, "198.51.100.1", 3) == ["ok", "ok", "rate_limited"]
    assert socket_posts(server, "198.51.100.2", 1) == ["ok"]  # another phone behind the proxy


@pytest.mark.live
def test_socket_handshake_ignores_x_forwarded_for_without_a_proxy(start_server):
    server = start_server(RATE_LIMITS="post_per_ip=2/60")
    assert socket_posts(server, "198.51.100.1", 2) == ["ok", "ok"]
    # A forged header does not make a new address: the real peer (127.0.0.1) has used its two.
    assert socket_posts(server, "198.51.100.2", 1) == ["rate_limited"]


def test_counting_fails_open_when_the_shared_storage_is_unreachable(make_app, caplog):
    """Redis restarting in a cluster: posts and joins go on (issue 10), unthrottled, and the log says why."""
    app = make_app(RATE_LIMITS="post_per_sender=1/60", RATE_LIMIT_STORAGE="redis://127.0.0.1:1/1")
    workshop, board = setup_workshop()
    client = app.test_client()
    caplog.set_level(logging.WARNING, logger="facilitation.security.counters")
    token = join(client, workshop.join_code).get_json()["token"]
    # With counting working, the second post would be the 429 of post_per_sender=1/60.
    assert [post(client, workshop, token, note(board)).status_code for _ in range(2)] == [201, 201]
    assert "rate-limit storage unreachable" in caplog.text
