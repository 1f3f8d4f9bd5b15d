"""The end of the day in a real browser: a phone answers the questionnaire and the projector's chart moves;
the organiser sees live results and reviews comments; the mailing-list form needs its box ticked.

Screenshots go to test-artifacts/screenshots/evaluation/ for a person to look at.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, PROJECTOR
from tests.e2e.helpers import (
    LIVE_TIMEOUT_MS,
    assert_not_reloaded,
    join_as_attendee,
    mark_page,
    sign_in_organiser,
    wait_until_live,
)

pytestmark = [pytest.mark.browser, pytest.mark.live]

ENJOYMENT = "How much did you enjoy the day?"


def shot(screenshot, page, name, full_page=False):
    return screenshot(page, f"evaluation/{name}", full_page=full_page)


def figure(page, prompt):
    return page.locator("figure.result", has=page.locator(".result-prompt", has_text=prompt))


def bar_height(page, prompt, score) -> float:
    return float(figure(page, prompt).locator(f"rect[data-score='{score}']").get_attribute("height"))


def rate(phone, prompt, score):
    """Tap a score's big label, as a thumb would (the radio itself is visually hidden)."""
    group = phone.get_by_role("group", name=re.compile(re.escape(prompt)))
    group.locator("label.answer-choice").nth(score - 1).click()
    expect(group.get_by_role("radio", name=re.compile(f"^{score}"))).to_be_checked()


def show_evaluation_on_projector(page_factory, live_server, demo):
    organiser = page_factory(viewport=DESKTOP, name="organiser")
    sign_in_organiser(organiser, live_server)
    organiser.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}/projector-control")
    organiser.get_by_label("The evaluation").check()
    organiser.get_by_role("button", name="Show on the projector").click()
    return organiser


def test_phone_answers_and_the_projector_chart_changes(page_factory, live_server, demo, screenshot):
    projector = page_factory(viewport=PROJECTOR, name="projector")
    projector.goto(f"{live_server.base_url}/p/{demo['projector_token']}")
    wait_until_live(projector)
    mark_page(projector)
    organiser = show_evaluation_on_projector(page_factory, live_server, demo)

    enjoyment = figure(projector, ENJOYMENT)
    expect(enjoyment.locator("figcaption")).to_have_text(
        re.compile(r"^n = 34 · average 4\.8 / 5$"), timeout=LIVE_TIMEOUT_MS
    )
    expect(figure(projector, "continue the learning").locator("rect[data-count='28']")).to_have_count(1)
    expect(figure(projector, "What worked well").locator(".chart-comment").first).to_be_visible()
    low_bar_before = bar_height(projector, ENJOYMENT, 1)
    assert low_bar_before == 0
    shot(screenshot, projector, "01-projector-before")

    phone = page_factory(viewport=PHONE, name="phone")
    join_as_attendee(phone, live_server, demo["join_code"])
    phone.get_by_role("link", name="Evaluation questionnaire").click()
    expect(phone.get_by_role("heading", name="How was today?")).to_be_visible()
    wait_until_live(phone)
    shot(screenshot, phone, "02-phone-questionnaire", full_page=True)

    # Sending without the required ratings is stopped on the phone at the question itself: it is scrolled to,
    # its first choice focused (so its label and the error are read out), and the error goes once it is answered.
    phone.get_by_role("button", name="Send my answers").click()
    enjoy = phone.get_by_role("group", name=re.compile(re.escape(ENJOYMENT)))
    expect(enjoy.locator(".question-error")).to_have_text("Please answer this question.")
    expect(enjoy.get_by_role("radio").first).to_be_focused()
    expect(enjoy.get_by_role("radio").first).to_be_in_viewport()
    rate(phone, ENJOYMENT, 1)
    expect(enjoy.locator(".question-error")).to_have_count(0)
    # The ends are named in words, for eyes and for screen readers.
    expect(enjoy.get_by_role("radio", name="1 Not at all")).to_be_checked()
    expect(enjoy.get_by_role("radio", name="5 Very much")).not_to_be_checked()
    expect(enjoy.locator(".rating-ends")).to_have_text("1 = Not at all5 = Very much")
    rate(phone, "able to contribute", 4)
    rate(phone, "key aim", 5)
    phone.get_by_text("Arranging one-to-one follow-ups with people met on the day").click()
    phone.get_by_role("group", name=re.compile("new connections")).get_by_text("Yes").click()
    phone.get_by_label("What worked well today?").fill("Trying the dance session 💃 — très bien")
    shot(screenshot, phone, "03-phone-filled", full_page=True)
    phone.get_by_role("button", name="Send my answers").click()
    expect(phone.locator("#evaluation-status")).to_contain_text("Your answers are saved", timeout=LIVE_TIMEOUT_MS)
    expect(phone.get_by_role("button", name="Update my answers")).to_be_visible()

    # The projector: n goes up, the "1" bar grows from nothing, no reload.
    expect(enjoyment.locator("figcaption")).to_have_text(
        re.compile(r"^n = 35 · average 4\.7 / 5$"), timeout=LIVE_TIMEOUT_MS
    )
    expect(enjoyment.locator("rect[data-score='1']")).to_have_attribute("data-count", "1")
    assert bar_height(projector, ENJOYMENT, 1) > low_bar_before
    expect(projector.locator(".evaluation-count")).to_have_text("35 responses")
    # The comment waits for review: it is not on the projector.
    expect(projector.get_by_text("Trying the dance session")).to_have_count(0)
    assert_not_reloaded(projector)
    shot(screenshot, projector, "04-projector-after")

    # Changing an answer moves the chart again, still one response from this phone.
    rate(phone, ENJOYMENT, 5)
    phone.get_by_role("button", name="Update my answers").click()
    expect(enjoyment.locator("figcaption")).to_have_text(
        re.compile(r"^n = 35 · average 4\.8 / 5$"), timeout=LIVE_TIMEOUT_MS
    )
    expect(enjoyment.locator("rect[data-score='1']")).to_have_attribute("data-count", "0")

    # The organiser approves the comment; it appears on the projector.
    organiser.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}/evaluation")
    wait_until_live(organiser)
    expect(organiser.locator("#response-count")).to_have_text("35")
    item = organiser.locator(".review-item", has_text="Trying the dance session")
    expect(item).to_have_attribute("data-moderation", "pending")
    shot(screenshot, organiser, "05-organiser-results", full_page=True)
    item.get_by_role("button", name=re.compile("^Approve")).click()
    expect(item).to_have_attribute("data-moderation", "approved", timeout=LIVE_TIMEOUT_MS)
    expect(projector.get_by_text("Trying the dance session 💃 — très bien")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    shot(screenshot, projector, "06-projector-comment")

    # Closing freezes the phone's form.
    organiser.get_by_role("button", name="Close the questionnaire").click()
    expect(phone.locator("#evaluation-status")).to_contain_text("has closed", timeout=LIVE_TIMEOUT_MS)
    expect(phone.get_by_role("button", name="Update my answers")).to_be_disabled()
    expect(projector.locator(".evaluation-count")).to_have_text("35 responses · closed", timeout=LIVE_TIMEOUT_MS)
    shot(screenshot, phone, "07-phone-closed")
    organiser.get_by_role("button", name=re.compile("Reopen")).click()
    expect(phone.get_by_role("button", name="Update my answers")).to_be_enabled(timeout=LIVE_TIMEOUT_MS)


def test_signup_form_needs_consent_and_reaches_the_organiser(page_factory, live_server, demo, screenshot):
    phone = page_factory(viewport=PHONE, name="phone")
    join_as_attendee(phone, live_server, demo["join_code"])
    phone.get_by_role("link", name="Join the mailing list").click()
    expect(phone.get_by_role("heading", name="Join the mailing list")).to_be_visible()
    consent = phone.get_by_role("checkbox")
    expect(consent).not_to_be_checked()
    phone.get_by_label("Name", exact=True).fill("Zoë Ó Briain")
    phone.get_by_label("Email", exact=True).fill("zoe@example.org")
    phone.get_by_label(re.compile("^Role")).fill("Link worker")
    phone.get_by_label(re.compile("^Organisation")).fill("=Oxford PCN")
    shot(screenshot, phone, "08-signup-form", full_page=True)
    phone.get_by_role("button", name="Sign up").click()
    # The browser refuses to send without the box ticked: still on the form.
    expect(phone.get_by_role("heading", name="Join the mailing list")).to_be_visible()
    consent.check()
    phone.get_by_role("button", name="Sign up").click()
    expect(phone.get_by_role("heading", name="Thank you")).to_be_visible()
    shot(screenshot, phone, "09-signup-done")

    organiser = page_factory(viewport=DESKTOP, name="organiser")
    sign_in_organiser(organiser, live_server)
    organiser.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}/evaluation#signups")
    row = organiser.locator(".signup-table tr", has_text="zoe@example.org")
    expect(row).to_contain_text("Zoë Ó Briain")
    with organiser.expect_download() as download_info:
        organiser.get_by_role("link", name="Download sign-ups as CSV").click()
    with open(download_info.value.path(), encoding="utf-8-sig") as downloaded:
        text = downloaded.read()
    assert "Zoë Ó Briain" in text and "'=Oxford PCN" in text
    shot(screenshot, organiser, "10-organiser-signups", full_page=True)
    row.get_by_role("button", name=re.compile("^Erase")).click()
    expect(organiser.locator(".signup-table tr", has_text="zoe@example.org")).to_have_count(0)
