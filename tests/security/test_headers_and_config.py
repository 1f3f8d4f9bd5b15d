"""Browser-facing hardening: security headers on every page, markup with no inline script or style,
session cookies, hashed passwords, and production refusing to start without a SECRET_KEY."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from facilitation import create_app
from facilitation.extensions import db
from facilitation.models import Organiser
from facilitation.organisers import service as organisers
from tests.security.test_authorisation_matrix import HTTP_CASES, HTTP_ROWS, build_path, path_params
from tests.security.world import ROLES, client_for

GET_CASES = [case for case in HTTP_CASES if case.method == "GET"]


def csp_directives(header: str) -> dict[str, str]:
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, style attributes/elements, on* handlers."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag == "script":
            kind = dict(attrs).get("type") or ""
            if "src" not in names and kind != "application/json":
                self.found.append(f"inline <script type={kind!r}>")
        if tag == "style":
            self.found.append("<style> element")
        self.found += [f"{tag} style attribute" for name in names if name == "style"]
        self.found += [f"{tag} {name} handler" for name in names if name.startswith("on")]
        self.found += [
            f"{tag} javascript: URL"
            for name, value in attrs
            if name in ("href", "src", "action") and value and value.strip().lower().startswith("javascript:")
        ]


def pages_for_every_role(app):
    """Every GET route, as every role (the pages each role can reach, and the error pages of the rest)."""
    world = app.world
    for case in GET_CASES:
        for role in ROLES:
            client = client_for(app, world, role)
            path = build_path(case.rule, path_params(case, HTTP_ROWS[case.key], world, role))
            headers = {}
            if world.token_for(role) and path.startswith("/api/"):
                headers["Authorization"] = f"Bearer {world.token_for(role)}"
            response = client.get(path, headers=headers)
            yield case, role, response
            response.close()


def test_every_response_carries_the_security_headers_and_html_has_no_inline_code(world_app):
    from tests.security.test_authorisation_matrix import _world_extras

    _world_extras(world_app)
    problems: list[str] = []
    html_pages = 0
    for case, role, response in pages_for_every_role(world_app):
        where = f"{case.key} as {role} ({response.status_code})"
        headers = response.headers
        csp = csp_directives(headers.get("Content-Security-Policy", ""))
        if csp.get("script-src") != "script-src 'self'" or csp.get("style-src") != "style-src 'self'":
            problems.append(f"{where}: script/style not limited to 'self': {csp}")
        # The projector page alone may be framed, by this site only: the organiser's console shows it live.
        framed = case.key == "GET /p/<token>" and response.status_code == 200
        ancestors, frame_options = ("'self'", "SAMEORIGIN") if framed else ("'none'", "DENY")
        if csp.get("frame-ancestors") != f"frame-ancestors {ancestors}" or csp.get("object-src") != "object-src 'none'":
            problems.append(f"{where}: framing or plugins allowed: {csp}")
        if "unsafe-inline" in headers.get("Content-Security-Policy", "") or "unsafe-eval" in headers.get(
            "Content-Security-Policy", ""
        ):
            problems.append(f"{where}: unsafe-inline/eval in the CSP")
        if headers.get("X-Content-Type-Options") != "nosniff":
            problems.append(f"{where}: no X-Content-Type-Options: nosniff")
        if headers.get("Referrer-Policy") not in ("no-referrer", "same-origin", "strict-origin-when-cross-origin"):
            problems.append(f"{where}: Referrer-Policy {headers.get('Referrer-Policy')!r}")
        if headers.get("X-Frame-Options") != frame_options:
            problems.append(f"{where}: X-Frame-Options {headers.get('X-Frame-Options')!r}")
        if response.mimetype == "text/html":
            html_pages += 1
            parser = InlineCode()
            parser.feed(response.get_data(as_text=True))
            problems += [f"{where}: {found}" for found in parser.found]
    assert html_pages >= 40, html_pages
    assert not problems, "\n".join(problems)


def test_session_cookie_is_httponly_and_samesite_lax_and_not_secure_on_plain_http(make_app):
    app = make_app()
    organisers.create_organiser("cookie@example.org", "a long enough password")
    client = app.test_client()
    page = client.get("/organiser/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(
        "/organiser/login",
        data={"email": "cookie@example.org", "password": "a long enough password", "csrf_token": token},
    )
    assert response.status_code == 302
    cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("session="))
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")}
    assert "httponly" in attributes
    assert attributes["samesite"].lower() == "samesite=lax"
    assert "secure" not in attributes  # the laptop serves plain HTTP; a Secure cookie would never come back


def test_secure_cookies_when_configured_for_https(make_app, monkeypatch):
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "1")
    app = make_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    client = app.test_client()
    response = client.get("/organiser/login", base_url="https://board.example.org")
    cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("session="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_mode_defaults_to_secure_cookies(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment-and-32-bytes-long")
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    app = create_app("production", instance_path=str(tmp_path / "instance"))
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_production_mode_refuses_to_start_without_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production", instance_path=str(tmp_path / "instance"))
    assert not (tmp_path / "instance" / "secret_key").exists(), "production must not invent a key of its own"


def test_organiser_passwords_are_stored_hashed_and_salted(make_app):
    make_app()
    organisers.create_organiser("a@example.org", "the same long password")
    organisers.create_organiser("b@example.org", "the same long password")
    hashes = list(db.session.scalars(select(Organiser.password_hash).order_by(Organiser.id)))
    assert all("the same long password" not in h for h in hashes)
    assert all(h.startswith(("scrypt:", "pbkdf2:")) for h in hashes), hashes
    assert hashes[0] != hashes[1], "a per-password salt"
    assert organisers.authenticate("a@example.org", "the same long password").role == "organiser"
