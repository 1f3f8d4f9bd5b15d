"""The languages the product speaks and the browser's share of their catalogues.

Two gettext domains live in translations/<lang>/LC_MESSAGES/: `messages` (templates and Python) and `js`
(strings marked with t()/nt() in static/js). Only the `js` domain goes to the browser, in the state island.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import read_mo
from flask import current_app

JS_DOMAIN = "js"
CATALOGUE_CACHE_KEY = "languages.js_catalogues"


@dataclass(frozen=True)
class Language:
    """One language the product speaks: its tag, its own name (shown untranslated in the switcher), its
    direction, and its CLDR plural categories in the order of its gettext Plural-Forms indexes."""

    tag: str
    endonym: str
    direction: str
    plural_categories: tuple[str, ...]


# Plural categories in .po index order; tests/i18n/test_catalogues.py checks each .po's Plural-Forms against
# Babel's CLDR rules, and the browser picks the form with Intl.PluralRules(tag).select(n).
LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", "ltr", ("one", "other")),
    "cy": Language("cy", "Cymraeg", "ltr", ("zero", "one", "two", "few", "many", "other")),
    "ar": Language("ar", "العربية", "rtl", ("zero", "one", "two", "few", "many", "other")),
}
SOURCE_LANGUAGE = "en"


def offered() -> list[Language]:
    """The languages this app offers (config LANGUAGES), in the switcher's order."""
    return [LANGUAGES[tag] for tag in current_app.config["LANGUAGES"] if tag in LANGUAGES]


def language(tag: str) -> Language:
    """The language for a tag; unknown tags (a pseudo-locale in tests) read left to right like English."""
    return LANGUAGES.get(tag) or Language(tag, tag, "ltr", LANGUAGES[SOURCE_LANGUAGE].plural_categories)


# What a workshop's shared screens and exports may be set to (the editor's choice): none (each screen follows
# its own device), one language, or Welsh and English together, Welsh first, as bilingual signage in Wales is.
BILINGUAL_CHOICES = ("cy en",)


def workshop_language_choices() -> list[str]:
    """The values workshops.languages may take in this app: "", each offered tag, and the bilingual pair."""
    offered_tags = list(current_app.config["LANGUAGES"])
    pairs = [pair for pair in BILINGUAL_CHOICES if all(tag in offered_tags for tag in pair.split())]
    return ["", *offered_tags, *pairs]


def workshop_languages(languages: str | None) -> list[str]:
    """A workshop's `languages` column ("cy", or "cy en" for a bilingual room, the first shown first) as the
    tags this app offers; [] when the workshop has none set (each screen then follows its own device)."""
    offered_tags = current_app.config["LANGUAGES"]
    return [tag for tag in (languages or "").split() if tag in offered_tags][:2]


def _translation_directories() -> list[Path]:
    return [Path(folder) for folder in current_app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")]


def _load_js_catalogue(tag: str) -> dict:
    messages: dict[str, str] = {}
    plurals: dict[str, list[str]] = {}
    for folder in _translation_directories():
        compiled = folder / tag / "LC_MESSAGES" / f"{JS_DOMAIN}.mo"
        if not compiled.exists():
            continue
        with compiled.open("rb") as source:
            catalogue = read_mo(source)
        for message in catalogue:
            if not message.id or not message.string:
                continue
            if isinstance(message.id, tuple | list):
                forms = list(message.string)
                if all(forms):
                    plurals.setdefault(message.id[0], forms)
            else:
                messages.setdefault(message.id, message.string)
    return {
        "lang": tag,
        "plural_categories": list(language(tag).plural_categories),
        "messages": messages,
        "plurals": plurals,
    }


def js_catalogue(tag: str) -> dict:
    """The browser's catalogue for one language: {lang, plural_categories, messages, plurals}. Read from the
    compiled .mo once per app (the files do not change while it runs) and kept in app.extensions."""
    cache = current_app.extensions.setdefault(CATALOGUE_CACHE_KEY, {})
    if tag not in cache:
        cache[tag] = _load_js_catalogue(tag)
    return cache[tag]


def room_languages(languages: str | None, device_language: str) -> list[str]:
    """The languages a shared screen (the projector) speaks: the workshop's, else the device's own."""
    return workshop_languages(languages) or [device_language]


def room_catalogues(tags: list[str]) -> list[dict]:
    """The state island's room_languages: each room language's direction and JS catalogue, first first
    (static/js/projector/room-language.js)."""
    return [{"lang": tag, "direction": language(tag).direction, "catalogue": js_catalogue(tag)} for tag in tags]
