"""The phone at 360x640, used with one thumb and with a screen reader; favicon and manifest.

- The first screen holds the current board (collapsed, with Switch), the prompt, one privacy line with its
  "why", the note box and Send, with the box and Send in the lower half.
- An empty Send focuses the box, marks it invalid and says why; typing clears it.
- The polite live region speaks others' new notes in one batched sentence, the character count only near the
  limit, and the connection only when it changes.
"""

from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.helpers import join_as_attendee, wait_until_live
from tests.support.projector_seed import NotePoster

pytestmark = [pytest.mark.browser, pytest.mark.live]

BOX = "el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; }"


def _box(page, selector: str) -> dict:
    return page.locator(selector).evaluate(BOX)


def test_first_screen_holds_the_prompt_the_box_and_send_within_thumb_reach(page_factory, live_server, demo, screenshot):
    phone = page_factory(PHONE, name="phone", has_touch=True, is_mobile=True)
    join_as_attendee(phone, live_server, demo["join_code"], name="Ada")
    wait_until_live(phone)
    assert phone.evaluate("scrollY") == 0
    for selector in (
        "[data-board-current]",
        "#composer [data-prompt]",
        "#note-text",
        "#note-privacy",
        "#composer .send",
    ):
        box = _box(phone, selector)
        assert box["top"] >= 0 and box["bottom"] <= PHONE["height"], f"{selector} is not on the first screen: {box}"
    assert _box(phone, "#composer .send")["top"] > PHONE["height"] / 2, "Send is not in the lower half"
    assert _box(phone, "#note-text")["bottom"] > PHONE["height"] / 2, "the note box is not in the thumb's half"
    expect(phone.locator("#composer [data-prompt]")).not_to_be_empty()
    # One privacy line, whose "why" leads to the reason.
    expect(phone.get_by_text(re.compile("identif(y|ies) a patient"))).to_have_count(1)
    phone.get_by_role("link", name="Why?").click()
    expect(phone.locator("#privacy-why")).to_be_in_viewport()
    phone.evaluate("scrollTo(0, 0)")
    screenshot(phone, "phone-360x640-first-screen")

    # The board chooser shows the current board; Switch opens the choices, Done closes them.
    current = phone.locator("[data-board-name]")
    open_boards = [b for b in demo["boards"] if b["open"]]
    expect(current).to_have_text(open_boards[0]["title"])
    choices = phone.locator("fieldset[data-choice=board]")
    expect(choices).to_be_hidden()
    switch = phone.get_by_role("button", name="Switch")
    expect(switch).to_have_attribute("aria-expanded", "false")
    switch.tap()
    expect(choices).to_be_visible()
    expect(phone.get_by_role("button", name="Done")).to_have_attribute("aria-expanded", "true")
    choices.locator("label.choice", has_text=open_boards[1]["title"]).tap()
    expect(current).to_have_text(open_boards[1]["title"])
    phone.get_by_role("button", name="Done").tap()
    expect(choices).to_be_hidden()

    # An empty Send: the box is focused and marked, the error is its description, and typing clears it.
    phone.locator("#composer .send").tap()
    box = phone.locator("#note-text")
    expect(box).to_be_focused()
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(phone.locator("#composer-error")).to_have_text("Write something before sending.")
    expect(box).to_have_accessible_description(re.compile("Write something before sending"))
    screenshot(phone, "phone-360x640-empty-send")
    box.press_sequentially("M")
    expect(phone.locator("#composer-error")).to_be_hidden()
    expect(box).not_to_have_attribute("aria-invalid", "true")


def test_the_live_region_speaks_sparingly(page_factory, live_server, demo):
    phone = page_factory(PHONE, name="phone", has_touch=True, is_mobile=True)
    join_as_attendee(phone, live_server, demo["join_code"])
    wait_until_live(phone)
    announcer = phone.locator("#announcer")
    expect(announcer).to_have_attribute("role", "status")
    expect(announcer).to_be_empty()  # arriving and connecting is not news

    # The counter: silent for most of the note, then told as each step near the limit is crossed.
    limit = int(phone.locator("#note-text").get_attribute("maxlength"))
    phone.locator("#note-text").fill("x" * (limit - 100))
    phone.locator("#note-text").press("x")
    phone.wait_for_timeout(100)
    expect(announcer).to_be_empty()
    expect(phone.locator("#note-count")).to_have_attribute("aria-hidden", "true")
    phone.locator("#note-text").fill("x" * (limit - 21))
    phone.locator("#note-text").press("x")
    expect(announcer).to_have_text("20 characters left.")
    phone.locator("#note-text").fill("")

    # Three notes from others on the board the phone is on: one sentence, not three interruptions.
    board = next(b for b in demo["boards"] if b["open"])
    NotePoster(live_server, demo).post(board, 3)
    expect(announcer).to_have_text(f"3 new notes on {board['title']}.", timeout=10_000)

    # The connection is told when it changes.
    phone.context.set_offline(True)
    expect(announcer).to_have_text(re.compile("^(Offline|Reconnecting)"), timeout=10_000)
    phone.context.set_offline(False)
    expect(announcer).to_have_text("Connected. Notes are sent at once.", timeout=15_000)


def test_favicon_and_manifest_make_it_installable(live_server):
    icon = requests.get(f"{live_server.base_url}/favicon.ico", timeout=5)
    assert icon.status_code == 200 and icon.headers["Content-Type"] == "image/x-icon" and icon.content
    manifest = requests.get(f"{live_server.base_url}/manifest.webmanifest", timeout=5)
    assert manifest.status_code == 200 and manifest.headers["Content-Type"].startswith("application/manifest+json")
    body = manifest.json()
    assert body["start_url"] == "/attend" and body["display"] == "standalone"
    sizes = {icon["sizes"] for icon in body["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for entry in body["icons"]:
        image = requests.get(live_server.base_url + entry["src"], timeout=5)
        assert image.status_code == 200 and image.headers["Content-Type"] == "image/png"
    page = requests.get(f"{live_server.base_url}/join/{live_server.demo()['join_code']}", timeout=5).text
    assert 'rel="manifest"' in page and 'rel="icon"' in page
