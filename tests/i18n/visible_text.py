"""The text a person sees or hears on a rendered page, and the English in it that gettext did not give."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from sqlalchemy import String, Text, select

from facilitation.extensions import db
from tests.support.pseudo_locale import CLOSE, OPEN

# Attributes read aloud or shown: screen-reader labels, tooltips, placeholders, button captions.
SPOKEN_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "aria-roledescription"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Innermost marked run first: a translated word can sit inside a translated sentence (⟦⟦Tree⟧, only⟧).
MARKED = re.compile(re.escape(OPEN) + "[^" + OPEN + CLOSE + "]*" + re.escape(CLOSE))
# A sentence whose placeholder holds an element (a link, a <time>) is split into text nodes at that element:
# the node before it opens a run it does not close, the node after closes one it did not open.
RUN_ENDS_LATER = re.compile(re.escape(OPEN) + "[^" + CLOSE + "]*$")
RUN_BEGAN_EARLIER = re.compile("^[^" + OPEN + "]*" + re.escape(CLOSE))
URL = re.compile(r"\b(?:https?://|/)[^\s]*")
WORD = re.compile(r"[A-Za-z]{2,}")


def _spoken(tag: str, name: str, attributes: dict) -> bool:
    """An attribute a person reads or hears: labels and tooltips, and a submit input's caption.

    A <button>'s value is only sent with the form, never shown: its caption is its content."""
    if name in SPOKEN_ATTRIBUTES:
        return True
    return name == "value" and tag == "input" and attributes.get("type") in {"submit", "button", "reset"}


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped)

    def _skipping(self) -> bool:
        return any(skipped for _tag, skipped in self._stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        # A textarea's content is its value, the person's own text, as an input's value is.
        skipped = tag in {"script", "style", "textarea"} or attributes.get("translate") == "no"
        if not skipped and not self._skipping():
            self.chunks.extend(value for name, value in attributes.items() if value and _spoken(tag, name, attributes))
        if tag not in VOID:
            self._stack.append((tag, skipped))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip() and not self._skipping():
            self.chunks.append(data.strip())


def visible_chunks(html: str) -> list[str]:
    """Text nodes and spoken attributes, outside <script>, <style> and translate="no"."""
    parser = _VisibleText()
    parser.feed(html)
    return parser.chunks


def people_text() -> list[str]:
    """Every text value in the database (titles, notes, names, codes…): the room's own words, which are
    never translated. Longest first, so a title is taken out before a word inside it."""
    found: set[str] = set()
    for table in db.metadata.sorted_tables:
        columns = [column for column in table.columns if isinstance(column.type, String | Text)]
        if not columns:
            continue
        for row in db.session.execute(select(*columns)):
            found.update(value.strip() for value in row if isinstance(value, str) and len(value.strip()) >= 2)
    return sorted(found, key=len, reverse=True)


def _shortened_room_text(text: str, exempt: list[str]) -> bool:
    """A note or title cut short for a list or a label ("Building in time to get the…", ": Swap tables in
    the mor"): the start of the room's words, not English."""
    head = text.strip().lstrip(":·– ").rstrip(".… ")
    # Only long heads: a short English word ("Open") may well begin some note.
    return len(head) >= 20 and any(words.startswith(head) for words in exempt)


def unmarked_english(html: str, exempt: list[str]) -> list[str]:
    """The visible chunks that still hold English words once translations, the room's words and links are
    taken out: each is a string a person would read in English whatever their language."""
    leftovers, open_runs = [], 0
    for chunk in visible_chunks(html):
        # Text nodes between two placeholder elements of one sentence lie inside a run opened earlier.
        rest, before = OPEN * open_runs + chunk, None
        open_runs = max(0, open_runs + chunk.count(OPEN) - chunk.count(CLOSE))
        while rest != before:
            before, rest = rest, MARKED.sub(" ", rest)
        rest = RUN_BEGAN_EARLIER.sub(" ", RUN_ENDS_LATER.sub(" ", rest))
        if _shortened_room_text(rest, exempt):
            continue
        for words in exempt:
            if words in rest:
                rest = rest.replace(words, " ")
        rest = URL.sub(" ", rest)
        if WORD.search(rest):
            leftovers.append(chunk)
    return leftovers
