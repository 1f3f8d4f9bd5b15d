"""The console's row of views has every way the projector draws a board, and zooms the tree from the console.

An ideas board is offered as its wall, word cloud, themes and summary; the washing line as its cards and a
summary. Each click is checked on a real projector page; the zoom (static/js/organiser/projector-zoom.js,
mounted under the views while a tree is up) zooms the projector in on one group and back out.
A screenshot of the console at 1366x768 with the zoom open goes to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import sign_in_organiser
from tests.support.axe import axe_violations, describe

pytestmark = [pytest.mark.browser, pytest.mark.live]

CONSOLE = {"width": 1366, "height": 768}
PROJECTOR_SIZE = {"width": 1280, "height": 720}
STEP_MS = 5_000


def _view(console, title: str, detail: str):
    title_is = console.locator(".view-title", has_text=re.compile(f"^{re.escape(title)}$"))
    detail_is = console.locator(".view-detail", has_text=re.compile(f"^{re.escape(detail)}$"))
    return console.locator("#views .view-button").filter(has=title_is).filter(has=detail_is)


def test_the_console_shows_themes_and_summaries_and_zooms_the_tree(page_factory, live_server, screenshot):
    console = page_factory(CONSOLE, name="console")
    sign_in_organiser(console, live_server)
    console.get_by_label("Oxford 2022 knowledge exchange").check()
    console.get_by_label(re.compile("^Title")).fill("Oxford views")
    console.get_by_role("button", name="Create workshop").click()
    console.get_by_role("link", name="Run the day from the console").click()
    expect(console.locator("#connection")).to_have_attribute("data-status", "online", timeout=STEP_MS)
    structure = console.evaluate("JSON.parse(document.getElementById('page-state').textContent)")["structure"]
    boards = {b["title"]: b for b in structure["boards"]}
    ideas, line, tree = boards["Research ideas"], boards["Washing line of knowledge"], boards["Tree of understanding"]

    projector = page_factory(PROJECTOR_SIZE, name="projector")
    projector.goto(live_server.base_url + console.get_by_role("link", name="Open the projector").get_attribute("href"))
    board = projector.locator("#board")

    # Every display of the ideas board, and the washing line's summary, is one click away.
    details = [
        console.locator(".view-detail").nth(i).text_content() for i in range(console.locator(".view-detail").count())
    ]
    assert details.count("themes") == 3 and details.count("summary") == 4  # three ideas boards, one washing line
    _view(console, "Research ideas", "themes").click()
    expect(board).to_have_attribute("data-target-key", f"board:{ideas['id']}:themes", timeout=STEP_MS)
    expect(projector.get_by_role("region", name="Ideas by theme")).to_be_visible()
    expect(_view(console, "Research ideas", "themes")).to_have_attribute("aria-pressed", "true")
    expect(console.locator("#showing-now")).to_have_text("Research ideas (themes)")
    screenshot(console, "console-1366x768-views-themes")
    expect(console.locator("#console-zoom")).to_be_hidden()  # zoom is for the tree

    _view(console, "Research ideas", "summary").click()  # the same view, named apart, and rebuilt
    expect(board).to_have_attribute("data-target-key", f"board:{ideas['id']}:summary", timeout=STEP_MS)
    expect(projector.get_by_role("region", name="Summary: every note under its theme")).to_be_visible()
    _view(console, "Washing line of knowledge", "summary").click()
    expect(board).to_have_attribute("data-target-key", f"board:{line['id']}:summary", timeout=STEP_MS)
    expect(projector.get_by_role("region", name="Summary: every note under its theme")).to_be_visible()
    _view(console, "Washing line of knowledge", "washing line").click()  # back to its cards
    expect(board).to_have_attribute("data-target-key", f"board:{line['id']}:washing_line", timeout=STEP_MS)

    # The tree: zoom in on one group from the console, then back to the whole board.
    _view(console, "Tree of understanding", "tree").click()
    expect(board).to_have_attribute("data-target-key", f"board:{tree['id']}:tree", timeout=STEP_MS)
    zoom = console.locator("#console-zoom")
    expect(zoom).to_be_visible()
    zoom.locator("summary").click()
    group = structure["groups"][2]
    zoom.get_by_label("One group").select_option(label=group["name"])
    zoom.get_by_role("button", name="Zoom in on this group").click()
    expect(board).to_have_attribute("data-target-key", f"board:{tree['id']}:tree:group={group['id']}", timeout=STEP_MS)
    expect(zoom.get_by_role("status")).to_have_text(
        f"The projector shows Tree of understanding: one group: {group['name']}."
    )
    expect(zoom.get_by_label("One group")).to_have_value(str(group["id"]))  # the choice survives the redraw
    screenshot(console, "console-1366x768-views-zoom")
    failures = axe_violations(console)
    assert not failures, describe("console with the zoom open", failures)
    zoom.get_by_role("button", name="Whole board").click()
    expect(board).to_have_attribute("data-target-key", f"board:{tree['id']}:tree", timeout=STEP_MS)
