"""The directory of cultural offers through its services and pages: cards from notes, history, version
conflicts, publishing, the link workers' search and filters, and the CSV/XLSX/PDF files."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from facilitation.directory import service as directory
from facilitation.directory.seed import add_demo_offers
from facilitation.extensions import db
from facilitation.kernel.errors import Invalid, NotAllowed, NotFound
from facilitation.models import Note
from facilitation.workshops.demo import add_demo_notes


@pytest.fixture
def demo(workshop):
    add_demo_notes(workshop)
    add_demo_offers(workshop)
    db.session.commit()
    return workshop


def note_with(workshop, text):
    return next(n for n in db.session.query(Note).filter_by(workshop_id=workshop.id) if n.text.startswith(text))


def test_the_demo_has_a_card_for_each_offer_on_the_reports_list(organiser, demo):
    offers = directory.list_offers(organiser, demo.id)
    providers = {o["provider"] for o in offers}
    assert {"Brampton Community Hub", "Dance for Parkinson's", "Libraries", "The Mill Arts Centre"} <= providers
    assert {"Cutteslowe Garden Project", "The Story Museum"} <= providers
    story = next(o for o in offers if o["provider"] == "The Story Museum")
    assert story["source_note_id"] is not None and "low_cost" in story["needs"]
    assert story["cognitive"] == ""  # left for the provider


def test_a_facilitator_turns_a_note_into_a_card_and_both_sides_edit_it_with_history(organiser, facilitator, demo):
    note = note_with(demo, "Community choirs")
    offer = directory.create_from_note(facilitator, demo.id, note.id, "Link workers")["offer"]
    assert offer["title"] == "Community choirs" and offer["published"] is False
    saved = directory.update_offer(
        organiser,
        demo.id,
        offer["id"],
        {"version": 1, "mobility": "Seated singing possible", "needs": ["low_mobility"], "side": "Cultural providers"},
    )["offer"]
    assert saved["version"] == 2 and saved["needs"] == ["low_mobility"]
    with pytest.raises(Invalid) as stale:
        directory.update_offer(facilitator, demo.id, offer["id"], {"version": 1, "cost": "Free"})
    assert stale.value.code == "version_conflict"
    authors = [r["author"] for r in directory.history(organiser, demo.id, offer["id"])]
    assert authors == ["Organiser (Cultural providers)", "Facilitator, Group 1 (Link workers)"]
    with pytest.raises(Invalid):
        directory.update_offer(organiser, demo.id, offer["id"], {"version": 2, "needs": ["flying"]})


def test_only_ideas_and_washing_line_notes_become_cards_and_only_the_organiser_publishes(
    organiser, facilitator, attendee, demo
):
    solutions = note_with(demo, "Building in time")
    with pytest.raises(Invalid):
        directory.create_from_note(organiser, demo.id, solutions.id)
    offer_id = directory.list_offers(organiser, demo.id)[0]["id"]
    with pytest.raises(NotAllowed):
        directory.set_published(facilitator, demo.id, offer_id, False)
    with pytest.raises(NotAllowed):
        directory.list_offers(attendee, demo.id)


def test_link_workers_search_and_filter_only_published_cards(organiser, demo):
    token = directory.directory_link(organiser, demo.id)
    assert directory.directory_link(organiser, demo.id) == token
    everything = directory.search(token)["offers"]
    assert len(everything) == 9
    low_cost = directory.search(token, needs=["low_cost"])["offers"]
    assert {o["provider"] for o in low_cost} == {"Libraries", "The Story Museum"}
    assert [o["provider"] for o in directory.search(token, "parkinson")["offers"]] == ["Dance for Parkinson's"]
    assert {o["provider"] for o in directory.search(token, benefits=["purpose"])["offers"]} == {
        "Cutteslowe Garden Project"
    }
    story = next(o for o in everything if o["provider"] == "The Story Museum")
    directory.set_published(organiser, demo.id, story["id"], False)
    assert "The Story Museum" not in {o["provider"] for o in directory.search(token)["offers"]}
    with pytest.raises(NotFound):
        directory.search("d_madeup")


def test_the_directory_downloads(client, organiser, demo):
    token = directory.directory_link(organiser, demo.id)
    page = client.get(f"/d/{token}?need=low_cost")
    assert page.status_code == 200 and b"The Story Museum" in page.data and b"Cutteslowe" not in page.data
    rows = list(csv.reader(io.StringIO(client.get(f"/d/{token}/offers.csv").data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Provider", "What it is", "When and where"] and len(rows) == 10
    book = load_workbook(io.BytesIO(client.get(f"/d/{token}/offers.xlsx?q=libraries").data))
    assert book.active.max_row == 2
    pdf = client.get(f"/d/{token}/booklet.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert client.get("/d/d_madeup").status_code == 404
