"""The workshop ZIP carries the room's features: published offers (CSV, XLSX, booklet), every round's tables
(no organisations), and the activities' counts."""

from __future__ import annotations

import io
import zipfile

from facilitation.activities import booking
from facilitation.activities.seed import add_demo_activities
from facilitation.directory.seed import add_demo_offers
from facilitation.exports.service import workshop_bundle
from facilitation.extensions import db
from facilitation.models import Activity
from facilitation.seating import service as seating
from facilitation.seating.seed import add_demo_people
from facilitation.workshops.demo import add_demo_notes


def test_the_zip_carries_offers_tables_and_activities(organiser, attendee, workshop):
    add_demo_notes(workshop)
    add_demo_offers(workshop)
    add_demo_people(workshop)
    add_demo_activities(workshop)
    db.session.commit()
    seating.seat_everyone(organiser, workshop.id)
    origami = db.session.query(Activity).filter_by(title="Origami").one()
    booking.join(attendee, workshop.id, origami.id)
    bundle = zipfile.ZipFile(io.BytesIO(workshop_bundle(organiser, workshop.id).content))
    names = {name.split("/", 1)[1] for name in bundle.namelist()}
    tables = next(n for n in bundle.namelist() if n.endswith("-tables.csv"))
    activities = next(n for n in bundle.namelist() if n.endswith("-activities.csv"))
    assert any(n.startswith("directory/") and n.endswith("-offers-booklet.pdf") for n in names)
    assert any(n.endswith("-offers.xlsx") for n in names) and any(n.endswith("-offers.csv") for n in names)
    table_text = bundle.read(tables).decode("utf-8-sig")
    assert table_text.count("\n") == 49 and "Museum of Oxford" not in table_text
    assert "Origami,Main hall, table A" in bundle.read(activities).decode("utf-8-sig").replace('"', "")
