"""Checks a client payload against its shape in the events catalogue before any service runs."""

from __future__ import annotations

from typing import Any

from facilitation.kernel.errors import Invalid


def check_shape(payload: Any, shape: dict[str, tuple[tuple[type, ...], bool]]) -> dict[str, Any]:
    """Return the payload as a dict if it has exactly the allowed fields with the right types."""
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise Invalid("The request must be a JSON object.", code="bad_payload")
    extra = sorted(set(payload) - set(shape))
    if extra:
        raise Invalid(f"Unexpected field(s): {', '.join(map(str, extra))}.", code="unexpected_field")
    for field, (types, required) in shape.items():
        if field not in payload:
            if required:
                raise Invalid(f"Missing field: {field}.", code="missing_field")
            continue
        value = payload[field]
        # bool is an int subclass; an id of True is a client bug, not the number 1.
        if isinstance(value, bool) and bool not in types:
            raise Invalid(f"Field {field} has the wrong type.", code="wrong_type")
        if not isinstance(value, types):
            raise Invalid(f"Field {field} has the wrong type.", code="wrong_type")
    return dict(payload)


def text_field(value: Any, field: str, max_len: int, *, required: bool = True) -> str:
    """A trimmed, bounded piece of text typed by an organiser (titles, prompts, names, questions)."""
    if not isinstance(value, str):
        raise Invalid(f"{field} must be text.", code="wrong_type")
    cleaned = value.strip()
    if required and not cleaned:
        raise Invalid(f"{field} cannot be empty.", code="empty_text")
    if len(cleaned) > max_len:
        raise Invalid(f"{field} is limited to {max_len} characters.", code="text_too_long")
    return cleaned
