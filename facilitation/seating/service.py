"""Mixed tables: people say which side they come from, the organiser seats them and swaps tables in rounds.

Every change validates, authorises, commits, then publishes seating:changed carrying the whole public plan
(names people gave, perspectives, organisations only where shared), so phones and the projector redraw
from one message. The solver (solver.py) is pure; this module turns rows into its input and back.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from facilitation.extensions import db
from facilitation.kernel.access import Actor, actor_for_token
from facilitation.kernel.errors import DomainError, Invalid
from facilitation.kernel.events import SEATING_CHANGED
from facilitation.kernel.lookups import load_workshop, owned, parse_id
from facilitation.kernel.payloads import text_field
from facilitation.kernel.revisions import commit_and_publish, record_change
from facilitation.models import Participant, Perspective, Seat, SeatedPerson, SeatingRound, Workshop
from facilitation.seating import solver

MAX_PEOPLE = 500
UNNAMED = "Guest"
# Spoken names of the template's colours (workshops.templates.GROUP_COLOURS), so a phone can say
# "Group 4 (pink)" to someone who cannot tell the swatches apart.
COLOUR_NAMES = {
    "#0072b2": "blue",
    "#d55e00": "red-orange",
    "#009e73": "green",
    "#cc79a7": "pink",
    "#e69f00": "orange",
    "#56b4e9": "sky blue",
    "#f0e442": "yellow",
    "#000000": "black",
}


# --- reading ------------------------------------------------------------------------------------------


def current_round(workshop_id: int) -> SeatingRound | None:
    return db.session.scalar(
        select(SeatingRound).where(SeatingRound.workshop_id == workshop_id).order_by(SeatingRound.number.desc())
    )


def _people(workshop_id: int, *, present_only: bool = False) -> list[SeatedPerson]:
    query = select(SeatedPerson).where(SeatedPerson.workshop_id == workshop_id)
    if present_only:
        query = query.where(SeatedPerson.present.is_(True))
    return list(db.session.scalars(query.order_by(SeatedPerson.id)))


def _seats(round_id: int) -> dict[int, int]:
    """{person id: group id} of one round."""
    return dict(db.session.execute(select(Seat.person_id, Seat.group_id).where(Seat.round_id == round_id)).all())


def _display_name(person: SeatedPerson) -> str:
    if person.name:
        return person.name
    if person.participant_id is not None:
        participant = db.session.get(Participant, person.participant_id)
        if participant is not None and participant.display_name:
            return participant.display_name
    return UNNAMED


def plan_view(workshop: Workshop) -> dict[str, Any]:
    """The public table plan of the current round: what the projector draws and each phone looks itself up in.

    An organisation appears only for people who agreed to show it."""
    seating_round = current_round(workshop.id)
    seats = _seats(seating_round.id) if seating_round else {}
    perspectives = {p.id: p.name for p in workshop.perspectives}
    people = {person.id: person for person in _people(workshop.id)}
    tables = []
    for group in workshop.groups:
        seated = [people[pid] for pid, gid in seats.items() if gid == group.id and pid in people]
        tables.append(
            {
                "group_id": group.id,
                "name": group.name,
                "colour": group.colour,
                "colour_name": COLOUR_NAMES.get(group.colour.casefold(), ""),
                "people": [
                    {
                        "id": person.id,
                        "name": _display_name(person),
                        "perspective": perspectives.get(person.perspective_id, ""),
                        "organisation": person.organisation if person.organisation_shared else "",
                        "staying": person.staying,
                    }
                    for person in sorted(seated, key=lambda p: (_display_name(p).casefold(), p.id))
                ],
            }
        )
    return {
        "round": seating_round.number if seating_round else None,
        "tables": tables,
        "unseated": sum(1 for person in people.values() if person.present and person.id not in seats),
    }


def table_plan(actor: Actor, workshop_id: Any) -> dict[str, Any]:
    """The plan for any viewer of the workshop (projector, phones, tablets, organiser)."""
    workshop = load_workshop(actor, workshop_id, "workshop.view")
    return {"plan": plan_view(workshop), "revision": workshop.revision}


def _own_person(actor: Actor) -> SeatedPerson | None:
    if actor.participant_id is None:
        return None
    return db.session.scalar(select(SeatedPerson).where(SeatedPerson.participant_id == actor.participant_id))


def my_table(actor: Actor, workshop_id: Any) -> dict[str, Any]:
    """An attendee's own view: what they told us, the perspectives to choose from, and their table now."""
    workshop = load_workshop(actor, workshop_id, "seating.profile")
    person = _own_person(actor)
    plan = plan_view(workshop)
    return {
        "perspectives": [{"id": p.id, "name": p.name} for p in workshop.perspectives],
        "profile": _profile_view(person),
        "plan": plan,
        "revision": workshop.revision,
    }


def _profile_view(person: SeatedPerson | None) -> dict[str, Any] | None:
    if person is None:
        return None
    return {
        "person_id": person.id,
        "perspective_id": person.perspective_id,
        "organisation": person.organisation,
        "organisation_shared": person.organisation_shared,
    }


def people_view(actor: Actor, workshop_id: Any) -> list[dict[str, Any]]:
    """Everyone to seat, for the organiser: organisations included, shared or not (the organiser seats by them)."""
    workshop = load_workshop(actor, workshop_id, "seating.manage")
    perspectives = {p.id: p.name for p in workshop.perspectives}
    seating_round = current_round(workshop.id)
    seats = _seats(seating_round.id) if seating_round else {}
    groups = {g.id: g.name for g in workshop.groups}
    return [
        {
            "id": person.id,
            "name": _display_name(person),
            "perspective": perspectives.get(person.perspective_id, ""),
            "organisation": person.organisation,
            "organisation_shared": person.organisation_shared,
            "staying": person.staying,
            "present": person.present,
            "from_phone": person.participant_id is not None,
            "table": groups.get(seats.get(person.id), ""),
        }
        for person in _people(workshop.id)
    ]


# --- what people say about themselves ------------------------------------------------------------------


def _perspective_id(workshop: Workshop, perspective_id: Any) -> int | None:
    if perspective_id is None:
        return None
    return owned(Perspective, perspective_id, workshop, "unknown_perspective", "No such perspective.").id


def _organisation(value: Any) -> str:
    return text_field(value if value is not None else "", "Organisation", 200, required=False)


def set_profile(actor: Actor, workshop_id: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """An attendee says which side they come from and, optionally, their organisation (private unless shared).

    Someone who answers after the tables are set is seated at once, without moving anyone else."""
    workshop = load_workshop(actor, workshop_id, "seating.profile")
    person = _own_person(actor)
    if person is None:
        person = SeatedPerson(workshop_id=workshop.id, participant_id=actor.participant_id, name="")
        db.session.add(person)
    person.perspective_id = _perspective_id(workshop, fields.get("perspective_id"))
    person.organisation = _organisation(fields.get("organisation"))
    person.organisation_shared = bool(fields.get("organisation_shared")) and bool(person.organisation)
    person.present = True
    db.session.flush()
    _seat_if_late(workshop, person)
    result = _publish(workshop)
    return {"profile": _profile_view(person), **result}


def set_profile_at_join(token: str, form: Any) -> dict[str, Any] | None:
    """The join form's optional questions (side, organisation, may others see it), stored exactly as the phone
    panel stores them; nothing is stored when none was answered, so the panel still asks later."""
    perspective = (form.get("perspective_id") or "").strip()
    organisation = (form.get("organisation") or "").strip()
    if not perspective and not organisation:
        return None
    perspective_id = parse_id(perspective) if perspective else None
    if perspective and perspective_id is None:
        raise Invalid(_("Choose one of the sides listed."), code="unknown_perspective")
    actor = actor_for_token(token)
    fields = {
        "perspective_id": perspective_id,
        "organisation": organisation,
        "organisation_shared": form.get("organisation_shared") == "1",
    }
    try:
        return set_profile(actor, actor.workshop_id, fields)
    except DomainError:
        db.session.rollback()  # the half-made profile goes; the participant, already committed, stays joined
        raise


def add_person(actor: Actor, workshop_id: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """The organiser adds someone without a phone (or from the registration list)."""
    workshop = load_workshop(actor, workshop_id, "seating.manage")
    count = db.session.scalar(
        select(func.count()).select_from(SeatedPerson).where(SeatedPerson.workshop_id == workshop.id)
    )
    if count >= MAX_PEOPLE:
        raise Invalid(f"A workshop seats at most {MAX_PEOPLE} people.", code="too_many_people")
    person = SeatedPerson(
        workshop_id=workshop.id,
        name=text_field(fields.get("name", ""), "Name", 80),
        perspective_id=_perspective_id(workshop, fields.get("perspective_id")),
        organisation=_organisation(fields.get("organisation")),
        organisation_shared=bool(fields.get("organisation_shared")),
        staying=bool(fields.get("staying")),
    )
    db.session.add(person)
    db.session.flush()
    _seat_if_late(workshop, person)
    return {"person_id": person.id, **_publish(workshop)}


def _person(workshop: Workshop, person_id: Any) -> SeatedPerson:
    return owned(SeatedPerson, person_id, workshop, "unknown_person", "No such person in this workshop.")


def set_staying(actor: Actor, workshop_id: Any, person_id: Any, staying: Any) -> dict[str, Any]:
    """Mark someone (a facilitator) as keeping their table through every swap."""
    workshop = load_workshop(actor, workshop_id, "seating.manage")
    if not isinstance(staying, bool):
        raise Invalid("staying must be true or false.", code="wrong_type")
    _person(workshop, person_id).staying = staying
    return _publish(workshop)


def set_present(actor: Actor, workshop_id: Any, person_id: Any, present: Any) -> dict[str, Any]:
    """Someone leaves (their seat is freed, nobody else moves) or comes back (seated like a late arrival)."""
    workshop = load_workshop(actor, workshop_id, "seating.manage")
    if not isinstance(present, bool):
        raise Invalid("present must be true or false.", code="wrong_type")
    person = _person(workshop, person_id)
    person.present = present
    seating_round = current_round(workshop.id)
    if not present and seating_round is not None:
        db.session.execute(delete(Seat).where(Seat.round_id == seating_round.id, Seat.person_id == person.id))
    elif present:
        _seat_if_late(workshop, person)
    return _publish(workshop)


# --- seating ---------------------------------------------------------------------------------------------


def _seatable(person: SeatedPerson, stays_at: int | None = None) -> solver.Seatable:
    return solver.Seatable(
        key=person.id,
        perspective=person.perspective_id,
        organisation=" ".join(person.organisation.casefold().split()),
        stays_at=stays_at if person.staying else None,
    )


def _met(workshop_id: int) -> set[tuple[int, int]]:
    """Every pair who have sat at one table in any round so far."""
    tables: dict[tuple[int, int], list[int]] = {}
    rows = db.session.execute(
        select(Seat.round_id, Seat.group_id, Seat.person_id)
        .join(SeatingRound, SeatingRound.id == Seat.round_id)
        .where(SeatingRound.workshop_id == workshop_id)
    ).all()
    for round_id, group_id, person_id in rows:
        tables.setdefault((round_id, group_id), []).append(person_id)
    return solver.pairs_of(dict(enumerate(tables.values())))


def _group_ids(workshop: Workshop) -> list[int]:
    ids = [group.id for group in workshop.groups]
    if not ids:
        raise Invalid("Add groups (tables) to the workshop first.", code="no_groups")
    return ids


def _store_round(workshop: Workshop, number: int, plan: dict[int, int]) -> None:
    seating_round = SeatingRound(workshop_id=workshop.id, number=number)
    db.session.add(seating_round)
    db.session.flush()
    db.session.add_all(Seat(round_id=seating_round.id, person_id=pid, group_id=gid) for pid, gid in plan.items())


def seat_everyone(actor: Actor, workshop_id: Any, seed: int = 0) -> dict[str, Any]:
    """Round 1 (again, if asked): balance perspectives at every table and keep organisations apart."""
    workshop = load_workshop(actor, workshop_id, "seating.manage")
    group_ids = _group_ids(workshop)
    people = _people(workshop.id, present_only=True)
    if not people:
        raise Invalid("Nobody to seat yet: attendees say their side on their phones, or add people.", code="nobody")
    db.session.execute(delete(SeatingRound).where(SeatingRound.workshop_id == workshop.id))
    # Staying people start at the table of their position, so each facilitator has a table of their own.
    stays = {p.id: group_ids[i % len(group_ids)] for i, p in enumerate(p for p in people if p.staying)}
    plan = solver.seat([_seatable(p, stays.get(p.id)) for p in people], group_ids, seed=seed)
    _store_round(workshop, 1, plan)
    return _publish(workshop)


def swap_tables(actor: Actor, workshop_id: Any, seed: int | None = None) -> dict[str, Any]:
    """The next round: as many pairs who have not sat together yet as the solver finds, table sizes kept
    even, people marked as staying at the table they are at."""
    workshop = load_workshop(actor, workshop_id, "seating.manage")
    group_ids = _group_ids(workshop)
    previous = current_round(workshop.id)
    if previous is None:
        raise Invalid("Seat everyone first; then swap tables.", code="not_seated")
    people = _people(workshop.id, present_only=True)
    seats = _seats(previous.id)
    seatable = [_seatable(p, seats.get(p.id)) for p in people]
    plan = solver.seat(seatable, group_ids, _met(workshop.id), seed=previous.number if seed is None else seed)
    _store_round(workshop, previous.number + 1, plan)
    return _publish(workshop)


def _seat_if_late(workshop: Workshop, person: SeatedPerson) -> None:
    """Seat a late arrival in the current round (if there is one), leaving everyone else where they are."""
    seating_round = current_round(workshop.id)
    if seating_round is None or not workshop.groups:
        return
    seats = _seats(seating_round.id)
    if person.id in seats:
        return
    people = {p.id: _seatable(p) for p in _people(workshop.id) if p.id in seats}
    table = solver.place_late_arrival(_seatable(person), seats, people, _group_ids(workshop), _met(workshop.id))
    db.session.add(Seat(round_id=seating_round.id, person_id=person.id, group_id=table))


def _publish(workshop: Workshop) -> dict[str, Any]:
    db.session.flush()
    plan = plan_view(workshop)
    revision = commit_and_publish(workshop.id, [record_change(workshop.id, SEATING_CHANGED, plan)])
    return {"plan": plan, "revision": revision}


def summary(actor: Actor, workshop_id: Any) -> dict[str, Any]:
    """For the organiser: rounds so far and how many different pairs have met at a table."""
    workshop = load_workshop(actor, workshop_id, "seating.manage")
    seating_round = current_round(workshop.id)
    return {"rounds": seating_round.number if seating_round else 0, "pairs_met": len(_met(workshop.id))}
