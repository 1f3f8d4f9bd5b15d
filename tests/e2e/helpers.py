"""Steps people take in the browser, shared by the Playwright tests: sign in, join, pick, post, show."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.support.live_server import ORGANISER_EMAIL, ORGANISER_PASSWORD, LiveServer

LIVE_TIMEOUT_MS = 5_000  # "within a fraction of a second" in the room; generous here for a loaded CI machine


def sign_in_organiser(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.base_url}/organiser/login")
    page.get_by_label("Email").fill(ORGANISER_EMAIL)
    page.get_by_label("Password").fill(ORGANISER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your workshops")).to_be_visible()


def show_on_projector(organiser_page: Page, server: LiveServer, workshop_id: int, board_title: str) -> None:
    """Switch the projector through PUT /api/v1/workshops/<id>/projector with the signed-in organiser's session.

    The browser's own cookie authenticates, so the request carries the CSRF token from one of the organiser's
    forms, exactly as the organiser's pages would send it.
    """
    organiser_page.goto(f"{server.base_url}/organiser/workshops/{workshop_id}")
    csrf_token = organiser_page.locator("input[name=csrf_token]").first.get_attribute("value")
    state = organiser_page.request.get(f"{server.base_url}/api/v1/workshops/{workshop_id}/state").json()
    boards = state.get("state", state)["structure"]["boards"]
    board_id = next(b["id"] for b in boards if b["title"] == board_title)
    response = organiser_page.request.put(
        f"{server.base_url}/api/v1/workshops/{workshop_id}/projector",
        data={"board_id": board_id},
        headers={"X-CSRFToken": csrf_token, "Referer": organiser_page.url},
    )
    assert response.ok, f"{response.status} {response.text()}"
    assert response.json()["ok"] is True


def join_as_attendee(page: Page, server: LiveServer, join_code: str, name: str = "") -> None:
    page.goto(f"{server.base_url}/join/{join_code}")
    expect(page.get_by_label("Code on the screen")).to_have_value(join_code)
    if name:
        page.get_by_label("Your first name").fill(name)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", name=re.compile("^Add a note"))).to_be_visible()


def wait_until_live(page: Page) -> None:
    expect(page.locator("#connection")).to_have_attribute("data-status", "online", timeout=LIVE_TIMEOUT_MS)


def choose(page: Page, fieldset: str, label: str) -> None:
    """Tap one of the composer's large choice buttons (board, section or perspective) and check it took."""
    switch = page.locator("[data-board-switch][aria-expanded=false]")
    if fieldset == "board" and switch.count() and switch.is_visible():
        switch.click()  # the phone shows the current board on one line; Switch opens the choices
    choice = page.locator(
        f"fieldset[data-choice={fieldset}] label.choice", has_text=re.compile(f"^{re.escape(label)}$")
    )
    if page.evaluate("navigator.maxTouchPoints > 0"):
        choice.tap()  # a touch screen (phone, tablet): a real tap, as a person's finger sends it
    else:
        choice.click()
    expect(page.locator(f"fieldset[data-choice={fieldset}] input#{choice.get_attribute('for')}")).to_be_checked()


def write_and_send(page: Page, text: str) -> None:
    page.locator("#note-text").fill(text)
    page.locator("#composer button[type=submit]").click()


def projector_note(projector: Page, text: str):
    return projector.locator("#board .note .note-text", has_text=text)


def projector_section(projector: Page, section_name: str):
    """The projector's region for one section (a column, the tree's canopy or roots), found by its name."""
    return projector.locator("#board").get_by_role("region", name=re.compile(rf"^{re.escape(section_name)}\b"))


def section_note(projector: Page, section_name: str, text: str):
    return projector_section(projector, section_name).locator(".note", has_text=text)


def mark_page(page: Page) -> None:
    """Leave a marker in the window so a later check can prove the page was never reloaded."""
    page.evaluate("window.__notReloaded = true")


def assert_not_reloaded(page: Page) -> None:
    assert page.evaluate("window.__notReloaded === true"), "the page was reloaded"


def board(demo: dict, title: str) -> dict:
    """The demo board with this title."""
    return next(b for b in demo["boards"] if b["title"] == title)
