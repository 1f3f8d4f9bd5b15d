"""The pseudo-locale (en-XA): every marked string, translated into visibly marked English.

Each translation becomes «⟦…⟧» with accented vowels, placeholders kept, so a page rendered with it shows
at a glance (and to tests/i18n/test_pseudo_locale.py) any English that did not come through gettext. It is
served as the app's "en" from a translations folder of its own: Babel knows no en_XA locale, and English
itself needs no catalogue, so nothing real is shadowed.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
OPEN, CLOSE = "⟦", "⟧"
PSEUDO_TAG = "en"  # served as; see the module docstring
ACCENTS = str.maketrans("aeiouAEIOUcnyCNY", "áéíóúÁÉÍÓÚçñýÇÑÝ")
# Placeholders of Python (%(name)s, %s), of str.format and the JS catalogue ({name}), and HTML tags in a
# {% trans %} block: kept as they are.
KEPT = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>|&\w+;")


def pseudo(text: str) -> str:
    """«⟦Ýóú hávé {n} ñótés⟧» for "You have {n} notes"."""
    pieces, last = [], 0
    for kept in KEPT.finditer(text):
        pieces.append(text[last : kept.start()].translate(ACCENTS))
        # An HTML tag ends one visible run of text and starts another: each run is marked on its own.
        pieces.append(CLOSE + kept.group() + OPEN if kept.group().startswith("<") else kept.group())
        last = kept.end()
    pieces.append(text[last:].translate(ACCENTS))
    return OPEN + "".join(pieces) + CLOSE


def build_pseudo_catalogues(folder: Path) -> Path:
    """Write en/LC_MESSAGES/{messages,js}.mo into `folder` from the committed templates; returns `folder`."""
    out = folder / PSEUDO_TAG / "LC_MESSAGES"
    out.mkdir(parents=True, exist_ok=True)
    for domain in ("messages", "js"):
        with (ROOT / "translations" / f"{domain}.pot").open("rb") as source:
            template = read_po(source)
        catalogue = Catalog(locale="en", domain=domain)
        for message in template:
            if not message.id:
                continue
            if isinstance(message.id, tuple | list):
                catalogue.add(message.id, tuple(pseudo(form) for form in message.id))
            else:
                catalogue.add(message.id, pseudo(message.id))
        with (out / f"{domain}.mo").open("wb") as target:
            write_mo(target, catalogue)
    return folder
