"""Mixed tables in a real browser: a phone says its side, sees its table, and the table changes live when
the organiser swaps; the projector shows the plan. One server and one browser for the module."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, PROJECTOR
from tests.e2e.helpers import (
    LIVE_TIMEOUT_MS,
    assert_not_reloaded,
    join_as_attendee,
    mark_page,
    sign_in_organiser,
    wait_until_live,
)

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_a_phone_sees_its_table_change_and_the_projector_shows_the_plan(live_server, page_factory, screenshot):
    demo = live_server.demo()
    phone = page_factory(viewport=PHONE, name="phone")
    join_as_attendee(phone, live_server, demo["join_code"], "Robin")
    wait_until_live(phone)
    mark_page(phone)
    phone.get_by_text("Which side do you come from?").click()
    phone.get_by_label("Cultural providers").check()
    phone.get_by_label("Your organisation (optional)").fill("Pitt Rivers Museum")
    phone.locator("#seating-profile").get_by_role("button", name="Save").click()
    expect(phone.locator("#seating-profile-status")).to_have_text("Saved. Thank you.", timeout=LIVE_TIMEOUT_MS)

    projector = page_factory(viewport=PROJECTOR, name="projector")
    projector.goto(f"{live_server.base_url}/p/{demo['projector_token']}")
    wait_until_live(projector)

    organiser = page_factory(name="organiser")
    sign_in_organiser(organiser, live_server)
    organiser.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}/projector-control")
    organiser.get_by_label("The table plan").check()
    organiser.get_by_role("button", name="Show on the projector").click()
    expect(projector.locator("#board-title")).to_have_text("Who sits where", timeout=LIVE_TIMEOUT_MS)

    organiser.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}/tables")
    organiser.get_by_role("button", name="Seat everyone (round 1)").click()
    expect(organiser.locator("#rounds-heading")).to_have_text("Round 1")
    expect(phone.locator("#my-table-text")).to_have_text(
        re.compile(r"^Round 1 · your table: Group \d \(.+\)$"), timeout=LIVE_TIMEOUT_MS
    )
    expect(projector.locator(".projector-table")).to_have_count(6, timeout=LIVE_TIMEOUT_MS)
    expect(projector.locator(".projector-table li", has_text="Robin")).to_have_count(1)
    screenshot(phone, "seating/phone-round-1")
    screenshot(organiser, "seating/organiser-round-1", full_page=True)

    organiser.get_by_role("button", name="Swap tables (next round)").click()
    expect(organiser.locator("#rounds-heading")).to_have_text("Round 2")
    expect(phone.locator("#my-table-text")).to_have_text(
        re.compile(r"^Round 2 · your table: Group \d"), timeout=LIVE_TIMEOUT_MS
    )
    expect(projector.locator("#board")).to_have_attribute("data-round", "2", timeout=LIVE_TIMEOUT_MS)
    # The organisation was not shared: the projector does not show it.
    expect(projector.locator("#board")).not_to_contain_text("Pitt Rivers")
    screenshot(projector, "seating/projector-plan")
    assert_not_reloaded(phone)


def test_the_join_form_asks_the_side_and_organisation_and_the_phone_panel_shows_them(
    live_server, page_factory, screenshot
):
    demo = live_server.demo()
    phone = page_factory(viewport=PHONE, name="joining-phone", has_touch=True, is_mobile=True)
    phone.goto(f"{live_server.base_url}/join/{demo['join_code']}")
    join = phone.get_by_role("button", name="Join")
    expect(join).to_be_in_viewport()  # folded away, the questions leave Join on a small phone's first screen
    phone.get_by_label("Your first name").fill("Noor")
    phone.get_by_text("Which side do you come from?").click()
    phone.get_by_label("Link workers").check()
    phone.get_by_label("Your organisation").fill("Oxford Health")
    phone.get_by_label("Others may see my organisation").check()
    screenshot(phone, "gap14/join-with-profile", full_page=True)
    join.click()
    wait_until_live(phone)
    # Issue 15's first screen is untouched: the note box and Send are on it.
    for selector in ("#note-text", "#composer .send"):
        expect(phone.locator(selector)).to_be_in_viewport()
    phone.get_by_text("Which side do you come from?").click()
    profile = phone.locator("#seating-profile")
    expect(profile.get_by_label("Link workers")).to_be_checked(timeout=LIVE_TIMEOUT_MS)
    expect(profile.get_by_label("Your organisation (optional)")).to_have_value("Oxford Health")
    expect(profile.get_by_label("Others may see my organisation")).to_be_checked()
