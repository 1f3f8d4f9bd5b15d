"""Read the export document the way a report does: notes per board and section, evaluation figures.

Pure functions of the JSON document, shared by Markdown, XLSX and PDF so the numbers agree. Words, dates
and numbers come out in the current language (exports/worker.py forces the workshop's).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import gettext as _

# What a written report shows: moderated-away notes stay in the raw files (JSON, CSV, XLSX) only.
REPORTED_STATUSES = ("visible",)


def lookup(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every referenced record by its ref: boards, sections, perspectives, groups."""
    found: dict[str, dict[str, Any]] = {}
    for board in document["boards"]:
        found[board["ref"]] = board
        for section in board["sections"]:
            found[section["ref"]] = section
    for item in document["perspectives"] + document["groups"]:
        found[item["ref"]] = item
    return found


def notes_by_section(document: dict[str, Any], board: dict[str, Any], *, reported_only: bool = True):
    """[(section, [note, ...]), ...] in the board's section order."""
    notes = [
        n
        for n in document["notes"]
        if n["board"] == board["ref"] and (not reported_only or n["status"] in REPORTED_STATUSES)
    ]
    return [(s, [n for n in notes if n["section"] == s["ref"]]) for s in board["sections"]]


def name_of(refs: dict[str, dict[str, Any]], ref: str | None) -> str:
    """The name a reference points to, or "" for a note with no perspective or group."""
    return refs[ref]["name"] if ref in refs else ""


def evaluation_summary(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Per question: n, and the average and 1-5 distribution (ratings), counts (choices) or comments."""
    questionnaire = document.get("questionnaire")
    if not questionnaire:
        return []
    answers: dict[str, list[Any]] = {q["ref"]: [] for q in questionnaire["questions"]}
    moderation: dict[str, list[str]] = {q["ref"]: [] for q in questionnaire["questions"]}
    for response in document["responses"]:
        for answer in response["answers"]:
            if answer["question"] in answers and answer["value"] not in (None, "", []):
                answers[answer["question"]].append(answer["value"])
                moderation[answer["question"]].append(answer.get("moderation", "approved"))
    return [_summarise(q, answers[q["ref"]], moderation[q["ref"]]) for q in questionnaire["questions"]]


def _summarise(question: dict[str, Any], values: list[Any], moderation: list[str]) -> dict[str, Any]:
    summary: dict[str, Any] = {"question": question, "kind": question["kind"], "n": len(values)}
    kind = question["kind"]
    if kind == "rating":
        numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
        summary["n"] = len(numbers)
        summary["average"] = round(sum(numbers) / len(numbers), 1) if numbers else None
        counts = Counter(numbers)
        summary["distribution"] = [(score, counts.get(score, 0)) for score in range(1, 6)]
    elif kind in ("single_choice", "multiple_choice"):
        counts = Counter()
        for value in values:
            counts.update(value if isinstance(value, list) else [value])
        options = list(question.get("options") or [])
        extra = [o for o in counts if o not in options]
        summary["counts"] = [(option, counts.get(option, 0)) for option in options + extra]
    elif kind == "yes_no":
        summary["counts"] = [
            (_("Yes"), sum(1 for v in values if v is True)),
            (_("No"), sum(1 for v in values if v is False)),
        ]
    else:
        # A report quotes only free text the organiser approved on the day.
        summary["comments"] = [str(v) for v, status in zip(values, moderation, strict=True) if status == "approved"]
    return summary


def format_average(value: float | None) -> str:
    """An average as every report prints it (4.2, with the language's decimal sign), or a dash when nobody answered."""
    return "–" if value is None else format_decimal(value, "0.0", locale=formatting_locale())


def formatting_locale() -> str:
    """The CLDR locale for dates and numbers in the current language. The app's English is British (its rooms
    are in Wales and Oxford): "3 March 2025", where plain `en` would write "March 3, 2025"."""
    tag = str(get_locale() or "en")
    return "en_GB" if tag == "en" else tag


def long_date(iso: str | None) -> str:
    """An ISO date as people write it in the language (3 March 2025, 3 Mawrth 2025), or "" without a date."""
    return format_date(date.fromisoformat(iso), "long", locale=formatting_locale()) if iso else ""


def long_moment(moment: datetime) -> str:
    """A UTC moment as the reports print it: "14 June 2022, 09:30 UTC" in the current language."""
    return _(
        "%(date)s, %(time)s UTC",
        date=format_date(moment, "long", locale=formatting_locale()),
        time=format_time(moment, "HH:mm", locale=formatting_locale()),
    )
