"""Checks a client payload against its shape in the events catalogue before any service runs."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _

from facilitation.kernel.errors import Invalid

# The characters no text field stores. NUL ends strings in C, is refused by PostgreSQL and cannot appear in
# XML (SVG, XLSX); half of a surrogate pair (JSON can carry "\ud800") has no UTF-8 form at all.
_REFUSED = re.compile("[\x00\ud800-\udfff]")
# Line breaks typed, pasted or sent in other spellings: one newline each.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85]")
# Invisible controls (C0 but tab and newline, DEL, C1) and the noncharacters XML 1.0 forbids: dropped.
_STRIPPED = re.compile("[\x01-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


# What a database integer column holds (SQLite and PostgreSQL bigint alike).
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def clean_characters(value: str, field: str) -> str:
    """The one character rule for user text: NUL and lone surrogates refused (`bad_character`), line breaks
    made newlines, other control characters removed; tab, newline, emoji, every script and bidi marks kept."""
    if _REFUSED.search(value):
        raise Invalid(
            _(
                "%(field)s contains a character that cannot be stored (a NUL byte or half of an emoji); "
                "remove it and try again.",
                field=field,
            ),
            code="bad_character",
        )
    return _STRIPPED.sub("", _LINE_BREAKS.sub("\n", value))


def check_values(value: Any, field: str) -> None:
    """Refuse, anywhere in a decoded JSON value (list items, keys, nested objects), a string holding a
    character nothing may store (`bad_character`) and an integer no database column holds (`out_of_range`)."""
    pending = [value]  # a loop, not recursion: JSON nests deeper than Python's stack
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if _REFUSED.search(item):
                clean_characters(item, field)
        elif isinstance(item, int) and not isinstance(item, bool):
            if not INT64_MIN <= item <= INT64_MAX:
                raise Invalid(_("Field %(field)s is out of range.", field=field), code="out_of_range")
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())


def check_shape(payload: Any, shape: dict[str, tuple[tuple[type, ...], bool]]) -> dict[str, Any]:
    """Return the payload as a dict if it has exactly the allowed fields with the right types.

    Every string in it, however deep, is free of the characters nothing may store (`clean_characters`);
    every integer fits the database's 64 bits (`out_of_range`)."""
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise Invalid(_("The request must be a JSON object."), code="bad_payload")
    extra = sorted(set(payload) - set(shape))
    if extra:
        raise Invalid(_("Unexpected field(s): %(fields)s.", fields=", ".join(map(str, extra))), code="unexpected_field")
    for field, (types, required) in shape.items():
        if field not in payload:
            if required:
                raise Invalid(_("Missing field: %(field)s.", field=field), code="missing_field")
            continue
        value = payload[field]
        # bool is an int subclass; an id of True is a client bug, not the number 1.
        if isinstance(value, bool) and bool not in types:
            raise Invalid(_("Field %(field)s has the wrong type.", field=field), code="wrong_type")
        if not isinstance(value, types):
            raise Invalid(_("Field %(field)s has the wrong type.", field=field), code="wrong_type")
        check_values(value, field)
    return dict(payload)


def text_field(value: Any, field: str, max_len: int, *, required: bool = True) -> str:
    """A trimmed, bounded piece of text typed by an organiser (titles, prompts, names, questions)."""
    if not isinstance(value, str):
        raise Invalid(_("%(field)s must be text.", field=field), code="wrong_type")
    cleaned = clean_characters(value, field).strip()
    if required and not cleaned:
        raise Invalid(_("%(field)s cannot be empty.", field=field), code="empty_text")
    if len(cleaned) > max_len:
        raise Invalid(
            _("%(field)s is limited to %(max_len)s characters.", field=field, max_len=max_len), code="text_too_long"
        )
    return cleaned
