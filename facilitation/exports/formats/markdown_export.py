"""A first draft of the report in Markdown: headings per board and section, notes as bullets.

Only notes that were visible on the day are reported. User text is escaped so a note cannot become
a heading, a link or raw HTML when the draft is pasted into a Markdown renderer.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from facilitation.exports import ExportFile
from facilitation.exports.formats.summary import evaluation_summary, format_average, lookup, name_of, notes_by_section
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


def long_date(iso: str | None) -> str:
    """An ISO date as people write it (3 March 2025), or "" when the workshop has no date."""
    return date.fromisoformat(iso).strftime("%-d %B %Y") if iso else ""


def markdown_text(document: dict[str, Any]) -> str:
    """The whole report in Markdown: the workshop's facts, the agenda, each board's visible notes, the evaluation."""
    workshop = document["workshop"]
    lines = [f"# {escape(workshop['title'])}", ""]
    facts = [f for f in (long_date(workshop["event_date"]), escape(workshop["venue"])) if f]
    if facts:
        lines += [" · ".join(facts), ""]
    if document["agenda"]:
        lines += ["## Agenda", ""]
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
            lines += ["*No notes.*", ""]
            continue
        for label, members in by_theme(document, board["ref"], notes):
            if label is not None:
                lines += [f"#### {escape(label)} ({len(members)})", ""]
            lines += [_bullet(note, refs) for note in members]
            lines.append("")
    return lines


def _bullet(note: dict[str, Any], refs) -> str:
    tags = [escape(t) for t in (name_of(refs, note["perspective"]), name_of(refs, note["group"])) if t]
    votes = f"{note['votes']} vote{'s' if note['votes'] != 1 else ''}" if note["votes"] else ""
    detail = ", ".join([*tags, votes] if votes else tags)
    return f"- {escape(note['text'])}" + (f" *({detail})*" if detail else "")


def _evaluation(document: dict[str, Any]) -> list[str]:
    summaries = evaluation_summary(document)
    if not summaries:
        return []
    questionnaire = document["questionnaire"]
    lines = [
        f"## {escape(questionnaire['title'] or 'Evaluation')}",
        "",
        f"{len(document['responses'])} responses.",
        "",
    ]
    comments: list[tuple[str, list[str]]] = []
    for item in summaries:
        prompt = escape(item["question"]["prompt"])
        if item["kind"] == "rating":
            spread = ", ".join(f"{score}: {count}" for score, count in item["distribution"])
            lines.append(f"- {prompt}: **{format_average(item['average'])} / 5** (n = {item['n']}; {spread})")
        elif "counts" in item:
            lines.append(f"- {prompt} (n = {item['n']})")
            lines += [f"  - {escape(str(option))}: **{count}**" for option, count in item["counts"]]
        else:
            comments.append((prompt, item["comments"]))
    lines.append("")
    for prompt, quoted in comments:
        lines += [f"### {prompt}", ""]
        lines += [f"- {escape(c)}" for c in quoted] or ["*No approved comments.*"]
        lines.append("")
    return lines


def export_markdown(document: dict[str, Any], stem: str) -> ExportFile:
    """The report draft as `<stem>-report.md`."""
    return ExportFile(f"{stem}-report.md", MARKDOWN_MIMETYPE, markdown_text(document).encode("utf-8"))
