"""Server-rendered pages: join, phone, tablet, projector, organiser; security headers and escaping."""

from __future__ import annotations

import re
import uuid
from html import unescape

import pytest

from facilitation.extensions import db
from facilitation.models import Group, Workshop
from facilitation.notes import service as notes
from facilitation.workshops import service as workshops
from tests.conftest import board_by_kind

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
PRIVACY = re.compile(r"identif(y|ies) a patient or client")
SCRIPT = "<script>alert(1)</script>"


def csrf_from(response) -> str:
    return CSRF_FIELD.search(response.get_data(as_text=True)).group(1)


def text_of(response) -> str:
    return response.get_data(as_text=True)


def sign_in(client, email="organiser@example.org", password="correct horse battery", next_path=None):
    url = "/organiser/login" + (f"?next={next_path}" if next_path else "")
    token = csrf_from(client.get("/organiser/login"))
    return client.post(url, data={"email": email, "password": password, "csrf_token": token})


def join_by_form(client, code, name=""):
    token = csrf_from(client.get(f"/join/{code}"))
    return client.post("/join", data={"code": code, "name": name, "csrf_token": token})


# --- join ---------------------------------------------------------------------------------------------


def test_landing_page_offers_the_join_form_with_the_privacy_warning(client):
    response = client.get("/")
    assert response.status_code == 200
    page = text_of(response)
    assert PRIVACY.search(page)
    assert 'action="/join"' in page
    assert CSRF_FIELD.search(page)


def test_join_link_prefills_the_code(client, workshop):
    page = text_of(client.get(f"/join/{workshop.join_code}"))
    assert f'value="{workshop.join_code}"' in page
    assert PRIVACY.search(page)


def test_join_form_needs_its_csrf_token(client, workshop):
    response = client.post("/join", data={"code": workshop.join_code, "name": "Sam"})
    assert response.status_code == 400
    assert client.get("/attend").status_code == 302


def test_joining_by_form_leads_to_the_phone_page(client, workshop):
    response = join_by_form(client, workshop.join_code.lower(), "Sam")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/attend")

    phone = client.get("/attend")
    assert phone.status_code == 200
    page = text_of(phone)
    assert workshop.title in unescape(page)
    assert "Sam" in page
    assert PRIVACY.search(page)
    assert 'id="page-state"' in page


def test_joining_with_a_bad_code_shows_the_form_again(client, workshop):
    response = join_by_form(client, "ZZZZZZ")
    assert response.status_code == 404
    assert "No workshop has that code" in text_of(response)
    assert client.get("/attend").headers["Location"].endswith("/")


def test_phone_page_without_joining_sends_you_to_the_join_form(client):
    response = client.get("/attend")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/")


def test_leaving_ends_the_phone_session(client, workshop):
    join_by_form(client, workshop.join_code)
    token = csrf_from(client.get("/attend"))
    assert client.post("/attend/leave", data={"csrf_token": token}).status_code == 302
    assert client.get("/attend").status_code == 302


# --- tablet and projector -------------------------------------------------------------------------------


def test_facilitator_link_opens_the_group_page(client, workshop):
    group = workshop.groups[2]
    response = client.get(f"/f/{group.facilitator_token}")
    assert response.status_code == 200
    assert group.name in text_of(response)


def test_projector_link_shows_the_join_code_and_qr(client, workshop):
    response = client.get(f"/p/{workshop.projector_token}")
    assert response.status_code == 200
    page = text_of(response)
    assert workshop.join_code in page
    assert f"/qr/{workshop.join_code}.svg" in page


@pytest.mark.parametrize("path", ["/f/f_nope", "/p/p_nope", "/f/nonsense", "/p/" + "p" * 150])
def test_bad_link_is_404(client, workshop, path):
    assert client.get(path).status_code == 404


def test_a_link_only_opens_its_own_page(client, workshop):
    assert client.get(f"/p/{workshop.groups[0].facilitator_token}").status_code == 404
    assert client.get(f"/f/{workshop.projector_token}").status_code == 404


def test_revoked_facilitator_link_is_404(client, workshop):
    group = workshop.groups[0]
    db.session.get(Group, group.id).revoked = True
    db.session.commit()
    assert client.get(f"/f/{group.facilitator_token}").status_code == 404


# --- organiser ----------------------------------------------------------------------------------------


def test_organiser_pages_need_sign_in(client, workshop):
    for path in ("/organiser/", f"/organiser/workshops/{workshop.id}"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/organiser/login" in response.headers["Location"]


def test_wrong_password_is_refused_with_a_message(client, organiser):
    response = sign_in(client, password="wrong password!")
    assert response.status_code == 401
    assert "not recognised" in text_of(response)
    assert client.get("/organiser/").status_code == 302


def test_sign_in_leads_to_the_dashboard_listing_workshops(client, workshop):
    response = sign_in(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/organiser/")
    dashboard = client.get("/organiser/")
    assert dashboard.status_code == 200
    page = unescape(text_of(dashboard))
    assert workshop.title in page
    assert workshop.join_code in page


def test_sign_in_returns_to_a_local_page_only(client, workshop):
    local = sign_in(client, next_path=f"/organiser/workshops/{workshop.id}")
    assert local.headers["Location"].endswith(f"/organiser/workshops/{workshop.id}")
    for target in ("//evil.example/", "https://evil.example/"):
        response = sign_in(client, next_path=target)
        assert "evil.example" not in response.headers["Location"]


def test_sign_out(client, organiser):
    sign_in(client)
    token = csrf_from(client.get("/organiser/"))
    assert client.post("/organiser/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/organiser/").status_code == 302


def test_workshop_editor_shows_every_link_code_and_qr(client, workshop):
    sign_in(client)
    response = client.get(f"/organiser/workshops/{workshop.id}")
    assert response.status_code == 200
    page = text_of(response)
    for group in workshop.groups:
        assert f"/f/{group.facilitator_token}" in page
    assert f"/p/{workshop.projector_token}" in page
    assert f"/join/{workshop.join_code}" in page
    assert workshop.join_code in page
    assert re.search(rf'<img[^>]+src="/qr/{workshop.join_code}\.svg"', page)


def test_another_organisers_workshop_is_forbidden(client, workshop, other_organiser):
    sign_in(client, "other@example.org", "another long password")
    response = client.get(f"/organiser/workshops/{workshop.id}")
    assert response.status_code == 403
    assert workshop.join_code not in text_of(response)


def test_create_workshop_by_form(client, organiser):
    sign_in(client)
    token = csrf_from(client.get("/organiser/"))
    response = client.post(
        "/organiser/workshops", data={"template": "oxford-2022", "title": "Leeds", "csrf_token": token}
    )
    assert response.status_code == 302
    created = db.session.query(Workshop).filter_by(title="Leeds").one()
    assert response.headers["Location"].endswith(f"/organiser/workshops/{created.id}")
    assert len(created.groups) == 6


def test_editor_forms_save_or_show_the_error(client, workshop):
    sign_in(client)
    editor = f"/organiser/workshops/{workshop.id}"
    token = csrf_from(client.get(editor))

    saved = client.post(f"{editor}/groups", data={"name": "Group 7", "colour": "#123456", "csrf_token": token})
    assert saved.status_code == 302
    assert "Group 7" in text_of(client.get(editor))

    refused = client.post(f"{editor}/groups", data={"name": "Group 8", "colour": "purple", "csrf_token": token})
    assert refused.status_code == 302
    page = text_of(client.get(editor))
    assert "Colours are written #RRGGBB." in page
    assert "Group 8" not in page
    assert [g.name for g in db.session.get(Workshop, workshop.id).groups][-1] == "Group 7"


def test_editor_form_without_csrf_is_refused(client, workshop):
    sign_in(client)
    response = client.post(f"/organiser/workshops/{workshop.id}/groups", data={"name": "G", "colour": "#123456"})
    assert response.status_code == 400
    assert len(db.session.get(Workshop, workshop.id).groups) == 6


# --- QR -----------------------------------------------------------------------------------------------


def test_qr_endpoint_returns_svg(client, workshop):
    response = client.get(f"/qr/{workshop.join_code}.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert text_of(response).lstrip().startswith("<svg")
    assert client.get(f"/qr/{workshop.join_code.lower()}.svg").status_code == 200


def test_qr_for_a_malformed_code_is_404(client):
    assert client.get("/qr/not-a-code.svg").status_code == 404


# --- headers and escaping ---------------------------------------------------------------------------------


def test_every_response_carries_a_strict_content_security_policy(client, workshop):
    join_by_form(client, workshop.join_code)
    paths = [
        "/",
        f"/join/{workshop.join_code}",
        "/attend",
        f"/f/{workshop.groups[0].facilitator_token}",
        f"/p/{workshop.projector_token}",
        "/p/p_bad",
        "/organiser/login",
        "/organiser/",
        f"/qr/{workshop.join_code}.svg",
        "/api/openapi.json",
        "/no-such-page",
        "/static/does-not-exist.js",
    ]
    for path in paths:
        response = client.get(path)
        policy = response.headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in policy, path
        assert "script-src 'self'" in policy, path
        assert "'unsafe-inline'" not in policy, path
        assert "'unsafe-eval'" not in policy, path
        assert response.headers.get("X-Content-Type-Options") == "nosniff", path


def test_pages_have_no_inline_script(client, workshop):
    join_by_form(client, workshop.join_code)
    for path in ("/", "/attend", f"/f/{workshop.groups[0].facilitator_token}", f"/p/{workshop.projector_token}"):
        page = text_of(client.get(path))
        for tag in re.findall(r"<script\b[^>]*>", page):
            assert 'src="' in tag or 'type="application/json"' in tag, (path, tag)


def test_user_text_is_escaped_in_every_page(app, client, workshop, organiser, facilitator):
    workshops.update_details(organiser, workshop.id, title=SCRIPT, event_date=None, venue=SCRIPT)
    workshops.save_group(organiser, workshop.id, facilitator.group_id, name=SCRIPT, colour="#123456")
    tree = board_by_kind(workshop, "tree")
    payload = {"client_id": uuid.uuid4().hex, "board_id": tree.id, "section_id": tree.sections[0].id, "text": SCRIPT}
    notes.post_note(facilitator, workshop.id, payload)

    phone = app.test_client()
    join_by_form(phone, workshop.join_code, name="<b>Sam</b>")
    sign_in(client)
    pages = {
        "/attend": phone.get("/attend"),
        "/f": client.get(f"/f/{workshop.groups[0].facilitator_token}"),
        "/p": client.get(f"/p/{workshop.projector_token}"),
        "/organiser/": client.get("/organiser/"),
        "editor": client.get(f"/organiser/workshops/{workshop.id}"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        page = text_of(response)
        assert "<script>alert" not in page, name
        assert "<b>Sam</b>" not in page, name
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text_of(pages["editor"])
    assert "\\u003cscript\\u003e" in text_of(pages["/attend"])
