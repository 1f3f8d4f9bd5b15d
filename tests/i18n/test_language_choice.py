"""Which language a page comes in: the browser's, then the device's choice, then the organiser's own."""

from __future__ import annotations

import json
import re

from facilitation.extensions import db
from facilitation.models import Organiser

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
HTML_TAG = re.compile(r"<html lang=\"([^\"]+)\" dir=\"([^\"]+)\">")


def html_language(response) -> tuple[str, str]:
    return HTML_TAG.search(response.get_data(as_text=True)).groups()


def switch(client, lang: str, next_path: str = "/"):
    token = CSRF_FIELD.search(client.get(next_path).get_data(as_text=True)).group(1)
    return client.post("/language", data={"lang": lang, "next": next_path, "csrf_token": token})


def test_a_welsh_browser_gets_welsh_from_the_first_request(client):
    response = client.get("/p/not-a-link", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"})
    assert html_language(response) == ("cy", "ltr")
    assert "Mae angen dolen fynediad ddilys." in response.get_data(as_text=True)


def test_an_arabic_browser_gets_a_right_to_left_page(client):
    response = client.get("/p/not-a-link", headers={"Accept-Language": "ar"})
    assert html_language(response) == ("ar", "rtl")
    assert "يلزم رابط دخول صالح." in response.get_data(as_text=True)


def test_no_preference_is_english(client):
    assert html_language(client.get("/")) == ("en", "ltr")
    assert html_language(client.get("/", headers={"Accept-Language": "fr"})) == ("en", "ltr")


def test_the_switcher_is_on_the_page_and_its_choice_is_remembered_on_the_device(client):
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'name="lang" value="cy"' in page and "Cymraeg" in page
    response = switch(client, "cy", "/join/ABC123")
    assert response.status_code == 303 and response.headers["Location"] == "/join/ABC123"
    # The cookie beats what the browser asks for, on every later request.
    assert html_language(client.get("/", headers={"Accept-Language": "en"})) == ("cy", "ltr")
    assert html_language(client.get("/p/x", headers={"Accept-Language": "ar"})) == ("cy", "ltr")


def test_the_switcher_refuses_other_sites_and_unknown_languages(client):
    assert switch(client, "cy", "/").status_code == 303
    token = CSRF_FIELD.search(client.get("/").get_data(as_text=True)).group(1)
    response = client.post("/language", data={"lang": "cy", "next": "//evil.example/", "csrf_token": token})
    assert response.headers["Location"] == "/"
    client.post("/language", data={"lang": "xx", "next": "/", "csrf_token": token})
    assert html_language(client.get("/")) == ("cy", "ltr")


def test_a_signed_in_organisers_pages_follow_their_own_setting(client, organiser):
    token = CSRF_FIELD.search(client.get("/organiser/login").get_data(as_text=True)).group(1)
    signed_in = client.post(
        "/organiser/login",
        data={"email": "organiser@example.org", "password": "correct horse battery", "csrf_token": token},
    )
    assert signed_in.status_code == 302
    switch(client, "ar", "/")
    assert db.session.get(Organiser, organiser.organiser_id).language == "ar"
    client.delete_cookie("lang")  # another device, same account
    assert html_language(client.get("/", headers={"Accept-Language": "cy"})) == ("ar", "rtl")


def test_the_page_state_island_carries_the_js_catalogue_of_the_page_language(client, workshop):
    token = CSRF_FIELD.search(client.get("/").get_data(as_text=True)).group(1)
    joined = client.post("/join", data={"code": workshop.join_code, "name": "Sam", "csrf_token": token})
    assert joined.status_code == 302
    page = client.get("/attend", headers={"Accept-Language": "cy"}).get_data(as_text=True)
    island = re.search(r'<script type="application/json" id="page-state">(.*?)</script>', page, re.S).group(1)
    catalogue = json.loads(island)["i18n"]
    assert catalogue["lang"] == "cy"
    assert catalogue["plural_categories"] == ["zero", "one", "two", "few", "many", "other"]
    assert isinstance(catalogue["messages"], dict) and isinstance(catalogue["plurals"], dict)
