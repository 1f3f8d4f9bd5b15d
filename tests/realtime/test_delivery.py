"""Delivery over real websocket and long-polling connections (app.py under eventlet, python-socketio clients):
broadcast, catch-up after a reconnect, idempotent posting, HTTP and socket sharing one broadcast, ordering.

Rate limit: note:post allows a burst of 10 per socket (refilling 0.5/s), and every note:post, good or bad,
takes a token. Tests therefore use fresh sockets (a new socket has a new bucket) and fresh attendee tokens.
"""

from __future__ import annotations

import threading

import engineio.payload
import pytest
import requests

from facilitation.kernel import events
from tests.support.live_server import assert_server_survived
from tests.support.peers import (
    NS,
    TRANSPORTS,
    fresh_attendee,
    note_payload,
    wait_for_a_later_note,
    wait_until,
)

pytestmark = pytest.mark.live


# --- broadcast ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_post_reaches_projector_and_facilitator_with_the_same_revision(live_server, demo, peers, transport):
    projector = peers(live_server, demo["projector_token"], transport)
    facilitator = peers(live_server, demo["groups"][0]["token"], transport)
    attendee = peers(live_server, fresh_attendee(live_server), transport)
    assert projector.welcome["role"] == "projector"
    assert facilitator.welcome["role"] == "facilitator"
    assert attendee.welcome["role"] == "attendee"

    payload = note_payload(demo, f"Prescribers need to know what is on ({transport})")
    ack = attendee.post(payload)

    assert ack["ok"] is True, ack
    assert ack["duplicate"] is False
    note = ack["note"]
    assert note["client_id"] == payload["client_id"]
    assert note["revision"] == ack["revision"]
    for watcher in (projector, facilitator, attendee):
        (envelope,) = watcher.wait_for_added({payload["client_id"]})
        assert envelope == {"revision": ack["revision"], "event": events.NOTE_ADDED, "data": {"note": note}}


# --- catch-up after a reconnect -------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_reconnecting_client_catches_up_with_exactly_the_missed_notes(live_server, demo, peers, transport):
    poster = peers(live_server, fresh_attendee(live_server), transport)
    phone = peers(live_server, fresh_attendee(live_server), transport)

    seen = poster.post(note_payload(demo, "Seen before the tunnel"))
    assert seen["ok"], seen
    (envelope,) = phone.wait_for_added({seen["note"]["client_id"]})
    last_revision = envelope["revision"]
    assert last_revision > 0

    phone.disconnect()
    assert not phone.connected
    missed = [poster.post(note_payload(demo, f"Missed {n}")) for n in (1, 2)]
    assert all(ack["ok"] for ack in missed), missed
    missed_ids = {ack["note"]["client_id"] for ack in missed}

    phone.connect()
    assert phone.welcome["revision"] >= missed[-1]["revision"]

    caught_up = phone.sync(last_revision)
    # Nothing missed while offline reached the phone live, on the old connection or the new one: the sync's
    # ack is sent after anything the server sent the new socket before it.
    assert phone.added(missed_ids) == []
    assert caught_up["reset"] is False
    assert caught_up["revision"] == missed[-1]["revision"]
    changes = caught_up["changes"]
    assert [c["event"] for c in changes] == [events.NOTE_ADDED, events.NOTE_ADDED]
    assert [c["data"]["note"] for c in changes] == [ack["note"] for ack in missed]
    assert [c["revision"] for c in changes] == [ack["revision"] for ack in missed]
    assert changes[0]["revision"] < changes[1]["revision"]

    # Already up to date: an empty catch-up, not a replay.
    assert phone.sync(caught_up["revision"])["changes"] == []


# --- idempotent posting --------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_same_client_id_twice_gives_one_note_even_across_a_reconnect(live_server, demo, peers, transport):
    token = fresh_attendee(live_server)
    phone = peers(live_server, token, transport)
    projector = peers(live_server, demo["projector_token"], transport)
    payload = note_payload(demo, "Posted once, sent three times")

    first = phone.post(payload)
    again = phone.post(payload)
    phone.disconnect()
    phone.connect()
    after_reconnect = phone.post(payload)

    assert first["ok"] and again["ok"] and after_reconnect["ok"], (first, again, after_reconnect)
    assert first["duplicate"] is False
    assert again["duplicate"] is True and after_reconnect["duplicate"] is True
    for resend in (again, after_reconnect):
        assert resend["note"] == first["note"]
        assert resend["revision"] == first["revision"]

    state = phone.state()
    assert [n["id"] for n in state["notes"] if n["client_id"] == payload["client_id"]] == [first["note"]["id"]]
    wait_for_a_later_note(phone, demo, projector)
    assert len(projector.added({payload["client_id"]})) == 1


def test_client_id_of_someone_else_is_refused_not_merged(live_server, demo, peers):
    owner = peers(live_server, fresh_attendee(live_server))
    other = peers(live_server, fresh_attendee(live_server))
    payload = note_payload(demo, "Mine")
    assert owner.post(payload)["ok"]

    ack = other.post({**payload, "text": "Not mine"})

    assert ack["ok"] is False and ack["code"] == "client_id_taken", ack
    assert other.connected


# --- HTTP and socket share one broadcast ---------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_http_post_produces_the_same_broadcast(live_server, demo, peers, transport):
    token = fresh_attendee(live_server)
    projector = peers(live_server, demo["projector_token"], transport)
    payload = note_payload(demo, f"Posted over HTTP ({transport})")
    url = f"{live_server.base_url}/api/v1/workshops/{demo['workshop_id']}/notes"
    headers = {"Authorization": f"Bearer {token}"}

    response = requests.post(url, json=payload, headers=headers, timeout=5)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["ok"] is True and body["duplicate"] is False
    (envelope,) = projector.wait_for_added({payload["client_id"]})
    assert envelope == {"revision": body["revision"], "event": events.NOTE_ADDED, "data": {"note": body["note"]}}

    # The socket path sees the same note as already posted: one note, whichever way it was resent.
    phone = peers(live_server, token, transport)
    resent = phone.post(payload)
    assert resent["ok"] and resent["duplicate"] is True
    assert (resent["note"], resent["revision"]) == (body["note"], body["revision"])
    again = requests.post(url, json=payload, headers=headers, timeout=5)
    assert again.status_code == 200 and again.json()["note"] == body["note"]
    wait_for_a_later_note(phone, demo, projector)
    assert len(projector.added({payload["client_id"]})) == 1


# --- ordering --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_rapid_posts_arrive_in_revision_order_and_none_missing(live_server, demo, peers, transport, monkeypatch):
    # python-engineio's client gives up on a poll that brings more than 16 packets (browsers do not);
    # a burst of acks and broadcasts easily does, so let this test client read bigger batches.
    monkeypatch.setattr(engineio.payload.Payload, "max_decode_packets", 256)
    token = fresh_attendee(live_server)
    watcher = peers(live_server, demo["groups"][2]["token"], transport)
    start_revision = watcher.welcome["revision"]

    acks: list[dict] = []
    done = threading.Event()
    posted: list[dict] = [note_payload(demo, f"Rapid {n:02d}") for n in range(20)]

    def on_ack(ack):
        acks.append(ack)
        if len(acks) == len(posted):
            done.set()

    # Ten per socket: the per-socket bucket holds ten, and a phone that reconnects gets a fresh one.
    for burst in (posted[:10], posted[10:]):
        phone = peers(live_server, token, transport)
        for payload in burst:
            phone.sio.emit(events.NOTE_POST, payload, namespace=NS, callback=on_ack)
        expected = len(acks) + len(burst)
        wait_until(lambda expected=expected: len(acks) >= expected, timeout=10)
        phone.disconnect()
    assert done.wait(10), f"only {len(acks)} acks"
    assert all(ack["ok"] for ack in acks), [a for a in acks if not a["ok"]]

    posted_ids = {p["client_id"] for p in posted}
    live = watcher.wait_for_added(posted_ids)
    revisions = [env["revision"] for _name, env in watcher.envelopes]
    assert revisions == sorted(set(revisions)), f"arrived out of order or twice: {revisions}"

    # Fill any gap the way a client does: ask for everything after the last revision before the burst.
    final = {env["data"]["note"]["client_id"]: env["revision"] for env in live}
    for change in watcher.sync(start_revision)["changes"]:
        note = change["data"]["note"]
        if note["client_id"] in posted_ids:
            assert final.setdefault(note["client_id"], change["revision"]) == change["revision"]
    assert set(final) == posted_ids
    assert sorted(final.values()) == sorted(ack["revision"] for ack in acks)
    assert len(set(final.values())) == len(posted)
    assert len(live) == len(posted), "the live stream lost notes that only sync recovered"


def test_eleventh_rapid_post_is_rate_limited_and_the_resend_is_accepted(live_server, demo, peers):
    """The refill (one token every two seconds) is timed on a moved clock in test_ratelimit.py."""
    phone = peers(live_server, fresh_attendee(live_server))
    acks = [phone.post(note_payload(demo, f"Burst {n}")) for n in range(10)]
    assert all(ack["ok"] for ack in acks)

    eleventh = note_payload(demo, "One too many")
    limited = phone.post(eleventh)

    assert (limited["ok"], limited["code"]) == (False, "rate_limited")
    assert phone.connected
    # The refused post was not stored: resent once a token is free (here: a reconnected phone's new bucket),
    # it is a new note, not a duplicate.
    phone.disconnect()
    phone.connect()
    resent = phone.post(eleventh)
    assert resent["ok"] and resent["duplicate"] is False, resent


def test_module_server_survived(live_server):
    """Run last in this module: nothing above crashed or wedged the shared server."""
    assert_server_survived(live_server)
