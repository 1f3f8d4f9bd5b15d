"""The foundation loop in a real browser: phone and tablet post, the projector shows it live, nothing leaks.

Every page here is watched by ``page_factory`` (no foreign hosts, no page errors, no CSP violations, no dialogs),
and every test leaves screenshots under test-artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, PROJECTOR, TABLET
from tests.e2e.helpers import (
    LIVE_TIMEOUT_MS,
    assert_not_reloaded,
    board,
    choose,
    join_as_attendee,
    mark_page,
    projector_note,
    section_note,
    show_on_projector,
    sign_in_organiser,
    wait_until_live,
    write_and_send,
)

pytestmark = [pytest.mark.browser, pytest.mark.live]


@pytest.fixture
def projector_on(page_factory, live_server, demo):
    """projector_on(board_title) -> the projector page, opened first, then switched by the organiser's form."""

    def open_projector(board_title: str):
        projector = page_factory(viewport=PROJECTOR, name="projector")
        projector.goto(f"{live_server.base_url}/p/{demo['projector_token']}")
        wait_until_live(projector)
        mark_page(projector)
        organiser = page_factory(viewport=DESKTOP, name="organiser")
        sign_in_organiser(organiser, live_server)
        show_on_projector(organiser, live_server, demo["workshop_id"], board_title)
        expect(projector.locator("#board-title")).to_have_text(board_title, timeout=LIVE_TIMEOUT_MS)
        return projector

    return open_projector


def test_attendee_phone_note_reaches_projector_without_reload(
    page_factory, live_server, demo, projector_on, screenshot
):
    projector = projector_on("Solutions")
    phone = page_factory(viewport=PHONE, name="phone", has_touch=True)
    join_as_attendee(phone, live_server, demo["join_code"], name="Priya")
    expect(phone.get_by_role("heading", name="Add a note, Priya")).to_be_visible()
    wait_until_live(phone)
    choose(phone, "board", "Solutions")
    choose(phone, "section", "Funding")
    screenshot(phone, "01-phone-viewport")
    screenshot(phone, "01-phone-composer", full_page=True)

    text = "Small grants for community choirs"
    write_and_send(phone, text)
    mine = phone.locator("#my-notes li", has_text=text)
    expect(mine).to_have_attribute("data-state", "sent", timeout=LIVE_TIMEOUT_MS)
    expect(mine.locator(".note-state")).to_have_text("Sent")
    expect(phone.locator("#board-notes .note", has_text=text)).to_have_count(1)
    screenshot(phone, "01-phone-sent", full_page=True)

    shown = section_note(projector, "Funding", text)
    expect(shown).to_have_count(1, timeout=LIVE_TIMEOUT_MS)
    expect(projector_note(projector, text)).to_have_count(1)
    expect(shown.locator(".note-author")).to_have_text("Priya")
    assert_not_reloaded(projector)
    screenshot(projector, "01-projector-solutions")


def test_facilitator_tablet_posts_with_section_and_perspective(
    page_factory, live_server, demo, projector_on, screenshot
):
    projector = projector_on("Tree of understanding")
    group = demo["groups"][2]
    tablet = page_factory(viewport=TABLET, name="tablet", has_touch=True)
    tablet.goto(f"{live_server.base_url}/f/{group['token']}")
    expect(tablet.locator(".group-name")).to_contain_text(group["name"])
    wait_until_live(tablet)
    choose(tablet, "board", "Tree of understanding")
    choose(tablet, "section", "Enablers")
    choose(tablet, "perspective", "Cultural providers")
    text = "Regular drop-in sessions where link workers meet artists"
    tablet.locator("#note-text").fill(text)
    screenshot(tablet, "02-tablet-composer", full_page=True)
    tablet.get_by_role("button", name="Post note").click()

    tree = board(demo, "Tree of understanding")
    enablers = next(s for s in tree["sections"] if s["name"] == "Enablers")
    mine = tablet.locator(f'#group-notes [data-section-id="{enablers["id"]}"] .note', has_text=text)
    expect(mine).to_have_count(1, timeout=LIVE_TIMEOUT_MS)
    expect(mine.locator(".perspective-tag")).to_have_text("Cultural providers")
    expect(mine.locator(".group-badge")).to_have_text(group["name"])
    expect(tablet.locator("#note-text")).to_have_value("")
    screenshot(tablet, "02-tablet-posted", full_page=True)

    shown = section_note(projector, "Enablers", text)
    expect(shown).to_have_count(1, timeout=LIVE_TIMEOUT_MS)
    # The projector may shorten the perspective to its initials beside a legend; the full name stays on it.
    expect(shown.locator(".perspective-tag")).to_have_attribute("title", "Cultural providers")
    expect(shown.locator(".group-badge")).to_have_text(group["name"])
    expect(section_note(projector, "Barriers", text)).to_have_count(0)
    expect(projector_note(projector, text)).to_have_count(1)
    assert_not_reloaded(projector)
    screenshot(projector, "02-projector-tree")


HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script><b>bold</b> & "quotes"'


def test_html_in_a_note_is_literal_text_everywhere(page_factory, live_server, demo, projector_on, screenshot):
    """A note full of markup is shown character for character; a dialog (alert) would fail the test."""
    projector = projector_on("Research ideas")
    phone = page_factory(viewport=PHONE, name="phone", has_touch=True)
    join_as_attendee(phone, live_server, demo["join_code"])
    wait_until_live(phone)
    choose(phone, "board", "Research ideas")
    write_and_send(phone, HOSTILE + " (phone)")
    tablet = page_factory(viewport=TABLET, name="tablet", has_touch=True)
    tablet.goto(f"{live_server.base_url}/f/{demo['groups'][0]['token']}")
    wait_until_live(tablet)
    choose(tablet, "board", "Research ideas")
    write_and_send(tablet, HOSTILE + " (tablet)")

    from_phone, from_tablet = f"{HOSTILE} (phone)", f"{HOSTILE} (tablet)"
    expected = {
        "phone, your notes": (phone.locator("#my-notes"), [from_phone]),
        "phone, the board": (phone.locator("#board-notes"), [from_phone, from_tablet]),
        "tablet, the group's notes": (tablet.locator("#group-notes"), [from_tablet]),
        "projector": (projector.locator("#board"), [from_phone, from_tablet]),
    }
    for where, (container, texts) in expected.items():
        for text in texts:
            shown = container.locator(".note-text", has_text=text[-10:])
            expect(shown, where).to_have_count(1, timeout=LIVE_TIMEOUT_MS)
            assert shown.text_content() == text, where
    for page in (phone, tablet, projector):
        # Nothing in any note became an element, and the img with its onerror never existed.
        assert page.locator(".note-text *").count() == 0
        assert page.locator('img[src="x"], script:not([src]):not([type="application/json"])').count() == 0
    screenshot(phone, "03-phone-literal", full_page=True)
    screenshot(tablet, "03-tablet-literal", full_page=True)
    screenshot(projector, "03-projector-literal")


def _go_offline(phone):
    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_have_attribute(
        "data-status", re.compile("offline|reconnecting"), timeout=LIVE_TIMEOUT_MS
    )


def wait_until_live_again(page):
    """Socket.IO's back-off after a drop is at most five seconds, plus jitter."""
    expect(page.locator("#connection")).to_have_attribute("data-status", "online", timeout=15_000)


def test_outbox_sends_a_note_written_offline_once_back_online(
    page_factory, live_server, demo, projector_on, screenshot
):
    projector = projector_on("Washing line of knowledge")
    phone = page_factory(viewport=PHONE, name="phone", has_touch=True)
    join_as_attendee(phone, live_server, demo["join_code"], name="Ola")
    wait_until_live(phone)
    choose(phone, "board", "Washing line of knowledge")
    _go_offline(phone)
    text = "Written in the basement with no signal"
    write_and_send(phone, text)
    mine = phone.locator("#my-notes li", has_text=text)
    expect(mine).to_have_attribute("data-state", "sending")
    expect(mine.locator(".note-state")).to_contain_text("Sending…")
    screenshot(phone, "04-phone-offline-sending", full_page=True)
    expect(projector_note(projector, text)).to_have_count(0)

    phone.context.set_offline(False)
    wait_until_live_again(phone)
    expect(mine).to_have_attribute("data-state", "sent", timeout=LIVE_TIMEOUT_MS)
    expect(mine.locator(".note-state")).to_have_text("Sent")
    expect(phone.locator("#board-notes .note", has_text=text)).to_have_count(1)
    expect(projector_note(projector, text)).to_have_count(1, timeout=LIVE_TIMEOUT_MS)
    screenshot(phone, "04-phone-back-online", full_page=True)
    screenshot(projector, "04-projector-washing-line")
    phone.wait_for_timeout(500)  # a duplicate delivery would arrive in this time
    expect(projector_note(projector, text)).to_have_count(1)


def test_outbox_keeps_an_offline_note_across_a_reload(page_factory, live_server, demo, projector_on, screenshot):
    projector = projector_on("Current cultural provision")
    phone = page_factory(viewport=PHONE, name="phone", has_touch=True)
    join_as_attendee(phone, live_server, demo["join_code"])
    wait_until_live(phone)
    choose(phone, "board", "Current cultural provision")
    _go_offline(phone)
    text = "Museum handling sessions in GP waiting rooms"
    write_and_send(phone, text)
    expect(phone.locator("#my-notes li", has_text=text)).to_have_attribute("data-state", "sending")
    stored = phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('fb-outbox:'))")
    assert stored, "the outbox is not in localStorage"

    phone.context.set_offline(False)
    phone.reload()
    mine = phone.locator("#my-notes li", has_text=text)
    expect(mine).to_have_count(1)
    wait_until_live(phone)
    expect(mine).to_have_attribute("data-state", "sent", timeout=LIVE_TIMEOUT_MS)
    expect(projector_note(projector, text)).to_have_count(1, timeout=LIVE_TIMEOUT_MS)
    phone.reload()
    expect(phone.locator("#my-notes li", has_text=text)).to_have_count(1)
    choose(phone, "board", "Current cultural provision")
    expect(phone.locator("#board-notes .note", has_text=text)).to_have_count(1)
    phone.wait_for_timeout(500)
    expect(projector_note(projector, text)).to_have_count(1)
    screenshot(phone, "04-phone-after-reload", full_page=True)


def test_organiser_creates_a_workshop_from_the_template_and_sees_every_link(page_factory, live_server, screenshot):
    page = page_factory(viewport=DESKTOP, name="organiser")
    sign_in_organiser(page, live_server)
    screenshot(page, "05-organiser-dashboard", full_page=True)
    page.get_by_label("Oxford 2022 knowledge exchange").check()
    page.get_by_role("button", name="Create workshop").click()
    expect(page.locator("h1.page-title")).to_have_text("Social prescribing and the cultural sector: knowledge exchange")

    page.locator("#title").fill("Knowledge exchange, Leeds 2024")
    page.locator("#title").press("Tab")  # the editor saves a field when it changes
    expect(page.locator("form[data-autosave=details] .save-state")).to_have_text(re.compile("^Saved"))
    page.reload()
    expect(page.locator("h1.page-title")).to_have_text("Knowledge exchange, Leeds 2024")

    page.locator("#new-agenda-time").fill("16:45")
    page.locator("#new-agenda-title").fill("Drinks in the foyer")
    page.get_by_role("button", name="Add to agenda").click()
    expect(page.locator("#agenda .edit-list input[value='Drinks in the foyer']")).to_have_count(1)

    links = page.locator("#links")
    facilitator_links = links.locator(".facilitator-links a")
    expect(facilitator_links).to_have_count(6)
    hrefs = facilitator_links.evaluate_all("links => links.map(a => a.href)")
    assert len(set(hrefs)) == 6 and all(re.search(r"/f/f_[\w-]+$", href) for href in hrefs), hrefs

    page.locator("#new-group-name").fill("Group 7")
    page.get_by_role("button", name="Add group").click()
    expect(page.locator("#groups .edit-list input[value='Group 7']")).to_have_count(1)
    expect(facilitator_links).to_have_count(7)

    code = links.locator(".join-code").text_content().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code), code
    expect(links.locator(f'a[href$="/join/{code}"]')).to_have_text(re.compile(f"/join/{code}$"))
    qr = links.locator("img.qr")
    qr.scroll_into_view_if_needed()
    expect(qr).to_have_js_property("complete", True)
    assert qr.evaluate("img => img.naturalWidth") > 0, "the QR code image did not load"
    projector_link = links.locator('a[href*="/p/p_"]')
    expect(projector_link).to_have_count(1)
    screenshot(page, "05-organiser-workshop", full_page=True)

    # The links work: the projector shows the new title and the join code.
    projector = page_factory(viewport=PROJECTOR, name="projector")
    projector.goto(projector_link.get_attribute("href"))
    expect(projector.locator("#workshop-title")).to_have_text("Knowledge exchange, Leeds 2024")
    expect(projector.locator(".join-code")).to_have_text(code)
    wait_until_live(projector)
    screenshot(projector, "05-projector-welcome")
    tablet = page_factory(viewport=TABLET, name="tablet", has_touch=True)
    tablet.goto(facilitator_links.last.get_attribute("href"))
    expect(tablet.locator(".group-name")).to_contain_text("Group 7")
    wait_until_live(tablet)
    screenshot(tablet, "05-tablet-new-group")


def test_a_board_closed_to_attendees_is_not_offered_on_the_phone(page_factory, live_server, demo, screenshot):
    tree = board(demo, "Tree of understanding")
    assert tree["open"] is False
    phone = page_factory(viewport=PHONE, name="phone", has_touch=True)
    join_as_attendee(phone, live_server, demo["join_code"])
    wait_until_live(phone)
    offered = phone.locator("fieldset[data-choice=board] label.choice").all_text_contents()
    expected = [b["title"] for b in demo["boards"] if b["open"]]
    assert offered == expected
    assert "Tree of understanding" not in offered
    expect(phone.locator(f"fieldset[data-choice=board] input[value='{tree['id']}']")).to_have_count(0)
    screenshot(phone, "06-phone-boards-offered", full_page=True)

    # The server refuses it too, whatever a hand-made client sends.
    refused = phone.evaluate(
        """async ([workshopId, boardId, sectionId]) => {
            const response = await fetch(`/api/v1/workshops/${workshopId}/notes`, {
              method: "POST",
              headers: {"Content-Type": "application/json", "Authorization": `Bearer ${
                JSON.parse(document.getElementById("page-state").textContent).token}`},
              body: JSON.stringify({board_id: boardId, section_id: sectionId, text: "sneaking in",
                                    client_id: "sneak-0001"}),
            });
            return {status: response.status, body: await response.json()};
        }""",
        [demo["workshop_id"], tree["id"], tree["sections"][0]["id"]],
    )
    assert refused["status"] in (403, 409, 422), refused
    assert refused["body"]["ok"] is False and refused["body"]["code"], refused
