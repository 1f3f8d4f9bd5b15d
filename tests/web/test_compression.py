"""Static scripts and styles go out gzipped to browsers that ask; pages never do (they carry CSRF tokens)."""

from __future__ import annotations

import gzip


def test_static_scripts_are_gzipped_when_asked(client):
    plain = client.get("/static/vendor/socket.io.esm.min.js")
    plain_body = plain.data
    plain.close()
    packed = client.get("/static/vendor/socket.io.esm.min.js", headers={"Accept-Encoding": "gzip, br"})
    assert plain.headers.get("Content-Encoding") is None
    assert packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert gzip.decompress(packed.data) == plain_body
    assert len(packed.data) < len(plain_body) / 2
    assert packed.headers["ETag"].startswith("W/")
    again = client.get(
        "/static/vendor/socket.io.esm.min.js",
        headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]},
    )
    again.close()
    assert again.status_code == 304


def test_pages_and_fonts_are_left_alone(client):
    page = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert page.status_code == 200 and "Content-Encoding" not in page.headers
    font = client.get(
        "/static/vendor/fonts/atkinson-hyperlegible-latin-400-normal.woff2", headers={"Accept-Encoding": "gzip"}
    )
    font.close()
    assert "Content-Encoding" not in font.headers
