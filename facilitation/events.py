"""The catalogue of Socket.IO names and payload shapes; docs/protocol.md describes the same.

Every broadcast is an envelope ``{"revision": int, "event": str, "data": {...}}`` emitted
under its own event name, and the same envelopes come back from ``sync``.
"""

from __future__ import annotations

from typing import Final

NAMESPACE: Final = "/live"

# Server -> client broadcasts (envelopes carrying a revision).
NOTE_ADDED: Final = "note:added"
NOTE_UPDATED: Final = "note:updated"
STRUCTURE_CHANGED: Final = "structure:changed"
PROJECTOR_CHANGED: Final = "projector:changed"

BROADCASTS: Final = frozenset({NOTE_ADDED, NOTE_UPDATED, STRUCTURE_CHANGED, PROJECTOR_CHANGED})

# Server -> client, not part of the revision stream.
WELCOME: Final = "welcome"

# Client -> server requests; each is acknowledged with {"ok": true, ...} or {"ok": false, code, message}.
SYNC: Final = "sync"
STATE: Final = "state"
NOTE_POST: Final = "note:post"
PROJECTOR_SHOW: Final = "projector:show"

# Payload shapes of client requests: field -> (accepted types, required).
# Anything not listed is refused, so a typo never silently drops data.
OPTIONAL_INT = (int, type(None))
REQUEST_SHAPES: Final[dict[str, dict[str, tuple[tuple[type, ...], bool]]]] = {
    SYNC: {"since": ((int,), True)},
    STATE: {},
    NOTE_POST: {
        "client_id": ((str,), True),
        "board_id": ((int,), True),
        "section_id": ((int,), True),
        "perspective_id": (OPTIONAL_INT, False),
        "group_id": (OPTIONAL_INT, False),
        "text": ((str,), True),
    },
    PROJECTOR_SHOW: {"board_id": (OPTIONAL_INT, True)},
}
