"""Staggered activity sign-up in a real browser: a phone signs up for a slot, the projector's board counts
the place live, a facilitator ticks attendance on the tablet, and cancelling forest bathing tells the phone
and offers an alternative."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, PROJECTOR, TABLET
from tests.e2e.helpers import LIVE_TIMEOUT_MS, join_as_attendee, sign_in_organiser, wait_until_live

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_a_phone_signs_up_the_board_counts_it_and_a_cancellation_reaches_the_phone(
    live_server, page_factory, screenshot
):
    demo = live_server.demo()
    projector = page_factory(viewport=PROJECTOR, name="projector")
    projector.goto(f"{live_server.base_url}/p/{demo['projector_token']}")
    wait_until_live(projector)
    organiser = page_factory(name="organiser")
    sign_in_organiser(organiser, live_server)
    organiser.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}/projector-control")
    organiser.get_by_label("The activity board").check()
    organiser.get_by_role("button", name="Show on the projector").click()
    forest_on_board = projector.locator(".projector-activity", has_text="Forest bathing")
    expect(forest_on_board.locator(".left")).to_have_text("10 places left", timeout=LIVE_TIMEOUT_MS)

    phone = page_factory(viewport=PHONE, name="phone")
    join_as_attendee(phone, live_server, demo["join_code"], "Robin")
    wait_until_live(phone)
    phone.get_by_role("button", name="Sign up for Forest bathing").click()
    forest_on_phone = phone.locator(".phone-activity", has_text="Forest bathing")
    expect(forest_on_phone.locator(".places")).to_have_text("You have a place", timeout=LIVE_TIMEOUT_MS)
    expect(forest_on_board.locator(".left")).to_have_text("9 places left", timeout=LIVE_TIMEOUT_MS)
    # Music/singing (14:10-14:50) overlaps forest bathing (14:15-14:50): refused with the reason.
    phone.get_by_role("button", name="Sign up for Music/singing").click()
    expect(phone.locator("#activity-notice")).to_contain_text("overlaps Forest bathing", timeout=LIVE_TIMEOUT_MS)
    screenshot(phone.locator("#activities-panel"), "activities/phone-signed-up")

    # The facilitator running it ticks who came, on the tablet.
    tablet = page_factory(viewport=TABLET, name="tablet")
    tablet.goto(f"{live_server.base_url}/f/{demo['groups'][0]['token']}")
    wait_until_live(tablet)
    tablet.get_by_label("Activity", exact=True).select_option(label="14:15 Forest bathing")
    tablet.get_by_label("Robin came").check()
    expect(tablet.locator("#attendance-status")).to_have_text("Saved: Robin came.", timeout=LIVE_TIMEOUT_MS)
    screenshot(tablet.locator("#attendance-panel"), "activities/tablet-attendance")

    organiser.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}/activities")
    organiser.get_by_role("button", name="Cancel Forest bathing").click()
    expect(organiser.locator(".flash-success")).to_contain_text("Cancelled")
    expect(phone.locator("#activity-notice")).to_have_text(
        re.compile(
            r"^Forest bathing is cancelled, sorry\. You could try Music/singing .*Tell me about a later session$"
        ),
        timeout=LIVE_TIMEOUT_MS,
    )
    expect(forest_on_board.locator(".left")).to_have_text("Cancelled", timeout=LIVE_TIMEOUT_MS)
    screenshot(projector, "activities/projector-board")
    screenshot(phone.locator("#activity-notice"), "activities/phone-cancelled")

    # The link keeps the wish for a later session, with consent, on its own form.
    phone.get_by_role("link", name="Tell me about a later session").click()
    phone.get_by_label("Name", exact=True).fill("Robin")
    phone.get_by_label("Email", exact=True).fill("robin@example.org")
    phone.get_by_role("checkbox").check()
    phone.get_by_role("button", name="Tell me").click()
    expect(phone.get_by_role("status")).to_contain_text("runs again")
