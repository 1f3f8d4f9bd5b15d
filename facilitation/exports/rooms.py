"""The room's features in the workshop ZIP: the directory of published offers (CSV, XLSX, booklet), every
round's table plan, the activities' counts, and the graphic recordings. The caller has authorised the export."""

from __future__ import annotations

import csv
import io
from typing import Any

from facilitation.activities.views import export_rows as activity_rows
from facilitation.directory.service import BENEFITS, NEEDS, published_offers
from facilitation.exports import ExportFile
from facilitation.exports.formats import offers_export
from facilitation.exports.formats.spreadsheet_safety import neutralise_cell
from facilitation.kernel.lookups import get_workshop
from facilitation.recordings.service import file_of, recordings_of
from facilitation.seating.export import export_rows as seating_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv(rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [[cell if isinstance(cell, int) else neutralise_cell(cell) for cell in row] for row in rows]
    )
    return buffer.getvalue().encode("utf-8-sig")


def room_files(workshop_id: int, stem: str) -> list[ExportFile]:
    """Files for the ZIP, each only when there is something in it."""
    workshop = get_workshop(workshop_id)
    labels = {**NEEDS, **BENEFITS}
    files = []
    offers = published_offers(workshop_id)
    if offers:
        files += [
            ExportFile(f"directory/{stem}-offers.csv", "text/csv", offers_export.offers_csv(offers, labels)),
            ExportFile(f"directory/{stem}-offers.xlsx", XLSX, offers_export.offers_xlsx(offers, labels)),
            ExportFile(
                f"directory/{stem}-offers-booklet.pdf",
                "application/pdf",
                offers_export.offers_booklet(workshop.title, offers, labels),
            ),
        ]
    seats = seating_rows(workshop_id)
    if len(seats) > 1:
        files.append(ExportFile(f"{stem}-tables.csv", "text/csv", _csv(seats)))
    activities = activity_rows(workshop_id)
    if len(activities) > 1:
        files.append(ExportFile(f"{stem}-activities.csv", "text/csv", _csv(activities)))
    for position, recording in enumerate(recordings_of(workshop_id), 1):
        path = file_of(recording)
        if path.is_file():
            files.append(ExportFile(f"recording/{position:02d}{path.suffix}", recording.mimetype, path.read_bytes()))
    return files


def recording_images(workshop_id: int) -> list[tuple[str, str, int, int]]:
    """The graphic recording's images for the PDF report, as (caption, path, width, height): plain data, so the
    export worker can draw the pages in another process."""
    return [(r.title, str(file_of(r)), r.width, r.height) for r in recordings_of(workshop_id) if file_of(r).is_file()]
