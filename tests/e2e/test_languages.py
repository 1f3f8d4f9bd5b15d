"""The room's pages in the person's language, in Chromium: Welsh from the first request, the switcher kept,
Arabic mirrored, the projector in the workshop's language or in Welsh and English at once.

Screenshots (looked at when this changes): test-artifacts/screenshots/languages/
  phone-join-<lang>-360x640.png, phone-board-<lang>-360x640.png        (cy, ar)
  projector-<mode>-welcome-1280x720.png, projector-<mode>-tree-1280x720.png   (cy, ar, bilingual)
The bilingual projector's tree passes the same no-overlap and minimum-size checks as the English one
(tests/e2e/test_tree_layout.py), and its chrome (titles, join box, agenda, timer, page and connection
labels) overlaps nothing and is never smaller in the second language than in the first.
A pseudo-locale server (tests/support/pseudo_locale.py) shows that no English written by the pages' JS
escaped gettext.
"""

from __future__ import annotations

import gc
import json
import re
import warnings
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.test_tree_layout import MEASURE_TREE, MIN_NOTE_VW, board_note_ids, check_tree, overlaps
from tests.i18n.visible_text import unmarked_english
from tests.support.live_server import start_live_server
from tests.support.projector_seed import DirectSeeder, OrganiserApi
from tests.support.pseudo_locale import build_pseudo_catalogues

pytestmark = [pytest.mark.browser, pytest.mark.live]

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots" / "languages"
PHONE = {"width": 360, "height": 640}
PROJECTOR = {"width": 1280, "height": 720}
UNLIMITED = "post_per_sender=100000/60,post_per_ip=100000/60"
SETTLE_MS = 20_000

# The projector's chrome: every piece of text around the board, with its box and font size per language.
MEASURE_CHROME = """() => {
  const shown = (el) => el && !el.closest('[hidden]') && el.getClientRects().length > 0;
  const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const ids = ['workshop-title', 'board-title', 'join', 'agenda-now', 'timer', 'page-indicator', 'connection'];
  const blocks = [...ids.map((id) => document.getElementById(id)),
                  ...document.querySelectorAll('.stage-footer .agenda')].filter(shown);
  const parts = [...document.querySelectorAll('.stage-header .room-text, .stage-footer .room-text')].filter(shown)
    .map((el) => ({ lang: el.lang, second: el.classList.contains('room-text-second'), text: el.textContent,
                    font: parseFloat(getComputedStyle(el).fontSize), box: box(el) }));
  return {
    viewport: [innerWidth, innerHeight],
    board: box(document.getElementById('board')),
    blocks: blocks.map((el) => ({ id: el.id || el.className, box: box(el) })),
    parts,
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    overflowX: document.documentElement.scrollWidth - innerWidth,
  };
}"""


def _server(tmp_path_factory, name: str, **env):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)  # the log handle start_live_server keeps open
        try:
            return start_live_server(tmp_path_factory.mktemp(name), RATE_LIMITS=UNLIMITED, **env)
        except RuntimeError:  # a machine busy with other suites can miss the start-up window once
            return start_live_server(tmp_path_factory.mktemp(name), RATE_LIMITS=UNLIMITED, **env)
        finally:
            gc.collect()


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    server = _server(tmp_path_factory, "languages-live")
    try:
        demo = server.demo()
        yield {"server": server, "demo": demo, "api": OrganiserApi.sign_in(server)}
    finally:
        server.stop()


def set_room_languages(room, languages: str) -> None:
    """The editor's field, through the same PATCH the editor's autosave sends."""
    workshop_id = room["demo"]["workshop_id"]
    state = room["api"].call("GET", f"/workshops/{workshop_id}/state")
    workshop = state.get("state", state)["structure"]["workshop"]
    room["api"].call(
        "PATCH",
        f"/workshops/{workshop_id}",
        {
            "title": workshop["title"],
            "event_date": workshop["event_date"],
            "venue": workshop["venue"],
            "languages": languages,
        },
    )


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def join(page, room, name: str = "Sam") -> None:
    page.goto(f"{room['server'].base_url}/join/{room['demo']['join_code']}")
    page.locator("#join-name").fill(name)
    page.locator("form.stack button[type=submit]").click()
    expect(page.locator("#composer")).to_be_visible()
    expect(page.locator("#connection")).to_have_attribute("data-status", "online", timeout=10_000)


def test_a_welsh_phone_gets_welsh_from_the_first_page(room, page_factory):
    page = page_factory(viewport=PHONE, name="cy-phone", locale="cy-GB")
    page.goto(f"{room['server'].base_url}/join/{room['demo']['join_code']}")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", name="Ymuno â’r gweithdy")).to_be_visible()
    expect(page.get_by_label("Y cod ar y sgrin")).to_have_value(room["demo"]["join_code"])
    shot(page, "phone-join-cy-360x640")
    join(page, room, "Siân")
    expect(page.locator("button.send")).to_have_text("Anfon")
    expect(page.locator("#connection")).to_have_text("Yn fyw")  # written by JS, from the page's catalogue
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "phone-board-cy-360x640")


def test_an_arabic_phone_is_mirrored(room, page_factory):
    page = page_factory(viewport=PHONE, name="ar-phone", locale="ar")
    page.goto(f"{room['server'].base_url}/join/{room['demo']['join_code']}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="انضم إلى ورشة العمل")).to_be_visible()
    shot(page, "phone-join-ar-360x640")
    join(page, room, "ليلى")
    expect(page.locator("button.send")).to_have_text("إرسال")
    # Mirrored: the label row starts on the right, and nothing spills sideways off a small phone.
    label = page.locator("label[for=note-text]").bounding_box()
    counter_row = page.locator(".note-label-row").bounding_box()
    assert label["x"] + label["width"] > counter_row["x"] + counter_row["width"] - 24, (label, counter_row)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("#note-text").fill("Mixed text: English and العربية together")
    page.locator("button.send").click()
    expect(page.locator("#my-notes li").first).to_contain_text("العربية")
    shot(page, "phone-board-ar-360x640")


def test_the_switchers_choice_is_kept_across_reloads(room, page_factory):
    page = page_factory(viewport=PHONE, name="switcher", locale="en-GB")
    page.goto(f"{room['server'].base_url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".language-switcher button[value=cy]").click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.goto(f"{room['server'].base_url}/join/{room['demo']['join_code']}")
    expect(page.get_by_role("heading", name="Ymuno â’r gweithdy")).to_be_visible()
    page.locator(".language-switcher button[value=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "ar")


def open_projector(room, page_factory, name: str):
    page = page_factory(viewport=PROJECTOR, name=name, reduced_motion="reduce")
    page.goto(f"{room['server'].base_url}/p/{room['demo']['projector_token']}")
    expect(page.locator("#connection")).to_have_attribute("data-status", "online", timeout=10_000)
    return page


def check_chrome(measured: dict, label: str, bilingual: bool) -> None:
    width, height = measured["viewport"]
    assert measured["overflowX"] <= 0, f"{label}: the projector scrolls sideways"
    blocks = measured["blocks"]
    for block in blocks:
        assert block["box"][0] >= -0.5 and block["box"][2] <= width + 0.5, f"{label}: {block} leaves the screen"
        assert not overlaps(block["box"], measured["board"]), f"{label}: {block['id']} overlaps the board"
    for i, a in enumerate(blocks):
        for b in blocks[i + 1 :]:
            inner = a["box"][0] >= b["box"][0] and a["box"][2] <= b["box"][2]  # agenda-now sits inside .agenda
            contains = b["box"][0] >= a["box"][0] and b["box"][2] <= a["box"][2]
            if not (inner or contains):
                assert not overlaps(a["box"], b["box"]), f"{label}: {a['id']} overlaps {b['id']}"
    minimum = MIN_NOTE_VW * width / 100
    small = [part for part in measured["parts"] if part["font"] < minimum - 0.05]
    assert not small, f"{label}: chrome below the {minimum:.1f}px minimum: {small[:4]}"
    if bilingual:
        firsts = [p for p in measured["parts"] if not p["second"]]
        seconds = [p for p in measured["parts"] if p["second"]]
        assert firsts and len(firsts) == len(seconds), f"{label}: not every label is in both languages"
        assert {p["lang"] for p in firsts} == {"cy"} and {p["lang"] for p in seconds} == {"en"}, label
        for first, second in zip(firsts, seconds, strict=True):
            assert second["font"] >= first["font"] - 0.05, f"{label}: {second} smaller than {first}"


@pytest.mark.timeout(600)
@pytest.mark.parametrize(
    ("mode", "languages", "welcome"),
    [("cy", "cy", "Croeso"), ("ar", "ar", "أهلًا بكم"), ("bilingual", "cy en", "Croeso")],
)
def test_the_projector_speaks_the_workshops_language(room, page_factory, mode, languages, welcome):
    server, demo, api = room["server"], room["demo"], room["api"]
    set_room_languages(room, languages)
    page = None
    try:
        api.call("PUT", f"/workshops/{demo['workshop_id']}/projector/target", {"kind": "welcome"})
        page = open_projector(room, page_factory, f"projector-{mode}")
        expect(page.locator("html")).to_have_attribute("lang", languages.split()[0])
        expect(page.locator("#board-title")).to_contain_text(welcome)
        if mode == "bilingual":
            expect(page.locator("#board-title")).to_contain_text("Welcome")
            expect(page.locator(".agenda-label").first).to_contain_text("Nawr")
            expect(page.locator(".agenda-label").first).to_contain_text("Now")
        if mode == "ar":
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
        page.wait_for_timeout(500)
        shot(page, f"projector-{mode}-welcome-1280x720")

        board = api.add_board(demo["workshop_id"], "tree", f"Tree {mode}", ["Barriers", "Enablers"])
        DirectSeeder(server, demo, seed=1313).post(board, 60)
        api.show(demo["workshop_id"], board["id"])
        expect(page.locator("#board")).to_have_attribute("data-target-key", re.compile(f":{board['id']}:"))
        page.reload()
        expect(page.locator("#board")).to_have_attribute("data-board-notes", "60", timeout=SETTLE_MS)
        page.wait_for_timeout(800)
        measured = page.evaluate(MEASURE_TREE)
        check_tree(measured, board_note_ids(room, board), f"{mode} tree")
        check_chrome(page.evaluate(MEASURE_CHROME), f"{mode} chrome", bilingual=mode == "bilingual")
        shot(page, f"projector-{mode}-tree-1280x720")
    finally:
        # Closed first: a change of the room's language reloads the projector, and Chromium can hang for
        # good closing a page in the middle of that reload (CI saw a 600 s teardown).
        if page is not None:
            page.context.close()
        set_room_languages(room, "")


@pytest.fixture(scope="module")
def pseudo_room(tmp_path_factory):
    catalogues = build_pseudo_catalogues(tmp_path_factory.mktemp("pseudo-catalogues"))
    server = _server(tmp_path_factory, "pseudo-live", TRANSLATION_DIRECTORIES=str(catalogues), LANGUAGES="en")
    try:
        yield {"server": server, "demo": server.demo(), "api": OrganiserApi.sign_in(server)}
    finally:
        server.stop()


def _strings_in(value) -> list[str]:
    """The text in a column value: a string, or the strings inside a JSON one (question options, answers)."""
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in ("[", "{"):
            try:
                return _strings_in(json.loads(text))
            except ValueError:
                pass
        return [text] if len(text) >= 2 else []
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings_in(item)]
    return []


def _room_words(server) -> list[str]:
    """The room's own words (titles, notes, names, activities, agenda…) from the live server's database:
    never translated, so taken out before looking for English."""
    from sqlalchemy import JSON, MetaData, String, Text, create_engine, select

    engine = create_engine(server.database_url)
    found: set[str] = set()
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        with engine.connect() as connection:
            for table in metadata.tables.values():
                columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
                for row in connection.execute(select(*columns)) if columns else ():
                    found.update(_strings_in(list(row)))
    finally:
        engine.dispose()
    # The short forms the screens derive from names ("Link workers" -> "LW", "Group 3" -> "G3").
    for words in list(found):
        parts = words.split()
        found.add("".join(w[0] for w in parts).upper())
        found.add("".join(w if w.isdigit() else w[0] for w in parts).upper())
    return sorted((w for w in found if len(w) >= 2), key=len, reverse=True)


def _rendered_english(page, server) -> list[str]:
    # Hidden parts count too: they show as soon as the state changes (an empty board, a closed round).
    return unmarked_english(page.content(), _room_words(server))


def test_no_english_escapes_the_pseudo_locale_on_the_phone_and_projector(pseudo_room, page_factory):
    demo, api = pseudo_room["demo"], pseudo_room["api"]
    phone = page_factory(viewport=PHONE, name="pseudo-phone")
    join(phone, pseudo_room)
    phone.locator("#note-text").fill("A note")
    phone.locator("button.send").click()
    expect(phone.locator("#my-notes li").first).to_be_visible()
    phone.wait_for_timeout(500)
    leftovers = _rendered_english(phone, pseudo_room["server"])
    assert not leftovers, f"phone: English not marked for translation: {leftovers}"

    projector = open_projector(pseudo_room, page_factory, "pseudo-projector")
    for board in demo["boards"]:
        api.show(demo["workshop_id"], board["id"])
        expect(projector.locator("#board")).to_have_attribute("data-target-key", re.compile(f":{board['id']}:"))
        projector.wait_for_timeout(600)
        leftovers = _rendered_english(projector, pseudo_room["server"])
        assert not leftovers, f"projector, {board['kind']} board: English not marked for translation: {leftovers}"


CONSOLE = {"width": 1366, "height": 768}
# The console's Agenda heading and its hidden page heading, as the catalogues word them.
CONSOLE_HEADINGS = {"cy": ("Agenda", "Consol y diwrnod"), "ar": ("جدول الأعمال", "وحدة التحكم لليوم")}


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_the_organiser_console_follows_the_organisers_language(room, page_factory, lang):
    """A browser in Welsh (or Arabic) signs in and runs the day: every heading of the console is in its
    language, Arabic mirrored, nothing spilling sideways on a 1366x768 laptop."""
    from tests.support.live_server import ORGANISER_EMAIL, ORGANISER_PASSWORD

    server = room["server"]
    page = page_factory(viewport=CONSOLE, name=f"{lang}-console", locale={"cy": "cy-GB", "ar": "ar"}[lang])
    page.goto(f"{server.base_url}/organiser/login")
    page.locator("#email").fill(ORGANISER_EMAIL)
    page.locator("#password").fill(ORGANISER_PASSWORD)
    page.locator("button[type=submit].primary").click()
    page.goto(f"{server.base_url}/organiser/workshops/{room['demo']['workshop_id']}/console")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")
    agenda, title = CONSOLE_HEADINGS[lang]
    expect(page.locator("#agenda-heading")).to_have_text(agenda)
    expect(page.locator("h1.visually-hidden")).to_have_text(title)
    expect(page.locator("#showing-now")).not_to_have_text("…", timeout=10_000)  # the console's JS has run
    assert page.evaluate("document.documentElement.scrollWidth") <= CONSOLE["width"]
    headings = page.locator("h2").all_inner_texts()
    assert len(headings) >= 5, headings
    english = ("Notes", "Waiting for approval", "Dot voting", "Keyboard shortcuts", "On the projector")
    assert not [h for h in headings if h.strip().startswith(english)], headings
    shot(page, f"organiser-console-{lang}-1366x768")


# The organiser's and facilitator's pages whose JS writes text after load (console views, moderation lists,
# evaluation results, editor autosave, projector zoom, directory and attendance on the tablet…).
ORGANISER_PATHS = (
    "",
    "/console",
    "/projector-control",
    "/moderation",
    "/evaluation",
    "/directory",
    "/activities",
    "/recordings",
    "/tables",
    "/attendees",
    "/exports",
)


def test_no_english_escapes_the_pseudo_locale_on_the_organiser_and_tablet_pages(pseudo_room, page_factory):
    from tests.support.live_server import ORGANISER_EMAIL, ORGANISER_PASSWORD

    server, demo = pseudo_room["server"], pseudo_room["demo"]
    page = page_factory(name="pseudo-organiser")
    page.goto(f"{server.base_url}/organiser/login")
    page.locator("#email").fill(ORGANISER_EMAIL)
    page.locator("#password").fill(ORGANISER_PASSWORD)
    page.locator("button.primary[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/organiser/$"))
    found = {}
    paths = [f"/organiser/workshops/{demo['workshop_id']}{path}" for path in ORGANISER_PATHS]
    for path in ["/organiser/", *paths]:
        page.goto(server.base_url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        found[path] = _rendered_english(page, server)
    tablet = page_factory(viewport={"width": 1024, "height": 768}, name="pseudo-tablet")
    tablet.goto(f"{server.base_url}/f/{demo['groups'][0]['token']}")
    tablet.wait_for_load_state("networkidle")
    tablet.wait_for_timeout(800)
    found["facilitator tablet"] = _rendered_english(tablet, server)
    leftovers = {path: words for path, words in found.items() if words}
    assert not leftovers, f"English not marked for translation, after the pages' JS ran: {leftovers}"
