"""The directory of cultural offers: a facilitator or the organiser turns a note into an offer card, both
sides fill in the activity analysis (every save kept as a revision), the organiser publishes, and link
workers read the published cards through a link with no sign-in, searching and filtering by need and benefit.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from facilitation.extensions import db
from facilitation.kernel.access import Actor, new_token
from facilitation.kernel.errors import Invalid, NotFound
from facilitation.kernel.lookups import load_workshop, owned
from facilitation.kernel.payloads import text_field
from facilitation.kernel.visibility import utc_iso
from facilitation.models import OFFER_TEXT_FIELDS, Board, DirectoryLink, Note, Offer, OfferRevision, Workshop


def N_(label: str) -> str:
    """Marks a vocabulary word for extraction (pybabel's default N_ keyword) and leaves it English: the
    downloads and exports use the English words; pages translate them where shown with `translated()`."""
    return label


def translated(vocabulary: dict[str, str]) -> dict[str, str]:
    """A vocabulary's labels in the request's language."""
    return {key: _(label) for key, label in vocabulary.items()}


# What a link worker filters by: the needs of the person they refer, and the benefits sought.
NEEDS = {
    "low_mobility": N_("Suits low mobility"),
    "isolation": N_("For people who are isolated"),
    "low_cost": N_("Free or low cost"),
    "sensory": N_("Sensory-friendly"),
    "little_reading": N_("Little reading or writing"),
    "carers_welcome": N_("Carers and family welcome"),
    "online": N_("Online or at home"),
}
BENEFITS = {
    "social_connection": N_("Meeting people"),
    "confidence": N_("Confidence and self-esteem"),
    "physical_activity": N_("Moving more"),
    "relaxation": N_("Calm and relaxation"),
    "creativity": N_("Creativity"),
    "learning": N_("Learning something new"),
    "purpose": N_("A sense of purpose"),
}
FIELD_LABELS = {
    "provider": N_("Provider"),
    "title": N_("What it is"),
    "when_where": N_("When and where"),
    "cost": N_("Cost"),
    "suits": N_("Who it suits"),
    "referral": N_("Referral route and contact"),
    "resources": N_("Resources needed"),
    "cognitive": N_("Cognitive demands"),
    "sensory": N_("Sensory demands"),
    "mobility": N_("Mobility demands"),
    "communication": N_("Communication demands"),
    "social": N_("Social demands"),
    "benefits": N_("Potential benefits"),
    "access_notes": N_("Access notes"),
}
SHORT_FIELDS = {"provider": 200, "title": 200, "cost": 200}
LONG_FIELD_MAX = 2000
SOURCE_BOARD_KINDS = ("ideas", "washing_line")
# Not a, f or p: the directory token is no credential for anything else (kernel.access prefixes).
TOKEN_PREFIX = "d_"


def offer_view(offer: Offer) -> dict[str, Any]:
    return {
        "id": offer.id,
        **{name: getattr(offer, name) for name in OFFER_TEXT_FIELDS},
        "needs": list(offer.needs),
        "benefit_tags": list(offer.benefit_tags),
        "published": offer.published,
        "version": offer.version,
        "source_note_id": offer.source_note_id,
        "updated_at": utc_iso(offer.updated_at),
    }


def _offers(workshop_id: int, *, published_only: bool = False) -> list[Offer]:
    query = select(Offer).where(Offer.workshop_id == workshop_id)
    if published_only:
        query = query.where(Offer.published.is_(True))
    return list(db.session.scalars(query.order_by(Offer.provider, Offer.title, Offer.id)))


def list_offers(actor: Actor, workshop_id: Any) -> list[dict[str, Any]]:
    """Every card, published or not, for those who edit them (organiser and facilitators)."""
    workshop = load_workshop(actor, workshop_id, "offer.edit")
    return [offer_view(offer) for offer in _offers(workshop.id)]


def editing_vocabulary() -> dict[str, Any]:
    """The card's fields, needs and benefits with their labels, so the tablet's editor shows the same words
    as the organiser's page without a second copy of them in the browser."""
    return {
        "fields": [
            {"name": name, "label": _(FIELD_LABELS[name]), "max": SHORT_FIELDS.get(name, LONG_FIELD_MAX)}
            for name in OFFER_TEXT_FIELDS
        ],
        "needs": [{"key": key, "label": label} for key, label in translated(NEEDS).items()],
        "benefits": [{"key": key, "label": label} for key, label in translated(BENEFITS).items()],
    }


def source_notes(actor: Actor, workshop_id: Any) -> list[dict[str, Any]]:
    """The visible notes of the ideas boards and the washing line that are not yet cards."""
    workshop = load_workshop(actor, workshop_id, "offer.edit")
    used = {o.source_note_id for o in _offers(workshop.id)}
    rows = db.session.execute(
        select(Note.id, Note.text, Board.title)
        .join(Board, Board.id == Note.board_id)
        .where(Note.workshop_id == workshop.id, Note.status == "visible", Board.kind.in_(SOURCE_BOARD_KINDS))
        .order_by(Board.position, Note.id)
    ).all()
    return [{"note_id": i, "text": text, "board": title} for i, text, title in rows if i not in used]


def _author_label(actor: Actor, side: Any) -> str:
    who = "Organiser" if actor.role == "organiser" else f"Facilitator, {actor.display_name}"
    side = text_field(side or "", "Side", 80, required=False)
    return f"{who} ({side})" if side else who


def _record(offer: Offer, actor: Actor, side: Any) -> None:
    db.session.add(
        OfferRevision(
            offer_id=offer.id,
            version=offer.version,
            author_role=actor.role,
            author_label=_author_label(actor, side),
            fields={k: v for k, v in offer_view(offer).items() if k in (*OFFER_TEXT_FIELDS, "needs", "benefit_tags")},
        )
    )


def create_from_note(actor: Actor, workshop_id: Any, note_id: Any, side: Any = "") -> dict[str, Any]:
    """A card started from a note: its text becomes what the offer is; the rest is filled in later."""
    workshop = load_workshop(actor, workshop_id, "offer.edit")
    note = owned(Note, note_id, workshop, "unknown_note", _("No such note in this workshop."))
    board = db.session.get(Board, note.board_id)
    if note.status != "visible" or board is None or board.kind not in SOURCE_BOARD_KINDS:
        raise Invalid(
            _("Only a visible note of an ideas board or the washing line becomes an offer."), code="bad_source"
        )
    provider, _dash, what = note.text.partition(" – ")
    offer = Offer(
        workshop_id=workshop.id,
        source_note_id=note.id,
        provider=provider.strip()[:200] if what else "",
        title=(what or note.text).strip()[:200],
        needs=[],
        benefit_tags=[],
        published=False,
        version=1,
    )
    db.session.add(offer)
    db.session.flush()
    _record(offer, actor, side)
    db.session.commit()
    return {"offer": offer_view(offer)}


def _tags(values: Any, vocabulary: dict[str, str], field: str) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise Invalid(_("%(field)s is a list of names.", field=field), code="wrong_type")
    unknown = [v for v in values if v not in vocabulary]
    if unknown:
        raise Invalid(
            _("Unknown %(field)s: %(values)s.", field=field, values=", ".join(unknown[:3])), code="unknown_tag"
        )
    return [key for key in vocabulary if key in values]


def update_offer(actor: Actor, workshop_id: Any, offer_id: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """Save the card; `version` must be the one the editor started from, so two people never overwrite
    each other silently (the second is told to reload). Every save is kept in the card's history."""
    workshop = load_workshop(actor, workshop_id, "offer.edit")
    offer = owned(Offer, offer_id, workshop, "unknown_offer", _("No such offer in this workshop."))
    if fields.get("version") != offer.version:
        raise Invalid(
            _("Someone else saved this card meanwhile; reload it and make your change again."), code="version_conflict"
        )
    for name in OFFER_TEXT_FIELDS:
        if name in fields:
            limit = SHORT_FIELDS.get(name, LONG_FIELD_MAX)
            setattr(offer, name, text_field(fields[name], FIELD_LABELS[name], limit, required=name == "title"))
    if "needs" in fields:
        offer.needs = _tags(fields["needs"], NEEDS, "needs")
    if "benefit_tags" in fields:
        offer.benefit_tags = _tags(fields["benefit_tags"], BENEFITS, "benefits")
    offer.version += 1
    db.session.flush()
    _record(offer, actor, fields.get("side"))
    db.session.commit()
    return {"offer": offer_view(offer)}


def set_published(actor: Actor, workshop_id: Any, offer_id: Any, published: Any) -> dict[str, Any]:
    """The organiser decides which cards link workers see."""
    workshop = load_workshop(actor, workshop_id, "offer.publish")
    offer = owned(Offer, offer_id, workshop, "unknown_offer", _("No such offer in this workshop."))
    if not isinstance(published, bool):
        raise Invalid(_("published must be true or false."), code="wrong_type")
    offer.published = published
    db.session.commit()
    return {"offer": offer_view(offer)}


def history(actor: Actor, workshop_id: Any, offer_id: Any) -> list[dict[str, Any]]:
    workshop = load_workshop(actor, workshop_id, "offer.edit")
    offer = owned(Offer, offer_id, workshop, "unknown_offer", _("No such offer in this workshop."))
    revisions = db.session.scalars(
        select(OfferRevision).where(OfferRevision.offer_id == offer.id).order_by(OfferRevision.version.desc())
    )
    return [
        {"version": r.version, "author": r.author_label, "at": utc_iso(r.created_at), "fields": r.fields}
        for r in revisions
    ]


# --- the link workers' read-only directory ---------------------------------------------------------------


def directory_link(actor: Actor, workshop_id: Any) -> str:
    """The workshop's directory token (made on first use), for the organiser to hand out."""
    workshop = load_workshop(actor, workshop_id, "offer.publish")
    link = db.session.get(DirectoryLink, workshop.id)
    if link is None:
        link = DirectoryLink(workshop_id=workshop.id, token=new_token(TOKEN_PREFIX))
        db.session.add(link)
        db.session.commit()
    return link.token


def workshop_for_directory(token: Any) -> Workshop:
    if not isinstance(token, str) or not token.startswith(TOKEN_PREFIX) or len(token) > 64:
        raise NotFound(_("This directory link is not valid."), code="bad_token")
    link = db.session.scalar(select(DirectoryLink).where(DirectoryLink.token == token))
    workshop = db.session.get(Workshop, link.workshop_id) if link else None
    if workshop is None or workshop.removed_at is not None:
        raise NotFound(_("This directory link is not valid."), code="bad_token")
    return workshop


def _matches(offer: Offer, words: list[str]) -> bool:
    haystack = " ".join(getattr(offer, name) for name in OFFER_TEXT_FIELDS).casefold()
    return all(word in haystack for word in words)


def search(token: Any, query: Any = "", needs: Any = (), benefits: Any = ()) -> dict[str, Any]:
    """Published cards that contain every word of the query and carry every chosen need and benefit."""
    workshop = workshop_for_directory(token)
    words = str(query or "")[:200].casefold().split()
    needs = [n for n in needs if n in NEEDS]
    benefits = [b for b in benefits if b in BENEFITS]
    found = [
        offer
        for offer in _offers(workshop.id, published_only=True)
        if _matches(offer, words) and set(needs) <= set(offer.needs) and set(benefits) <= set(offer.benefit_tags)
    ]
    return {
        "workshop": {"title": workshop.title},
        "offers": [offer_view(offer) for offer in found],
        "query": " ".join(words),
        "needs": needs,
        "benefits": benefits,
    }


def published_offers(workshop_id: int) -> list[dict[str, Any]]:
    """Every published card of a workshop, for exports whose caller has already authorised."""
    return [offer_view(offer) for offer in _offers(workshop_id, published_only=True)]
