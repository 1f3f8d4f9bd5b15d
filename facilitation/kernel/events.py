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

# The evaluation: questionnaire edits/status, and aggregated results (never single responses).
EVALUATION_CHANGED: Final = "evaluation:changed"
EVALUATION_RESULTS: Final = "evaluation:results"
# Moderation: a note leaving public view ({note_id, board_id}); dot-voting round summaries ({round}).
NOTE_REMOVED: Final = "note:removed"
VOTE_CHANGED: Final = "vote:changed"
# Mixed tables: the whole public plan of the current round ({round, tables, unseated}).
SEATING_CHANGED: Final = "seating:changed"
# Afternoon activities: the public board ({activities}); one phone's news ({kind, activity, alternative}).
ACTIVITIES_CHANGED: Final = "activities:changed"
ACTIVITY_NOTICE: Final = "activity:notice"
# The graphic recording on the wall: the images and what the projector shows of them.
RECORDING_CHANGED: Final = "recording:changed"

# Themes of one board, a full replacement: {board_id, themes} (see the themes section below).
THEMES_CHANGED: Final = "themes:changed"


BROADCASTS: Final = frozenset(
    {NOTE_ADDED, NOTE_UPDATED, STRUCTURE_CHANGED, PROJECTOR_CHANGED, EVALUATION_CHANGED, EVALUATION_RESULTS}
    | {NOTE_REMOVED, VOTE_CHANGED}
    | {SEATING_CHANGED, ACTIVITIES_CHANGED, ACTIVITY_NOTICE, RECORDING_CHANGED, THEMES_CHANGED}
)

# Server -> client: several broadcast envelopes to one room in one frame, [envelope, ...] in revision order
# (kernel/broadcast.Coalescer; docs/protocol.md §6).
BATCH: Final = "changes"

# Server -> client, not part of the revision stream.
WELCOME: Final = "welcome"

# Client -> server requests; each is acknowledged with {"ok": true, ...} or {"ok": false, code, message}.
SYNC: Final = "sync"
STATE: Final = "state"
NOTE_POST: Final = "note:post"
PROJECTOR_SHOW: Final = "projector:show"
EVALUATION_STATE: Final = "evaluation:state"
EVALUATION_SUBMIT: Final = "evaluation:submit"

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
    EVALUATION_STATE: {},
    # answers: [{"question_id": int, "value": int | str | list[str] | bool | None}]; checked by the service.
    EVALUATION_SUBMIT: {"answers": ((list,), True)},
}

# --- Moderation (organiser and facilitators) and dot voting --------------------------------------
NOTE_APPROVE: Final = "note:approve"
NOTE_REJECT: Final = "note:reject"
NOTE_HIDE: Final = "note:hide"
NOTE_UNHIDE: Final = "note:unhide"
NOTE_EDIT: Final = "note:edit"
NOTE_MOVE: Final = "note:move"
NOTE_MERGE: Final = "note:merge"
NOTE_DELETE: Final = "note:delete"
NOTE_RESTORE: Final = "note:restore"
NOTE_PIN: Final = "note:pin"
NOTE_HISTORY: Final = "note:history"
BOARD_MODE: Final = "board:mode"
WORDLIST_SET: Final = "wordlist:set"
MODERATION_OVERVIEW: Final = "moderation:overview"
VOTE_ROUND_OPEN: Final = "vote:round_open"
VOTE_CAST: Final = "vote:cast"
VOTE_RETRACT: Final = "vote:retract"
VOTE_REVEAL: Final = "vote:reveal"
VOTE_ROUND_CLOSE: Final = "vote:round_close"
VOTE_STATUS: Final = "vote:status"

# The note actions that need nothing but the note's id.
NOTE_STATUS_ACTIONS: Final = (NOTE_APPROVE, NOTE_REJECT, NOTE_HIDE, NOTE_UNHIDE, NOTE_DELETE, NOTE_RESTORE)
_NOTE_ID = {"note_id": ((int,), True)}
_ROUND_ID = {"round_id": ((int,), True)}
REQUEST_SHAPES.update(
    {
        **{action: _NOTE_ID for action in NOTE_STATUS_ACTIONS},
        NOTE_HISTORY: _NOTE_ID,
        # version: the one the editor started from; a stale one is refused with version_conflict.
        NOTE_EDIT: {"note_id": ((int,), True), "text": ((str,), True), "version": ((int,), True)},
        NOTE_MOVE: {
            "note_id": ((int,), True),
            "board_id": ((int,), True),
            "section_id": ((int,), True),
            "perspective_id": (OPTIONAL_INT, False),
        },
        # note_id is merged into into_id: into_id stays, note_id's text goes into its history.
        NOTE_MERGE: {"note_id": ((int,), True), "into_id": ((int,), True)},
        NOTE_PIN: {"note_id": ((int,), True), "pinned": ((bool,), True)},
        BOARD_MODE: {"board_id": ((int,), True), "mode": ((str,), True)},
        WORDLIST_SET: {"words": ((list,), True)},
        MODERATION_OVERVIEW: {},
        VOTE_ROUND_OPEN: {"board_id": ((int,), True), "votes_per_attendee": ((int,), True)},
        VOTE_CAST: {"round_id": ((int,), True), "note_id": ((int,), True)},
        VOTE_RETRACT: {"round_id": ((int,), True), "note_id": ((int,), True)},
        VOTE_REVEAL: _ROUND_ID,
        VOTE_ROUND_CLOSE: _ROUND_ID,
        VOTE_STATUS: {},
    }
)

# --- Projector control (organiser), agenda "now" marker and countdown timer -----------------------
# Every one of these broadcasts projector:changed carrying the whole projector state (see
# services/projector_state.projector_view), so a screen never has to merge partial updates.
PROJECTOR_TARGET: Final = "projector:target"
PROJECTOR_ROTATE: Final = "projector:rotate"
PROJECTOR_HIDE: Final = "projector:hide"
PROJECTOR_SPOTLIGHT: Final = "projector:spotlight"
PROJECTOR_DISPLAY: Final = "projector:display"
AGENDA_STEP: Final = "agenda:step"
AGENDA_SET: Final = "agenda:set"
TIMER_START: Final = "timer:start"
TIMER_PAUSE: Final = "timer:pause"
TIMER_RESET: Final = "timer:reset"
# Any viewer: the server's clock (for countdowns) and an ideas board's word frequencies (for the cloud).
PROJECTOR_CLOCK: Final = "projector:clock"
WORDCLOUD_GET: Final = "wordcloud:get"
REQUEST_SHAPES.update(
    {
        # kind: board | welcome | evaluation; board_id only (and then required) for "board".
        PROJECTOR_TARGET: {"kind": ((str,), True), "board_id": (OPTIONAL_INT, False)},
        PROJECTOR_ROTATE: {"board_ids": ((list,), True), "seconds": ((int,), True)},
        PROJECTOR_HIDE: {"board_id": ((int,), True), "hidden": ((bool,), True)},
        PROJECTOR_SPOTLIGHT: {"note_id": (OPTIONAL_INT, True)},
        PROJECTOR_DISPLAY: {"board_id": ((int,), True), "display": ((str,), True)},
        AGENDA_STEP: {"step": ((int,), True)},
        AGENDA_SET: {"item_id": (OPTIONAL_INT, True)},
        # minutes absent: resume a paused timer; present: start afresh for that long.
        TIMER_START: {"minutes": ((int, float), False)},
        TIMER_PAUSE: {},
        TIMER_RESET: {},
        PROJECTOR_CLOCK: {},
        WORDCLOUD_GET: {"board_id": ((int,), True)},
    }
)

# --- Mixed tables, activity sign-up, the graphic recording (issue 14) -----------------------------
SEATING_PLAN: Final = "seating:plan"
SEATING_MINE: Final = "seating:mine"
SEATING_PROFILE: Final = "seating:profile"
ACTIVITIES_STATE: Final = "activities:state"
ACTIVITY_JOIN: Final = "activity:join"
ACTIVITY_LEAVE: Final = "activity:leave"
RECORDING_STATE: Final = "recording:state"
REQUEST_SHAPES.update(
    {
        SEATING_PLAN: {},
        SEATING_MINE: {},
        SEATING_PROFILE: {
            "perspective_id": (OPTIONAL_INT, True),
            "organisation": ((str,), False),
            "organisation_shared": ((bool,), False),
        },
        ACTIVITIES_STATE: {},
        ACTIVITY_JOIN: {"activity_id": ((int,), True)},
        ACTIVITY_LEAVE: {"activity_id": ((int,), True)},
        RECORDING_STATE: {},
    }
)

# --- Themes (issue 12): a board's notes grouped by similarity; the people's decisions about them -----
# themes:changed {board_id, themes: [{id, board_id, label, suggested_label, label_is_custom, note_ids}]} is a
# full replacement of that board's themes, built from its visible notes only.
THEME_RENAME: Final = "theme:rename"
THEME_MERGE: Final = "theme:merge"
THEME_SPLIT: Final = "theme:split"
THEME_MOVE_NOTE: Final = "theme:move_note"
THEMES_RECLUSTER: Final = "themes:recluster"
# The projector's zoom on demand: {"focus": null | {"kind": group|perspective|theme|note_kind, "value": ...}}.
PROJECTOR_FOCUS: Final = "projector:focus"
REQUEST_SHAPES.update(
    {
        # label "" clears back to the suggestion.
        THEME_RENAME: {"theme_id": ((int,), True), "label": ((str,), True)},
        THEME_MERGE: {"theme_id": ((int,), True), "into_theme_id": ((int,), True)},
        # The listed notes leave the theme and form a new one.
        THEME_SPLIT: {"theme_id": ((int,), True), "note_ids": ((list,), True)},
        # theme_id None: the note becomes a theme of its own.
        THEME_MOVE_NOTE: {"note_id": ((int,), True), "theme_id": (OPTIONAL_INT, True)},
        THEMES_RECLUSTER: {"board_id": ((int,), True)},
        PROJECTOR_FOCUS: {"focus": ((dict, type(None)), True)},
    }
)
