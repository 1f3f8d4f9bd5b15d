"""The projector of a workshop made from the Welsh template, in Chromium, with the day's tree on it.

Screenshot (looked at when this changes):
  test-artifacts/screenshots/languages/projector-welsh-template-tree-1280x720.png
The notes are what people wrote on the day (user content, so in English) on the Welsh boards; the chrome and
the workshop's own words are Welsh. The tree passes the same no-overlap and minimum-size checks as the
English one, and Welsh section names (no "barrier"/"enabler" in them) still put barriers at the roots.
"""

from __future__ import annotations

import gc
import re
import warnings
from pathlib import Path

import pytest
from playwright.sync_api import expect

from facilitation.workshops.templates import OXFORD_2022
from facilitation.workshops.templates_cy import OXFORD_2022_CY
from tests.e2e.test_tree_layout import MEASURE_TREE, check_tree
from tests.support.live_server import ORGANISER_EMAIL, ORGANISER_PASSWORD, start_live_server
from tests.support.projector_seed import OrganiserApi

pytestmark = [pytest.mark.browser, pytest.mark.live]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots" / "languages"
PROJECTOR = {"width": 1280, "height": 720}
UNLIMITED = "post_per_sender=100000/60,post_per_ip=100000/60"
SETTLE_MS = 20_000


# The ids of the notes one part of the tree holds: loose cards and the members of its clusters.
NOTES_IN_PART = """(part) => {
  const area = document.querySelector(part);
  const loose = [...area.querySelectorAll('.projector-note')].filter((el) => !el.closest('.tree-cluster'))
    .map((el) => Number(el.dataset.noteId));
  const clustered = [...area.querySelectorAll('.tree-cluster')]
    .flatMap((el) => (el.dataset.noteIds || '').split(' ').filter(Boolean).map(Number));
  return [...loose, ...clustered].sort((a, b) => a - b);
}"""


def in_welsh(notes):
    """The demo's notes moved onto the Welsh template's boards, sections and perspectives, place for place
    (the templates have the same shape); the notes' own text stays as people wrote it."""
    boards = {board["title"]: i for i, board in enumerate(OXFORD_2022["boards"])}
    perspectives = dict(zip(OXFORD_2022["perspectives"], OXFORD_2022_CY["perspectives"], strict=True))
    moved = []
    for board_title, section, perspective, group, text in notes:
        english, welsh = OXFORD_2022["boards"][boards[board_title]], OXFORD_2022_CY["boards"][boards[board_title]]
        welsh_section = welsh["sections"][english["sections"].index(section)]
        moved.append((welsh["title"], welsh_section, perspectives.get(perspective), group, text))
    return moved


@pytest.fixture(scope="module")
def welsh_room(tmp_path_factory):
    """A live server with a workshop made from the Welsh template, the day's notes on its boards."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # the log handle start_live_server keeps open
        try:
            server = start_live_server(tmp_path_factory.mktemp("welsh-template"), RATE_LIMITS=UNLIMITED)
        finally:
            gc.collect()
    try:
        yield {"server": server, **seed_welsh_workshop(server)}
    finally:
        server.stop()


def seed_welsh_workshop(server) -> dict:
    """Made through the service as the picker would, notes added as the demo adds them, on the server's database."""
    from sqlalchemy import select

    from facilitation import create_app
    from facilitation.extensions import db
    from facilitation.kernel.access import organiser_actor
    from facilitation.models import Note, Organiser
    from facilitation.workshops import demo
    from facilitation.workshops import service as workshops
    from facilitation.workshops.demo_notes import demo_notes

    app = create_app("test", instance_path=str(server.instance_path), SEED_DEMO=False)
    with app.app_context():
        organiser = db.session.query(Organiser).order_by(Organiser.id).first()
        workshop = workshops.create_workshop(organiser_actor(organiser.id), "oxford-2022-cy")
        demo.add_demo_notes(workshop, in_welsh(demo_notes()))
        db.session.commit()
        tree = workshop.boards[0]
        seeded = {
            "workshop_id": workshop.id,
            "projector_token": workshop.projector_token,
            "tree_id": tree.id,
            "tree_notes": set(db.session.scalars(select(Note.id).where(Note.board_id == tree.id))),
            **{
                part: list(db.session.scalars(select(Note.id).where(Note.section_id == section.id)))
                for part, section in zip(("barriers", "enablers"), tree.sections, strict=True)
            },
        }
        db.session.remove()
        db.engine.dispose()
    return seeded


@pytest.mark.timeout(300)
def test_the_welsh_templates_tree_on_the_projector(welsh_room, page_factory):  # noqa: F811
    server = welsh_room["server"]
    OrganiserApi.sign_in(server).show(welsh_room["workshop_id"], welsh_room["tree_id"])
    page = page_factory(viewport=PROJECTOR, name="welsh-template-projector", reduced_motion="reduce", locale="en-GB")
    page.goto(f"{server.base_url}/p/{welsh_room['projector_token']}")
    expect(page.locator("#connection")).to_have_attribute("data-status", "online", timeout=10_000)
    expect(page.locator("html")).to_have_attribute("lang", "cy")  # the workshop's language, not the device's
    expect(page.locator("#board")).to_have_attribute("data-target-key", re.compile(f":{welsh_room['tree_id']}:"))
    count = str(len(welsh_room["tree_notes"]))
    expect(page.locator("#board")).to_have_attribute("data-board-notes", count, timeout=SETTLE_MS)
    expect(page.locator("#board-title")).to_contain_text("Coeden ddealltwriaeth")
    expect(page.locator("#workshop-title")).to_contain_text("Rhagnodi cymdeithasol")
    expect(page.locator(".tree-canopy")).to_have_attribute("aria-label", "Galluogwyr: y dail")
    page.wait_for_timeout(800)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "projector-welsh-template-tree-1280x720.png"))
    measured = page.evaluate(MEASURE_TREE)
    check_tree(measured, welsh_room["tree_notes"], "Welsh template tree")
    # The Welsh sections carry no English hint, so the tree places them by position: every barrier (the
    # first section) at the roots, every enabler in the canopy, whether loose or in a theme's cluster.
    assert welsh_room["barriers"] and welsh_room["enablers"]
    assert page.evaluate(NOTES_IN_PART, ".tree-roots") == sorted(welsh_room["barriers"])
    assert page.evaluate(NOTES_IN_PART, ".tree-canopy") == sorted(welsh_room["enablers"])


def test_a_welsh_organiser_picks_the_welsh_template(welsh_room, page_factory):  # noqa: F811
    """The dashboard in Welsh starts on the Welsh template; creating from it opens a Welsh editor.

    Screenshot: test-artifacts/screenshots/languages/organiser-dashboard-picker-cy-1280x900.png"""
    server = welsh_room["server"]
    page = page_factory(name="welsh-organiser", locale="cy-GB")
    sign_in_organiser_in_welsh(page, server)
    welsh = page.locator("#template-oxford-2022-cy")
    expect(welsh).to_be_checked()
    expect(page.locator("label[for=template-oxford-2022-cy]")).to_have_text("Rhydychen 2022, yn Gymraeg")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "organiser-dashboard-picker-cy-1280x900.png"), full_page=True)
    page.locator("form[action$='/organiser/workshops'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/organiser/workshops/\d+"))
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rhagnodi cymdeithasol a’r sector diwylliannol")


def sign_in_organiser_in_welsh(page, server) -> None:
    """Sign in through the form by its fields, whose labels are Welsh here; the dashboard follows."""
    page.goto(f"{server.base_url}/organiser/login")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.locator("#email").fill(ORGANISER_EMAIL)
    page.locator("#password").fill(ORGANISER_PASSWORD)
    page.locator("#password").press("Enter")
    expect(page).to_have_url(re.compile(r"/organiser/?$"))
