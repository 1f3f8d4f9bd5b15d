"""Joining from a phone with the code on the projector: anonymous unless a first name is given."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from facilitation.extensions import db
from facilitation.kernel.access import ATTENDEE_PREFIX, hash_token, new_token
from facilitation.kernel.errors import Closed, Invalid, NotFound
from facilitation.kernel.payloads import clean_characters
from facilitation.models import Participant, Perspective, Workshop
from facilitation.workshops.service import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH

NAME_MAX = 40


def normalise_code(code: Any) -> str:
    """Accept what people type: lower case, spaces or a dash in the middle."""
    if not isinstance(code, str):
        raise Invalid(_("Type the 6-character code shown on the screen."), code="bad_code")
    cleaned = re.sub(r"[\s-]", "", code).upper()
    if len(cleaned) != JOIN_CODE_LENGTH or any(ch not in JOIN_CODE_ALPHABET for ch in cleaned):
        raise Invalid(_("Type the 6-character code shown on the screen."), code="bad_code")
    return cleaned


def join(code: Any, name: Any = "") -> dict[str, Any]:
    """Create an attendee session; returns its bearer token (shown once, stored hashed)."""
    workshop = db.session.scalar(select(Workshop).where(Workshop.join_code == normalise_code(code)))
    if workshop is None or workshop.removed_at is not None:
        raise NotFound(_("No workshop has that code. Check the screen and try again."), code="unknown_code")
    if not workshop.is_open:
        raise Closed(_("This workshop has closed."), code="workshop_closed")
    if name is None:
        name = ""
    if not isinstance(name, str):
        raise Invalid(_("Name must be text."), code="wrong_type")
    name = " ".join(clean_characters(name, "Name").split())
    if len(name) > NAME_MAX:
        raise Invalid(_("Names are limited to %(name_max)s characters.", name_max=NAME_MAX), code="text_too_long")
    token = new_token(ATTENDEE_PREFIX)
    participant = Participant(workshop_id=workshop.id, token_hash=hash_token(token), display_name=name)
    db.session.add(participant)
    db.session.commit()
    return {"token": token, "workshop_id": workshop.id, "participant_id": participant.id, "name": name}


def perspectives_for_code(code: Any) -> list[dict[str, Any]]:
    """The sides an attendee may say they come from, for the join form opened from the code's link; none for a
    code that names no open workshop (the form then simply does not ask, and the phone panel asks later)."""
    try:
        cleaned = normalise_code(code)
    except Invalid:
        return []
    workshop = db.session.scalar(select(Workshop).where(Workshop.join_code == cleaned))
    if workshop is None or workshop.removed_at is not None or not workshop.is_open:
        return []
    rows = db.session.scalars(
        select(Perspective).where(Perspective.workshop_id == workshop.id).order_by(Perspective.position)
    )
    return [{"id": p.id, "name": p.name} for p in rows]
