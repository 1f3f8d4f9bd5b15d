"""A first draft of the report in Markdown: headings per board and section, notes as bullets.

Only notes that were visible on the day are reported. User text is escaped so a note cannot become
a heading, a link or raw HTML when the draft is pasted into a Markdown renderer. Headings, labels and the date
are in the export's language (exports/worker.py forces the workshop's).
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from facilitation.exports import ExportFile
from facilitation.exports.formats.summary import (
    evaluation_summary,
    format_average,
    long_date,
    lookup,
    name_of,
    notes_by_section,
)
from facilitation.exports.formats.text_safety import isolate, printable
from facilitation.exports.formats.themes import by_theme

MARKDOWN_MIMETYPE = "text/markdown; charset=utf-8"
_INLINE = re.compile(r"([\\`*_{}\[\]<>|~])")
# What turns the start of a line into a heading, list, quote or numbered item.
_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])")


def escape(text: str) -> str:
    """Literal text in Markdown: markup characters escaped, line breaks kept inside the bullet, each line
    isolated (FSI … PDI) when it could reorder the line around it."""
    lines = printable(text).strip().splitlines() or [""]
    return "  \n  ".join(isolate(_LINE_START.sub(r"\1\\\2", _INLINE.sub(r"\\\1", line))) for line in lines)


def markdown_text(document: dict[str, Any]) -> str:
    """The whole report in Markdown: the workshop's facts, the agenda, each board's visible notes, the evaluation."""
    workshop = document["workshop"]
    lines = [f"# {escape(workshop['title'])}", ""]
    facts = [f for f in (long_date(workshop["event_date"]), escape(workshop["venue"])) if f]
    if facts:
        lines += [" · ".join(facts), ""]
    if document["agenda"]:
        lines += ["## " + _("Agenda"), ""]
        lines += [f"- **{a['starts_at']}** {escape(a['title'])}" for a in document["agenda"]]
        lines.append("")
    refs = lookup(document)
    for board in document["boards"]:
        lines += _board(document, board, refs)
    lines += _evaluation(document)
    return "\n".join(lines).rstrip() + "\n"


def _board(document: dict[str, Any], board: dict[str, Any], refs) -> list[str]:
    lines = [f"## {escape(board['title'])}", ""]
    if board["prompt"]:
        lines += [f"> {escape(board['prompt'])}", ""]
    for section, notes in notes_by_section(document, board):
        lines += [f"### {escape(section['name'])}", ""]
        if not notes:
            lines += ["*" + _("No notes.") + "*", ""]
            continue
        for label, members in by_theme(document, board["ref"], notes):
            if label is not None:
                lines += [f"#### {escape(label)} ({len(members)})", ""]
            lines += [_bullet(note, refs) for note in members]
            lines.append("")
    return lines


def _bullet(note: dict[str, Any], refs) -> str:
    tags = [escape(t) for t in (name_of(refs, note["perspective"]), name_of(refs, note["group"])) if t]
    votes = ngettext("%(num)d vote", "%(num)d votes", note["votes"]) if note["votes"] else ""
    detail = ", ".join([*tags, votes] if votes else tags)
    return f"- {escape(note['text'])}" + (f" *({detail})*" if detail else "")


def _evaluation(document: dict[str, Any]) -> list[str]:
    summaries = evaluation_summary(document)
    if not summaries:
        return []
    questionnaire = document["questionnaire"]
    lines = [
        "## " + escape(questionnaire["title"] or _("Evaluation")),
        "",
        ngettext("%(num)d response.", "%(num)d responses.", len(document["responses"])),
        "",
    ]
    comments: list[tuple[str, list[str]]] = []
    for item in summaries:
        prompt = escape(item["question"]["prompt"])
        if item["kind"] == "rating":
            spread = ", ".join(f"{score}: {count}" for score, count in item["distribution"])
            average = _("%(average)s / 5", average=format_average(item["average"]))
            responses = _("n = %(n)s", n=item["n"])
            lines.append(f"- {prompt}: **{average}** ({responses}; {spread})")
        elif "counts" in item:
            responses = _("n = %(n)s", n=item["n"])
            lines.append(f"- {prompt} ({responses})")
            lines += [f"  - {escape(str(option))}: **{count}**" for option, count in item["counts"]]
        else:
            comments.append((prompt, item["comments"]))
    lines.append("")
    for prompt, quoted in comments:
        lines += [f"### {prompt}", ""]
        lines += [f"- {escape(c)}" for c in quoted] or ["*" + _("No approved comments.") + "*"]
        lines.append("")
    return lines


def export_markdown(document: dict[str, Any], stem: str) -> ExportFile:
    """The report draft as `<stem>-report.md`."""
    return ExportFile(f"{stem}-report.md", MARKDOWN_MIMETYPE, markdown_text(document).encode("utf-8"))
