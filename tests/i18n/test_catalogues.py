"""The catalogues are current and well formed: every marked string has an entry, and plural rules are real.

Extraction runs here exactly as `make translations` runs it (the same babel.cfg/babel-js.cfg and keywords);
a marked string missing from the committed .pot, or a .pot entry missing from a language's .po, fails.
"""

from __future__ import annotations

from gettext import c2py
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from facilitation.languages.catalogues import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
# domain: (mapping file, extra keywords), as in the Makefile's `translations` target.
DOMAINS = {
    "messages": ("babel.cfg", {"lazy_gettext": None, "_l": None, "room_text": None, "room_label": None}),
    "js": ("babel-js.cfg", {"t": None, "nt": (1, 2), "rt": None, "rnt": (1, 2), "rtParts": None, "rntParts": (1, 2)}),
}
TRANSLATED = ["cy", "ar"]


def extracted_ids(domain: str) -> set:
    mapping_file, extra = DOMAINS[domain]
    keywords = dict(DEFAULT_KEYWORDS)
    keywords.update(extra)
    with (ROOT / mapping_file).open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def catalogue(path: Path):
    with path.open("rb") as source:
        return read_po(source)


def ids_of(messages) -> set:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in messages if m.id}


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_marked_string_is_in_the_committed_template(domain):
    missing = extracted_ids(domain) - ids_of(catalogue(TRANSLATIONS / f"{domain}.pot"))
    assert not missing, f"marked but not in translations/{domain}.pot (run `make translations`): {sorted(missing)}"


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_template_holds_no_string_that_is_no_longer_marked(domain):
    stale = ids_of(catalogue(TRANSLATIONS / f"{domain}.pot")) - extracted_ids(domain)
    assert not stale, f"translations/{domain}.pot is stale (run `make translations`): {sorted(stale)}"


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_each_language_has_an_entry_for_every_template_string(domain, lang):
    template = ids_of(catalogue(TRANSLATIONS / f"{domain}.pot"))
    po = catalogue(TRANSLATIONS / lang / "LC_MESSAGES" / f"{domain}.po")
    missing = template - ids_of(po)
    assert not missing, f"{lang}/{domain}.po lacks entries (run `make translations`): {sorted(missing)}"
    obsolete_or_fuzzy = [m.id for m in po if m.id and m.fuzzy]
    assert not obsolete_or_fuzzy, f"{lang}/{domain}.po has fuzzy entries: {obsolete_or_fuzzy}"


def _plural_index(expression: str, n: int) -> int:
    """Evaluate a gettext plural expression (C syntax) for n, as gettext itself does."""
    return c2py(expression)(n)


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("domain", DOMAINS)
def test_plural_forms_follow_cldr_in_the_browser_catalogue_order(domain, lang):
    """The .po's Plural-Forms picks, for every n, the form of the CLDR category the browser's
    Intl.PluralRules gives (static/js/core/i18n.js indexes LANGUAGES[lang].plural_categories with it)."""
    po = catalogue(TRANSLATIONS / lang / "LC_MESSAGES" / f"{domain}.po")
    categories = LANGUAGES[lang].plural_categories
    assert po.num_plurals == len(categories)
    rule = Locale.parse(lang).plural_form
    for n in range(0, 1001):
        assert _plural_index(po.plural_expr, n) == categories.index(rule(n)), (lang, n)
