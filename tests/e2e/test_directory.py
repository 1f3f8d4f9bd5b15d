"""The link workers' directory in a real browser: the organiser hands out the link, a link worker searches
and filters by need, and the page prints."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.helpers import sign_in_organiser

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
