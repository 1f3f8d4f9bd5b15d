"""The report as a PDF: title page, agenda, each board with its picture and its notes, the evaluation.

A4 with page numbers. Every glyph comes from an embedded font (DejaVu Sans, Noto Emoji for
emoji), never a viewer's substitute, so accents, Greek, Cyrillic, Arabic and Hebrew print as
typed; right-to-left lines are reordered and right-aligned. Headings, labels, dates and numbers are in the
export's language (exports/worker.py forces the workshop's); the room's own words print as written.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from flask_babel import gettext as _
from flask_babel import ngettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from facilitation.exports import ExportFile
from facilitation.exports.formats import fonts
from facilitation.exports.formats.pdf_graphics import choice_chart, rating_chart, scene_drawing
from facilitation.exports.formats.scene import board_scene, is_rtl
from facilitation.exports.formats.summary import (
    evaluation_summary,
    format_average,
    long_date,
    long_moment,
    lookup,
    name_of,
    notes_by_section,
)
from facilitation.exports.formats.text_safety import printable, steers_direction
from facilitation.exports.formats.theme_scene import themes_scene
from facilitation.exports.formats.themes import by_theme

PDF_MIMETYPE = "application/pdf"
MARGIN = 18 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
FRAME_HEIGHT = A4[1] - 2 * MARGIN


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle(
        "body", fontName=fonts.REGULAR, bulletFontName=fonts.REGULAR, fontSize=10.5, leading=14, spaceAfter=3
    )
    return {
        "body": base,
        "muted": ParagraphStyle("muted", base, textColor=colors.HexColor("#444444")),
        "note": ParagraphStyle("note", base, leftIndent=12, bulletIndent=2, spaceAfter=4),
        "cover": ParagraphStyle("cover", base, fontName=fonts.BOLD, fontSize=26, leading=32, spaceAfter=16),
        "cover-facts": ParagraphStyle("cover-facts", base, fontSize=14, leading=20),
        "figure": ParagraphStyle("figure", base, fontName=fonts.BOLD),
        "h1": ParagraphStyle("h1", base, fontName=fonts.BOLD, fontSize=18, leading=23, spaceBefore=4, spaceAfter=8),
        "h2": ParagraphStyle("h2", base, fontName=fonts.BOLD, fontSize=13, leading=17, spaceBefore=8, spaceAfter=4),
        "h3": ParagraphStyle("h3", base, fontName=fonts.BOLD, fontSize=11, leading=15, spaceBefore=5, spaceAfter=2),
    }


def markup(value: str, size: float | None = None, width: float | None = None, bold: bool = False) -> tuple[str, bool]:
    """Paragraph markup for user text: escaped, emoji in their font, right-to-left lines reordered.

    Returns (markup, right_to_left). Text with right-to-left letters is wrapped here, line by line,
    because the reordering must happen after the line breaks are chosen.
    """
    base = fonts.BOLD if bold else fonts.REGULAR
    value = printable(value)
    # Right-to-left letters or bidi controls: reordered here (fonts.visual), line by line.
    has_rtl = steers_direction(value)
    lines = fonts.wrap(value, size, width, base) if has_rtl and size and width else value.splitlines() or [""]

    def line_markup(line: str) -> str:
        shown = fonts.visual(line) if has_rtl else line
        return "".join(
            escape(part) if font == base else f'<font face="{font}">{escape(part)}</font>'
            for font, part in fonts.runs(shown, base)
        )

    return "<br/>".join(line_markup(line) for line in lines), has_rtl and is_rtl(value.strip())


def para(value: str, style: ParagraphStyle, width: float = FRAME_WIDTH, *, detail: str = "", **kwargs) -> Paragraph:
    """User text as a paragraph; `detail` (perspective, group, votes) follows it in small grey type."""
    text, rtl = markup(value, style.fontSize, width - style.leftIndent - 4, style.fontName == fonts.BOLD)
    if detail:
        small, _rtl = markup(detail)
        text += ("<br/>" if rtl else " ") + f'<font size="8.5" color="#555555">— {small}</font>'
    if rtl:
        style = ParagraphStyle(f"{style.name}-rtl", style, alignment=TA_RIGHT)
    elif style.alignment != TA_LEFT:
        style = ParagraphStyle(f"{style.name}-ltr", style, alignment=TA_LEFT)
    return Paragraph(text, style, **kwargs)


class NumberedCanvas(Canvas):
    """Writes "page N of M" once the page count is known (pages are kept until the document is saved)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initialFontName", fonts.REGULAR)
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):
        """Keep the finished page instead of writing it, so save can number it once the total is known."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        """Write every kept page with its footer and "Page N of M", then the file."""
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(fonts.REGULAR, 8.5)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawRightString(
                A4[0] - MARGIN, 10 * mm, _("Page %(page)s of %(total)s", page=self._pageNumber, total=total)
            )
            self.drawString(MARGIN, 10 * mm, self._footer)
            super().showPage()
        super().save()


def pdf_bytes(document: dict[str, Any], appendix: list | None = None) -> bytes:
    """The whole report as an A4 PDF, every glyph drawn from an embedded font; `appendix` (flowables, e.g. the
    graphic recording's pages) goes at the end."""
    fonts.register_pdf_fonts()
    styles = _styles()
    buffer = io.BytesIO()
    workshop = document["workshop"]
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=printable(workshop["title"]),
        author="Facilitation Board",
        subject=_("Workshop report (draft)"),
        initialFontName=fonts.REGULAR,
    )
    story = _cover(document, styles) + _agenda(document, styles)
    refs = lookup(document)
    for board in document["boards"]:
        story += _board(document, board, refs, styles)
    story += _evaluation(document, styles)
    story += appendix or []
    footer = fonts.visual(workshop["title"])[:90]

    def canvas_with_footer(*args, **kwargs):
        canvas = NumberedCanvas(*args, **kwargs)
        canvas._footer = footer if all(f == fonts.REGULAR for f, _part in fonts.runs(footer)) else ""
        return canvas

    doc.build(story, canvasmaker=canvas_with_footer)
    return buffer.getvalue()


def _cover(document: dict[str, Any], styles) -> list:
    workshop = document["workshop"]
    visible = sum(1 for n in document["notes"] if n["status"] == "visible")
    facts = [long_date(workshop["event_date"]), workshop["venue"]]
    story: list = [Spacer(1, 60 * mm), para(workshop["title"], styles["cover"])]
    story += [para(f, styles["cover-facts"]) for f in facts if f]
    story += [
        Spacer(1, 12 * mm),
        para(_("Workshop report (draft)"), styles["h2"]),
        para(
            ngettext(
                "%(num)d note on %(boards)s boards",
                "%(num)d notes on %(boards)s boards",
                visible,
                boards=len(document["boards"]),
            ),
            styles["muted"],
        ),
    ]
    if document.get("questionnaire"):
        responses = len(document["responses"])
        story.append(
            para(ngettext("%(num)d evaluation response", "%(num)d evaluation responses", responses), styles["muted"])
        )
    exported = long_moment(_exported_moment(document))
    story += [para(_("Exported from Facilitation Board on %(moment)s", moment=exported), styles["muted"]), PageBreak()]
    return story


def _exported_moment(document: dict[str, Any]) -> datetime:
    """When the snapshot was taken (its exported_at), so the report is a function of its snapshot wherever
    and whenever it is rendered (exports/worker.py); now, for a document without one."""
    stamp = document.get("exported_at")
    try:
        return datetime.fromisoformat(stamp).astimezone(UTC) if isinstance(stamp, str) else datetime.now(UTC)
    except ValueError:
        return datetime.now(UTC)


def _agenda(document: dict[str, Any], styles) -> list:
    if not document["agenda"]:
        return []
    rows = [
        [para(a["starts_at"], styles["body"], 25 * mm), para(a["title"], styles["body"], FRAME_WIDTH - 30 * mm)]
        for a in document["agenda"]
    ]
    table = Table(rows, colWidths=[25 * mm, FRAME_WIDTH - 25 * mm])
    table.setStyle(
        TableStyle(
            [
                # Cells start in Helvetica (not embedded) unless told otherwise, even around paragraphs.
                ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#CCCCCC")),
            ]
        )
    )
    return [para(_("Agenda"), styles["h1"]), table, PageBreak()]


def _board(document: dict[str, Any], board: dict[str, Any], refs, styles) -> list:
    story: list = [para(board["title"], styles["h1"])]
    if board["prompt"]:
        story.append(para(board["prompt"], styles["muted"]))
    story += [
        Spacer(1, 4 * mm),
        scene_drawing(board_scene(document, board["ref"], with_header=False), FRAME_WIDTH, FRAME_HEIGHT * 0.62),
    ]
    clustered = themes_scene(document, board["ref"])
    if clustered is not None:
        story += [
            CondPageBreak(FRAME_HEIGHT * 0.5),
            para(_("%(board)s: themes", board=board["title"]), styles["figure"]),
            scene_drawing(clustered, FRAME_WIDTH, FRAME_HEIGHT * 0.5),
        ]
    for section, notes in notes_by_section(document, board):
        items: list = [para(f"{section['name']} ({len(notes)})", styles["h2"])]
        if not notes:
            items.append(para(_("No notes."), styles["muted"]))
        for label, members in by_theme(document, board["ref"], notes):
            if label is not None:
                items.append(para(f"{label} ({len(members)})", styles["h3"]))
            items += [_note(note, refs, styles) for note in members]

        story += [CondPageBreak(40 * mm), *items]
    story.append(PageBreak())
    return story


def _note(note: dict[str, Any], refs, styles) -> Paragraph:
    tags = [t for t in (name_of(refs, note["perspective"]), name_of(refs, note["group"])) if t]
    if note["votes"]:
        tags.append(ngettext("%(num)d vote", "%(num)d votes", note["votes"]))
    return para(note["text"], styles["note"], detail=" · ".join(tags), bulletText="•")


def _evaluation(document: dict[str, Any], styles) -> list:
    summaries = evaluation_summary(document)
    if not summaries:
        return []
    questionnaire = document["questionnaire"]
    story: list = [
        para(questionnaire["title"] or _("Evaluation"), styles["h1"]),
        para(ngettext("%(num)d response.", "%(num)d responses.", len(document["responses"])), styles["body"]),
    ]
    comments = []
    for item in summaries:
        prompt = item["question"]["prompt"]
        if item["kind"] == "rating":
            figure = _("Average %(average)s / 5 (n = %(n)s)", average=format_average(item["average"]), n=item["n"])
            chart = rating_chart(item, FRAME_WIDTH)
        elif "counts" in item:
            figure = _("n = %(n)s", n=item["n"])
            chart = choice_chart(item, FRAME_WIDTH)
        else:
            comments.append(item)
            continue
        story.append(KeepTogether([para(prompt, styles["h2"]), para(figure, styles["figure"]), chart]))
    for item in comments:
        story += [CondPageBreak(30 * mm), para(item["question"]["prompt"], styles["h2"])]
        story += [para(c, styles["note"], bulletText="•") for c in item["comments"]] or [
            para(_("No approved comments."), styles["muted"])
        ]
    return story


def export_pdf(document: dict[str, Any], stem: str, appendix: list | None = None) -> ExportFile:
    """The report as `<stem>-report.pdf`."""
    return ExportFile(f"{stem}-report.pdf", PDF_MIMETYPE, pdf_bytes(document, appendix))
