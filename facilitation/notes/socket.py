"""Posting a note over the socket, limited per sender and per address on top of the socket's own bucket."""

from __future__ import annotations

from flask import request

from facilitation.kernel import events
from facilitation.notes import service as notes
from facilitation.realtime.handling import acknowledged
from facilitation.security import throttle


@acknowledged(events.NOTE_POST)
def post_note(actor, workshop_id, fields):
    # Counted across sockets, HTTP and processes (security/throttle.py), like the HTTP route's hook.
    throttle.check_post(actor, request.remote_addr)
    return notes.post_note(actor, workshop_id, fields)
