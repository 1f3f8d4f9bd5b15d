"""The attendee page's first load: bytes on the wire over every request (target: < 150 KB).

A phone joins with the code, then opens the attendee page with an empty cache; the Chrome DevTools Protocol's
Network.loadingFinished gives each response's encodedDataLength (headers and body as transferred). The
socket's polling handshake and catch-up are counted; the websocket frames after it are not page weight.
"""

from __future__ import annotations

import re
import time

import requests

from bench.common import chromium, live_server, save

BUDGET_BYTES = 150 * 1024
SETTLE_SECONDS = 3
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def run() -> dict:
    with live_server() as server, chromium() as browser:
        code = server.demo()["join_code"]
        session = requests.Session()
        form = session.get(f"{server.base_url}/join/{code}", timeout=10).text
        session.post(
            f"{server.base_url}/join",
            data={"code": code, "name": "Ana", "csrf_token": CSRF_FIELD.search(form).group(1)},
            timeout=10,
        ).raise_for_status()
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        context.add_cookies([{"name": c.name, "value": c.value, "url": server.base_url} for c in session.cookies])
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        urls: dict[str, str] = {}
        sizes: dict[str, float] = {}
        cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
        cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
        page.goto(f"{server.base_url}/attend")
        page.wait_for_selector("#connection[data-status=online]", timeout=15_000)
        time.sleep(SETTLE_SECONDS)
        context.close()
    by_url = sorted(((urls.get(rid, rid), size) for rid, size in sizes.items()), key=lambda item: -item[1])
    total = sum(size for _url, size in by_url)
    results = {
        "total_bytes": int(total),
        "total_kb": round(total / 1024, 1),
        "budget_kb": BUDGET_BYTES / 1024,
        "within_budget": total < BUDGET_BYTES,
        "requests": [{"url": re.sub(r"^https?://[^/]+", "", url), "bytes": int(size)} for url, size in by_url],
    }
    save("page_weight", results)
    return results


def table(results: dict) -> list[str]:
    verdict = "within" if results["within_budget"] else "OVER"
    lines = [
        f"Attendee page first load: {results['total_kb']} KB over {len(results['requests'])} requests "
        f"({verdict} the {results['budget_kb']:.0f} KB budget)"
    ]
    lines += [f"  {r['bytes']:>8}  {r['url'][:90]}" for r in results["requests"][:12]]
    return lines


if __name__ == "__main__":
    print("\n".join(table(run())))
