"""Export downloads and the import form: organiser only, right files, right names, nothing half-stored."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from facilitation.extensions import db
from facilitation.models import Note, Workshop

CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(response) -> str:
    return CSRF_FIELD.search(response.get_data(as_text=True)).group(1)


@pytest.fixture
def signed_in(client, organiser, workshop):
    token = csrf_of(client.get("/organiser/login"))
    client.post(
        "/organiser/login",
        data={"email": "organiser@example.org", "password": "correct horse battery", "csrf_token": token},
    )
    board = workshop.boards[0]
    db.session.add(
        Note(
            workshop_id=workshop.id,
            client_id="n1",
            board_id=board.id,
            section_id=board.sections[0].id,
            author_role="attendee",
            text="Ça marche 🎉 مرحبا",
        )
    )
    db.session.commit()
    return client


def test_exports_page_lists_every_download_and_the_import_form(signed_in, workshop):
    page = signed_in.get(f"/organiser/workshops/{workshop.id}/exports")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for fmt in ("pdf", "xlsx", "csv", "md", "json"):
        assert f"/organiser/workshops/{workshop.id}/exports/workshop.{fmt}" in html
    assert f"/organiser/workshops/{workshop.id}/exports/workshop.zip" in html
    assert f"/exports/boards/{workshop.boards[0].id}.png" in html
    assert 'enctype="multipart/form-data"' in html
    editor = signed_in.get(f"/organiser/workshops/{workshop.id}").get_data(as_text=True)
    assert f"/organiser/workshops/{workshop.id}/exports" in editor
    assert "/organiser/import" in signed_in.get("/organiser/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("fmt", "mimetype", "start"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
        ("csv", "text/csv", b"\xef\xbb\xbf"),
        ("md", "text/markdown", b"# "),
        ("json", "application/json", b"{"),
    ],
)
def test_whole_workshop_downloads(signed_in, workshop, fmt, mimetype, start):
    response = signed_in.get(f"/organiser/workshops/{workshop.id}/exports/workshop.{fmt}")
    assert response.status_code == 200
    assert response.mimetype == mimetype
    assert response.data.startswith(start)
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"


def test_zip_download_holds_every_format(signed_in, workshop):
    response = signed_in.get(f"/organiser/workshops/{workshop.id}/exports/workshop.zip")
    assert response.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.data)).namelist()
    assert {n.rsplit(".", 1)[-1] for n in names} == {"json", "csv", "xlsx", "md", "pdf", "svg", "png"}


def test_board_downloads(signed_in, workshop):
    board = workshop.boards[0]
    png = signed_in.get(f"/organiser/workshops/{workshop.id}/exports/boards/{board.id}.png")
    assert png.mimetype == "image/png" and png.data.startswith(b"\x89PNG")
    svg = signed_in.get(f"/organiser/workshops/{workshop.id}/exports/boards/{board.id}.svg")
    assert svg.mimetype == "image/svg+xml" and "Ça marche 🎉 مرحبا" in svg.get_data(as_text=True)
    other = signed_in.get(f"/organiser/workshops/{workshop.id}/exports/boards/999999.png")
    assert other.status_code == 404


def test_signups_are_in_the_json_only_when_asked(signed_in, workshop):
    plain = signed_in.get(f"/organiser/workshops/{workshop.id}/exports/workshop.json").get_json()
    asked = signed_in.get(f"/organiser/workshops/{workshop.id}/exports/workshop.json?signups=1").get_json()
    assert "signups" not in plain and asked["signups"] == []


def test_downloads_need_the_owner(client, other_organiser, workshop):
    assert client.get(f"/organiser/workshops/{workshop.id}/exports/workshop.pdf").status_code == 302
    token = csrf_of(client.get("/organiser/login"))
    client.post(
        "/organiser/login",
        data={"email": "other@example.org", "password": "another long password", "csrf_token": token},
    )
    assert client.get(f"/organiser/workshops/{workshop.id}/exports/workshop.json").status_code == 403
    assert client.get(f"/api/v1/workshops/{workshop.id}/exports/zip").status_code == 403


def test_attendees_and_facilitators_cannot_export(client, workshop):
    headers = {"Authorization": f"Bearer {workshop.groups[0].facilitator_token}"}
    response = client.get(f"/api/v1/workshops/{workshop.id}/exports/json", headers=headers)
    assert response.status_code == 403 and response.get_json()["code"] == "forbidden"


def test_import_form_restores_a_workshop(signed_in, workshop):
    exported = signed_in.get(f"/organiser/workshops/{workshop.id}/exports/workshop.json").data
    token = csrf_of(signed_in.get("/organiser/import"))
    response = signed_in.post(
        "/organiser/import",
        data={"csrf_token": token, "mode": "restore", "document": (io.BytesIO(exported), "export.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    new_id = int(re.search(r"/workshops/(\d+)", response.headers["Location"]).group(1))
    restored = db.session.get(Workshop, new_id)
    assert restored.join_code != workshop.join_code
    assert db.session.query(Note).filter_by(workshop_id=new_id).one().text == "Ça marche 🎉 مرحبا"


def test_import_form_refuses_a_bad_file_and_stores_nothing(signed_in):
    before = db.session.query(Workshop).count()
    token = csrf_of(signed_in.get("/organiser/import"))
    bad = json.dumps({"format": "facilitation-board/workshop", "format_version": 7}).encode()
    response = signed_in.post(
        "/organiser/import",
        data={"csrf_token": token, "mode": "template", "document": (io.BytesIO(bad), "old.json")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "format version 7" in response.get_data(as_text=True)
    assert db.session.query(Workshop).count() == before


def test_api_import_as_template(signed_in, workshop):
    document = signed_in.get(f"/api/v1/workshops/{workshop.id}/exports/json").get_json()
    csrf = csrf_of(signed_in.get("/organiser/"))
    response = signed_in.post(
        "/api/v1/workshops/import",
        json={"document": document, "mode": "template", "title": "Reused"},
        headers={"X-CSRFToken": csrf},
    )
    assert response.status_code == 201
    structure = response.get_json()["structure"]
    assert structure["workshop"]["title"] == "Reused"
    assert db.session.query(Note).filter_by(workshop_id=structure["workshop"]["id"]).count() == 0
