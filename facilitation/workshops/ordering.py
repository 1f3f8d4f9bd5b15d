"""Putting a workshop's groups, boards or perspectives in a new order (the editor's drag and arrow keys).

The agenda is not here: it is ordered by its start times.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from facilitation.kernel.errors import Invalid
from facilitation.workshops.service import _commit_structure, _managed
from facilitation.workshops.templates import GROUP_COLOURS

ORDERABLE = {"groups": "groups", "boards": "boards", "perspectives": "perspectives"}


def reorder(actor, workshop_id: int, kind: str, ids: Any) -> dict[str, Any]:
    """Put the items of `kind` named in `ids` first, in that order; the rest follow in their current order.

    The editor sends the whole new order; naming only one item moves it to the front.
    """
    workshop = _managed(actor, workshop_id)
    if kind not in ORDERABLE:
        raise Invalid(_("Only groups, boards and perspectives can be reordered."), code="bad_kind")
    items = list(getattr(workshop, ORDERABLE[kind]))
    by_id = {item.id: item for item in items}
    well_formed = isinstance(ids, list) and all(isinstance(i, int) and not isinstance(i, bool) for i in ids)
    if not well_formed or not ids or len(set(ids)) != len(ids) or not set(ids) <= set(by_id):
        raise Invalid(
            _("Send ids of this workshop's %(kind)s, each once, in the new order.", kind=kind), code="bad_order"
        )
    order = [*ids, *(item.id for item in items if item.id not in ids)]
    for position, item_id in enumerate(order):
        by_id[item_id].position = position
    return _commit_structure(workshop)


def next_group_colour(used: list[str]) -> str:
    """The first colour of the colour-blind-safe palette no group uses yet (then round again)."""
    taken = {colour.lower() for colour in used}
    for colour in GROUP_COLOURS:
        if colour.lower() not in taken:
            return colour
    return GROUP_COLOURS[len(used) % len(GROUP_COLOURS)]
