"""Uploading the graphic recording with hostile files: SVG with script, polyglots, a 20,000 x 20,000 bomb,
EXIF GPS, a double extension; and how the stored image is served."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from facilitation.exports.service import workshop_bundle, workshop_file
from facilitation.kernel.access import organiser_session
from facilitation.kernel.errors import Invalid, NotAllowed
from facilitation.recordings import service as recordings
from facilitation.recordings.images import clean_image
from facilitation.security import retention

SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def png(width=40, height=30, colour=(0, 114, 178)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {1: "N", 2: (51.0, 45.0, 12.0), 3: "W", 4: (1.0, 15.0, 30.0)}  # GPS: Oxford
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 100, 0)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size and holds no pixels: what a decompression bomb looks like to the header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


def test_an_oversized_or_empty_file_is_refused():
    for data, code in ((b"\x89PNG\r\n\x1a\n" + bytes(13 * 1024 * 1024), "file_too_large"), (b"", "empty_file")):
        with pytest.raises(Invalid) as refused:
            clean_image(data)
        assert refused.value.code == code


def test_svg_with_script_is_refused():
    with pytest.raises(Invalid) as refused:
        clean_image(SVG)
    assert refused.value.code == "active_format"
    with pytest.raises(Invalid):
        clean_image(b"\n  <svg onload='x'/>")


def test_a_twenty_thousand_square_bomb_is_refused_before_decoding():
    with pytest.raises(Invalid) as refused:
        clean_image(png_header_only(20_000, 20_000))
    assert refused.value.code == "too_many_pixels"
    with pytest.raises(Invalid) as just_over:
        clean_image(png_header_only(10_000, 5_001))
    assert just_over.value.code == "too_many_pixels"


def test_exif_and_gps_are_stripped_and_the_type_comes_from_the_pixels():
    cleaned = clean_image(jpeg_with_gps())
    assert cleaned.mimetype == "image/jpeg" and cleaned.extension == "jpg"
    assert b"Exif" not in cleaned.content and b"PhoneMaker" not in cleaned.content
    reopened = Image.open(io.BytesIO(cleaned.content))
    assert dict(reopened.getexif()) == {} and reopened.size == (64, 48)


def test_polyglots_lose_what_they_hid():
    # A PNG with HTML after IEND, and a PNG with a script in a text chunk: both re-encoded from the pixels.
    trailing = png() + b"<html><script>alert(document.cookie)</script></html>"
    buffer = io.BytesIO()
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    Image.new("RGB", (10, 10)).save(buffer, "PNG", pnginfo=info)
    for hostile in (trailing, buffer.getvalue()):
        cleaned = clean_image(hostile)
        assert cleaned.mimetype == "image/png"
        assert b"script" not in cleaned.content and b"html" not in cleaned.content
    # Not an image at all (a ZIP, a GIF, HTML without a marker Pillow would read): refused.
    for other in (b"PK\x03\x04" + b"\0" * 40, b"GIF89a" + b"\0" * 40, b"hello"):
        with pytest.raises(Invalid):
            clean_image(other)


def test_uploading_stores_a_random_name_under_instance_and_erasing_the_workshop_removes_it(app, organiser, workshop):
    result = recordings.upload(organiser, workshop.id, png(), "Schematic by Zuhura Plummer")
    shown = result["recordings"][0]
    assert result["shown_id"] == shown["id"] and shown["file"].endswith(".png") and len(shown["file"]) == 36
    path = recordings.folder(workshop.id) / shown["file"]
    assert path.is_file() and Path(app.instance_path) in path.parents
    assert path.stat().st_mode & 0o777 == 0o600
    retention.erase_workshop(workshop.id)
    assert not path.exists()


def test_only_the_organiser_uploads_and_steers(attendee, projector, organiser, workshop):
    for actor in (attendee, projector):
        with pytest.raises(NotAllowed):
            recordings.upload(actor, workshop.id, png())
    recording_id = recordings.upload(organiser, workshop.id, png())["shown_id"]
    steered = recordings.steer(organiser, workshop.id, recording_id, 2.5, [0.25, 0.75])
    assert steered["zoom"] == 2.5 and steered["center"] == [0.25, 0.75]
    with pytest.raises(Invalid):
        recordings.steer(organiser, workshop.id, recording_id, 50, [0.5, 0.5])
    assert recordings.recording_state(projector, workshop.id)["zoom"] == 2.5


def test_served_with_the_decoded_type_nosniff_and_a_locked_down_policy(client, organiser, workshop):
    recording = recordings.upload(organiser, workshop.id, jpeg_with_gps())["recordings"][0]
    response = client.get(f"/p/{workshop.projector_token}/recordings/{recording['file']}")
    response.close()  # send_file streams from the open file
    assert response.status_code == 200
    assert response.mimetype == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert client.get(f"/p/{workshop.projector_token}/recordings/../../etc/passwd").status_code == 404
    assert client.get(f"/p/p_madeup/recordings/{recording['file']}").status_code == 404


def test_a_double_extension_upload_through_the_form(client, organiser, workshop):
    with client.session_transaction() as session:
        session.update(organiser_session(organiser.organiser_id))
    page = client.get(f"/organiser/workshops/{workshop.id}/recordings")
    token = page.data.split(b'name="csrf_token" value="')[1].split(b'"')[0].decode()
    for name, data, expected in (("board.png.html", png(), 1), ("photo.jpg.svg", SVG, 1)):
        client.post(
            f"/organiser/workshops/{workshop.id}/recordings",
            data={"csrf_token": token, "image": (io.BytesIO(data), name)},
            content_type="multipart/form-data",
        )
        assert len(recordings.recording_state(organiser, workshop.id)["recordings"]) == expected
    stored = recordings.recording_state(organiser, workshop.id)["recordings"][0]
    assert stored["file"].endswith(".png") and "board" not in stored["file"] and stored["mimetype"] == "image/png"


def test_the_pdf_report_and_the_zip_carry_the_recording(organiser, workshop):
    assert b"/Subtype /Image" not in workshop_file(organiser, workshop.id, "pdf").content
    recordings.upload(organiser, workshop.id, png(400, 300), "Schematic")
    assert b"/Subtype /Image" in workshop_file(organiser, workshop.id, "pdf").content
    bundle = zipfile.ZipFile(io.BytesIO(workshop_bundle(organiser, workshop.id).content))
    stored = [n for n in bundle.namelist() if "/recording/" in n]
    assert len(stored) == 1 and stored[0].endswith("01.png")
    assert Image.open(io.BytesIO(bundle.read(stored[0]))).size == (400, 300)
