"""What the projector shows: one board, the welcome screen, the evaluation, or a rotation of boards;
a spotlighted note; boards hidden from it; and whether an ideas board shows its wall or a word cloud.

Each function validates, authorises (projector.control), commits, then publishes projector:changed
with the whole projector state, so every screen follows and a reconnecting one catches up by sync.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from facilitation.kernel.access import Actor
from facilitation.kernel.errors import Invalid
from facilitation.kernel.lookups import load_workshop, owned
from facilitation.kernel.visibility import utc_iso
from facilitation.models import BOARD_DISPLAYS, TARGET_KINDS, Board, Note, Workshop
from facilitation.projector.state import commit_projector_change, locked_workshop, now_utc, state_row

ROTATION_SECONDS = (5, 600)  # shorter cannot be read; longer is not a rotation any more
MAX_ROTATION_BOARDS = 50


def _controlled(actor: Actor, workshop_id: Any) -> Workshop:
    return locked_workshop(actor, workshop_id, "projector.control")


def _board(workshop: Workshop, board_id: Any) -> Board:
    board = owned(Board, board_id, workshop, "unknown_board", _("No such board in this workshop."))
    return board


def server_clock(actor: Actor, workshop_id: Any) -> dict[str, Any]:
    """The server's time for any viewer: screens count the timer and the rotation against it."""
    load_workshop(actor, workshop_id, "workshop.view")
    return {"server_time": utc_iso(now_utc())}


def show(actor: Actor, workshop_id: Any, kind: Any, board_id: Any = None) -> dict[str, Any]:
    """Show one thing and stop any rotation: a board, the welcome screen or the evaluation.

    Choosing what to show also ends a spotlight: otherwise the note stays over everything and the choice
    seems to do nothing ("The projector follows." while the spotlight stays up).
    """
    workshop = _controlled(actor, workshop_id)
    if kind not in TARGET_KINDS:
        raise Invalid(_("kind must be one of %(choices)s.", choices=", ".join(TARGET_KINDS)), code="bad_target")
    previous_board = workshop.projector_board_id
    if kind == "board":
        workshop.projector_board_id = _board(workshop, board_id).id
    elif board_id is not None:
        raise Invalid(_("Only a board target takes a board_id."), code="bad_target")
    row = state_row(workshop)
    if row.mode != "single" or row.target_kind != kind or workshop.projector_board_id != previous_board:
        row.focus = None  # a zoom belongs to the board it was set on
    row.mode = "single"
    row.target_kind = kind
    row.spotlight_note_id = None
    return commit_projector_change(workshop)


def show_on_projector(actor: Actor, workshop_id: Any, board_id: Any) -> dict[str, Any]:
    """The first API's shape: a board id, or None for the welcome screen; answers {board_id, revision}."""
    result = show(actor, workshop_id, "welcome" if board_id is None else "board", board_id)
    return {"board_id": result["projector"]["target"].get("board_id"), "revision": result["revision"]}


def rotate(actor: Actor, workshop_id: Any, board_ids: Any, seconds: Any) -> dict[str, Any]:
    """Cycle through the chosen boards, each for `seconds`; every screen counts from the same start."""
    workshop = _controlled(actor, workshop_id)
    if not isinstance(board_ids, list) or not board_ids:
        raise Invalid(_("Choose at least one board to rotate through."), code="no_boards")
    if len(board_ids) > MAX_ROTATION_BOARDS:
        raise Invalid(_("That is more boards than a rotation can show."), code="too_many_boards")
    chosen: list[int] = []
    for board_id in board_ids:
        board = _board(workshop, board_id)
        if board.id not in chosen:
            chosen.append(board.id)
    low, high = ROTATION_SECONDS
    if not isinstance(seconds, int) or isinstance(seconds, bool) or not low <= seconds <= high:
        raise Invalid(_("Each board shows for %(low)s to %(high)s seconds.", low=low, high=high), code="bad_seconds")
    row = state_row(workshop)
    row.focus = None  # rotation shows other boards
    row.mode = "rotation"
    row.rotation_board_ids = chosen
    row.rotation_seconds = seconds
    row.rotation_started_at = now_utc()
    return commit_projector_change(workshop)


def set_hidden(actor: Actor, workshop_id: Any, board_id: Any, hidden: Any) -> dict[str, Any]:
    """Hide a board from the projector (it shows the welcome screen instead, and rotation skips it)."""
    workshop = _controlled(actor, workshop_id)
    board = _board(workshop, board_id)
    if not isinstance(hidden, bool):
        raise Invalid(_("hidden must be true or false."), code="wrong_type")
    row = state_row(workshop)
    ids = [i for i in row.hidden_board_ids if i != board.id]
    row.hidden_board_ids = [*ids, board.id] if hidden else ids
    return commit_projector_change(workshop)


def spotlight(actor: Actor, workshop_id: Any, note_id: Any) -> dict[str, Any]:
    """Show one visible note full-screen over whatever else is chosen; None clears the spotlight."""
    workshop = _controlled(actor, workshop_id)
    row = state_row(workshop)
    if note_id is None:
        row.spotlight_note_id = None
        return commit_projector_change(workshop)
    note = owned(Note, note_id, workshop, "unknown_note", _("No such note in this workshop."))
    if note.status != "visible":
        raise Invalid(_("Only a note everyone can see can be spotlighted."), code="note_not_visible")
    row.spotlight_note_id = note.id
    return commit_projector_change(workshop)


def set_display(actor: Actor, workshop_id: Any, board_id: Any, display: Any) -> dict[str, Any]:
    """Switch an ideas board between its wall of notes and a word cloud of them, and show it.

    Asking for the cloud means "put the cloud up": only remembering the choice changed nothing on screen
    until the board was shown again, so the board becomes the target (ending rotation and spotlight).
    """
    workshop = _controlled(actor, workshop_id)
    board = _board(workshop, board_id)
    if display not in BOARD_DISPLAYS:
        raise Invalid(_("display must be one of %(choices)s.", choices=", ".join(BOARD_DISPLAYS)), code="bad_display")
    if display == "cloud" and board.kind != "ideas":
        raise Invalid(_("Only ideas boards have a word cloud."), code="bad_display")
    if display in ("themes", "summary") and board.kind not in ("ideas", "washing_line"):
        raise Invalid(_("Only paged boards (ideas, washing line) have a themes or summary view."), code="bad_display")
    row = state_row(workshop)
    displays = {key: value for key, value in row.board_displays.items() if key != str(board.id)}
    if display != "wall":
        displays[str(board.id)] = display
    row.board_displays = displays
    workshop.projector_board_id = board.id
    row.mode = "single"
    row.target_kind = "board"
    row.spotlight_note_id = None
    return commit_projector_change(workshop)
