"""Socket.IO adapter for the graphic recording: what the wall shows, for any viewer."""

from __future__ import annotations

from facilitation.kernel import events
from facilitation.realtime.handling import acknowledged
from facilitation.recordings import service as recordings


@acknowledged(events.RECORDING_STATE)
def state(actor, workshop_id, fields):
    return recordings.recording_state(actor, workshop_id)
