"""The export worker produces the same files as the renderers running in the request.

The worker (exports/worker.py) is a real process pool. Each file is compared byte for byte with the same
renderer run here on the same snapshot, after blanking what differs between ANY two renders, in-process
or not: the render-time stamps the libraries take from the clock, ReportLab's /CreationDate, /ModDate and
/ID and openpyxl's docProps/core.xml. (The report's own "exported on" line comes from the snapshot.) A
ZIP is compared entry by entry (the entries' dates come from the request, the same for both).
"""

from __future__ import annotations

import io
import re
import zipfile

from facilitation.exports import rendering, worker
from facilitation.exports.document import build_document
from facilitation.exports.formats.pdf_export import export_pdf
from facilitation.exports.rendering import render_board_file, render_bundle, render_workshop_file

PDF_CLOCK = re.compile(rb"/(CreationDate|ModDate) \(D:[^)]*\)|/ID\s*\[<[0-9a-fA-F]+><[0-9a-fA-F]+>\]")
XLSX_CLOCK = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")
STAMP = (2022, 6, 14, 9, 30, 0)


def without_clock(name: str, content: bytes) -> bytes:
    """The file with the libraries' render-time stamps blanked; an archive as its entries, each blanked."""
    if name.endswith(".pdf"):
        return PDF_CLOCK.sub(b"", content)
    if name.endswith((".xlsx", ".zip")):
        # Our ZIP dates its entries from the request (compared); openpyxl dates a workbook's from the clock.
        dated = name.endswith(".zip")
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = []
            for info in archive.infolist():
                body = archive.read(info)
                body = (
                    XLSX_CLOCK.sub(b"", body)
                    if info.filename.endswith("core.xml")
                    else without_clock(info.filename, body)
                )
                when = repr(info.date_time).encode() if dated else b""
                entries.append(info.filename.encode() + when + b"\0" + body)
            return b"\0".join(entries)
    return content


def same(made, reference) -> bool:
    return (made.filename, made.mimetype, without_clock(made.filename, made.content)) == (
        reference.filename,
        reference.mimetype,
        without_clock(reference.filename, reference.content),
    )


def assert_worker_renders_as_here(function, *args):
    made, here = worker.render(function, *args), function(*args)
    assert same(made, here), f"{made.filename}: the worker's file differs: {first_difference(made, here)}"
    return made


def first_difference(made, here) -> str:
    if not made.filename.endswith(".zip"):
        return made.filename
    ours, theirs = (zipfile.ZipFile(io.BytesIO(f.content)) for f in (made, here))
    for name in ours.namelist():
        if without_clock(name, ours.read(name)) != without_clock(name, theirs.read(name)):
            return name
    return "the entry list"


def test_the_worker_renders_every_format_exactly_as_the_request_would(in_a_worker, document, owner, demo_workshop):
    assert worker.pool() is not None, "EXPORT_WORKERS=1 starts a process pool"
    for fmt in rendering.WORKSHOP_FORMATS:
        assert_worker_renders_as_here(render_workshop_file, document, fmt)
    board_document = build_document(owner, demo_workshop.id, board_id=demo_workshop.boards[0].id)
    for fmt in rendering.BOARD_FORMATS:
        assert_worker_renders_as_here(render_board_file, board_document, fmt)
    bundle = assert_worker_renders_as_here(render_bundle, document, "name,email\r\n", STAMP)
    assert len(zipfile.ZipFile(io.BytesIO(bundle.content)).namelist()) > 10


def test_blanking_the_clock_hides_nothing_else(document):
    """The comparison is not vacuous: a PDF of other content still differs once the clock is blanked."""
    report = export_pdf(document, "a")
    other = export_pdf({**document, "workshop": {**document["workshop"], "title": "Another day"}}, "a")
    assert without_clock("a.pdf", report.content) != without_clock("a.pdf", other.content)
    assert PDF_CLOCK.search(report.content), "ReportLab's time stamps are where this test expects them"


WORKER_PID_SCRIPT = """
import os, sys, time
from facilitation import create_app
app = create_app("test", instance_path=sys.argv[1], EXPORT_WORKERS=1)
with app.app_context():
    from facilitation.exports.worker import pool
    print(pool().submit(os.getpid).result(timeout=60), flush=True)
    time.sleep(120)
"""


def test_a_worker_ends_when_its_server_is_killed(tmp_path):
    """kill -9 of the server leaves no export worker behind (each would hold its memory for ever)."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    server = subprocess.Popen(
        [sys.executable, "-c", WORKER_PID_SCRIPT, str(tmp_path / "instance")],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        worker_pid = int(server.stdout.readline())
        os.kill(worker_pid, 0)  # it is running
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(10)
        server.stdout.close()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.kill(worker_pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(worker_pid, signal.SIGKILL)
    raise AssertionError(f"export worker {worker_pid} outlived its server by 15 s")
