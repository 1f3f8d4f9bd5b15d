"""Against a real server: a phone that joins after a note is hidden or reworded replays none of its old text.

tests/sync/test_redaction.py covers every kind of redaction and role in-process; this checks the same over
real websocket and long-polling connections and plain HTTP, as an outsider would ask (issue 11, finding 1).
"""

from __future__ import annotations

import json
import uuid

import pytest
import requests

from facilitation.kernel import events
from tests.support.live_server import LiveServer
from tests.support.peers import Peer

pytestmark = pytest.mark.live


def api(server: LiveServer, method: str, path: str, token: str, **kwargs) -> dict:
    response = requests.request(
        method, f"{server.base_url}/api/v1{path}", headers={"Authorization": f"Bearer {token}"}, timeout=5, **kwargs
    )
    assert response.ok, response.text
    return response.json()


def post_marker(server: LiveServer, demo: dict, author: str, marker: str) -> dict:
    board = next(b for b in demo["boards"] if b["kind"] == "solutions")
    payload = {
        "client_id": uuid.uuid4().hex,
        "board_id": board["id"],
        "section_id": board["sections"][0]["id"],
        "text": f"Ring {marker} about the patient",
    }
    return api(server, "POST", f"/workshops/{demo['workshop_id']}/notes", author, json=payload)["note"]


@pytest.mark.parametrize("action", ["hide", "edit"])
@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_a_phone_joining_later_replays_no_old_text(live_server, demo, transport, action):
    marker = f"Marker{uuid.uuid4().hex[:12]}"
    name = f"Nm{uuid.uuid4().hex[:10]}"
    workshop = demo["workshop_id"]
    facilitator = demo["groups"][0]["token"]
    author = live_server.join(name)
    since = api(live_server, "GET", f"/workshops/{workshop}/state", author)["revision"]
    note = post_marker(live_server, demo, author, marker)
    base = f"/workshops/{workshop}/notes/{note['id']}"
    if action == "hide":
        api(live_server, "POST", f"{base}/hide", facilitator)
    else:
        api(live_server, "PATCH", base, facilitator, json={"text": "Ring the surgery", "version": note["version"]})

    late = live_server.join("Late")
    phone = Peer(live_server, late, transport).connect()
    try:
        ack = phone.sio.call(events.SYNC, {"since": since}, namespace=events.NAMESPACE, timeout=10)
    finally:
        phone.close()
    over_http = api(live_server, "GET", f"/workshops/{workshop}/changes?since={since}", late)
    for reply in (ack, over_http):
        assert reply["ok"] is True and reply["reset"] is False
        assert reply["changes"], "a replay, not an empty answer"
        assert marker not in json.dumps(reply)
        if action == "hide":
            assert name not in json.dumps(reply)
        else:
            assert "Ring the surgery" in json.dumps(reply)
