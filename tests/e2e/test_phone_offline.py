"""The phone with no network: the page survives a reload and every note it held arrives exactly once.

Two ways a venue runs: on 127.0.0.1 (or HTTPS) the page is a secure context, the service worker keeps its
shell, and a reload with no network shows the page and its outbox; on plain http at the laptop's LAN address
browsers refuse service workers, so the page warns before a reload or leaving while notes are unsent, and a
reload once the network is back resends them. The module's one server listens on every interface so both
addresses reach it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from facilitation.network import lan_address
from tests.e2e.conftest import PHONE
from tests.e2e.helpers import join_as_attendee, wait_until_live, write_and_send
from tests.support.live_server import start_quietly
from tests.support.projector_seed import OrganiserApi

pytestmark = [pytest.mark.browser, pytest.mark.live]

BACK_ONLINE_MS = 15_000  # Socket.IO's reconnection back-off is at most five seconds, plus jitter


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    server = start_quietly(tmp_path_factory.mktemp("offline"), HOST="0.0.0.0")
    try:
        yield server
    finally:
        server.stop()


def _go_offline(phone) -> None:
    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_have_attribute(
        "data-status", re.compile("offline|reconnecting"), timeout=BACK_ONLINE_MS
    )


def _notes_with(server, text: str) -> list[dict]:
    state = OrganiserApi.sign_in(server).call("GET", f"/workshops/{server.demo()['workshop_id']}/state")
    return [note for note in state["notes"] if note["text"] == text]


def test_secure_context_reload_offline_keeps_the_page_and_sends_each_note_once(page_factory, live_server, demo):
    phone = page_factory(PHONE, name="phone", has_touch=True, is_mobile=True)
    join_as_attendee(phone, live_server, demo["join_code"], name="Ola")
    wait_until_live(phone)
    assert phone.evaluate("isSecureContext")
    expect(phone.locator("html")).to_have_attribute("data-offline-shell", "ready", timeout=10_000)

    _go_offline(phone)
    first, second = "Written on the train with no signal", "And another one after the reload"
    write_and_send(phone, first)
    expect(phone.locator("#my-notes li", has_text=first)).to_have_attribute("data-state", "sending")

    response = phone.reload()
    assert response is not None and response.from_service_worker, "the reload did not come from the service worker"
    assert phone.watch.leave_warnings == 1, "reloading with an unsent note did not warn"
    expect(phone.locator("#note-text")).to_be_visible()
    expect(phone.locator("#my-notes li", has_text=first)).to_have_attribute("data-state", "sending")
    write_and_send(phone, second)
    expect(phone.locator("#my-notes li", has_text=second)).to_have_attribute("data-state", "sending")

    phone.context.set_offline(False)
    expect(phone.locator("#connection")).to_have_attribute("data-status", "online", timeout=BACK_ONLINE_MS)
    for text in (first, second):
        expect(phone.locator("#my-notes li", has_text=text)).to_have_attribute("data-state", "sent", timeout=5_000)
    phone.wait_for_timeout(500)  # a duplicate delivery would land in this time
    assert len(_notes_with(live_server, first)) == 1
    assert len(_notes_with(live_server, second)) == 1


def test_plain_http_at_a_lan_address_warns_before_a_reload_and_loses_nothing(browser, live_server, demo):
    address = lan_address()
    if address is None:
        pytest.fail("this machine has no LAN address to reach the server at")
    base = f"http://{address}:{live_server.port}"
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    dialogs: list[str] = []
    answers = iter(["stay", "leave"])

    def on_dialog(dialog) -> None:
        dialogs.append(dialog.type)
        (dialog.dismiss if next(answers) == "stay" else dialog.accept)()

    page.on("dialog", on_dialog)
    try:
        page.goto(f"{base}/join/{demo['join_code']}")
        page.get_by_role("button", name="Join").click()
        wait_until_live(page)
        assert not page.evaluate("isSecureContext")
        expect(page.locator("html")).to_have_attribute("data-offline-shell", "unavailable")

        _go_offline(page)
        text = "Posted over plain http with the Wi-Fi down"
        write_and_send(page, text)
        mine = page.locator("#my-notes li", has_text=text)
        expect(mine).to_have_attribute("data-state", "sending")
        with pytest.raises(PlaywrightTimeout):  # the person chose to stay: the reload does not happen
            page.reload(timeout=2_000)
        assert dialogs == ["beforeunload"]
        expect(mine).to_have_attribute("data-state", "sending")

        context.set_offline(False)
        page.reload()  # back online, leaving anyway: the reloaded page resends from localStorage
        # Warned again only if the outbox had not emptied yet when the page went; never any other dialog.
        assert set(dialogs) == {"beforeunload"}
        wait_until_live(page)
        expect(page.locator("#my-notes li", has_text=text)).to_have_attribute("data-state", "sent", timeout=10_000)
        page.wait_for_timeout(500)
        assert len(_notes_with(live_server, text)) == 1
        assert errors == []
    finally:
        context.close()
