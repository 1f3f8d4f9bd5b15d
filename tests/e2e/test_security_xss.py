"""Security, issue 4 (it lives in tests/e2e to share the one Playwright browser of tests/e2e/conftest.py:
a second sync Playwright in the same test process cannot start).

XSS: a corpus of hostile text posted as notes, attendee names, board titles and group names, then shown on
the phone, the tablet, the projector and the organiser's pages in Chromium.

Nothing may execute: page_factory (tests/e2e/conftest.py) fails the test on any dialog, Content Security
Policy violation, uncaught error or request to a foreign host; each page is also searched for elements the
payloads would create (event-handler attributes, inline scripts) and for a global a payload would set.
Everything must show as text: each payload's literal text is on the page, and {{7*7}} is never 49.
"""

from __future__ import annotations

import uuid

import pytest
import requests
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, PROJECTOR, TABLET
from tests.e2e.helpers import choose, join_as_attendee, sign_in_organiser, wait_until_live
from tests.security.live_helpers import Organiser

pytestmark = [pytest.mark.browser, pytest.mark.live]

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)>",
    "<svg><script>alert(4)</script></svg>",
    "javascript:alert(5)",
    '<a href="javascript:alert(6)">click me</a>',
    '"><script>alert(7)</script>',
    "'><img src=x onerror=alert(8)>",
    '<iframe src="javascript:alert(9)"></iframe>',
    "<body onload=alert(10)>",
    "<details open ontoggle=alert(11)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(12)>",
    "{{7*7}}",
    "${7*7}",
    "{{constructor.constructor('alert(15)')()}}",
    "<%= 7*7 %> #{7*7}",
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(18))">x</div>',
    "</textarea><script>alert(19)</script>",
    "</title><script>alert(20)</script>",
    "<scr<script>ipt>alert(21)</script>",
    "<IMG SRC=JaVaScRiPt:alert(22)>",
    '<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;(23)">',
    "\\u003cscript\\u003ealert(24)\\u003c/script\\u003e",
    "＜script＞alert(25)＜/script＞",
    "\u202e<script>alert(26)</script>",
    "<input autofocus onfocus=alert(27)>",
    '<object data="javascript:alert(28)">',
    "<!--<img src=x onerror=alert(29)>-->",
    '<base href="//evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(31)">',
    "]]><script>alert(32)</script>",
    "<video><source onerror=alert(33)></video>",
    'x" onmouseover="alert(34)',
    "<link rel=stylesheet href=//evil.example/x.css>",
    '"><svg/onload=alert(36)>',
    '<div onclick="alert(37)">tap</div>',
    "{% raw %}{{ 7*7 }}{% endraw %}",
    "</script><script>alert(39)</script>",
    "<form action=javascript:alert(40)><button>go</button></form>",
    "a\u200bb<scr\u200bipt>alert(41)</script>",
    "@import url(//evil.example/x.css);",
]
NAME_MAX, GROUP_MAX, TITLE_MAX = 40, 80, 120

# What injected markup would leave behind in the DOM, whatever stopped it from running.
INJECTED = """() => {
  const handlers = [...document.querySelectorAll('*')].filter(
    (el) => [...el.attributes].some((a) => a.name.startsWith('on')));
  const scripts = [...document.querySelectorAll('script')].filter(
    (s) => !s.src && s.type !== 'application/json' && s.type !== 'module');
  const frames = document.querySelectorAll('iframe, object, embed, base, meta[http-equiv], link[href*="evil"]');
  return {handlers: handlers.length, scripts: scripts.length, frames: frames.length, pwned: window.__pwned === true};
}"""


def squash(text: str) -> str:
    """Compare as a reader sees text: whitespace runs are one space, ends trimmed (as the services store it)."""
    return " ".join(text.split())


def fits(limit: int) -> list[str]:
    return [p for p in PAYLOADS if len(p.strip()) <= limit]


def assert_shown_as_text(page, expected: list[str], where: str, text_of: str | None = None) -> None:
    """Each payload is in the page's text (the rendered text, or the text nodes of `text_of` elements: the
    projector pages a long board, so only one page of it is rendered at a time)."""
    if text_of:
        body = squash(" | ".join(page.locator(text_of).all_text_contents()))
    else:
        body = squash(page.locator("body").inner_text())
    missing = [p for p in expected if squash(p) not in body]
    assert not missing, f"{where}: not shown as text: {missing}"
    if "{{7*7}}" in expected:
        assert "{{7*7}}" in body and " 49 " not in f" {body} ", f"{where}: template syntax was evaluated"
    found = page.evaluate(INJECTED)
    assert found == {"handlers": 0, "scripts": 0, "frames": 0, "pwned": False}, f"{where}: {found}"


@pytest.fixture(scope="module")
def hostile(live_server):
    """Fill the demo workshop with the corpus: boards, groups, attendees' names, notes (through the API)."""
    demo = live_server.demo()
    base, workshop_id = live_server.base_url, demo["workshop_id"]
    organiser = Organiser(live_server)
    api = organiser.http
    headers = {"X-CSRFToken": organiser.token}
    try:
        for title in fits(TITLE_MAX):
            response = api.post(
                f"{base}/api/v1/workshops/{workshop_id}/boards",
                json={"kind": "ideas", "title": title, "open_to_attendees": True},
                headers=headers,
                timeout=10,
            )
            assert response.status_code == 200, response.text
        for name in fits(GROUP_MAX):
            response = api.post(
                f"{base}/api/v1/workshops/{workshop_id}/groups",
                json={"name": name, "colour": "#336699"},
                headers=headers,
                timeout=10,
            )
            assert response.status_code == 200, response.text
        board = next(b for b in demo["boards"] if b["kind"] == "solutions")
        group_id = demo["groups"][0]["id"]
        names = fits(NAME_MAX)
        for n, text in enumerate(PAYLOADS):
            joined = requests.post(
                f"{base}/api/v1/join", json={"code": demo["join_code"], "name": names[n % len(names)]}, timeout=10
            ).json()
            posted = requests.post(
                f"{base}/api/v1/workshops/{workshop_id}/notes",
                json={
                    "client_id": uuid.uuid4().hex,
                    "board_id": board["id"],
                    "section_id": board["sections"][n % len(board["sections"])]["id"],
                    "group_id": group_id,
                    "text": text,
                },
                headers={"Authorization": f"Bearer {joined['token']}"},
                timeout=10,
            )
            assert posted.status_code == 201, posted.text
        shown = api.put(
            f"{base}/api/v1/workshops/{workshop_id}/projector",
            json={"board_id": board["id"]},
            headers=headers,
            timeout=10,
        )
        assert shown.status_code == 200, shown.text
    finally:
        organiser.close()
    return {"demo": demo, "board": board}


def test_projector_shows_the_corpus_as_text(live_server, hostile, page_factory):
    page = page_factory(viewport=PROJECTOR, name="projector")
    page.goto(f"{live_server.base_url}/p/{hostile['demo']['projector_token']}")
    wait_until_live(page)
    # The demo's own solutions (Figure 2's twelve) fill the first page: turn to the corpus, posted after them.
    first_payload = page.get_by_text("{{7*7}}", exact=True).first
    for _turn in range(6):
        if first_payload.is_visible():
            break
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(400)
    expect(first_payload).to_be_visible(timeout=10_000)
    assert_shown_as_text(page, PAYLOADS, "projector", text_of="#board .note")
    assert page.locator("#board .note").count() >= len(PAYLOADS)


def test_tablet_shows_the_corpus_as_text(live_server, hostile, page_factory):
    page = page_factory(viewport=TABLET, name="tablet", has_touch=True)
    page.goto(f"{live_server.base_url}/f/{hostile['demo']['groups'][0]['token']}")
    wait_until_live(page)
    choose(page, "board", "Solutions")
    expect(page.get_by_text("{{7*7}}", exact=True).first).to_be_visible(timeout=10_000)
    assert_shown_as_text(page, PAYLOADS + fits(TITLE_MAX), "tablet")


def test_phone_shows_the_corpus_as_text(live_server, hostile, page_factory):
    page = page_factory(viewport=PHONE, name="phone", has_touch=True, is_mobile=True)
    name = "<img src=x onerror=alert('me')>"
    join_as_attendee(page, live_server, hostile["demo"]["join_code"], name)
    wait_until_live(page)
    choose(page, "board", "Solutions")
    expect(page.get_by_text("{{7*7}}", exact=True).first).to_be_visible(timeout=10_000)
    assert_shown_as_text(page, PAYLOADS + fits(TITLE_MAX) + [name], "phone")


def test_organiser_pages_show_the_corpus_as_text(live_server, hostile, page_factory):
    page = page_factory(name="organiser")
    sign_in_organiser(page, live_server)
    workshop_id = hostile["demo"]["workshop_id"]
    page.goto(f"{live_server.base_url}/organiser/workshops/{workshop_id}")
    assert_shown_as_text(page, fits(GROUP_MAX), "organiser editor")
    page.goto(f"{live_server.base_url}/organiser/workshops/{workshop_id}/attendees")
    assert_shown_as_text(page, fits(NAME_MAX), "organiser attendees")
    page.goto(f"{live_server.base_url}/organiser/workshops/{workshop_id}/moderation")
    page.wait_for_load_state("networkidle")
    assert_shown_as_text(page, [], "organiser moderation")
