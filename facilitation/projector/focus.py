"""Zoom on demand: the projector shows one group's part of the board, one perspective, one theme, or
barriers (or enablers) only, full screen; null is the whole board again. Showing another board clears it."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import Invalid, NotFound
from facilitation.models import FOCUS_KINDS, Group, Perspective, Section, Theme, Workshop
from facilitation.projector.state import commit_projector_change, locked_workshop, state_row


def set_focus(actor: Actor, workshop_id: Any, focus: Any) -> dict[str, Any]:
    """Zoom the projector's board in on one part, or (None) show it whole (organiser)."""
    workshop = locked_workshop(actor, workshop_id, "projector.control")
    row = state_row(workshop)
    row.focus = None if focus is None else checked_focus(workshop, focus)
    return commit_projector_change(workshop)


def checked_focus(workshop: Workshop, focus: Any) -> dict[str, Any]:
    """{"kind", "value"} as stored, once the value names something of this workshop's shown board."""
    if not isinstance(focus, dict) or set(focus) != {"kind", "value"}:
        raise Invalid(_('focus is null or {"kind": ..., "value": ...}.'), code="bad_focus")
    kind, value = focus["kind"], focus["value"]
    if kind not in FOCUS_KINDS:
        raise Invalid(_("focus kind must be one of %(choices)s.", choices=", ".join(FOCUS_KINDS)), code="bad_focus")
    board_id = workshop.projector_board_id
    if board_id is None:
        raise Invalid(_("Show a board before zooming in on part of it."), code="no_board")
    if kind == "note_kind":
        names = {s.name.lower() for s in db.session.query(Section).filter(Section.board_id == board_id)}
        if not isinstance(value, str) or value.lower() not in names | {"barrier", "enabler"}:
            raise Invalid(_("value must name a section of the board shown (barrier, enabler...)."), code="bad_focus")
        return {"kind": kind, "value": value.lower()}
    if not isinstance(value, int) or isinstance(value, bool):
        raise Invalid(_("value must be an id for that kind of focus."), code="bad_focus")
    model = {"group": Group, "perspective": Perspective, "theme": Theme}[kind]
    found = db.session.get(model, value)
    if found is None or found.workshop_id != workshop.id or (kind == "theme" and found.board_id != board_id):
        raise NotFound(_("No such %(kind)s here.", kind=kind), code="unknown_focus")
    return {"kind": kind, "value": value}
