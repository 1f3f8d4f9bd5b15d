"""Removing a board in a real browser: the organiser is asked first, the projector lets it go, and Restore brings it
back, with its notes, on the projector that never reloaded."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    LIVE_TIMEOUT_MS,
    assert_not_reloaded,
    mark_page,
    projector_note,
    show_on_projector,
    sign_in_organiser,
    wait_until_live,
)

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_a_board_removed_through_the_confirmation_page_comes_back_on_the_projector(
    live_server, page_factory, screenshot
):
    demo = live_server.demo()
    organiser = page_factory(name="organiser")
    sign_in_organiser(organiser, live_server)
    show_on_projector(organiser, live_server, demo["workshop_id"], "Solutions")

    projector = page_factory(viewport={"width": 1920, "height": 1080}, name="projector")
    projector.goto(f"{live_server.base_url}/p/{demo['projector_token']}")
    wait_until_live(projector)
    mark_page(projector)
    title = projector.locator("#board-title")
    expect(title).to_have_text("Solutions", timeout=LIVE_TIMEOUT_MS)
    first_note = projector.locator("#board .note .note-text").first.text_content().strip()

    # Remove: the button only asks; the page says what will go, and nothing has gone yet.
    organiser.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}#boards")
    organiser.locator("summary", has_text="Solutions").click()
    organiser.get_by_role("button", name="Remove board Solutions").click()
    heading = organiser.get_by_role("heading", level=1)
    expect(heading).to_have_text(re.compile(r"^Remove board “Solutions” and its \d+ notes\?$"))
    screenshot(organiser, "organiser/remove-board-confirmation")
    expect(title).to_have_text("Solutions")
    organiser.get_by_role("button", name="Yes, remove it").click()

    expect(organiser.get_by_role("status")).to_contain_text("Removed: Board “Solutions” with")
    expect(projector.locator(".welcome-code")).to_have_text(demo["join_code"], timeout=LIVE_TIMEOUT_MS)

    # Restore from Recently removed: the projector shows the board again, notes and all, without a reload.
    removed = organiser.locator("#removed")
    expect(removed).to_contain_text("Board “Solutions” with")
    screenshot(organiser, "organiser/recently-removed")
    removed.get_by_role("button", name="Restore board Solutions").click()
    expect(organiser.get_by_role("status")).to_contain_text("Restored: Board “Solutions”")
    expect(title).to_have_text("Solutions", timeout=LIVE_TIMEOUT_MS)
    expect(projector_note(projector, first_note).first).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    screenshot(projector, "projector/board-restored")
    assert_not_reloaded(projector)
