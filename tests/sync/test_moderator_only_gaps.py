"""Moderator-only changes do not make phones resync: the next public broadcast says which public revision
came before it (`after`), and a phone that has that one has everything it may see (static/js/core/catch-up.js
applies it without a sync; tests/js/catch-up.test.mjs)."""

from __future__ import annotations

from facilitation.extensions import db
from facilitation.kernel.events import NAMESPACE, NOTE_ADDED, NOTE_POST, SYNC
from tests.conftest import board_by_kind
from tests.notes.test_service import note_payload
from tests.sync.test_socket import attendee_token, emit, received


def test_a_public_note_after_pending_ones_names_the_public_revision_the_phone_has(connect, workshop):
    board = board_by_kind(workshop, "solutions")
    phone = connect({"token": attendee_token(workshop, "Sam")})
    other = connect({"token": attendee_token(workshop, "Kim")})
    tablet = connect({"token": workshop.groups[0].facilitator_token})
    first = emit(other, NOTE_POST, note_payload(board, text="On the screen"))
    (envelope,) = [m["args"][0] for m in received(phone, NOTE_ADDED)]
    assert envelope["revision"] == first["revision"]
    phone_has = envelope["revision"]
    board.mode = "premoderated"  # from now on attendees' notes wait for a moderator
    db.session.commit()

    # Two pending notes: moderators hear of them, the phone does not.
    for text in ("Waits one", "Waits two"):
        pending = emit(other, NOTE_POST, note_payload(board, text=text))
        assert pending["note"]["status"] == "pending", pending
    assert received(phone, NOTE_ADDED) == []
    assert len(received(tablet, NOTE_ADDED)) == 3

    public = emit(tablet, NOTE_POST, note_payload(board, text="Back on the screen"))
    (envelope,) = [m["args"][0] for m in received(phone, NOTE_ADDED)]
    assert envelope["revision"] == public["revision"] == phone_has + 3
    # The phone skipped two revisions, all moderator-only: `after` says so, so it applies this one as is.
    assert envelope["after"] == phone_has
    # And it is right to: a sync from where it was would have brought nothing else.
    ack = emit(phone, SYNC, {"since": phone_has})
    assert [change["revision"] for change in ack["changes"]] == [public["revision"]]
    # A moderator screen gets the same frame, and syncs by the strict rule (it may see what was skipped).
    (moderator_copy,) = [m["args"][0] for m in received(tablet, NOTE_ADDED)]
    assert moderator_copy == envelope
    assert phone.is_connected(NAMESPACE)
