"""The directory of cultural offers as files: CSV and XLSX (one row per card) and a printable A4 booklet.

Pure functions of the cards (directory.service.offer_view dicts), like every other format here; the
callers (the directory's link and the workshop ZIP) have already decided which cards may be shown.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from reportlab.lib.pagesizes import A4
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from facilitation.exports.formats import fonts
from facilitation.exports.formats.pdf_export import MARGIN, _styles, para
from facilitation.exports.formats.spreadsheet_safety import neutralise_cell
from facilitation.exports.formats.text_safety import printable

# (key, heading); the analysis follows what a card says on the directory page.
COLUMNS = (
    ("provider", "Provider"),
    ("title", "What it is"),
    ("when_where", "When and where"),
    ("cost", "Cost"),
    ("suits", "Who it suits"),
    ("referral", "Referral route and contact"),
    ("resources", "Resources needed"),
    ("cognitive", "Cognitive demands"),
    ("sensory", "Sensory demands"),
    ("mobility", "Mobility demands"),
    ("communication", "Communication demands"),
    ("social", "Social demands"),
    ("benefits", "Potential benefits"),
    ("access_notes", "Access notes"),
    ("needs", "Suits needs"),
    ("benefit_tags", "Benefit tags"),
)
NOT_YET = "Left for the provider to complete."


def _value(offer: dict[str, Any], key: str, labels: dict[str, str]) -> str:
    value = offer.get(key, "")
    if isinstance(value, list):
        return "; ".join(labels.get(item, item) for item in value)
    return value


def offer_rows(offers: list[dict[str, Any]], labels: dict[str, str]) -> list[list[str]]:
    """Header plus one row per card, every cell neutralised so a spreadsheet never runs it."""
    rows = [[heading for _key, heading in COLUMNS]]
    rows += [[neutralise_cell(_value(offer, key, labels)) for key, _heading in COLUMNS] for offer in offers]
    return rows


def offers_csv(offers: list[dict[str, Any]], labels: dict[str, str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(offer_rows(offers, labels))
    return buffer.getvalue().encode("utf-8-sig")


def offers_xlsx(offers: list[dict[str, Any]], labels: dict[str, str]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Offers"
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
        title=printable(f"Cultural offers · {title}"),
        author="Facilitation Board",
        initialFontName=fonts.REGULAR,
    )
    story: list = [para("Cultural offers", styles["cover"]), para(title, styles["cover-facts"]), Spacer(1, 8)]
    if not offers:
        story.append(para("No offers are published yet.", styles["muted"]))
    for offer in offers:
        card: list[Paragraph] = [
            para(f"{offer['provider']}: {offer['title']}" if offer["provider"] else offer["title"], styles["h2"])
        ]
        for key, heading in COLUMNS[2:]:
            value = _value(offer, key, labels)
            card.append(para(f"{heading}: {value or NOT_YET}", styles["body"] if value else styles["muted"]))
        story.append(KeepTogether(card))
    doc.build(story)
    return buffer.getvalue()
