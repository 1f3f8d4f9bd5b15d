"""The link workers' directory in a real browser: the organiser hands out the link, a link worker searches
and filters by need, and the page prints; a facilitator turns a note into an offer card on the tablet, and
the two sides' saves meet the version check."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, TABLET
from tests.e2e.helpers import LIVE_TIMEOUT_MS, choose, sign_in_organiser, wait_until_live
from tests.support.axe import axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.live]


def test_a_link_worker_filters_the_published_offers(live_server, page_factory, screenshot):
    demo = live_server.demo()
    organiser = page_factory(name="organiser")
    sign_in_organiser(organiser, live_server)
    organiser.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}/directory")
    organiser.get_by_role("button", name="Withdraw Networking: monthly online meetings").click()
    expect(organiser.locator(".flash-success")).to_have_text("Withdrawn from the directory.")
    link = organiser.locator("#directory-link").get_attribute("href")
    screenshot(organiser, "directory/organiser", full_page=False)

    worker = page_factory(viewport=PHONE, name="link-worker")
    worker.goto(link)
    expect(worker.locator("#offer-count")).to_have_text("8 offers")
    expect(worker.locator(".offer-card")).not_to_contain_text(["Oxford Youth Partnership"])
    worker.get_by_label("Free or low cost").check()
    worker.get_by_role("button", name="Show offers").click()
    expect(worker.locator("#offer-count")).to_have_text("2 offers")
    expect(worker.locator(".offer-card h2")).to_contain_text(["Libraries", "The Story Museum"])
    screenshot(worker, "directory/link-worker-filtered", full_page=True)
    worker.get_by_role("searchbox", name="Search").fill("story")
    worker.get_by_role("button", name="Show offers").click()
    expect(worker.locator("#offer-count")).to_have_text("1 offer")
    booklet = worker.get_by_role("link", name="Booklet (PDF)").get_attribute("href")
    assert "need=low_cost" in booklet and "q=story" in booklet


KNITTING = "Knitting and crochet circle at the library helped my mum through lockdown"


def test_a_facilitator_turns_a_note_into_a_card_on_the_tablet_and_the_organiser_sees_the_history(
    live_server, demo, page_factory, screenshot
):
    group = demo["groups"][0]
    washing_line = next(b for b in demo["boards"] if b["kind"] == "washing_line")
    tablet = page_factory(viewport=TABLET, name="tablet", has_touch=True)
    tablet.goto(f"{live_server.base_url}/f/{group['token']}")
    wait_until_live(tablet)
    panel = tablet.locator("#offers-panel")
    expect(panel.locator("[data-offers-hint]")).to_be_visible()
    choose(tablet, "board", washing_line["title"])
    note = panel.locator(".offer-note", has_text=KNITTING)
    note.get_by_role("button", name="Make an offer card").click()
    expect(tablet.locator("#offers-status")).to_have_text(f"Offer card made: {KNITTING}.", timeout=LIVE_TIMEOUT_MS)
    expect(note.get_by_role("button", name="Edit the offer card")).to_be_visible()
    editor = tablet.locator("#offer-editor")
    expect(editor.get_by_label("What it is")).to_have_value(KNITTING)
    editor.get_by_label("Cognitive demands").fill("Following a pattern; beginners are shown one stitch at a time")
    editor.get_by_label("Mobility demands").fill("Seated; the library has a lift")
    editor.get_by_label("Suits low mobility").check()
    editor.get_by_label("Speaking for").select_option("Link workers")
    editor.get_by_role("button", name="Save card").click()
    expect(tablet.locator("#offers-status")).to_have_text(f"Saved version 2 of {KNITTING}.", timeout=LIVE_TIMEOUT_MS)
    history = tablet.locator("#offer-history li")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text(f"Version 2 by Facilitator, {group['name']} (Link workers)")
    found = axe_violations(tablet)
    assert not found, describe("facilitator tablet, offer card editor", found)
    screenshot(panel, "gap14/tablet-offer-card")

    # The organiser's directory page shows the facilitator's save, then the organiser saves over it.
    organiser = page_factory(name="organiser")
    sign_in_organiser(organiser, live_server)
    organiser.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}/directory")
    card = organiser.locator("section.panel", has=organiser.get_by_role("heading", name=KNITTING))
    card.get_by_text("History (2 versions)").click()
    expect(card.locator("details ol li").first).to_contain_text(
        f"Version 2 by Facilitator, {group['name']} (Link workers)"
    )
    screenshot(card, "gap14/organiser-history")
    card.get_by_text("Edit the card and its activity analysis").click()
    expect(card.get_by_label("Mobility demands")).to_have_value("Seated; the library has a lift")
    card.get_by_label("Cost", exact=True).fill("Free")
    card.get_by_role("button", name="Save card").click()

    # The tablet still holds version 2: its next save is refused, clearly, until it loads the latest.
    editor.get_by_label("Access notes").fill("Quiet corner available")
    editor.get_by_role("button", name="Save card").click()
    conflict = tablet.locator("#offer-conflict")
    expect(conflict).to_have_text(
        "Someone else saved this card meanwhile; reload it and make your change again.", timeout=LIVE_TIMEOUT_MS
    )
    found = axe_violations(tablet)
    assert not found, describe("facilitator tablet, offer card conflict", found)
    screenshot(panel, "gap14/tablet-offer-conflict")
    editor.get_by_role("button", name="Load the latest version").click()
    expect(editor.get_by_label("Cost", exact=True)).to_have_value("Free")
    expect(conflict).to_be_hidden()
    editor.get_by_label("Access notes").fill("Quiet corner available")
    editor.get_by_role("button", name="Save card").click()
    expect(tablet.locator("#offers-status")).to_have_text(f"Saved version 4 of {KNITTING}.", timeout=LIVE_TIMEOUT_MS)
    expect(history).to_have_count(4)
