"""The Oxford 2022 template in Welsh: the same shape as the English one, Welsh words, a Welsh room.

The shape test is what keeps the two templates from drifting apart: a board, section, group, agenda slot or
question added to one and not the other fails it, as does an English string left in the Welsh one.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest

from facilitation.evaluation import service as evaluation
from facilitation.evaluation.results import results_view
from facilitation.evaluation.seed import add_demo_evaluation
from facilitation.extensions import db
from facilitation.models import Workshop
from facilitation.workshops import service as workshops
from facilitation.workshops.templates import DEFAULT_SECTIONS, OXFORD_2022, TEMPLATES
from facilitation.workshops.templates_cy import (
    DEFAULT_SECTIONS_CY,
    OXFORD_2022_CY,
    OXFORD_FOLLOW_UPS_CY,
    OXFORD_QUESTIONNAIRE_CY,
)
from tests.workshops.test_pages import csrf_from, sign_in, text_of

WELSH = "oxford-2022-cy"
# What reads the same in both languages: the date, the agenda's times, the kinds of board and question.
SAME_IN_BOTH = re.compile(r"^\.event_date$|^\.agenda\[\d+\]\[0\]$|\.kind$")


def shape(template: dict[str, Any]) -> dict[str, Any]:
    """Everything about a template except its words: what the product does with it."""
    questionnaire = template["questionnaire"]
    return {
        "keys": sorted(set(template) - {"key", "name", "languages"}),
        "event_date": template["event_date"],
        "perspectives": len(template["perspectives"]),
        "groups": len(template["groups"]),
        "agenda": [starts_at for starts_at, _title in template["agenda"]],
        "boards": [
            (board["kind"], len(board["sections"]), board["open_to_attendees"], sorted(board))
            for board in template["boards"]
        ],
        "questionnaire": sorted(questionnaire),
        "questions": [
            (q["kind"], q["required"], len(q.get("options", [])), sorted(q), "low_label" in q)
            for q in questionnaire["questions"]
        ],
    }


def paired_words(english: Any, welsh: Any, where: str = "") -> list[tuple[str, str, str]]:
    """Every string of the Welsh template beside the English string in the same place."""
    if isinstance(english, str):
        return [(where, english, welsh)]
    if isinstance(english, dict):
        return [pair for key in english for pair in paired_words(english[key], welsh[key], f"{where}.{key}")]
    if isinstance(english, list | tuple):
        return [
            pair
            for i, (e, w) in enumerate(zip(english, welsh, strict=True))
            for pair in paired_words(e, w, f"{where}[{i}]")
        ]
    return []


# --- the data -----------------------------------------------------------------------------------------


def test_the_welsh_template_has_the_english_ones_shape():
    assert shape(OXFORD_2022_CY) == shape(OXFORD_2022)


def test_the_shape_check_notices_a_board_only_one_template_has():
    grown = {**OXFORD_2022, "boards": [*OXFORD_2022["boards"], OXFORD_2022["boards"][-1]]}
    assert shape(grown) != shape(OXFORD_2022_CY)
    fewer_sections = {
        **OXFORD_2022_CY,
        "boards": [{**OXFORD_2022_CY["boards"][0], "sections": ["Rhwystrau"]}, *OXFORD_2022_CY["boards"][1:]],
    }
    assert shape(fewer_sections) != shape(OXFORD_2022)


def test_no_english_is_left_in_the_welsh_template():
    words = dict.fromkeys(k for k in OXFORD_2022 if k not in {"key", "name", "languages"})
    pairs = paired_words({k: OXFORD_2022[k] for k in words}, {k: OXFORD_2022_CY[k] for k in words})
    assert len(pairs) > 60
    same = [(where, english) for where, english, welsh in pairs if english == welsh and not SAME_IN_BOTH.search(where)]
    assert same == []
    # A few of the day's key words, written as the glossary writes them.
    tree, solutions, line, *ideas = OXFORD_2022_CY["boards"]
    assert (tree["title"], tree["sections"]) == ("Coeden ddealltwriaeth", ["Rhwystrau", "Galluogwyr"])
    assert solutions["sections"] == ["Gwybodaeth", "Amser", "Cyllid"]
    assert line["title"] == "Lein ddillad gwybodaeth"
    assert OXFORD_2022_CY["perspectives"] == ["Gweithwyr cyswllt", "Darparwyr diwylliannol"]


def test_hand_added_boards_have_welsh_sections_for_every_kind_in_the_same_number():
    assert {kind: len(names) for kind, names in DEFAULT_SECTIONS_CY.items()} == {
        kind: len(names) for kind, names in DEFAULT_SECTIONS.items()
    }
    assert all(DEFAULT_SECTIONS_CY[kind] != DEFAULT_SECTIONS[kind] for kind in DEFAULT_SECTIONS)


def test_the_picker_lists_the_welsh_template_after_the_english_one():
    assert list(TEMPLATES) == ["oxford-2022", WELSH, "blank"]
    assert TEMPLATES[WELSH] is OXFORD_2022_CY


# --- a workshop made from it --------------------------------------------------------------------------


def test_a_workshop_from_the_welsh_template_is_in_welsh(organiser):
    workshop = workshops.create_workshop(organiser, WELSH)
    assert workshop.title == "Rhagnodi cymdeithasol a’r sector diwylliannol: cyfnewid gwybodaeth"
    assert workshop.languages == "cy"
    assert [b.title for b in workshop.boards] == [b["title"] for b in OXFORD_2022_CY["boards"]]
    assert [b.kind for b in workshop.boards] == [b["kind"] for b in OXFORD_2022["boards"]]
    assert [[s.name for s in b.sections] for b in workshop.boards][:2] == [
        ["Rhwystrau", "Galluogwyr"],
        ["Gwybodaeth", "Amser", "Cyllid"],
    ]
    assert workshop.boards[0].prompt.startswith("Beth yw barn gweithwyr cyswllt")
    assert [g.name for g in workshop.groups] == [f"Grŵp {n}" for n in range(1, 7)]
    assert [p.name for p in workshop.perspectives] == ["Gweithwyr cyswllt", "Darparwyr diwylliannol"]
    assert [(a.starts_at, a.title) for a in workshop.agenda][7] == ("12:30", "Cinio")
    assert workshop.projector_board_id == workshop.boards[0].id


def test_a_board_added_by_hand_to_the_welsh_workshop_gets_welsh_sections(organiser):
    workshop = workshops.create_workshop(organiser, WELSH)
    structure = workshops.save_board(
        organiser, workshop.id, None, kind="tree", title="Ail goeden", prompt="", open_to_attendees=True
    )
    assert [s["name"] for s in structure["boards"][-1]["sections"]] == ["Rhwystrau", "Galluogwyr"]
    workshops.update_details(organiser, workshop.id, title=workshop.title, event_date=None, venue="", languages="cy en")
    structure = workshops.save_board(
        organiser, workshop.id, None, kind="solutions", title="Mwy", prompt="", open_to_attendees=True
    )
    assert [s["name"] for s in structure["boards"][-1]["sections"]] == ["Gwybodaeth", "Amser", "Cyllid"]
    workshops.update_details(organiser, workshop.id, title=workshop.title, event_date=None, venue="", languages="")
    structure = workshops.save_board(
        organiser, workshop.id, None, kind="ideas", title="Ideas", prompt="", open_to_attendees=True
    )
    assert [s["name"] for s in structure["boards"][-1]["sections"]] == ["Ideas"]


def test_the_english_template_still_leaves_the_language_to_each_screen(organiser):
    assert workshops.create_workshop(organiser, "oxford-2022").languages == ""


def test_a_workshop_from_the_welsh_template_gets_the_welsh_questionnaire(organiser):
    workshop = workshops.create_workshop(organiser, WELSH)
    questionnaire = evaluation.questionnaire_of(workshop.id)
    assert (questionnaire.title, questionnaire.status) == ("Sut aeth heddiw?", "draft")
    assert [q.prompt for q in questionnaire.questions] == [q["prompt"] for q in OXFORD_QUESTIONNAIRE_CY["questions"]]
    aim = questionnaire.questions[2]
    assert "ei brif nod, sef dod â gweithwyr cyswllt" in aim.prompt
    assert (aim.low_label, aim.high_label) == ("Ddim yn llwyddiannus", "Llwyddiannus iawn")
    assert questionnaire.questions[3].options == OXFORD_FOLLOW_UPS_CY


def test_the_days_figures_come_out_the_same_on_the_welsh_questionnaire(organiser):
    workshop = workshops.create_workshop(organiser, WELSH)
    add_demo_evaluation(workshop)
    db.session.commit()
    results = results_view(evaluation.questionnaire_of(workshop.id))
    assert results["responses"] == 34
    enjoyment, contribution, aim, follow_up, *_rest = results["questions"]
    assert [q["average_display"] for q in (enjoyment, contribution, aim)] == ["4.8", "4.1", "4.4"]
    assert [(c["option"], c["count"]) for c in follow_up["counts"]] == list(
        zip(OXFORD_FOLLOW_UPS_CY, [28, 25, 23], strict=True)
    )


def test_the_welsh_template_falls_back_when_the_app_offers_no_welsh(app, organiser):
    offered = app.config["LANGUAGES"]
    app.config["LANGUAGES"] = ["en"]
    try:
        workshop = workshops.create_workshop(organiser, WELSH)
    finally:
        app.config["LANGUAGES"] = offered
    assert workshop.languages == ""
    assert workshop.boards[0].title == "Coeden ddealltwriaeth"


# --- choosing it --------------------------------------------------------------------------------------

RADIO = re.compile(r'<input type="radio" id="template-([\w-]+)" name="template" value="[\w-]+" ?(checked)?>')


def picker(page: str) -> dict[str, bool]:
    """The picker's templates, each with whether it starts ticked."""
    return {key: bool(checked) for key, checked in RADIO.findall(page)}


def test_the_dashboard_offers_the_welsh_template(client, organiser):
    sign_in(client)
    page = unescape(text_of(client.get("/organiser/")))
    assert picker(page) == {"oxford-2022": True, WELSH: False, "blank": False}
    assert '<label for="template-oxford-2022-cy">Oxford 2022, in Welsh (Cymraeg)</label>' in page


@pytest.mark.usefixtures("organiser")
def test_a_welsh_organiser_sees_the_picker_in_welsh_starting_on_the_welsh_template(client):
    sign_in(client)
    page = unescape(text_of(client.get("/organiser/", headers={"Accept-Language": "cy"})))
    assert 'lang="cy"' in page
    assert picker(page) == {"oxford-2022": False, WELSH: True, "blank": False}
    assert '<label for="template-oxford-2022-cy">Rhydychen 2022, yn Gymraeg</label>' in page
    assert '<label for="template-blank">Gweithdy gwag</label>' in page


def test_creating_from_the_welsh_template_by_form(client, organiser):
    sign_in(client)
    token = csrf_from(client.get("/organiser/"))
    response = client.post("/organiser/workshops", data={"template": WELSH, "csrf_token": token})
    assert response.status_code == 302
    created = db.session.query(Workshop).filter_by(languages="cy").one()
    assert response.headers["Location"].endswith(f"/organiser/workshops/{created.id}")
    editor = unescape(text_of(client.get(f"/organiser/workshops/{created.id}")))
    assert "Coeden ddealltwriaeth" in editor and "Lein ddillad gwybodaeth" in editor


def test_creating_from_the_welsh_template_through_the_api(client, organiser):
    csrf = sign_in(client) and csrf_from(client.get("/organiser/"))
    created = client.post("/api/v1/workshops", json={"template": WELSH}, headers={"X-CSRFToken": csrf})
    assert created.status_code == 201, created.get_json()
    structure = created.get_json()["structure"]
    assert structure["workshop"]["languages"] == "cy"
    assert [b["title"] for b in structure["boards"]][:3] == [
        "Coeden ddealltwriaeth",
        "Datrysiadau",
        "Lein ddillad gwybodaeth",
    ]
    template_enums = [found for found in enums(client.get("/api/openapi.json").get_json()) if "blank" in found]
    assert template_enums and all(WELSH in found for found in template_enums)


def enums(schema: Any) -> list[list]:
    """Every `enum` list in an OpenAPI document."""
    if isinstance(schema, dict):
        own = [schema["enum"]] if isinstance(schema.get("enum"), list) else []
        return own + [found for value in schema.values() for found in enums(value)]
    if isinstance(schema, list):
        return [found for value in schema for found in enums(value)]
    return []


def test_the_welsh_workshops_projector_speaks_welsh_on_an_english_device(client, organiser):
    workshop = workshops.create_workshop(organiser, WELSH)
    page = unescape(text_of(client.get(f"/p/{workshop.projector_token}", headers={"Accept-Language": "en"})))
    assert '<html lang="cy"' in page
    assert "Coeden ddealltwriaeth" in page
