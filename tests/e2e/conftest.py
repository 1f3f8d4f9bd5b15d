"""Browser fixtures shared by every Playwright test.

The product must work in a room with no internet, so every page opened here is watched: a request to any host
other than the local server fails the test, as does an uncaught page error, a Content Security Policy violation
or an unexpected dialog (an ``alert`` firing is how injected script usually shows itself). Browser tests must
never skip silently in CI, so a missing Chromium is a failure there and only a skip on a developer machine.
"""

from __future__ import annotations

import contextlib
import gc
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.live_server import LiveServer, start_live_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
LOCAL_SCHEMES = {"data", "blob", "about"}

PHONE = {"width": 360, "height": 640}
TABLET = {"width": 1024, "height": 768}
PROJECTOR = {"width": 1920, "height": 1080}
DESKTOP = {"width": 1280, "height": 900}

# Chromium reports CSP violations as console errors; this init script makes sure every violation is reported even
# when the browser would only count it, so the console watcher below sees each one.
_CSP_REPORTER = """
document.addEventListener('securitypolicyviolation', (event) => {
  console.error('Content Security Policy violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI);
});
"""


@dataclass
class PageWatch:
    """Everything one page did that a test may want to assert on afterwards."""

    name: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    leave_warnings: int = 0  # beforeunload prompts: the phone guarding unsent notes, accepted like a person would

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not _is_local(url)]

    def problems(self) -> list[str]:
        found = [f"request to a foreign host: {url}" for url in self.foreign_requests()]
        found += [f"uncaught page error: {message}" for message in self.page_errors]
        found += [f"CSP violation: {message}" for message in self.csp_violations]
        found += [f"unexpected dialog: {message}" for message in self.dialogs]
        return [f"[{self.name}] {problem}" for problem in found]


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return (parts.hostname or "") in LOCAL_HOSTS


def save_screenshot(page, name: str, full_page: bool = False) -> Path:
    """Save a PNG under test-artifacts/screenshots/<name>.png (gitignored) and return its path.

    Animations are finished first, so a note that has just arrived is shown as people see it a moment later,
    not half-faded in.
    """
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if not full_page:
        page.screenshot(path=str(path), animations="disabled")
        return path
    # A full-page capture keeps the small viewport, so sticky elements (the phone's Send button) would be drawn
    # in mid-page; grow the viewport to the whole page instead, then put it back.
    viewport = page.viewport_size
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
    try:
        page.screenshot(path=str(path), animations="disabled")
    finally:
        page.set_viewport_size(viewport)
    return path


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield launched
    finally:
        launched.close()
        playwright.stop()


@pytest.fixture(scope="module")
def live_server_env() -> dict[str, str]:
    """Extra settings for the module's server; a module overrides this fixture to change them."""
    return {}


@pytest.fixture(scope="module")
def live_server(tmp_path_factory, live_server_env) -> LiveServer:
    # start_live_server drops its handle on the server log without closing it; with warnings as errors the
    # ResourceWarning would fail whichever test the garbage collector happened to run in. Collect it here, quietly.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            server = start_live_server(tmp_path_factory.mktemp("live"), **live_server_env)
        finally:
            gc.collect()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def demo(live_server):
    """Join code, tokens and ids of the module server's demo workshop."""
    return live_server.demo()


@pytest.fixture
def page_factory(browser):
    """open_page(viewport=PHONE, name="phone") -> a Page in its own context, watched until the test ends.

    Each page gets ``page.watch`` (a PageWatch). At teardown every context is closed and the test fails if any
    page talked to a foreign host, threw an uncaught error, broke the CSP or opened a dialog.
    """
    contexts = []
    watches: list[PageWatch] = []

    def open_page(viewport: dict | None = None, name: str | None = None, **context_options):
        context = browser.new_context(viewport=viewport or DESKTOP, **context_options)
        context.add_init_script(_CSP_REPORTER)
        watch = PageWatch(name or f"page{len(watches) + 1}")
        context.on("request", lambda req: watch.requests.append(req.url))
        page = context.new_page()
        page.on("websocket", lambda socket: watch.requests.append(socket.url))
        page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
        page.on("console", lambda message: _on_console(watch, message))
        page.on("dialog", lambda dialog: _on_dialog(watch, dialog))
        page.set_default_timeout(10_000)
        page.watch = watch
        contexts.append(context)
        watches.append(watch)
        return page

    yield open_page

    for context in contexts:
        with contextlib.suppress(Exception):  # a context the test already closed is fine
            context.close()
    problems = [problem for watch in watches for problem in watch.problems()]
    if problems:
        pytest.fail("browser problems:\n" + "\n".join(problems), pytrace=False)


def _on_console(watch: PageWatch, message) -> None:
    text = message.text
    if "Content Security Policy" in text:
        watch.csp_violations.append(text)
    if message.type == "error":
        watch.console_errors.append(text)


def _on_dialog(watch: PageWatch, dialog) -> None:
    if dialog.type == "beforeunload":
        watch.leave_warnings += 1
        dialog.accept()
        return
    watch.dialogs.append(f"{dialog.type}: {dialog.message}")
    dialog.dismiss()


@pytest.fixture
def screenshot():
    """screenshot(page, name) -> Path of test-artifacts/screenshots/<name>.png."""
    return save_screenshot
