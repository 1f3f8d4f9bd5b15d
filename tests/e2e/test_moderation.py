"""Moderation and dot voting in Chromium: the queue on a pre-moderated board, approval reaching the projector,
two tablets editing one note, and dot voting on two phones with the organiser revealing the tallies.

Every page is watched by ``page_factory`` (no foreign hosts, page errors, CSP violations or dialogs) and each
test leaves screenshots under test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, PROJECTOR, TABLET
from tests.e2e.helpers import (
    LIVE_TIMEOUT_MS,
    choose,
    join_as_attendee,
    projector_note,
    show_on_projector,
    sign_in_organiser,
    wait_until_live,
    write_and_send,
)

pytestmark = [pytest.mark.browser, pytest.mark.live]


@pytest.fixture
def organiser(page_factory, live_server, demo):
    """The organiser signed in, on the moderation page, live."""
    page = page_factory(viewport=DESKTOP, name="organiser")
    sign_in_organiser(page, live_server)
    page.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}")
    page.get_by_role("link", name="Moderation and voting").click()
    expect(page.get_by_role("heading", name="Moderation and voting")).to_be_visible()
    wait_until_live(page)
    return page


@pytest.fixture
def projector(page_factory, live_server, demo):
    def open_on(board_title):
        page = page_factory(viewport=PROJECTOR, name="projector")
        page.goto(f"{live_server.base_url}/p/{demo['projector_token']}")
        wait_until_live(page)
        control = page_factory(viewport=DESKTOP, name="organiser-projector")
        sign_in_organiser(control, live_server)
        show_on_projector(control, live_server, demo["workshop_id"], board_title)
        expect(page.locator("#board-title")).to_have_text(board_title, timeout=LIVE_TIMEOUT_MS)
        return page

    return open_on


def tablet_for(page_factory, live_server, group, name="tablet"):
    page = page_factory(viewport=TABLET, name=name, has_touch=True)
    page.goto(f"{live_server.base_url}/f/{group['token']}")
    wait_until_live(page)
    return page


def set_mode(organiser, board_title, label):
    organiser.get_by_label(board_title, exact=True).select_option(label=label)
    expect(organiser.locator("#moderation [data-message]")).to_have_text(re.compile("Board mode saved"))


def phone_on(page_factory, live_server, demo, board_title, name):
    phone = page_factory(viewport=PHONE, name=name, has_touch=True)
    join_as_attendee(phone, live_server, demo["join_code"], name=name.capitalize())
    wait_until_live(phone)
    choose(phone, "board", board_title)
    return phone


def test_premoderated_note_waits_for_the_facilitator_then_reaches_the_projector(
    page_factory, live_server, demo, organiser, projector, screenshot
):
    screen = projector("Solutions")
    set_mode(organiser, "Solutions", "Pre-moderated")
    tablet = tablet_for(page_factory, live_server, demo["groups"][0])
    choose(tablet, "board", "Solutions")
    phone = phone_on(page_factory, live_server, demo, "Solutions", "priya")
    expect(phone.locator("#board-mode")).to_have_text(re.compile("checked by a facilitator"))
    expect(phone.locator("#note-privacy")).to_contain_text("identify a patient or client")
    text = "Arts on prescription taster days at the museum"

    write_and_send(phone, text)

    mine = phone.locator("#my-notes li", has_text=text)
    expect(mine.locator(".note-state")).to_have_text("Waiting for approval", timeout=LIVE_TIMEOUT_MS)
    queued = tablet.locator("#moderation [data-list=queue] .mod-note", has_text=text)
    expect(queued).to_have_count(1, timeout=LIVE_TIMEOUT_MS)
    expect(projector_note(screen, text)).to_have_count(0)
    expect(phone.locator("#board-notes .note", has_text=text)).to_have_count(0)
    screenshot(phone, "mod-01-phone-waiting", full_page=True)
    screenshot(tablet, "mod-01-tablet-queue", full_page=True)
    screenshot(screen, "mod-01-projector-before-approval")

    queued.get_by_role("button", name="Approve").click()

    expect(projector_note(screen, text)).to_have_count(1, timeout=LIVE_TIMEOUT_MS)
    expect(queued).to_have_count(0)
    expect(mine.locator(".note-state")).to_have_text("Sent", timeout=LIVE_TIMEOUT_MS)
    expect(phone.locator("#board-notes .note", has_text=text)).to_have_count(1)
    screenshot(screen, "mod-01-projector-after-approval")
    set_mode(organiser, "Solutions", "Open")


def test_two_tablets_editing_one_note_show_a_conflict_not_an_overwrite(page_factory, live_server, demo, screenshot):
    group = demo["groups"][1]
    first = tablet_for(page_factory, live_server, group, "tablet-a")
    second = tablet_for(page_factory, live_server, group, "tablet-b")
    for tablet in (first, second):
        choose(tablet, "board", "Washing line of knowledge")
    write_and_send(first, "Dance class for people with Parkinsons")
    items = [t.locator("#moderation [data-list=board] .mod-note", has_text="Dance class") for t in (first, second)]
    for item in items:
        expect(item).to_have_count(1, timeout=LIVE_TIMEOUT_MS)
        item.get_by_role("button", name="Edit").click()

    first.get_by_label("New wording").fill("Dance classes for people with Parkinson's")
    first.get_by_role("button", name="Save wording").click()
    expect(first.locator("#moderation [data-message]")).to_have_text("Wording saved.")
    second.get_by_label("New wording").fill("Dance for Parkinson's (weekly)")
    second.get_by_role("button", name="Save wording").click()

    conflict = second.locator(".mod-conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator("blockquote")).to_have_text("Dance classes for people with Parkinson's")
    expect(second.get_by_label("New wording")).to_have_value("Dance for Parkinson's (weekly)")
    screenshot(second, "mod-02-tablet-conflict", full_page=True)

    conflict.get_by_role("button", name="Save my wording instead").click()
    expect(first.locator("#group-notes .note", has_text="Dance for Parkinson's (weekly)")).to_have_count(
        1, timeout=LIVE_TIMEOUT_MS
    )


def test_dot_voting_on_two_phones_with_the_allowance_enforced_and_tallies_revealed(
    page_factory, live_server, demo, organiser, projector, screenshot
):
    screen = projector("Solutions")
    organiser.locator("#round-board").select_option(label="Solutions")
    organiser.locator("#round-votes").fill("2")
    organiser.get_by_role("button", name="Open a voting round").click()
    expect(organiser.locator("#voting-message")).to_have_text("Voting is open on the phones.")

    first = phone_on(page_factory, live_server, demo, "Solutions", "ana")
    second = phone_on(page_factory, live_server, demo, "Solutions", "ben")
    expect(first.locator("#voting-status")).to_contain_text("2 of 2 dots left")
    cards = first.locator("#board-notes .note")
    expect(cards.first.locator("button.vote-toggle")).to_be_visible()
    favourite = cards.nth(0).locator(".note-text").inner_text()

    cards.nth(0).locator("button.vote-toggle").click()
    expect(first.locator("#voting-status")).to_contain_text("1 of 2 dots left")
    cards.nth(1).locator("button.vote-toggle").click()
    expect(first.locator("#voting-status")).to_contain_text("0 of 2 dots left")
    third = cards.nth(2).locator("button.vote-toggle")
    expect(third).to_be_disabled()
    # Past the allowance the server refuses, whatever the page allows: re-enable the button and try.
    third.evaluate("button => { button.disabled = false; }")
    third.click()
    expect(first.locator("#voting-status")).to_contain_text("used all your votes")
    screenshot(first, "mod-03-phone-no-dots-left", full_page=True)
    # Tap again to take a dot back.
    cards.nth(1).locator("button.vote-toggle").click()
    expect(first.locator("#voting-status")).to_contain_text("1 of 2 dots left")

    second.locator("#board-notes .note").nth(0).locator("button.vote-toggle").click()
    expect(second.locator("#voting-status")).to_contain_text("1 of 2 dots left")
    expect(screen.locator("#board .note-votes")).to_have_count(0)
    screenshot(screen, "mod-03-projector-tallies-hidden")

    round_item = organiser.locator("#rounds .round[data-status=open]").first
    expect(round_item.locator(".round-facts")).to_contain_text("2 cast by 2 people", timeout=LIVE_TIMEOUT_MS)
    round_item.get_by_role("button", name="Reveal tallies").click()

    counted = screen.locator("#board .note", has_text=favourite).locator(".note-votes")
    expect(counted).to_have_text(re.compile(r"2 votes"), timeout=LIVE_TIMEOUT_MS)
    screenshot(screen, "mod-03-projector-tallies-revealed")

    organiser.locator("#rounds .round[data-status=open]").first.get_by_role("button", name="Close round").click()
    closed = organiser.locator("#rounds .round[data-status=closed]").first
    expect(closed.locator(".round-result li").first).to_contain_text(favourite, timeout=LIVE_TIMEOUT_MS)
    expect(first.locator("#voting")).to_be_hidden(timeout=LIVE_TIMEOUT_MS)
    screenshot(organiser, "mod-03-organiser-result", full_page=True)
