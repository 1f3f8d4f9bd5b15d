"""The per-socket token bucket (realtime/ratelimit.py) on a clock the test moves: a burst of 10, then 0.5/s.

The same burst over a real transport is in test_delivery.py; the refill is timed here, where no test has
to wait for real seconds to pass.
"""

from __future__ import annotations

import uuid

import pytest

from facilitation.kernel.events import NAMESPACE, NOTE_POST
from facilitation.workshops import participants
from tests.conftest import board_by_kind


@pytest.fixture
def phone(connect, workshop):
    return connect({"token": participants.join(workshop.join_code, "Sam")["token"]})


def post(socket, workshop, client_id: str | None = None) -> dict:
    board = board_by_kind(workshop, "solutions")
    payload = {
        "client_id": client_id or uuid.uuid4().hex,
        "board_id": board.id,
        "section_id": board.sections[0].id,
        "text": "Burst",
    }
    return socket.emit(NOTE_POST, payload, namespace=NAMESPACE, callback=True)


def test_eleventh_rapid_post_waits_two_seconds_for_its_token(clock, phone, workshop):
    assert all(post(phone, workshop)["ok"] for _ in range(10))

    eleventh = uuid.uuid4().hex
    limited = post(phone, workshop, eleventh)
    assert (limited["ok"], limited["code"], limited["retry_after"]) == (False, "rate_limited", 2)
    assert phone.is_connected(NAMESPACE)

    clock.advance(1.9)  # 0.95 of a token: not yet
    assert post(phone, workshop, eleventh)["code"] == "rate_limited"
    clock.advance(0.2)
    resent = post(phone, workshop, eleventh)
    assert resent["ok"] and resent["duplicate"] is False, resent
    assert post(phone, workshop)["code"] == "rate_limited"  # that token is spent


def test_the_bucket_fills_up_to_ten_and_no_further(clock, phone, workshop):
    assert all(post(phone, workshop)["ok"] for _ in range(10))
    clock.advance(3600)
    assert all(post(phone, workshop)["ok"] for _ in range(10))
    assert post(phone, workshop)["code"] == "rate_limited"
