"""Workshop templates as data: the June 2022 Oxford knowledge exchange (in English and in Welsh), and a blank start.

A template's `name` is what the organiser picks from (a lazy gettext string, shown in the page's language);
everything else becomes the workshop's own text, in the template's language.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from facilitation.workshops import demo_notes
from facilitation.workshops.templates_cy import DEFAULT_SECTIONS_CY, OXFORD_2022_CY

# Six groups as on the day; colours chosen to stay distinct on a washed-out projector
# and for the common colour-vision deficiencies (Okabe-Ito palette).
GROUP_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]

TREE_QUESTION_LINK_WORKERS = (
    "What do link workers think is the role of the cultural sector in social prescribing? "
    "What are the barriers to using this sector as part of a social prescription? What are the enablers?"
)
TREE_QUESTION_PROVIDERS = (
    "What do cultural providers think about social prescribing? "
    "What might encourage them to be involved? What might dissuade them?"
)

# The key aim as the report words it; the evaluation asks how well the day met it.
OXFORD_KEY_AIM = (
    "bringing together link workers and cultural sector staff to enable them to share ideas and create "
    "solutions so they can work together more effectively in supporting social prescribing"
)
OXFORD_FOLLOW_UPS = [
    "Attending similar networking meetings",
    "Attending future OxSoP (network) meetings",
    "Arranging one-to-one follow-ups with people met on the day",
]

# The end-of-day questionnaire of the report (34 replies on the day).
OXFORD_QUESTIONNAIRE: dict[str, Any] = {
    "title": "How was today?",
    "intro": "Five minutes of your time helps us plan the next one. Your answers are anonymous.",
    "questions": [
        {
            "kind": "rating",
            "prompt": "How much did you enjoy the day?",
            "required": True,
            "low_label": "Not at all",
            "high_label": "Very much",
        },
        {
            "kind": "rating",
            "prompt": "How well were you able to contribute to the day?",
            "required": True,
            "low_label": "Not at all",
            "high_label": "Very well",
        },
        {
            "kind": "rating",
            "prompt": f"How successful was the event at meeting its key aim of {OXFORD_KEY_AIM}?",
            "required": True,
            "low_label": "Not successful",
            "high_label": "Very successful",
        },
        {
            "kind": "multiple_choice",
            "prompt": "How will you continue the learning and conversations from today? Tick all that apply.",
            "required": False,
            "options": OXFORD_FOLLOW_UPS,
        },
        {"kind": "yes_no", "prompt": "Did you make new connections through the event?", "required": False},
        {"kind": "free_text", "prompt": "What worked well today?", "required": False},
        {"kind": "free_text", "prompt": "What could be improved?", "required": False},
    ],
}

OXFORD_2022: dict[str, Any] = {
    "key": "oxford-2022",
    "name": _l("Oxford 2022 knowledge exchange"),
    "title": "Social prescribing and the cultural sector: knowledge exchange",
    "event_date": "2022-06-23",
    "venue": "King's Centre, Oxford",
    "perspectives": ["Link workers", "Cultural providers"],
    "groups": [f"Group {n}" for n in range(1, 7)],
    "questionnaire": OXFORD_QUESTIONNAIRE,
    "agenda": [
        ("10:00", "Arrival and registration – tea and coffee"),
        ("10:15", "Welcome"),
        ("10:25", "Warm up activity"),
        ("10:40", "Research presentation"),
        ("10:55", "Small group discussions and feedback"),
        ("11:50", "Discussion on solutions"),
        ("12:15", "Short activities: washing line and ideas boards"),
        ("12:30", "Lunch"),
        ("13:20", "Afternoon activities"),
        ("14:50", "End of afternoon activities – tea and coffee"),
        ("15:00", "Evaluation"),
        ("15:15", "Final reflections"),
        ("15:30", "End of the event"),
    ],
    "boards": [
        {
            "kind": "tree",
            "title": "Tree of understanding",
            "prompt": f"{TREE_QUESTION_LINK_WORKERS} {TREE_QUESTION_PROVIDERS}",
            "sections": ["Barriers", "Enablers"],
            "open_to_attendees": False,
        },
        {
            "kind": "solutions",
            "title": "Solutions",
            "prompt": "What would help cultural providers and link workers work together in social prescribing?",
            "sections": ["Knowledge", "Time", "Funding"],
            "open_to_attendees": True,
        },
        {
            "kind": "washing_line",
            "title": "Washing line of knowledge",
            "prompt": "When has the cultural sector supported your well-being, or someone else's?",
            "sections": ["Line"],
            "open_to_attendees": True,
        },
        {
            "kind": "ideas",
            "title": "Current cultural provision",
            "prompt": "What is happening in the cultural sector now that could be part of social prescribing?",
            "sections": ["Ideas"],
            "open_to_attendees": True,
        },
        {
            "kind": "ideas",
            "title": "New cultural provision",
            "prompt": "What new initiatives or activities could the cultural sector run as part of social prescribing?",
            "sections": ["Ideas"],
            "open_to_attendees": True,
        },
        {
            "kind": "ideas",
            "title": "Research ideas",
            "prompt": "What should future research on social prescribing and the cultural sector look at?",
            "sections": ["Ideas"],
            "open_to_attendees": True,
        },
    ],
}

BLANK: dict[str, Any] = {
    "key": "blank",
    "name": _l("Blank workshop"),
    "title": "New workshop",
    "event_date": None,
    "venue": "",
    # Blank means blank: perspectives belong to a tree board's workshop, added when the organiser wants them.
    "perspectives": [],
    "groups": ["Group 1"],
    "agenda": [],
    "boards": [
        {
            "kind": "ideas",
            "title": "Ideas",
            "prompt": "Share an idea.",
            "sections": ["Ideas"],
            "open_to_attendees": True,
        }
    ],
}

# In the picker's order: the day in English, the same day in Welsh, then a blank start.
TEMPLATES = {t["key"]: t for t in (OXFORD_2022, OXFORD_2022_CY, BLANK)}

# The template the picker starts on for an organiser whose pages are in this language (else the first).
PREFERRED_TEMPLATE = {"cy": "oxford-2022-cy"}

# Default sections when a board of each kind is added by hand.
DEFAULT_SECTIONS = {
    "tree": ["Barriers", "Enablers"],
    "solutions": ["Knowledge", "Time", "Funding"],
    "washing_line": ["Line"],
    "ideas": ["Ideas"],
}
DEFAULT_SECTIONS_BY_LANGUAGE = {"cy": DEFAULT_SECTIONS_CY}


def default_sections(kind: str, languages: str) -> list[str]:
    """A hand-added board's sections, in the workshop's first language when the product has them written."""
    tags = (languages or "").split()
    written = DEFAULT_SECTIONS_BY_LANGUAGE.get(tags[0], DEFAULT_SECTIONS) if tags else DEFAULT_SECTIONS
    return list(written[kind])


# The demo's notes, from the seed report of the day at a real morning's volume (demo_notes.py).
DEMO_NOTES = demo_notes.DEMO_NOTES
