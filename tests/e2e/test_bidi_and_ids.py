"""Issue 11, finding 10, and the phone page's repeated ids: on every page, user text is isolated from the UI
around it, and no id is used twice.

A right-to-left override (U+202E) in a workshop title reversed the text after it on every page: the
label next to a group's name, the " · Facilitation Board" of the tab title. Here the demo workshop's title,
a group, a board, its sections, a perspective, an agenda item, the questionnaire, an attendee's name, a note
and a sign-up all carry an override (one of them after a stray POP DIRECTIONAL ISOLATE, which would close
a careless isolate early). Then on the phone, the tablet, the projector and every organiser page:

- every piece of text holding an override is isolated: its element is `unicode-bidi: isolate` (`dir` or
  `<bdi>`) and holds nothing but that text, or the override lies inside FSI … PDI in the text itself (tab
  titles, option labels, sentences built from a name);
- a fixed label beside user text keeps its place on screen (its box is left of the name's);
- no `id` attribute appears twice.
"""

from __future__ import annotations

import uuid

import pytest
import requests
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, PROJECTOR, TABLET
from tests.e2e.helpers import choose, join_as_attendee, sign_in_organiser, wait_until_live
from tests.security.live_helpers import Organiser

pytestmark = [pytest.mark.browser, pytest.mark.live]

RLO, PDI = "\u202e", "\u2069"
TITLE = f"Oxford {RLO}Evil title"
GROUP = f"Group {PDI}{RLO}Reversed"  # a stray PDI first: it must not close the isolate around the name
BOARD = f"Solutions {RLO}board"
SECTION = f"Funding {RLO}section"
PERSPECTIVE = f"Link {RLO}workers"
AGENDA = f"Lunch {RLO}break"
QUESTIONNAIRE = f"How was {RLO}today"
QUESTION = f"What {RLO}worked"
NOTE = f"Libraries {RLO}run crochet"
NAME = f"Sam{RLO}my"
SIGNUP = f"Zoë {RLO}Bhriain"

# Every text node holding an override, and what isolates it (or does not).
UNISOLATED = """() => {
  const RLO = "\\u202e";
  const isolatedStyle = (el) => ["isolate", "plaintext", "isolate-override"].includes(getComputedStyle(el).unicodeBidi);
  const insideIsolates = (text) => {
    let depth = 0;
    for (const ch of text) {
      if ("\\u2066\\u2067\\u2068".includes(ch)) depth += 1;
      else if (ch === "\\u2069") depth = Math.max(0, depth - 1);
      else if (ch === RLO && depth === 0) return false;
    }
    return true;
  };
  const problems = [];
  let found = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.includes(RLO)) continue;
    const parent = node.parentElement;
    if (parent.closest("script, style, textarea")) continue;
    found += 1;
    if (insideIsolates(node.data)) continue;
    if (isolatedStyle(parent) && parent.textContent.trim() === node.data.trim()) continue;
    const where = parent.tagName.toLowerCase() + (parent.id ? "#" + parent.id : "") +
      (parent.className && typeof parent.className === "string" ? "." + parent.className.split(" ").join(".") : "");
    problems.push(where + ": " + JSON.stringify(parent.textContent.trim().slice(0, 90)));
  }
  if (!insideIsolates(document.title)) problems.push("<title>: " + JSON.stringify(document.title));
  return {found, problems};
}"""

DUPLICATE_IDS = """() => {
  const counts = new Map();
  for (const el of document.querySelectorAll("[id]")) counts.set(el.id, (counts.get(el.id) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);
}"""

# The on-screen box of a label's text and of the user text beside it, in the same line. The user text is an
# element of its own (<bdi>, dir="auto") or a run isolated inside the label's own text (FSI … PDI).
LABEL_BEFORE_TEXT = """([selector, label]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let labelNode = null, userNode = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!labelNode && node.data.includes(label)) labelNode = node;
    if (!userNode && node.data.includes("\\u202e")) userNode = node;
  }
  const boxOf = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return range.getBoundingClientRect();
  };
  const start = labelNode.data.indexOf(label);
  const labelBox = boxOf(labelNode, start, start + label.length);
  const override = userNode.data.indexOf("\\u202e");
  const isolateAt = userNode.data.lastIndexOf("\\u2068", override);
  const textBox = boxOf(userNode, isolateAt >= 0 ? isolateAt : 0, userNode.data.length);
  return {labelRight: labelBox.right, labelTop: labelBox.top, textLeft: textBox.left, textTop: textBox.top};
}"""


def check_page(page, where: str, *, expect_user_text: bool = True) -> None:
    result = page.evaluate(UNISOLATED)
    if expect_user_text:
        assert result["found"] > 0, f"{where}: the hostile text is not on the page"
    assert not result["problems"], f"{where}: user text not isolated:\n" + "\n".join(result["problems"])
    duplicates = page.evaluate(DUPLICATE_IDS)
    assert not duplicates, f"{where}: ids used more than once: {duplicates}"


def assert_label_first(page, selector: str, label: str) -> None:
    boxes = page.evaluate(LABEL_BEFORE_TEXT, [selector, label])
    assert abs(boxes["labelTop"] - boxes["textTop"]) < 30, boxes  # the same line...
    assert boxes["labelRight"] <= boxes["textLeft"] + 1, f"{label!r} moved after the user text: {boxes}"


@pytest.fixture(scope="module")
def hostile(live_server):
    """The demo workshop with an override in every kind of text, set through the API and the forms."""
    demo = live_server.demo()
    base, workshop_id = live_server.base_url, demo["workshop_id"]
    api = f"{base}/api/v1/workshops/{workshop_id}"
    organiser = Organiser(live_server)
    http, headers = organiser.http, {"X-CSRFToken": organiser.token}
    board = next(b for b in demo["boards"] if b["kind"] == "solutions")
    group = demo["groups"][0]

    def send(method: str, path: str, body: dict) -> dict:
        response = http.request(method, f"{api}{path}", json=body, headers=headers, timeout=10)
        assert response.ok, (path, response.status_code, response.text)
        return response.json()

    try:
        send("PATCH", "", {"title": TITLE, "venue": f"Town {RLO}hall"})
        send("PUT", f"/groups/{group['id']}", {"name": GROUP, "colour": "#336699"})
        sections = [SECTION] + [s["name"] for s in board["sections"][1:]]
        send("PUT", f"/boards/{board['id']}", {"kind": "solutions", "title": BOARD, "sections": sections})
        organiser.post_form(
            f"/organiser/workshops/{workshop_id}/perspectives", id=str(demo["perspectives"][0]["id"]), name=PERSPECTIVE
        )
        state = http.get(f"{api}/state", timeout=10).json()
        agenda = state["structure"]["agenda"][0]
        send("PUT", f"/agenda/{agenda['id']}", {"starts_at": agenda["starts_at"], "title": AGENDA})
        evaluation = http.get(f"{api}/evaluation", timeout=10).json()
        question = next(q for q in evaluation["questionnaire"]["questions"] if q["kind"] == "free_text")
        send("PATCH", "/evaluation", {"title": QUESTIONNAIRE, "intro": f"Tell {RLO}us"})
        send("PUT", f"/evaluation/questions/{question['id']}", {"kind": "free_text", "prompt": QUESTION})
        send("PUT", "/evaluation/status", {"status": "open"})
        joined = requests.post(f"{base}/api/v1/join", json={"code": demo["join_code"], "name": NAME}, timeout=10)
        posted = requests.post(
            f"{api}/notes",
            json={
                "client_id": uuid.uuid4().hex,
                "board_id": board["id"],
                "section_id": board["sections"][0]["id"],
                "group_id": group["id"],
                "perspective_id": demo["perspectives"][0]["id"],
                "text": NOTE,
            },
            headers={"Authorization": f"Bearer {joined.json()['token']}"},
            timeout=10,
        )
        assert posted.status_code == 201, posted.text
        consent = requests.get(f"{base}/api/v1/signups/consent", params={"code": demo["join_code"]}, timeout=10)
        signed = requests.post(
            f"{base}/api/v1/signups",
            json={
                "code": demo["join_code"],
                "name": SIGNUP,
                "email": "zoe@example.org",
                "consent": True,
                "consent_text": consent.json()["consent_text"],
            },
            timeout=10,
        )
        assert signed.status_code == 201, signed.text
        send("PUT", "/projector", {"board_id": board["id"]})
    finally:
        organiser.close()
    return {"demo": demo, "board": board, "group": group}


def test_the_phone_isolates_user_text_and_repeats_no_id(live_server, hostile, page_factory):
    page = page_factory(viewport=PHONE, name="phone", has_touch=True, is_mobile=True)
    join_as_attendee(page, live_server, hostile["demo"]["join_code"], f"Ana{RLO}bel")
    wait_until_live(page)
    choose(page, "board", BOARD)
    expect(page.locator(".note-text", has_text="crochet").first).to_be_visible(timeout=10_000)
    check_page(page, "phone board")
    assert_label_first(page, "#compose-heading", "Add a note")
    page.goto(f"{live_server.base_url}/attend/evaluation")
    expect(page.get_by_text("worked", exact=False).first).to_be_visible()
    check_page(page, "phone questionnaire")
    page.goto(f"{live_server.base_url}/signup/{hostile['demo']['join_code']}")
    check_page(page, "sign-up form")


def test_the_tablet_isolates_user_text_and_repeats_no_id(live_server, hostile, page_factory):
    page = page_factory(viewport=TABLET, name="tablet", has_touch=True)
    page.goto(f"{live_server.base_url}/f/{hostile['group']['token']}")
    wait_until_live(page)
    choose(page, "board", BOARD)
    expect(page.locator(".note-text", has_text="crochet").first).to_be_visible(timeout=10_000)
    check_page(page, "tablet")
    assert_label_first(page, ".group-name", "Facilitating")


def test_the_projector_isolates_user_text_and_repeats_no_id(live_server, hostile, page_factory):
    page = page_factory(viewport=PROJECTOR, name="projector")
    page.goto(f"{live_server.base_url}/p/{hostile['demo']['projector_token']}")
    wait_until_live(page)
    expect(page.locator("#board .note-text", has_text="crochet").first).to_be_visible(timeout=10_000)
    check_page(page, "projector")


ORGANISER_PAGES = [
    ("dashboard", "/organiser/", True),
    ("editor", "/organiser/workshops/{id}", True),
    ("moderation", "/organiser/workshops/{id}/moderation", True),
    ("projector control", "/organiser/workshops/{id}/projector-control", True),
    ("evaluation", "/organiser/workshops/{id}/evaluation", True),
    ("exports", "/organiser/workshops/{id}/exports", True),
    ("attendees", "/organiser/workshops/{id}/attendees", True),
]


def test_every_organiser_page_isolates_user_text_and_repeats_no_id(live_server, hostile, page_factory):
    page = page_factory(viewport=DESKTOP, name="organiser")
    page.goto(f"{live_server.base_url}/organiser/login")
    check_page(page, "sign-in", expect_user_text=False)
    sign_in_organiser(page, live_server)
    for name, path, has_user_text in ORGANISER_PAGES:
        page.goto(live_server.base_url + path.format(id=hostile["demo"]["workshop_id"]))
        page.wait_for_load_state("networkidle")
        check_page(page, name, expect_user_text=has_user_text)
