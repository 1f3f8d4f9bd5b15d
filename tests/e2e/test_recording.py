"""The graphic recording in a real browser: the organiser uploads the schematic, shows it on the projector
(fitted to the screen) and zooms and pans it from the console; the projector follows live, unreloaded."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from tests.e2e.conftest import PROJECTOR
from tests.e2e.helpers import LIVE_TIMEOUT_MS, assert_not_reloaded, mark_page, sign_in_organiser, wait_until_live
from tests.support.waiting import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.live]


def schematic() -> bytes:
    """A stand-in for the artist's schematic: coloured bubbles joined by lines on a wide sheet."""
    image = Image.new("RGB", (1600, 900), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    bubbles = [
        (200, 200, (0, 114, 178)),
        (800, 160, (213, 94, 0)),
        (1350, 300, (0, 158, 115)),
        (500, 650, (204, 121, 167)),
        (1150, 700, (230, 159, 0)),
    ]
    for (x1, y1, _), (x2, y2, _) in zip(bubbles, bubbles[1:], strict=False):
        draw.line((x1, y1, x2, y2), fill=(60, 60, 60), width=8)
    for x, y, colour in bubbles:
        draw.ellipse((x - 130, y - 90, x + 130, y + 90), fill=colour, outline=(20, 20, 20), width=6)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def test_the_schematic_goes_on_the_wall_and_follows_the_console(live_server, page_factory, screenshot):
    demo = live_server.demo()
    projector = page_factory(viewport=PROJECTOR, name="projector")
    projector.goto(f"{live_server.base_url}/p/{demo['projector_token']}")
    wait_until_live(projector)
    mark_page(projector)

    organiser = page_factory(name="organiser")
    sign_in_organiser(organiser, live_server)
    base = f"{live_server.base_url}/organiser/workshops/{demo['workshop_id']}"
    organiser.goto(f"{base}/recordings")
    organiser.get_by_label("Image", exact=True).set_input_files(
        {"name": "schematic.png", "mimeType": "image/png", "buffer": schematic()}
    )
    organiser.get_by_label("Caption (optional)").fill("Schematic by Zuhura Plummer")
    organiser.get_by_role("button", name="Upload").click()
    expect(organiser.locator(".flash-success")).to_contain_text("Uploaded")
    organiser.goto(f"{base}/projector-control")
    organiser.get_by_label("The graphic recording").check()
    organiser.get_by_role("button", name="Show on the projector").click()
    image = projector.locator(".projector-recording img")
    expect(image).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    expect(projector.locator(".projector-recording .caption")).to_have_text("Schematic by Zuhura Plummer")
    # Visible is not loaded: the image element shows before its bytes arrive on a loaded machine.
    loaded = "document.querySelector('.projector-recording img').complete"
    assert wait_until(lambda: projector.evaluate(loaded), LIVE_TIMEOUT_MS / 1000)
    assert projector.evaluate("document.querySelector('.projector-recording img').naturalWidth") == 1600
    screenshot(projector, "recording/projector-fitted")

    organiser.goto(f"{base}/recordings")
    organiser.get_by_role("button", name="Zoom in").click()
    expect(projector.locator("#board")).to_have_attribute("data-zoom", "1.5", timeout=LIVE_TIMEOUT_MS)
    organiser.get_by_role("button", name="Pan right →").click()
    expect(organiser.locator(".flash-success")).to_have_text("The projector follows.")
    screenshot(projector, "recording/projector-zoomed")
    assert_not_reloaded(projector)
