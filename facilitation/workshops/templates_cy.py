"""The Oxford 2022 template and its questionnaire in Welsh: the same day, written for a Welsh-speaking room.

Written Welsh, not translated strings: these become the workshop's own text (board titles, prompts,
sections, agenda, questions), which the organiser can then edit like any other. The shape is the English
template's, board for board and question for question (tests/workshops/test_welsh_template.py holds them
equal), so the tree, the seed and the exports treat both alike. The tree's sections stay roots first,
canopy second: the projector places sections without "barrier"/"enabler" in their names by position.
Terms follow the Welsh catalogue (translations/cy): coeden ddealltwriaeth, rhwystrau,
galluogwyr, datrysiadau, lein ddillad, gweithwyr cyswllt; "rhagnodi cymdeithasol" for social prescribing,
as the Welsh Government's national framework names it.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

TREE_QUESTION_LINK_WORKERS_CY = (
    "Beth yw barn gweithwyr cyswllt am rôl y sector diwylliannol mewn rhagnodi cymdeithasol? "
    "Beth yw’r rhwystrau rhag defnyddio’r sector hwn yn rhan o bresgripsiwn cymdeithasol? Beth yw’r galluogwyr?"
)
TREE_QUESTION_PROVIDERS_CY = (
    "Beth yw barn darparwyr diwylliannol am ragnodi cymdeithasol? "
    "Beth allai eu hannog i gymryd rhan? Beth allai eu hanghymell?"
)

OXFORD_KEY_AIM_CY = (
    "dod â gweithwyr cyswllt a staff y sector diwylliannol ynghyd er mwyn eu galluogi i rannu syniadau a chreu "
    "datrysiadau, fel y gallant gydweithio’n fwy effeithiol i gefnogi rhagnodi cymdeithasol"
)
# In the English template's order: the demo's seed counts the choices by position (evaluation/seed.py).
OXFORD_FOLLOW_UPS_CY = [
    "Mynychu cyfarfodydd rhwydweithio tebyg",
    "Mynychu cyfarfodydd OxSoP (y rhwydwaith) yn y dyfodol",
    "Trefnu sgyrsiau dilynol un i un gyda phobl y cyfarfuwyd â hwy ar y diwrnod",
]

OXFORD_QUESTIONNAIRE_CY: dict[str, Any] = {
    "title": "Sut aeth heddiw?",
    "intro": "Mae pum munud o’ch amser yn ein helpu i gynllunio’r un nesaf. Mae eich atebion yn ddienw.",
    "questions": [
        {
            "kind": "rating",
            "prompt": "I ba raddau y gwnaethoch chi fwynhau’r diwrnod?",
            "required": True,
            "low_label": "Ddim o gwbl",
            "high_label": "Yn fawr iawn",
        },
        {
            "kind": "rating",
            "prompt": "Pa mor dda y gallech chi gyfrannu at y diwrnod?",
            "required": True,
            "low_label": "Ddim o gwbl",
            "high_label": "Yn dda iawn",
        },
        {
            "kind": "rating",
            "prompt": f"Pa mor llwyddiannus oedd y digwyddiad o ran cyflawni ei brif nod, sef {OXFORD_KEY_AIM_CY}?",
            "required": True,
            "low_label": "Ddim yn llwyddiannus",
            "high_label": "Llwyddiannus iawn",
        },
        {
            "kind": "multiple_choice",
            "prompt": "Sut y byddwch chi’n parhau â’r dysgu a’r sgyrsiau o heddiw? Ticiwch bob un sy’n berthnasol.",
            "required": False,
            "options": OXFORD_FOLLOW_UPS_CY,
        },
        {"kind": "yes_no", "prompt": "A wnaethoch chi greu cysylltiadau newydd drwy’r digwyddiad?", "required": False},
        {"kind": "free_text", "prompt": "Beth weithiodd yn dda heddiw?", "required": False},
        {"kind": "free_text", "prompt": "Beth y gellid ei wella?", "required": False},
    ],
}

OXFORD_2022_CY: dict[str, Any] = {
    "key": "oxford-2022-cy",
    # What the picker shows, in the organiser's language; "Cymraeg" names the language as it names itself.
    # Not "Oxford 2022 knowledge exchange (…)": a label holding the English template's whole name would
    # make "pick the label Oxford 2022 knowledge exchange" (people, and the browser tests) ambiguous.
    "name": _l("Oxford 2022, in Welsh (Cymraeg)"),
    "title": "Rhagnodi cymdeithasol a’r sector diwylliannol: cyfnewid gwybodaeth",
    "event_date": "2022-06-23",
    # The venue's own name stays as it is; the city has a Welsh name.
    "venue": "King's Centre, Rhydychen",
    # The shared screens and exports speak Welsh; phones and tablets still follow each person's language.
    "languages": "cy",
    "perspectives": ["Gweithwyr cyswllt", "Darparwyr diwylliannol"],
    "groups": [f"Grŵp {n}" for n in range(1, 7)],
    "questionnaire": OXFORD_QUESTIONNAIRE_CY,
    "agenda": [
        ("10:00", "Cyrraedd a chofrestru – te a choffi"),
        ("10:15", "Croeso"),
        ("10:25", "Gweithgaredd cynhesu"),
        ("10:40", "Cyflwyniad ymchwil"),
        ("10:55", "Trafodaethau mewn grwpiau bach ac adborth"),
        ("11:50", "Trafodaeth am ddatrysiadau"),
        ("12:15", "Gweithgareddau byr: y lein ddillad a’r byrddau syniadau"),
        ("12:30", "Cinio"),
        ("13:20", "Gweithgareddau’r prynhawn"),
        ("14:50", "Diwedd gweithgareddau’r prynhawn – te a choffi"),
        ("15:00", "Gwerthuso"),
        ("15:15", "Myfyrdodau i gloi"),
        ("15:30", "Diwedd y digwyddiad"),
    ],
    "boards": [
        {
            "kind": "tree",
            "title": "Coeden ddealltwriaeth",
            "prompt": f"{TREE_QUESTION_LINK_WORKERS_CY} {TREE_QUESTION_PROVIDERS_CY}",
            "sections": ["Rhwystrau", "Galluogwyr"],
            "open_to_attendees": False,
        },
        {
            "kind": "solutions",
            "title": "Datrysiadau",
            "prompt": (
                "Beth fyddai’n helpu darparwyr diwylliannol a gweithwyr cyswllt i gydweithio ym maes rhagnodi "
                "cymdeithasol?"
            ),
            "sections": ["Gwybodaeth", "Amser", "Cyllid"],
            "open_to_attendees": True,
        },
        {
            "kind": "washing_line",
            "title": "Lein ddillad gwybodaeth",
            "prompt": "Pryd mae’r sector diwylliannol wedi cefnogi eich llesiant chi, neu lesiant rhywun arall?",
            "sections": ["Lein"],
            "open_to_attendees": True,
        },
        {
            "kind": "ideas",
            "title": "Darpariaeth ddiwylliannol bresennol",
            "prompt": "Beth sy’n digwydd yn y sector diwylliannol nawr a allai fod yn rhan o ragnodi cymdeithasol?",
            "sections": ["Syniadau"],
            "open_to_attendees": True,
        },
        {
            "kind": "ideas",
            "title": "Darpariaeth ddiwylliannol newydd",
            "prompt": (
                "Pa fentrau neu weithgareddau newydd y gallai’r sector diwylliannol eu cynnal yn rhan o ragnodi "
                "cymdeithasol?"
            ),
            "sections": ["Syniadau"],
            "open_to_attendees": True,
        },
        {
            "kind": "ideas",
            "title": "Syniadau ymchwil",
            "prompt": "Beth ddylai ymchwil i ragnodi cymdeithasol a’r sector diwylliannol ei ystyried yn y dyfodol?",
            "sections": ["Syniadau"],
            "open_to_attendees": True,
        },
    ],
}

# The sections a board gets when an organiser adds one by hand to a workshop whose screens speak Welsh.
DEFAULT_SECTIONS_CY = {
    "tree": ["Rhwystrau", "Galluogwyr"],
    "solutions": ["Gwybodaeth", "Amser", "Cyllid"],
    "washing_line": ["Lein"],
    "ideas": ["Syniadau"],
}
