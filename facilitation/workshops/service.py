"""Preparing a workshop: details, groups, perspectives, boards with sections, agenda, projector.

Removing a board, group, perspective, agenda item or the workshop itself is undoable for a while: the
removal goes to the trash (workshops/trash.py) and into the audit log in the same transaction, and
`removal.restore_removed` puts it back with its ids, its notes and its links.
"""

from __future__ import annotations

import re
import secrets
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from facilitation.evaluation import service as evaluation
from facilitation.extensions import db
from facilitation.kernel.access import (
    FACILITATOR_PREFIX,
    PROJECTOR_PREFIX,
    Actor,
    authorise_role,
    new_token,
)
from facilitation.kernel.errors import Invalid, NotFound
from facilitation.kernel.events import STRUCTURE_CHANGED
from facilitation.kernel.lookups import load_workshop, owned
from facilitation.kernel.payloads import text_field
from facilitation.kernel.revisions import commit_and_publish, record_change
from facilitation.kernel.visibility import structure_view
from facilitation.languages.catalogues import workshop_language_choices
from facilitation.models import (
    BOARD_KINDS,
    AgendaItem,
    Board,
    Group,
    Perspective,
    Section,
    Workshop,
)
from facilitation.projector import service as projector
from facilitation.security import presence
from facilitation.workshops import trash
from facilitation.workshops.templates import GROUP_COLOURS, TEMPLATES, default_sections

# No 0/O or 1/I: codes are read off a projector and typed on phones.
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _new_join_code() -> str:
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if db.session.scalar(select(Workshop.id).where(Workshop.join_code == code)) is None:
            return code


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Invalid(_("Dates are written YYYY-MM-DD."), code="bad_date") from None


def _colour(value: Any) -> str:
    if not isinstance(value, str) or not COLOUR.match(value):
        raise Invalid(_("Colours are written #RRGGBB."), code="bad_colour")
    return value


def _managed(actor: Actor, workshop_id: int) -> Workshop:
    workshop = load_workshop(actor, workshop_id, "workshop.manage")
    return workshop


def _commit_structure(workshop: Workshop) -> dict[str, Any]:
    """Log the new shape of the workshop, commit, then tell every screen."""
    db.session.flush()
    db.session.refresh(workshop)
    change = record_change(workshop.id, STRUCTURE_CHANGED, structure_view(workshop))
    commit_and_publish(workshop.id, [change])
    return change.data


def _add_board(workshop: Workshop, spec: dict[str, Any], position: int) -> Board:
    board = Board(
        kind=spec["kind"],
        title=spec["title"],
        prompt=spec.get("prompt", ""),
        open_to_attendees=spec.get("open_to_attendees", True),
        position=position,
    )
    board.sections = [Section(name=name, position=i) for i, name in enumerate(spec["sections"])]
    workshop.boards.append(board)
    return board


def create_workshop(actor: Actor, template_key: str = "blank", title: str | None = None) -> Workshop:
    """Create a workshop from a template; the organiser who asks owns it."""
    authorise_role(actor, "workshop.create")
    template = TEMPLATES.get(template_key)
    if template is None:
        raise NotFound(_("No such template."), code="unknown_template")
    workshop = build_from_structure(actor.organiser_id, template, title)
    db.session.commit()
    return workshop


def _offered_languages(languages: str) -> str:
    """A template's shared-screen language(s), or none when this app does not offer them: the words are
    still the template's, only the projector's chrome falls back to each screen's own language."""
    return languages if languages in workshop_language_choices() else ""


def build_from_structure(organiser_id: int, template: dict[str, Any], title: str | None = None) -> Workshop:
    """Add a workshop built from a template-shaped dict to the session (the caller commits)."""
    workshop = Workshop(
        organiser_id=organiser_id,
        title=text_field(title or template["title"], "Title", 200),
        event_date=_date(template.get("event_date")),
        venue=template.get("venue", ""),
        join_code=_new_join_code(),
        projector_token=new_token(PROJECTOR_PREFIX),
        languages=_offered_languages(template.get("languages", "")),
    )
    workshop.perspectives = [Perspective(name=n, position=i) for i, n in enumerate(template["perspectives"])]
    workshop.groups = [
        Group(
            name=name,
            colour=GROUP_COLOURS[i % len(GROUP_COLOURS)],
            position=i,
            facilitator_token=new_token(FACILITATOR_PREFIX),
        )
        for i, name in enumerate(template["groups"])
    ]
    workshop.agenda = [
        AgendaItem(starts_at=t, title=item, position=i) for i, (t, item) in enumerate(template["agenda"])
    ]
    db.session.add(workshop)
    for i, spec in enumerate(template["boards"]):
        _add_board(workshop, spec, i)
    db.session.flush()
    workshop.projector_board_id = workshop.boards[0].id if workshop.boards else None
    if template.get("questionnaire"):
        evaluation.add_questionnaire(workshop, template["questionnaire"])
    return workshop


def workshops_of(actor: Actor) -> list[Workshop]:
    """The organiser's own workshops, newest first, for their dashboard; removed ones are not among them."""
    return list(
        db.session.scalars(
            select(Workshop)
            .where(Workshop.organiser_id == actor.organiser_id, Workshop.removed_at.is_(None))
            .order_by(Workshop.created_at.desc())
        )
    )


def managed_workshop(actor: Actor, workshop_id: int) -> Workshop:
    """The workshop, if this organiser owns it: what the organiser pages render."""
    return _managed(actor, workshop_id)


def update_details(
    actor: Actor, workshop_id: int, *, title: Any, event_date: Any, venue: Any, languages: Any = None
) -> dict:
    """Change the title, date, venue and (when given) the shared screens' language(s); every screen gets the
    new structure."""
    workshop = _managed(actor, workshop_id)
    workshop.title = text_field(title, "Title", 200)
    workshop.event_date = _date(event_date)
    workshop.venue = text_field(venue, "Venue", 200, required=False)
    if languages is not None:
        if languages not in workshop_language_choices():
            raise Invalid(_("Choose one of the languages offered."), code="bad_languages")
        workshop.languages = languages
    return _commit_structure(workshop)


def set_open(actor: Actor, workshop_id: int, is_open: bool) -> dict:
    """Open or close the workshop; closing also drops the attendees' phones, whose sessions end with it."""
    workshop = _managed(actor, workshop_id)
    workshop.is_open = bool(is_open)
    structure = _commit_structure(workshop)
    if not workshop.is_open:
        presence.disconnect_attendees(workshop.id)  # their sessions ended with the workshop
    return structure


def _child(model: type, item_id: Any, workshop: Workshop):
    """A group, perspective, board or agenda item of this workshop, or NotFound."""
    name = model.__name__.lower()
    return owned(model, item_id, workshop, f"unknown_{name}", _("No such %(name)s in this workshop.", name=name))


def workshop_with_links(actor: Actor, workshop_id: int) -> Workshop:
    """The workshop, for someone who may hand out its links: the facilitator and projector tokens are secrets."""
    return load_workshop(actor, workshop_id, "access.manage")


def save_group(actor: Actor, workshop_id: int, group_id: int | None, *, name: Any, colour: Any) -> dict:
    """Add a group with a fresh facilitator link, or rename and recolour one."""
    workshop = _managed(actor, workshop_id)
    if group_id is None:
        group = Group(position=len(workshop.groups), facilitator_token=new_token(FACILITATOR_PREFIX))
        workshop.groups.append(group)
    else:
        group = _child(Group, group_id, workshop)
    group.name = text_field(name, "Group name", 80)
    group.colour = _colour(colour)
    return _commit_structure(workshop)


def delete_group(actor: Actor, workshop_id: int, group_id: int) -> dict:
    """Remove a group (undoably) and drop its facilitator's tablets; its notes stay, belonging to no group."""
    workshop = _managed(actor, workshop_id)
    group = _child(Group, group_id, workshop)
    trash.move_to_trash(actor, workshop, "group", group)
    workshop.groups.remove(group)
    structure = _commit_structure(workshop)
    presence.disconnect_group(group_id)  # the group's facilitator link went with it
    return structure


def save_perspective(actor: Actor, workshop_id: int, perspective_id: int | None, *, name: Any) -> dict:
    """Add a perspective at the end, or rename one."""
    workshop = _managed(actor, workshop_id)
    if perspective_id is None:
        perspective = Perspective(position=len(workshop.perspectives))
        workshop.perspectives.append(perspective)
    else:
        perspective = _child(Perspective, perspective_id, workshop)
    perspective.name = text_field(name, "Perspective", 80)
    return _commit_structure(workshop)


def delete_perspective(actor: Actor, workshop_id: int, perspective_id: int) -> dict:
    """Remove a perspective (undoably); the notes that recorded it stay, without one."""
    workshop = _managed(actor, workshop_id)
    perspective = _child(Perspective, perspective_id, workshop)
    trash.move_to_trash(actor, workshop, "perspective", perspective)
    workshop.perspectives.remove(perspective)
    return _commit_structure(workshop)


def _section_names(value: Any) -> list[str]:
    """Sections arrive as one name per line (form) or a list (API)."""
    names = value.splitlines() if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise Invalid(_("Sections must be a list of names."), code="wrong_type")
    cleaned = [text_field(n, "Section name", 80) for n in names if n.strip()]
    if not cleaned:
        raise Invalid(_("A board needs at least one section."), code="no_sections")
    return cleaned


def save_board(
    actor: Actor,
    workshop_id: int,
    board_id: int | None,
    *,
    kind: Any,
    title: Any,
    prompt: Any,
    open_to_attendees: Any,
    sections: Any = None,
) -> dict:
    """Add or edit a board; renaming sections keeps their notes, removing one removes its notes."""
    workshop = _managed(actor, workshop_id)
    if kind not in BOARD_KINDS:
        raise Invalid(_("Board kind must be one of %(choices)s.", choices=", ".join(BOARD_KINDS)), code="bad_kind")
    names = _section_names(sections) if sections not in (None, "") else default_sections(kind, workshop.languages)
    spec = {
        "kind": kind,
        "title": text_field(title, "Board title", 120),
        "prompt": text_field(prompt, "Prompt", 500, required=False),
        "open_to_attendees": bool(open_to_attendees),
    }
    if board_id is None:
        _add_board(workshop, {**spec, "sections": names}, len(workshop.boards))
    else:
        board = _child(Board, board_id, workshop)
        board.kind, board.title, board.prompt = spec["kind"], spec["title"], spec["prompt"]
        board.open_to_attendees = spec["open_to_attendees"]
        existing = list(board.sections)
        for i, name in enumerate(names):
            if i < len(existing):
                existing[i].name, existing[i].position = name, i
            else:
                board.sections.append(Section(name=name, position=i))
        for section in existing[len(names) :]:
            board.sections.remove(section)
    return _commit_structure(workshop)


def delete_board(actor: Actor, workshop_id: int, board_id: int) -> dict:
    """Remove a board with its sections and notes (undoably); a projector showing it shows the welcome screen."""
    workshop = _managed(actor, workshop_id)
    board = _child(Board, board_id, workshop)
    trash.move_to_trash(actor, workshop, "board", board)
    if workshop.projector_board_id == board.id:
        workshop.projector_board_id = None
    workshop.boards.remove(board)
    return _commit_structure(workshop)


def save_agenda_item(actor: Actor, workshop_id: int, item_id: int | None, *, starts_at: Any, title: Any) -> dict:
    """Add or edit an agenda item; the agenda stays in time order however items were typed."""
    workshop = _managed(actor, workshop_id)
    if not isinstance(starts_at, str) or not CLOCK.match(starts_at.strip()):
        raise Invalid(_("Times are written HH:MM (24-hour)."), code="bad_time")
    if item_id is None:
        item = AgendaItem()
        workshop.agenda.append(item)
    else:
        item = _child(AgendaItem, item_id, workshop)
    item.starts_at = starts_at.strip()
    item.title = text_field(title, "Agenda item", 200)
    # Keep the timetable in time order whatever order items were typed in.
    for i, entry in enumerate(sorted(workshop.agenda, key=lambda a: a.starts_at)):
        entry.position = i
    return _commit_structure(workshop)


def delete_agenda_item(actor: Actor, workshop_id: int, item_id: int) -> dict:
    """Remove an agenda item (undoably); the others keep their order."""
    workshop = _managed(actor, workshop_id)
    item = _child(AgendaItem, item_id, workshop)
    trash.move_to_trash(actor, workshop, "agenda_item", item)
    workshop.agenda.remove(item)
    return _commit_structure(workshop)


def show_on_projector(actor: Actor, workshop_id: int, board_id: Any) -> dict:
    """Choose the board the projector shows (None shows the welcome screen with the join code).

    The projector's state lives in services/projector.py; this name stays for the first callers.
    """
    return projector.show_on_projector(actor, workshop_id, board_id)
