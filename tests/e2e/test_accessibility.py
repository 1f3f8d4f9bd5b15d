"""Zero axe-core violations on every page, at phone, tablet and desktop sizes, and on every projector view.

One server and one browser for the module: the organiser, an attendee and a facilitator each get one page,
which is resized in place for the three sizes (axe runs again after each resize, so a layout that only breaks
at one width is still caught). The projector is switched through every view it has over the JSON API, as the
console does, and checked at 1920x1080 after each switch.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, PROJECTOR, TABLET
from tests.e2e.helpers import join_as_attendee, sign_in_organiser, wait_until_live
from tests.support.axe import axe_violations, describe
from tests.support.projector_seed import OrganiserApi

pytestmark = [pytest.mark.browser, pytest.mark.live]

SIZES = {"phone": PHONE, "tablet": TABLET, "desktop": DESKTOP}


def _check_at_every_size(page, where: str, failures: list[str]) -> None:
    for size_name, size in SIZES.items():
        page.set_viewport_size(size)
        page.wait_for_timeout(50)  # one frame for media queries and resize handlers
        found = axe_violations(page)
        if found:
            failures.append(describe(f"{where} @ {size_name}", found))


def _visit(page, url: str, where: str, failures: list[str]) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, f"{where}: {url} answered {response and response.status}"
    page.wait_for_load_state("networkidle")
    _check_at_every_size(page, where, failures)


def test_public_and_attendee_pages_have_no_axe_violations(page_factory, live_server, demo):
    base = live_server.base_url
    failures: list[str] = []
    page = page_factory(PHONE, name="attendee", has_touch=True, is_mobile=True)
    _visit(page, f"{base}/", "home", failures)
    _visit(page, f"{base}/organiser/login", "organiser login", failures)
    _visit(page, f"{base}/signup/{demo['join_code']}", "mailing-list sign-up", failures)
    _visit(page, f"{base}/join/{demo['join_code']}", "join", failures)
    join_as_attendee(page, live_server, demo["join_code"], name="Ada")
    wait_until_live(page)
    _check_at_every_size(page, "attendee board", failures)
    _visit(page, f"{base}/attend/evaluation", "attendee questionnaire", failures)

    facilitator = page_factory(TABLET, name="facilitator", has_touch=True)
    _visit(facilitator, f"{base}/f/{demo['groups'][0]['token']}", "facilitator tablet", failures)
    assert not failures, "\n\n".join(failures)


ORGANISER_PAGES = {
    "dashboard": "/organiser/",
    "workshop": "/organiser/workshops/{w}",
    "console": "/organiser/workshops/{w}/console",
    "projector controls": "/organiser/workshops/{w}/projector-control",
    "moderation": "/organiser/workshops/{w}/moderation",
    "evaluation": "/organiser/workshops/{w}/evaluation",
    "exports": "/organiser/workshops/{w}/exports",
    "attendees": "/organiser/workshops/{w}/attendees",
    "remove workshop": "/organiser/workshops/{w}/remove",
    "import": "/organiser/import",
}


def test_organiser_pages_have_no_axe_violations(page_factory, live_server, demo):
    failures: list[str] = []
    page = page_factory(DESKTOP, name="organiser")
    sign_in_organiser(page, live_server)
    for where, path in ORGANISER_PAGES.items():
        _visit(page, live_server.base_url + path.format(w=demo["workshop_id"]), where, failures)
    assert not failures, "\n\n".join(failures)


def test_every_projector_view_has_no_axe_violations(page_factory, live_server, demo):
    api = OrganiserApi.sign_in(live_server)
    workshop_id = demo["workshop_id"]
    projector = page_factory(PROJECTOR, name="projector")
    projector.goto(f"{live_server.base_url}/p/{demo['projector_token']}")
    failures: list[str] = []

    def check(where: str, change: tuple[str, str, dict], key: str) -> None:
        api.call(*change)
        expect(projector.locator("#board")).to_have_attribute("data-target-key", key, timeout=5_000)
        projector.wait_for_timeout(300)  # the view's fade-in
        found = axe_violations(projector)
        if found:
            failures.append(describe(f"projector {where}", found))

    target = f"/workshops/{workshop_id}/projector/target"
    check("welcome", ("PUT", target, {"kind": "welcome"}), "welcome")
    for board in demo["boards"]:
        key = f"board:{board['id']}"
        check(board["title"], ("PUT", target, {"kind": "board", "board_id": board["id"]}), f"{key}:{board['kind']}")
        if board["kind"] == "ideas":
            display = f"/workshops/{workshop_id}/projector/display"
            check(
                f"{board['title']} cloud",
                ("PUT", display, {"board_id": board["id"], "display": "cloud"}),
                f"{key}:cloud",
            )
            check(
                f"{board['title']} wall", ("PUT", display, {"board_id": board["id"], "display": "wall"}), f"{key}:ideas"
            )
    check("evaluation", ("PUT", target, {"kind": "evaluation"}), "evaluation")
    state = api.call("GET", f"/workshops/{workshop_id}/state")
    note_id = next(n["id"] for n in state["notes"] if n["status"] == "visible")
    spotlight = f"/workshops/{workshop_id}/projector/spotlight"
    check("spotlight", ("PUT", spotlight, {"note_id": note_id}), f"spotlight:{note_id}")
    check("spotlight cleared", ("PUT", spotlight, {"note_id": None}), "evaluation")
    assert not failures, "\n\n".join(failures)
