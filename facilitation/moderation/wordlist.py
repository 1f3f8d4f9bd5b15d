"""The per-workshop blocked-word list: an attendee note containing a listed word or phrase waits in the
moderation queue instead of going straight to the screen.

Matching is case-insensitive on whole words (so "ass" does not catch "class") and a phrase matches with
any run of spaces between its words. The list is moderator-only information and is never broadcast.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, select

from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import Invalid
from facilitation.kernel.lookups import load_workshop
from facilitation.kernel.payloads import clean_characters
from facilitation.models import BlockedWord
from facilitation.moderation import audit

MAX_WORDS = 500
MAX_WORD_CHARS = 80


def normalise(word: str) -> str:
    """A word or phrase as the list stores and matches it: case-folded, single-spaced."""
    return " ".join(word.casefold().split())


def clean_words(words: Any) -> list[str]:
    """Validate and normalise a submitted list: text only, trimmed, lower-cased, duplicates dropped."""
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise Invalid(_("words must be a list of text."), code="wrong_type")
    cleaned: list[str] = []
    for word in words:
        normal = normalise(clean_characters(word, "A blocked word"))
        if not normal:
            continue
        if len(normal) > MAX_WORD_CHARS:
            raise Invalid(
                _("Each word or phrase is limited to %(MAX_WORD_CHARS)s characters.", MAX_WORD_CHARS=MAX_WORD_CHARS),
                code="text_too_long",
            )
        if normal not in cleaned:
            cleaned.append(normal)
    if len(cleaned) > MAX_WORDS:
        raise Invalid(_("The list is limited to %(MAX_WORDS)s words.", MAX_WORDS=MAX_WORDS), code="too_many_words")
    return cleaned


def words_of(workshop_id: int) -> list[str]:
    """The workshop's list, alphabetical; it checks no permission, so it is for services that already have."""
    return list(
        db.session.scalars(
            select(BlockedWord.word).where(BlockedWord.workshop_id == workshop_id).order_by(BlockedWord.word)
        )
    )


def _pattern(word: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(part) for part in word.split())
    return re.compile(rf"(?<!\w){body}(?!\w)")


def blocked_words_in(workshop_id: int, text: str) -> list[str]:
    """The listed words that occur in `text` (empty when the text may go straight to the screen)."""
    haystack = text.casefold()
    return [word for word in words_of(workshop_id) if _pattern(word).search(haystack)]


def set_words(actor: Actor, workshop_id: int, words: Any) -> dict[str, Any]:
    """Replace the workshop's list (organiser only); audited with the list before and after."""
    workshop = load_workshop(actor, workshop_id, "wordlist.manage")
    cleaned = clean_words(words)
    before = words_of(workshop.id)
    db.session.execute(delete(BlockedWord).where(BlockedWord.workshop_id == workshop.id))
    db.session.add_all(BlockedWord(workshop_id=workshop.id, word=word) for word in cleaned)
    audit.record(actor, workshop.id, "wordlist.set", before={"words": before}, after={"words": sorted(cleaned)})
    db.session.commit()
    return {"words": words_of(workshop.id)}


def get_words(actor: Actor, workshop_id: int) -> list[str]:
    """The list for the organiser who manages it; nobody else may read it."""
    workshop = load_workshop(actor, workshop_id, "wordlist.manage")
    return words_of(workshop.id)
