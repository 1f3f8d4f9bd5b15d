"""Loading a workshop's rows by id, refusing ids that are not plain integers."""

from __future__ import annotations

from typing import Any

from facilitation.extensions import db
from facilitation.kernel.errors import NotFound
from facilitation.models import Workshop


def get_workshop(workshop_id: Any) -> Workshop:
    if not isinstance(workshop_id, int) or isinstance(workshop_id, bool):
        raise NotFound("No such workshop.", code="unknown_workshop")
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None:
        raise NotFound("No such workshop.", code="unknown_workshop")
    return workshop
