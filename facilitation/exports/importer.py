"""Bring an exported workshop back: restored whole, or as a new workshop from its structure (a template).

The file is untrusted input. It is parsed and checked completely before anything is stored (one
transaction, so a bad file stores nothing); references are resolved only within the file; ids,
join codes and secret links are never read from it: the new workshop gets fresh ones.
"""

from __future__ import annotations

import re
import secrets
from datetime import date
from typing import Any

from flask import current_app
from flask_babel import gettext as _

from facilitation.evaluation.service import questionnaire_of
from facilitation.exports.import_reader import DocumentReader, iso_date, parse
from facilitation.exports.theme_restore import restore_themes
from facilitation.extensions import db
from facilitation.kernel.access import Actor, authorise_role, hash_token
from facilitation.kernel.errors import Invalid
from facilitation.kernel.events import STRUCTURE_CHANGED
from facilitation.kernel.payloads import clean_characters
from facilitation.kernel.revisions import record_change
from facilitation.kernel.visibility import structure_view
from facilitation.models import (
    BOARD_KINDS,
    BOARD_MODES,
    MODERATION_STATUSES,
    NOTE_STATUSES,
    QUESTIONNAIRE_STATUSES,
    ROLES,
    Answer,
    BlockedWord,
    Note,
    NoteRevision,
    Participant,
    Response,
    Signup,
    Vote,
    VoteRound,
    Workshop,
)
from facilitation.workshops.service import build_from_structure

IMPORT_MODES = ("restore", "template")
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _structure(doc: DocumentReader, title: str | None) -> dict[str, Any]:
    """The template-shaped dict build_from_structure takes, checked field by field."""
    workshop = DocumentReader(doc.value.get("workshop"), "workshop")
    agenda = []
    for item in doc.items("agenda"):
        starts_at = item.text("starts_at", 5)
        if not CLOCK.match(starts_at):
            raise Invalid(_("%(where)s.starts_at must be HH:MM.", where=item.where), code="bad_document")
        agenda.append((starts_at, item.text("title", 200)))
    boards = []
    for board in doc.items("boards", required=True):
        sections = [s.text("name", 80) for s in board.items("sections", required=True)]
        if not sections:
            raise Invalid(_("%(where)s has no sections.", where=board.where), code="bad_document")
        boards.append(
            {
                "kind": board.choice("kind", BOARD_KINDS),
                "title": board.text("title", 120),
                "prompt": board.text("prompt", 2000, required=False),
                "open_to_attendees": board.flag("open_to_attendees", True),
                "sections": sections,
            }
        )
    questionnaire = doc.value.get("questionnaire")
    if questionnaire is not None:
        q = DocumentReader(questionnaire, "questionnaire")
        questionnaire = {
            "title": q.text("title", 200, required=False) or _("Evaluation"),
            "intro": q.text("intro", 1000, required=False),
            "questions": [item.value for item in q.items("questions")],  # checked by evaluation.clean_question
        }
    return {
        "title": title or workshop.text("title", 200),
        "event_date": iso_date(workshop.value.get("event_date"), "workshop.event_date"),
        "venue": workshop.text("venue", 200, required=False),
        "perspectives": [p.text("name", 80) for p in doc.items("perspectives")],
        "groups": [g.text("name", 80) for g in doc.items("groups")],
        "agenda": agenda,
        "boards": boards,
        "questionnaire": questionnaire,
    }


def import_workshop(actor: Actor, raw: bytes | str, mode: str = "restore", title: str | None = None) -> Workshop:
    """Create the organiser's new workshop from an export; nothing is stored if any part is wrong."""
    # An import starts a workshop, so it needs exactly what creating one needs.
    authorise_role(actor, "workshop.create")
    if mode not in IMPORT_MODES:
        raise Invalid(_("Choose to restore the workshop or to reuse its structure."), code="bad_mode")
    doc = DocumentReader(parse(raw), "document")
    title = clean_characters(title or "", "Title").strip()[:200] or None
    try:
        workshop = build_from_structure(actor.organiser_id, _structure(doc, title))
        _settings(workshop, doc)
        if mode == "restore":
            _content(workshop, doc)
            db.session.flush()
            restore_themes(workshop, doc.value)
        db.session.flush()
        db.session.refresh(workshop)
        # The first entry of the new workshop's change log, as for any change of shape.
        record_change(workshop.id, STRUCTURE_CHANGED, structure_view(workshop))
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return workshop


def _settings(workshop: Workshop, doc: DocumentReader) -> None:
    """What a reusable template keeps beyond names: colours, board modes, the blocked-word list."""
    for group, item in zip(workshop.groups, doc.items("groups"), strict=True):
        colour = item.text("colour", 7)
        if not COLOUR.match(colour):
            raise Invalid(_("%(where)s.colour must be #RRGGBB.", where=item.where), code="bad_document")
        group.colour = colour
    for board, item in zip(workshop.boards, doc.items("boards"), strict=True):
        board.mode = item.choice("mode", BOARD_MODES, "open")
    for word in doc.words("blocked_words"):
        db.session.add(BlockedWord(workshop_id=workshop.id, word=word))
    ref = doc.value.get("workshop", {}).get("projector_board")
    refs = [b.value.get("ref") for b in doc.items("boards")]
    workshop.projector_board_id = workshop.boards[refs.index(ref)].id if ref in refs else workshop.projector_board_id


def _content(workshop: Workshop, doc: DocumentReader) -> None:
    """Everything that happened on the day: open state, groups' links, notes, votes, answers, sign-ups."""
    info = DocumentReader(doc.value["workshop"], "workshop")
    workshop.is_open = info.flag("is_open", True)
    retention = iso_date(info.value.get("retention_until"), "workshop.retention_until")
    workshop.retention_until = date.fromisoformat(retention) if retention else None
    for group, item in zip(workshop.groups, doc.items("groups"), strict=True):
        group.revoked = item.flag("revoked")
    refs: dict[str, Any] = {}
    for board, item in zip(workshop.boards, doc.items("boards"), strict=True):
        refs[item.text("ref", 20)] = board
        for section, s in zip(board.sections, item.items("sections"), strict=True):
            refs[s.text("ref", 20)] = section
    perspectives = {
        p.text("ref", 20): x.id for p, x in zip(doc.items("perspectives"), workshop.perspectives, strict=True)
    }
    groups = {g.text("ref", 20): x.id for g, x in zip(doc.items("groups"), workshop.groups, strict=True)}
    notes = _notes(workshop, doc, refs, perspectives, groups)
    _votes(workshop, doc, refs, notes)
    _responses(workshop, doc)
    for item in doc.items("signups"):
        db.session.add(
            Signup(
                workshop_id=workshop.id,
                name=item.text("name", 120),
                email=item.text("email", 254),
                role=item.text("role", 120, required=False),
                organisation=item.text("organisation", 200, required=False),
                consent_text=item.text("consent_text", 2000),
                # Files exported before issue 11 carry the instant; newer ones only the day.
                consented_at=item.moment("consented_on" if "consented_on" in item.value else "consented_at"),
            )
        )


def _notes(workshop: Workshop, doc: DocumentReader, refs, perspectives, groups) -> dict[str, Note]:
    limit = current_app.config["NOTE_MAX_CHARS"]
    boards = {k: v for k, v in refs.items() if k in {b.value.get("ref") for b in doc.items("boards")}}
    sections = {k: v for k, v in refs.items() if k not in boards}
    revision = workshop.revision + 1
    notes: dict[str, Note] = {}
    items = doc.items("notes")
    for item in items:
        board, section = item.ref("board", boards), item.ref("section", sections)
        if section.board is not board:
            raise Invalid(_("%(where)s.section is not a section of its board.", where=item.where), code="bad_reference")
        note = Note(
            workshop_id=workshop.id,
            client_id=f"import-{secrets.token_hex(12)}",
            board_id=board.id,
            section_id=section.id,
            perspective_id=item.ref("perspective", perspectives, required=False),
            group_id=item.ref("group", groups, required=False),
            author_role=item.choice("author_role", ROLES),
            author_name=item.text("author_name", 40, required=False),
            text=item.text("text", max(limit, 2000)),
            status=item.choice("status", NOTE_STATUSES, "visible"),
            pinned=item.flag("pinned"),
            version=item.number("version", 1) or 1,
            votes=item.number("revealed_votes", None),
            revision=revision,
            created_at=item.moment("created_at"),
            updated_at=item.moment("updated_at"),
        )
        db.session.add(note)
        notes[item.text("ref", 20)] = note
    db.session.flush()
    for item in items:
        note = notes[item.value["ref"]]
        for entry in item.items("history"):
            source = entry.ref("source_note", notes, required=False)
            db.session.add(
                NoteRevision(
                    note_id=note.id,
                    version=entry.number("version", 1) or 1,
                    reason=entry.text("reason", 10),
                    text=entry.text("text", max(limit, 2000), allow_empty=True),
                    board_id=getattr(entry.ref("board", boards, required=False), "id", None),
                    section_id=getattr(entry.ref("section", sections, required=False), "id", None),
                    source_note_id=source.id if source else None,
                    actor_role=entry.choice("actor_role", ROLES),
                    actor_group_id=entry.ref("actor_group", groups, required=False),
                    at=entry.moment("at"),
                )
            )
    return notes


def _votes(workshop: Workshop, doc: DocumentReader, refs, notes: dict[str, Note]) -> None:
    """Rounds and dots; each voter pseudonym becomes a removed phone session that can never sign in."""
    rounds: dict[str, VoteRound] = {}
    for item in doc.items("vote_rounds"):
        board = item.ref("board", refs)
        result = item.value.get("result")
        note_ids = {ref: n.id for ref, n in notes.items()}
        vote_round = VoteRound(
            workshop_id=workshop.id,
            board_id=board.id,
            votes_per_attendee=item.number("votes_per_attendee", 1) or 1,
            status=item.choice("status", ("open", "closed"), "closed"),
            revealed=item.flag("revealed"),
            opened_at=item.moment("opened_at"),
            closed_at=item.moment("closed_at") if item.value.get("closed_at") else None,
            result=[
                {
                    "note_id": r.ref("note", note_ids, required=False),
                    "text": r.text("text", 2000, allow_empty=True, required=False),
                    "votes": r.number("votes"),
                }
                for r in item.items("result")
            ]
            if isinstance(result, list)
            else None,
        )
        db.session.add(vote_round)
        rounds[item.text("ref", 20)] = vote_round
    db.session.flush()
    voters: dict[str, Participant] = {}
    for item in doc.items("votes"):
        voter = item.text("voter", 20)
        if voter not in voters:
            voters[voter] = Participant(
                workshop_id=workshop.id, token_hash=hash_token(secrets.token_hex(32)), removed=True
            )
            db.session.add(voters[voter])
            db.session.flush()
        db.session.add(
            Vote(
                round_id=item.ref("round", rounds).id,
                participant_id=voters[voter].id,
                note_id=item.ref("note", notes).id,
                at=item.moment("at"),
            )
        )


def _responses(workshop: Workshop, doc: DocumentReader) -> None:
    questionnaire = questionnaire_of(workshop.id)
    if questionnaire is None:
        return
    info = DocumentReader(doc.value["questionnaire"], "questionnaire")
    questionnaire.status = info.choice("status", QUESTIONNAIRE_STATUSES, "closed")
    questions = {q.text("ref", 20): x for q, x in zip(info.items("questions"), questionnaire.questions, strict=True)}
    for item in doc.items("responses"):
        answers = []
        for answer in item.items("answers"):
            value = answer.value.get("value")
            if not isinstance(value, str | int | bool | list) or (
                isinstance(value, list) and not all(isinstance(v, str) for v in value)
            ):
                raise Invalid(_("%(where)s.value has the wrong type.", where=answer.where), code="bad_document")
            if isinstance(value, str):
                value = clean_characters(value, f"{answer.where}.value")
            elif isinstance(value, list):
                value = [clean_characters(v, f"{answer.where}.value") for v in value]
            answers.append(
                Answer(
                    question_id=answer.ref("question", questions).id,
                    value=value,
                    moderation=answer.choice("moderation", MODERATION_STATUSES, "pending"),
                )
            )
        db.session.add(Response(questionnaire_id=questionnaire.id, participant_id=None, answers=answers))
