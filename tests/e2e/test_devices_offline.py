"""Every page works from the one laptop: no request leaves 127.0.0.1; phones and tablets never scroll sideways.

page_factory (tests/e2e/conftest.py) records every request and websocket of each page and fails the test at
teardown if one went to another host; the assertions here also check it directly, so the test says what it
guards. Sizes: phones 360x640 and 390x844, tablets 768x1024 and 1024x768, projector 1920x1080.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import join_as_attendee, sign_in_organiser, wait_until_live

pytestmark = [pytest.mark.browser, pytest.mark.live]

PHONES = [{"width": 360, "height": 640}, {"width": 390, "height": 844}]
TABLETS = [{"width": 768, "height": 1024}, {"width": 1024, "height": 768}]
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def assert_stayed_local(page) -> None:
    assert page.watch.requests, "no request was recorded at all"
    assert page.watch.foreign_requests() == []


def test_every_page_stays_on_this_laptop(live_server, page_factory):
    demo = live_server.demo()
    phone = page_factory(viewport=PHONES[0], name="phone", is_mobile=True, has_touch=True)
    join_as_attendee(phone, live_server, demo["join_code"], "Ana")
    wait_until_live(phone)

    tablet = page_factory(viewport=TABLETS[1], name="tablet", has_touch=True)
    tablet.goto(f"{live_server.base_url}/f/{demo['groups'][0]['token']}")
    wait_until_live(tablet)

    projector = page_factory(viewport={"width": 1920, "height": 1080}, name="projector")
    projector.goto(f"{live_server.base_url}/p/{demo['projector_token']}")
    wait_until_live(projector)

    organiser = page_factory(name="organiser")
    sign_in_organiser(organiser, live_server)
    organiser.goto(f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}")
    organiser.get_by_role("link", name="Projector controls").click()
    expect(organiser.get_by_role("heading", name="Projector controls")).to_be_visible()

    for page in (phone, tablet, projector, organiser):
        assert_stayed_local(page)


@pytest.mark.parametrize("viewport", PHONES, ids=lambda v: f"{v['width']}x{v['height']}")
def test_phone_never_scrolls_sideways(live_server, page_factory, viewport):
    demo = live_server.demo()
    phone = page_factory(viewport=viewport, name=f"phone-{viewport['width']}", is_mobile=True, has_touch=True)
    join_as_attendee(phone, live_server, demo["join_code"], "Ana")
    wait_until_live(phone)
    # The longest board names and prompts of the Oxford day are on the page; nothing may push it wider.
    assert phone.evaluate(SIDEWAYS) <= 0
    body_size = phone.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body_size >= 16


@pytest.mark.parametrize("viewport", TABLETS, ids=lambda v: f"{v['width']}x{v['height']}")
def test_tablet_never_scrolls_sideways(live_server, page_factory, viewport):
    demo = live_server.demo()
    tablet = page_factory(viewport=viewport, name=f"tablet-{viewport['width']}", has_touch=True)
    tablet.goto(f"{live_server.base_url}/f/{demo['groups'][0]['token']}")
    wait_until_live(tablet)
    assert tablet.evaluate(SIDEWAYS) <= 0
