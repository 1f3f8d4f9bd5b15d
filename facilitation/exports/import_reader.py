"""Reading an uploaded export: size, JSON, format and version, then typed access to its objects.

Every accessor names the exact place of the first problem (``boards[2].sections[0].title is missing``), so an
organiser who hand-edited a file can fix it; nothing here touches the database.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from flask_babel import gettext as _

from facilitation.exports.document import FORMAT, FORMAT_VERSION
from facilitation.kernel.errors import Invalid
from facilitation.kernel.payloads import clean_characters

# Version 1 is version 2 without themes.
SUPPORTED_VERSIONS = (1, FORMAT_VERSION)
MAX_IMPORT_BYTES = 4 * 1024 * 1024  # as the app's request limit (MAX_CONTENT_LENGTH)


class DocumentReader:
    """Typed access to one JSON object, naming the exact place of the first problem."""

    def __init__(self, value: Any, where: str):
        if not isinstance(value, dict):
            raise Invalid(_("%(where)s must be an object.", where=where), code="bad_document")
        self.value, self.where = value, where

    def _get(self, key: str, types: tuple, required: bool, default: Any = None) -> Any:
        if key not in self.value or self.value[key] is None:
            if required:
                raise Invalid(_("%(where)s.%(key)s is missing.", where=self.where, key=key), code="bad_document")
            return default
        found = self.value[key]
        if not isinstance(found, types) or (isinstance(found, bool) and bool not in types):
            raise Invalid(_("%(where)s.%(key)s has the wrong type.", where=self.where, key=key), code="bad_document")
        return found

    def text(self, key: str, max_len: int, *, required: bool = True, allow_empty: bool = False) -> str:
        """The text under `key` by the same character rule as typed text (so a hand-edited file cannot smuggle
        in a NUL), bounded and, unless allowed, not blank."""
        found = clean_characters(self._get(key, (str,), required, ""), f"{self.where}.{key}")
        if len(found) > max_len:
            raise Invalid(
                _(
                    "%(where)s.%(key)s is longer than %(max_len)s characters.",
                    where=self.where,
                    key=key,
                    max_len=max_len,
                ),
                code="bad_document",
            )
        if required and not allow_empty and not found.strip():
            raise Invalid(_("%(where)s.%(key)s is empty.", where=self.where, key=key), code="bad_document")
        return found

    def choice(self, key: str, allowed: tuple, default: str | None = None) -> str:
        found = self._get(key, (str,), default is None, default)
        if found not in allowed:
            raise Invalid(
                _(
                    "%(where)s.%(key)s must be one of %(allowed)s.",
                    where=self.where,
                    key=key,
                    allowed=", ".join(allowed),
                ),
                code="bad_document",
            )
        return found

    def flag(self, key: str, default: bool = False) -> bool:
        return self._get(key, (bool,), False, default)

    def number(self, key: str, default: int | None = 0) -> int | None:
        found = self._get(key, (int,), False, default)
        if found is not None and found < 0:
            raise Invalid(_("%(where)s.%(key)s cannot be negative.", where=self.where, key=key), code="bad_document")
        return found

    def words(self, key: str) -> list[str]:
        """A list of short texts, blanks and repeats dropped."""
        found = [
            clean_characters(w, f"{self.where}.{key}").strip()
            for w in self._get(key, (list,), False, [])
            if isinstance(w, str)
        ]
        return list(dict.fromkeys(w[:80] for w in found if w))

    def items(self, key: str, *, required: bool = False) -> list[DocumentReader]:
        found = self._get(key, (list,), required, [])
        return [DocumentReader(item, f"{self.where}.{key}[{i}]") for i, item in enumerate(found)]

    def ref(self, key: str, known: dict[str, Any], *, required: bool = True) -> Any:
        found = self._get(key, (str,), required)
        if found is None:
            return None
        if found not in known:
            raise Invalid(
                _(
                    "%(where)s.%(key)s refers to %(ref)s, which is not in the file.",
                    where=self.where,
                    key=key,
                    ref=repr(found),
                ),
                code="bad_reference",
            )
        return known[found]

    def moment(self, key: str) -> datetime:
        found = self._get(key, (str,), False)
        if found is None:
            return datetime.now(UTC)
        try:
            moment = datetime.fromisoformat(found)
        except ValueError:
            raise Invalid(
                _("%(where)s.%(key)s is not an ISO 8601 time.", where=self.where, key=key), code="bad_document"
            ) from None
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse(raw: bytes | str) -> dict[str, Any]:
    """The document from an uploaded file, refusing what is too big, not JSON, or a version this app cannot read."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise Invalid(_("The file is larger than 4 MB."), code="file_too_large")
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise Invalid(_("That file is not a JSON export."), code="bad_json") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Invalid(_("That file is not a Facilitation Board workshop export."), code="bad_format")
    version = document.get("format_version")
    if version not in SUPPORTED_VERSIONS:
        raise Invalid(
            _(
                "This export is format version %(version)s; this app reads version %(supported)s.",
                version=repr(version),
                supported=FORMAT_VERSION,
            ),
            code="unsupported_version",
        )
    return document


def iso_date(value: Any, where: str) -> str | None:
    """A YYYY-MM-DD date as text, or None when the file leaves it blank."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise Invalid(_("%(where)s is not a YYYY-MM-DD date.", where=where), code="bad_document") from None
