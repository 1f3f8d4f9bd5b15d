"""Loading a workshop and its rows by id: unknown, foreign and malformed ids are all NotFound."""

from __future__ import annotations

from typing import Any, TypeVar

from flask_babel import gettext as _

from facilitation.extensions import db
from facilitation.kernel.access import Actor, authorise
from facilitation.kernel.errors import NotFound
from facilitation.models import Workshop

Row = TypeVar("Row")


def get_workshop(workshop_id: Any) -> Workshop:
    """The workshop with this id, without any permission check (adapters that have already authorised)."""
    if not is_id(workshop_id):
        raise NotFound(_("No such workshop."), code="unknown_workshop")
    workshop = db.session.get(Workshop, workshop_id)
    # A removed workshop (waiting in the trash to be restored or erased) is gone for every service.
    if workshop is None or workshop.removed_at is not None:
        raise NotFound(_("No such workshop."), code="unknown_workshop")
    return workshop


def load_workshop(actor: Actor, workshop_id: Any, action: str) -> Workshop:
    """The workshop, once the actor may do `action` on it: the one lookup-then-authorise every service starts with."""
    workshop = get_workshop(workshop_id)
    authorise(actor, action, workshop)
    return workshop


def owned(model: type[Row], row_id: Any, workshop: Workshop, code: str, message: str = "") -> Row:
    """A row of `model` that belongs to `workshop`, or NotFound with `code`: another workshop's id is unknown here."""
    row = db.session.get(model, row_id) if is_id(row_id) else None
    if row is None or row.workshop_id != workshop.id:
        raise NotFound(message or "Nothing with that id in this workshop.", code=code)
    return row


def is_id(value: Any) -> bool:
    """A database id as a client may send it: a whole number the database can hold (True is not 1)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**63


def parse_id(text: Any) -> int | None:
    """An id typed into a form field: ASCII digits for a number is_id accepts, else None (never an error:
    int("²") raises, and 2^64 overflows the lookup)."""
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text)
    return value if is_id(value) else None
