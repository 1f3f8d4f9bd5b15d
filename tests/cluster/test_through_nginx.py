"""Through nginx to two workers: notes cross workers, nginx guards the edge, a reload loses nothing."""

from __future__ import annotations

import socket
import time

import pytest
import requests

from tests.cluster.clients import Client, Demo, wait_for, workers_serving
from tests.cluster.conftest import HEADER_TIMEOUT, PER_ADDRESS

pytestmark = [pytest.mark.live]


@pytest.fixture(scope="module")
def demo(cluster) -> Demo:
    return Demo(cluster)


def test_a_phone_on_one_worker_and_a_screen_on_the_other_see_each_others_notes(cluster, demo):
    phone = Client(demo, demo.join("Ada"), "phone-cross")
    screen = Client(demo, demo.projector_token, "screen-cross")
    try:
        assert phone.post("cross-from-phone-01")["ok"]
        wait_for(lambda: "cross-from-phone-01" in screen.live, 10, "the screen sees the phone's note live")
        # The other way: a note the screen's worker stores (posted over HTTP there) reaches the phone.
        second_token = demo.join("Bo")
        response = requests.post(
            f"{demo.base_url}/api/v1/workshops/{demo.workshop_id}/notes",
            json=demo.note("cross-from-http-01"),
            headers={"Authorization": f"Bearer {second_token}"},
            timeout=10,
        )
        assert response.status_code == 201, response.text
        wait_for(lambda: "cross-from-http-01" in phone.live, 10, "the phone sees the other note live")
    finally:
        phone.close()
        screen.close()
    # nginx logs a websocket when it ends: the two sockets were served by different workers.
    wait_for(lambda: workers_serving(cluster, "phone-cross") and workers_serving(cluster, "screen-cross"), 10, "logged")
    assert workers_serving(cluster, "phone-cross") != workers_serving(cluster, "screen-cross")


def test_long_polling_upgrades_to_websocket_on_the_worker_holding_its_session(cluster, demo):
    # As the browser connects: long-polling first, then the upgrade, which must reach the same worker.
    upgraded = []
    try:
        for n in range(4):  # with two workers, a balanced upgrade would miss its session about half the time
            phone = Client(demo, demo.join(f"Poller {n}"), f"phone-upgrade-{n}", transports=("polling", "websocket"))
            upgraded.append(phone)
            wait_for(lambda p=phone: p.sio.transport() == "websocket", 10, "the session upgraded to websocket")
            assert phone.post(f"upgraded-{n:02d}")["ok"]
            wait_for(lambda p=phone, k=n: f"upgraded-{k:02d}" in p.live, 10, "its own note arrives live")
            assert phone.connects == 1
    finally:
        for phone in upgraded:
            phone.close()


def test_a_connection_that_never_finishes_its_request_header_is_closed(cluster):
    with socket.create_connection(("127.0.0.1", cluster.settings.port), timeout=HEADER_TIMEOUT * 5) as half_open:
        half_open.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # no blank line: the header never ends
        started = time.monotonic()
        try:
            leftover = half_open.recv(1024)
        except ConnectionResetError:
            leftover = b""
        waited = time.monotonic() - started
    # nginx closes it (answering nothing, or 408) after its client_header_timeout, not after our own timeout.
    assert leftover in (b"",) or leftover.startswith(b"HTTP/1.1 408"), leftover
    assert waited < HEADER_TIMEOUT * 4


def test_a_body_over_the_limit_is_refused_at_the_edge(cluster):
    response = requests.post(
        f"http://127.0.0.1:{cluster.settings.port}/api/v1/join",
        data=b"x" * (5 * 1024 * 1024),
        headers={"Content-Type": "application/json"},
        timeout=20,
    )
    assert response.status_code == 413


def _open_websocket(port: int) -> tuple[socket.socket, bytes]:
    """A raw Engine.IO WebSocket handshake through nginx, held open; returns the socket and the status line."""
    conn = socket.create_connection(("127.0.0.1", port), timeout=10)
    conn.sendall(
        b"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
        b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
    )
    return conn, conn.recv(4096).split(b"\r\n", 1)[0]


def test_one_address_holds_at_most_its_connection_limit_at_nginx(cluster):
    held = []
    try:
        statuses = []
        for _ in range(PER_ADDRESS + 10):
            conn, status = _open_websocket(cluster.settings.port)
            held.append(conn)
            statuses.append(status.split(b" ")[1] if b" " in status else status)
        assert statuses.count(b"503") >= 10, statuses
        assert b"101" in statuses
    finally:
        for conn in held:
            conn.close()
    # Once they are closed, the address may connect again.

    def connects_again() -> bool:
        conn, status = _open_websocket(cluster.settings.port)
        conn.close()
        return status.startswith(b"HTTP/1.1 101")

    wait_for(connects_again, 10, "the address connects again")


def test_a_reload_of_nginx_reconnects_clients_and_they_catch_up(cluster, demo):
    screen = Client(demo, demo.projector_token, "screen-reload")
    phone_token = demo.join("Cy")
    try:
        connects_before = screen.connects
        cluster.nginx.reload()
        # Posted over HTTP while nginx swaps its workers: new requests are served by the new ones.
        for n in range(3):
            response = requests.post(
                f"{demo.base_url}/api/v1/workshops/{demo.workshop_id}/notes",
                json=demo.note(f"during-reload-{n:02d}"),
                headers={"Authorization": f"Bearer {phone_token}"},
                timeout=10,
            )
            assert response.status_code == 201, response.text
            time.sleep(0.5)
        # The old nginx worker closes the screen's websocket (worker_shutdown_timeout); it reconnects.
        took = wait_for(lambda: screen.connects > connects_before, 30, "the screen reconnected after the reload")
        wait_for(
            lambda: {f"during-reload-{n:02d}" for n in range(3)} <= screen.seen, 15, "the screen caught up after reload"
        )
        print(f"nginx reload: screen reconnected after {took:.1f} s")
    finally:
        screen.close()
