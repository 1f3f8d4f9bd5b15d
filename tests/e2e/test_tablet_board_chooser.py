"""The facilitator tablet posts to the board named on one line; Switch opens the choices, as on the phone.

The note then lands on the board chosen (read back from the server, not the page), and axe finds nothing
with the chooser closed or open. A screenshot goes to test-artifacts/screenshots/tablet-board-chooser.png.
"""

from __future__ import annotations

import uuid

import pytest
import requests
from playwright.sync_api import expect

from tests.e2e.conftest import TABLET
from tests.e2e.helpers import board, choose, wait_until_live, write_and_send
from tests.support.axe import axe_violations, describe
from tests.support.waiting import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_the_tablet_names_its_board_and_switches_on_demand(page_factory, live_server, demo, screenshot):
    group = demo["groups"][0]
    tablet = page_factory(TABLET, name="tablet")
    tablet.goto(f"{live_server.base_url}/f/{group['token']}")
    wait_until_live(tablet)
    choices = tablet.locator("fieldset[data-choice=board]")
    switch = tablet.get_by_role("button", name="Switch")
    first = demo["boards"][0]["title"]
    expect(tablet.locator("[data-board-name]")).to_have_text(first)
    expect(choices).to_be_hidden()
    expect(switch).to_have_attribute("aria-expanded", "false")
    failures = axe_violations(tablet)

    target = board(demo, "Solutions")
    choose(tablet, "board", target["title"])  # opens Switch, then taps the board
    expect(tablet.get_by_role("button", name="Done")).to_have_attribute("aria-expanded", "true")
    expect(tablet.locator("[data-board-name]")).to_have_text(target["title"])
    failures += axe_violations(tablet)
    screenshot(tablet, "tablet-board-chooser")
    tablet.get_by_role("button", name="Done").click()
    expect(choices).to_be_hidden()
    expect(tablet.locator("[data-board-name]")).to_have_text(target["title"])
    assert not failures, describe("facilitator tablet board chooser", failures)

    text = f"Chooser check {uuid.uuid4().hex[:6]}"
    write_and_send(tablet, text)
    expect(tablet.locator("#composer-error")).to_be_hidden()

    def boards_holding_it() -> list[int]:
        state = requests.get(
            f"{live_server.base_url}/api/v1/workshops/{demo['workshop_id']}/state",
            headers={"Authorization": f"Bearer {group['token']}"},
            timeout=10,
        ).json()
        notes = (state.get("state") or state)["notes"]
        return [note["board_id"] for note in notes if note.get("text") == text]

    expect(tablet.locator("#note-text")).to_have_value("")
    assert wait_until(boards_holding_it) == [target["id"]]
