"""The editor saves itself: a changed field saves on its own and says so, a conflict is told, not overwritten;
groups reorder by keyboard; the page fits a 390 px phone; retention has an erase button with confirmation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP
from tests.e2e.helpers import sign_in_organiser
from tests.support.projector_seed import OrganiserApi

pytestmark = [pytest.mark.browser, pytest.mark.live]

SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _structure(api: OrganiserApi, workshop_id: int) -> dict:
    return api.call("GET", f"/workshops/{workshop_id}/state")["structure"]


def test_fields_save_on_change_and_a_conflict_is_told(page_factory, live_server, screenshot):
    api = OrganiserApi.sign_in(live_server)
    workshop_id = api.call("POST", "/workshops", {"template": "oxford-2022", "title": "Autosave check"})["structure"][
        "workshop"
    ]["id"]
    page = page_factory(DESKTOP, name="editor")
    sign_in_organiser(page, live_server)
    page.goto(f"{live_server.base_url}/organiser/workshops/{workshop_id}")
    group = _structure(api, workshop_id)["groups"][1]
    row = page.locator(f"form[data-autosave=groups][data-item-id='{group['id']}']")
    expect(row.get_by_role("button", name="Save")).to_be_hidden()  # no Save buttons once script runs

    # A change saves itself and says so.
    row.get_by_label("Name of group 2").fill("Libraries")
    row.get_by_label("Name of group 2").press("Tab")
    expect(row.locator(".save-state")).to_have_text(re.compile(r"^Saved \d"))
    assert _structure(api, workshop_id)["groups"][1]["name"] == "Libraries"
    page.locator("#title").fill("Autosave check, renamed")
    page.locator("#title").press("Tab")
    expect(page.locator("form[data-autosave=details] .save-state")).to_have_text(re.compile("^Saved"))
    assert _structure(api, workshop_id)["workshop"]["title"] == "Autosave check, renamed"

    # Someone else renames the same group meanwhile: this page does not overwrite it without asking.
    api.call("PUT", f"/workshops/{workshop_id}/groups/{group['id']}", {"name": "Museums", "colour": group["colour"]})
    row.get_by_label("Name of group 2").fill("Galleries")
    row.get_by_label("Name of group 2").press("Tab")
    state = row.locator(".save-state")
    expect(state).to_have_attribute("data-state", "conflict")
    expect(state).to_contain_text("changed on another screen")
    expect(state).to_contain_text("Museums")
    assert _structure(api, workshop_id)["groups"][1]["name"] == "Museums"
    screenshot(page, "editor-conflict")
    state.get_by_role("button", name="Keep mine").click()
    expect(state).to_have_text(re.compile("^Saved"))
    assert _structure(api, workshop_id)["groups"][1]["name"] == "Galleries"

    # An empty required field is not saved, and says why.
    row.get_by_label("Name of group 2").fill("")
    row.get_by_label("Name of group 2").press("Tab")
    expect(state).to_have_attribute("data-state", "error")
    assert _structure(api, workshop_id)["groups"][1]["name"] == "Galleries"

    # Keyboard reordering: the third group moves up, the order is saved and told.
    third = _structure(api, workshop_id)["groups"][2]
    up = page.get_by_role("button", name=f"Move {third['name']} up")
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#editor-announcer")).to_contain_text(f"{third['name']} is now 2 of 6")
    expect(up).to_be_focused()
    assert [g["id"] for g in _structure(api, workshop_id)["groups"]][1] == third["id"]

    # New groups are offered the next colour-blind-safe colour nobody uses yet.
    used = {g["colour"].lower() for g in _structure(api, workshop_id)["groups"]}
    assert page.locator("#new-group-colour").input_value() not in used

    # A 390 px phone: nothing scrolls sideways, the agenda rows keep their buttons on screen.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate(SIDEWAYS) == 0
    for button in page.locator("#agenda .edit-list button:visible").all()[:3]:
        box = button.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.set_viewport_size(DESKTOP)
    page.locator("#groups").scroll_into_view_if_needed()
    screenshot(page, "editor-1280-groups")


def test_blank_starts_blank_and_erasing_asks_first(page_factory, live_server):
    api = OrganiserApi.sign_in(live_server)
    blank = api.call("POST", "/workshops", {"template": "blank", "title": "Blank check"})["structure"]
    assert blank["perspectives"] == []
    page = page_factory(DESKTOP, name="retention")
    sign_in_organiser(page, live_server)
    page.goto(f"{live_server.base_url}/organiser/workshops/{blank['workshop']['id']}/evaluation#retention")
    expect(page.locator("#retention")).not_to_contain_text("flask")
    erase = page.get_by_role("button", name="Erase the workshop now")
    erase.click()  # not ticked: the browser stops it (required), nothing is erased
    assert api.call("GET", f"/workshops/{blank['workshop']['id']}/state")["structure"]["workshop"]["id"]
    page.get_by_label(re.compile("^Yes, erase")).check()
    erase.click()
    expect(page.get_by_text(re.compile("^Erased for good"))).to_be_visible()
    response = api.session.get(f"{live_server.base_url}/api/v1/workshops/{blank['workshop']['id']}/state", timeout=5)
    assert response.status_code == 404
