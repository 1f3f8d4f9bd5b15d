"""The directory of cultural offers as files: CSV and XLSX (one row per card) and a printable A4 booklet.

Pure functions of the cards (directory.service.offer_view dicts), like every other format here; the
callers (the directory's link and the workshop ZIP) have already decided which cards may be shown. Headings
and the booklet's words are in the current language (the callers force the workshop's).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from facilitation.exports.formats import fonts
from facilitation.exports.formats.pdf_export import MARGIN, _styles, para
from facilitation.exports.formats.spreadsheet_safety import neutralise_cell
from facilitation.exports.formats.text_safety import printable

# (key, heading); the analysis follows what a card says on the directory page. Headings are lazy (made at
# import, shown in the language of the export): str() them where written.
COLUMNS = (
    ("provider", _l("Provider")),
    ("title", _l("What it is")),
    ("when_where", _l("When and where")),
    ("cost", _l("Cost")),
    ("suits", _l("Who it suits")),
    ("referral", _l("Referral route and contact")),
    ("resources", _l("Resources needed")),
    ("cognitive", _l("Cognitive demands")),
    ("sensory", _l("Sensory demands")),
    ("mobility", _l("Mobility demands")),
    ("communication", _l("Communication demands")),
    ("social", _l("Social demands")),
    ("benefits", _l("Potential benefits")),
    ("access_notes", _l("Access notes")),
    ("needs", _l("Suits needs")),
    ("benefit_tags", _l("Benefit tags")),
)


def _value(offer: dict[str, Any], key: str, labels: dict[str, str]) -> str:
    value = offer.get(key, "")
    if isinstance(value, list):
        return "; ".join(labels.get(item, item) for item in value)
    return value


def offer_rows(offers: list[dict[str, Any]], labels: dict[str, str]) -> list[list[str]]:
    """Header plus one row per card, every cell neutralised so a spreadsheet never runs it."""
    rows = [[str(heading) for _key, heading in COLUMNS]]
    rows += [[neutralise_cell(_value(offer, key, labels)) for key, _heading in COLUMNS] for offer in offers]
    return rows


def offers_csv(offers: list[dict[str, Any]], labels: dict[str, str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(offer_rows(offers, labels))
    return buffer.getvalue().encode("utf-8-sig")


def offers_xlsx(offers: list[dict[str, Any]], labels: dict[str, str]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Offers")[:31]
    for row in offer_rows(offers, labels):
        sheet.append(row)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def offers_booklet(title: str, offers: list[dict[str, Any]], labels: dict[str, str]) -> bytes:
    """An A4 booklet for link workers: a card per offer with its analysis; empty fields say who fills them."""
    fonts.register_pdf_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=printable(_("Cultural offers · %(workshop)s", workshop=title)),
        author="Facilitation Board",
        initialFontName=fonts.REGULAR,
    )
    story: list = [para(_("Cultural offers"), styles["cover"]), para(title, styles["cover-facts"]), Spacer(1, 8)]
    if not offers:
        story.append(para(_("No offers are published yet."), styles["muted"]))
    for offer in offers:
        card: list[Paragraph] = [
            para(f"{offer['provider']}: {offer['title']}" if offer["provider"] else offer["title"], styles["h2"])
        ]
        for key, heading in COLUMNS[2:]:
            value = _value(offer, key, labels)
            line = _("%(heading)s: %(value)s", heading=heading, value=value or _("Left for the provider to complete."))
            card.append(para(line, styles["body"] if value else styles["muted"]))
        story.append(KeepTogether(card))
    doc.build(story)
    return buffer.getvalue()
