"""The demo's directory: a card for each offer on the report's current-provision list, linked to its note
where the demo has one, saying only what the report says. The activity analysis is left for each provider
to fill in (the report asked for both sectors to write it together)."""

from __future__ import annotations

from sqlalchemy import select

from facilitation.extensions import db
from facilitation.models import Board, Note, Offer, OfferRevision, Workshop

LEFT_FOR_PROVIDER = ""
# provider, what it is, who it suits / what the report says, needs, benefits
DEMO_OFFERS = (
    ("Brampton Community Hub", "Exhibitions and workshops", "", [], ["social_connection", "creativity"]),
    ("Oxford Dance Festival", "Engagement projects", "", [], ["physical_activity", "social_connection"]),
    (
        "Dance for Parkinson's",
        "Dance programme for people living with Parkinson's",
        "People living with Parkinson's",
        [],
        ["physical_activity", "confidence"],
    ),
    (
        "Age UK Oxfordshire and the Hope project",
        "Social prescribing work with the Hope project at the museum",
        "",
        [],
        ["social_connection"],
    ),
    (
        "Libraries",
        "Scrabble club, crochet groups, lots of activities",
        "Anyone; groups meet in local libraries",
        ["low_cost"],
        ["social_connection", "learning"],
    ),
    (
        "Oxford Youth Partnership",
        "Networking: monthly online meetings",
        "Providers and link workers",
        ["online"],
        ["learning"],
    ),
    ("The Mill Arts Centre", "Arts centre in Banbury", "", [], ["creativity"]),
    (
        "Cutteslowe Garden Project",
        "Experiences of micro-enterprise: crafting and art, selling products to visitors",
        "",
        [],
        ["purpose", "creativity"],
    ),
    (
        "The Story Museum",
        "Dedicated early years story-based play",
        "Families with young children; cost-free to target families",
        ["low_cost", "carers_welcome"],
        ["learning", "social_connection"],
    ),
)


def add_demo_offers(workshop: Workshop) -> None:
    """The cards, published, each with its first revision (caller commits; the demo notes must exist)."""
    notes = db.session.execute(
        select(Note.id, Note.text)
        .join(Board, Board.id == Note.board_id)
        .where(Note.workshop_id == workshop.id, Board.title == "Current cultural provision")
    ).all()
    for provider, what, suits, needs, benefits in DEMO_OFFERS:
        key = provider.casefold()[:10]
        source = next((note_id for note_id, text in notes if text.casefold().startswith(key)), None)
        offer = Offer(
            workshop_id=workshop.id,
            source_note_id=source,
            provider=provider,
            title=what,
            suits=suits,
            resources=LEFT_FOR_PROVIDER,
            needs=needs,
            benefit_tags=benefits,
            published=True,
            version=1,
        )
        db.session.add(offer)
        db.session.flush()
        fields = {"provider": provider, "title": what, "suits": suits, "needs": needs, "benefit_tags": benefits}
        db.session.add(
            OfferRevision(
                offer_id=offer.id,
                version=1,
                author_role="organiser",
                author_label="Organiser (from the report)",
                fields=fields,
            )
        )
