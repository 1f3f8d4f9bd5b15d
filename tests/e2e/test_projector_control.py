"""The organiser's projector controls in a real browser: the projector follows every choice, live, unreloaded."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import LIVE_TIMEOUT_MS, assert_not_reloaded, mark_page, sign_in_organiser, wait_until_live

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_projector_follows_the_control_page(live_server, page_factory, screenshot):
    demo = live_server.demo()
    projector = page_factory(viewport={"width": 1920, "height": 1080}, name="projector")
    projector.goto(f"{live_server.base_url}/p/{demo['projector_token']}")
    wait_until_live(projector)
    mark_page(projector)

    organiser = page_factory(name="organiser")
    sign_in_organiser(organiser, live_server)
    organiser.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}/projector-control")
    title = projector.locator("#board-title")

    # One board, then the welcome screen.
    organiser.get_by_label("A board:").check()
    organiser.get_by_label("Board to show").select_option(label="Solutions")
    organiser.get_by_role("button", name="Show on the projector").click()
    expect(title).to_have_text("Solutions", timeout=LIVE_TIMEOUT_MS)
    organiser.get_by_label("Welcome screen with the join code").check()
    organiser.get_by_role("button", name="Show on the projector").click()
    expect(projector.locator(".welcome-code")).to_have_text(demo["join_code"], timeout=LIVE_TIMEOUT_MS)

    # A spotlighted note fills the screen; clearing it brings the welcome screen back.
    organiser.get_by_label("Note to show full-screen").select_option(index=1)
    spotlit = organiser.get_by_label("Note to show full-screen").locator("option:checked").text_content().strip()
    organiser.get_by_role("button", name="Spotlight", exact=True).click()
    expect(projector.locator(".spotlight-note .note-text")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    assert projector.locator(".spotlight-note .note-text").text_content().startswith(spotlit.rstrip(".").rstrip())
    screenshot(projector, "projector/control-spotlight")
    organiser.get_by_role("button", name="Clear the spotlight").click()
    expect(projector.locator(".welcome-code")).to_be_visible(timeout=LIVE_TIMEOUT_MS)

    # The agenda's now marker and a countdown in the footer.
    organiser.get_by_role("button", name="Next item →").click()
    expect(projector.locator("#agenda-now")).to_have_text(re.compile(r"^10:00 Arrival"), timeout=LIVE_TIMEOUT_MS)
    expect(projector.locator("#agenda-next")).to_have_text(re.compile(r"^10:15 Welcome"))
    organiser.get_by_label("Minutes").fill("2")
    organiser.get_by_role("button", name="Start", exact=True).click()
    expect(projector.locator("#timer-text")).to_have_text(re.compile(r"^(2:00|1:5\d)$"), timeout=LIVE_TIMEOUT_MS)
    organiser.get_by_role("button", name="Pause").click()
    expect(projector.locator("#timer-state")).to_have_text("(paused)", timeout=LIVE_TIMEOUT_MS)

    # A rotation of two boards moves on by itself; hiding one leaves only the other.
    organiser.get_by_label("Solutions").check()
    organiser.get_by_label("Washing line of knowledge").check()
    organiser.get_by_label("Seconds per board (5–600)").fill("5")
    organiser.get_by_role("button", name="Start rotation").click()
    expect(title).to_have_text(re.compile("^(Solutions|Washing line of knowledge)$"), timeout=LIVE_TIMEOUT_MS)
    first = title.text_content()
    expect(title).not_to_have_text(first, timeout=12_000)
    organiser.get_by_role("button", name="Hide Solutions").click()
    expect(title).to_have_text("Washing line of knowledge", timeout=12_000)
    screenshot(projector, "projector/control-rotation")
    assert_not_reloaded(projector)
