"""How long the projector takes to show one more note on a board already showing 200 (target: < 50 ms).

For each board kind, a projector page at 1920x1080 in Chromium shows a board of 200 notes; then one note at
a time is posted over HTTP (as a facilitator's tablet would) and the page's own measure of the update is
read: ProjectorStore.apply wraps the store update and the view's redraw (including the layout it forces)
in performance.measure("projector:update"). The Chrome DevTools Protocol's ScriptDuration (JavaScript only)
and LayoutDuration deltas over the same note are reported beside it.
"""

from __future__ import annotations

import re

from bench.common import chromium, live_server, save, summary
from tests.support.projector_seed import DirectSeeder, NotePoster, OrganiserApi

KINDS = {
    "tree": ["Barriers", "Enablers"],
    "washing_line": ["Line"],
    "ideas": ["Ideas"],
    "solutions": ["Knowledge", "Time", "Funding"],
}
BASE_NOTES = 200
REPETITIONS = 30

LAST_UPDATE = """() => {
  const entries = performance.getEntriesByName('projector:update').filter((e) => e.detail === 'note:added');
  return entries.length ? entries[entries.length - 1].duration : null;
}"""


def metrics(cdp) -> dict:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def measure_kind(server, demo, api, browser, kind: str, sections: list[str]) -> dict:
    from playwright.sync_api import expect

    board = api.add_board(demo["workshop_id"], kind, f"Bench {kind}", sections)
    DirectSeeder(server, demo, seed=len(kind)).post(board, BASE_NOTES)
    api.show(demo["workshop_id"], board["id"])
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"{server.base_url}/p/{demo['projector_token']}?page_seconds=3600")
    expect(page.locator("#board")).to_have_attribute("data-note-count", str(BASE_NOTES), timeout=30_000)
    expect(page.locator("#connection")).to_have_attribute("data-status", "online", timeout=30_000)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    poster = NotePoster(server, demo, seed=99)
    poster.count = 7  # past the special texts: ordinary notes of 1-500 characters
    updates, scripts, layouts = [], [], []
    for i in range(1, REPETITIONS + 1):
        before = metrics(cdp)
        poster.post(board, 1)
        expect(page.locator("#board")).to_have_attribute("data-note-count", str(BASE_NOTES + i), timeout=10_000)
        page.wait_for_timeout(50)  # let the frame that shows it finish, so its layout is in the delta
        after = metrics(cdp)
        updates.append(page.evaluate(LAST_UPDATE))
        scripts.append((after["ScriptDuration"] - before["ScriptDuration"]) * 1000)
        layouts.append((after["LayoutDuration"] - before["LayoutDuration"]) * 1000)
    pages = page.locator("#page-indicator").text_content()
    context.close()
    return {
        "update_ms": summary(updates),
        "cdp_script_ms": summary(scripts),
        "cdp_layout_ms": summary(layouts),
        "pages": re.sub(r"^Page ", "", pages or "1/1"),
    }


def run() -> dict:
    results = {"base_notes": BASE_NOTES, "repetitions": REPETITIONS, "viewport": "1920x1080", "kinds": {}}
    with live_server() as server, chromium() as browser:
        demo = server.demo()
        api = OrganiserApi.sign_in(server)
        for kind, sections in KINDS.items():
            results["kinds"][kind] = measure_kind(server, demo, api, browser, kind, sections)
    save("projector_update", results)
    return results


def table(results: dict) -> list[str]:
    lines = [f"Projector: one note added to a board of {results['base_notes']} (ms, n={results['repetitions']})"]
    lines.append(
        f"  {'kind':<13} {'update med':>10} {'p95':>7} {'script med':>11} {'p95':>7} {'layout med':>11} {'pages':>7}"
    )
    for kind, r in results["kinds"].items():
        lines.append(
            f"  {kind:<13} {r['update_ms']['median']:>10} {r['update_ms']['p95']:>7} "
            f"{r['cdp_script_ms']['median']:>11} {r['cdp_script_ms']['p95']:>7} "
            f"{r['cdp_layout_ms']['median']:>11} {r['pages']:>7}"
        )
    return lines


if __name__ == "__main__":
    print("\n".join(table(run())))
