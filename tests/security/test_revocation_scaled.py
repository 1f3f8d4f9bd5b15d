"""Revocation when scaled out: the socket is in one server process, the organiser's request in another.

Two processes share PostgreSQL and a Redis message queue. The process handling the organiser finds the
sids in socket_presence and asks python-socketio to disconnect them; the message queue carries that to
the process holding the sockets.
"""

from __future__ import annotations

import time

import pytest

from tests.security.live_helpers import Organiser, Socket, join, refusal_of, wait_until

pytestmark = pytest.mark.live

DEADLINE_SECONDS = 5.0


@pytest.fixture
def cluster(scaled_out_servers):
    return scaled_out_servers


def test_revocations_on_one_process_drop_sockets_on_another_within_5_seconds(cluster):
    front, back = cluster
    demo = front.demo()
    group = demo["groups"][0]
    attendee = join(front, "Far away")
    tablet = Socket(back).connect({"token": group["token"]})
    phone = Socket(back, "polling").connect({"token": attendee["token"]})
    bystander = Socket(back).connect({"token": demo["groups"][1]["token"]})
    organiser = Organiser(front)
    try:
        started = time.monotonic()
        organiser.post_form(f"/organiser/workshops/{demo['workshop_id']}/groups/{group['id']}/replace-link")
        assert wait_until(lambda: tablet.dropped_at, timeout=DEADLINE_SECONDS + 2), "tablet still connected"
        link_seconds = tablet.dropped_at - started

        started = time.monotonic()
        organiser.post_form(f"/organiser/workshops/{demo['workshop_id']}/attendees/{attendee['participant_id']}/remove")
        assert wait_until(lambda: phone.dropped_at, timeout=DEADLINE_SECONDS + 2), "phone still connected"
        attendee_seconds = phone.dropped_at - started

        print(f"\nacross processes: link replaced {link_seconds:.3f} s, attendee removed {attendee_seconds:.3f} s")
        assert link_seconds < DEADLINE_SECONDS and attendee_seconds < DEADLINE_SECONDS
        assert bystander.still_served()
        assert refusal_of(back, {"token": group["token"]})["code"] == "bad_token"
    finally:
        for peer in (tablet, phone, bystander):
            peer.close()
        organiser.close()
    for server in cluster:
        assert "Traceback" not in server.log_path.read_text()
