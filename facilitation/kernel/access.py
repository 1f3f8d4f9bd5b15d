"""Who may do what: roles, tokens, and the one permission check every adapter goes through."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import bindparam, select

from facilitation.extensions import db
from facilitation.kernel.errors import NotAllowed, NotSignedIn
from facilitation.models import Group, Organiser, Participant, Workshop

# Token prefixes say which table holds the credential, so resolving one is a single lookup.
ATTENDEE_PREFIX = "a_"
FACILITATOR_PREFIX = "f_"
PROJECTOR_PREFIX = "p_"

MODERATOR_ROLES = frozenset({"organiser", "facilitator"})

# action -> roles that may attempt it; workshop ownership is checked on top of this.
PERMISSIONS: dict[str, frozenset[str]] = {
    "workshop.view": frozenset({"organiser", "facilitator", "attendee", "projector"}),
    "note.post": frozenset({"organiser", "facilitator", "attendee"}),
    "workshop.manage": frozenset({"organiser"}),
    "projector.control": frozenset({"organiser"}),
    # The agenda's "now" marker and the countdown timer the room sees on the projector.
    "agenda.control": frozenset({"organiser"}),
    "timer.control": frozenset({"organiser"}),
    # Moderation: which notes a facilitator may touch is narrowed further by may_moderate().
    "note.moderate": frozenset({"organiser", "facilitator"}),
    "note.restore": frozenset({"organiser"}),
    # Themes: facilitators too, on themes whose notes may_moderate lets them touch; regrouping a board: organiser.
    "theme.manage": frozenset({"organiser", "facilitator"}),
    "theme.recluster": frozenset({"organiser"}),
    "board.mode": frozenset({"organiser"}),
    "wordlist.manage": frozenset({"organiser"}),
    "audit.view": frozenset({"organiser"}),
    "vote.manage": frozenset({"organiser"}),
    "vote.cast": frozenset({"attendee"}),
    "evaluation.view": frozenset({"organiser", "facilitator", "attendee", "projector"}),
    "evaluation.answer": frozenset({"attendee"}),
    "evaluation.manage": frozenset({"organiser"}),
    "signup.manage": frozenset({"organiser"}),
    "workshop.delete": frozenset({"organiser"}),
    # Exports carry every note (hidden ones too) and, on request, sign-ups' personal data.
    "workshop.export": frozenset({"organiser"}),
    # Starting a workshop (no workshop to own yet), and revoking access: replacing a facilitator link,
    # removing an attendee.
    "workshop.create": frozenset({"organiser"}),
    "access.manage": frozenset({"organiser"}),
    # Mixed tables: an attendee describes themselves; the organiser seats and swaps.
    "seating.profile": frozenset({"attendee"}),
    "seating.manage": frozenset({"organiser"}),
    # Afternoon activities: attendees sign up; facilitators and the organiser tick attendance.
    "activity.join": frozenset({"attendee"}),
    "activity.manage": frozenset({"organiser"}),
    "activity.attendance": frozenset({"organiser", "facilitator"}),
    # The directory of cultural offers: both sides' facilitators and the organiser edit; the organiser publishes.
    "offer.edit": frozenset({"organiser", "facilitator"}),
    "offer.publish": frozenset({"organiser"}),
    # The graphic recording: the organiser uploads and steers it; whoever views the workshop may see it.
    "recording.manage": frozenset({"organiser"}),
}


@dataclass(frozen=True)
class Actor:
    """The authenticated sender of a request or socket event."""

    role: str
    workshop_id: int | None = None
    organiser_id: int | None = None
    group_id: int | None = None
    participant_id: int | None = None
    display_name: str = ""

    @property
    def is_moderator(self) -> bool:
        """Whether the role moderates at all; which notes it may touch is may_moderate's decision."""
        return self.role in MODERATOR_ROLES


ANONYMOUS = Actor(role="anonymous")


def new_token(prefix: str) -> str:
    """An unguessable link token whose prefix says which table holds it."""
    return prefix + secrets.token_urlsafe(24)


def hash_token(token: str) -> str:
    """What is stored of an attendee token, so a copy of the database signs nobody in."""
    return hashlib.sha256(token.encode()).hexdigest()


def actor_for_token(token: object) -> Actor:
    """Resolve a bearer token (attendee, facilitator or projector) or raise NotSignedIn."""
    if not isinstance(token, str) or len(token) > 100:
        raise NotSignedIn(_("A valid access link is needed."), code="bad_token")
    # Each credential is read with its workshop in one query (checked on every socket event), which also
    # puts the workshop in the session for the service that runs next.
    if token.startswith(ATTENDEE_PREFIX):
        participant, workshop = _with_workshop(_PARTICIPANT_BY_TOKEN, hash_token(token))
        if participant is None or participant.removed:
            raise NotSignedIn(_("This phone's session has ended; join again with the code."), code="bad_token")
        _require_open(workshop)
        return Actor(
            role="attendee",
            workshop_id=participant.workshop_id,
            participant_id=participant.id,
            display_name=participant.display_name,
        )
    if token.startswith(FACILITATOR_PREFIX):
        group, workshop = _with_workshop(_GROUP_BY_TOKEN, token)
        if group is None or group.revoked or _removed(workshop):
            raise NotSignedIn(_("This facilitator link is not valid any more."), code="bad_token")
        return Actor(role="facilitator", workshop_id=group.workshop_id, group_id=group.id, display_name=group.name)
    if token.startswith(PROJECTOR_PREFIX):
        workshop = db.session.scalar(select(Workshop).where(Workshop.projector_token == token))
        if workshop is None or _removed(workshop):
            raise NotSignedIn(_("This projector link is not valid."), code="bad_token")
        return Actor(role="projector", workshop_id=workshop.id)
    raise NotSignedIn(_("A valid access link is needed."), code="bad_token")


def _with_workshop(statement, token_or_hash: str) -> tuple:
    """The credential row the statement finds for this token (or its hash) and its workshop, or (None, None)."""
    row = db.session.execute(statement, {"token": token_or_hash}).first()
    if row is None:
        return None, None
    # The session's identity map holds rows weakly: unless something keeps the workshop, it is gone by the
    # time the service that runs next asks for it (load_workshop), and is read a second time. The session's
    # own scratch space keeps it for as long as the session (this request or socket event) lasts.
    db.session.info[CREDENTIAL_WORKSHOP] = row[1]
    return row[0], row[1]


# Built once: the credential is looked up on every socket event, and building the query was much of its cost.
_PARTICIPANT_BY_TOKEN = (
    select(Participant, Workshop)
    .join(Workshop, Workshop.id == Participant.workshop_id)
    .where(Participant.token_hash == bindparam("token"))
)
_GROUP_BY_TOKEN = (
    select(Group, Workshop)
    .join(Workshop, Workshop.id == Group.workshop_id)
    .where(Group.facilitator_token == bindparam("token"))
)

# db.session.info key: the workshop of the credential resolved last in this session (see _with_workshop).
CREDENTIAL_WORKSHOP = "access.credential_workshop"


def organiser_actor(organiser_id: int) -> Actor:
    """An organiser acting outside any one workshop (their dashboard, creating a workshop)."""
    return Actor(role="organiser", organiser_id=organiser_id)


# What a signed-in organiser's session holds, in the signed cookie and in each organiser socket's copy of it.
SESSION_ORGANISER = "organiser_id"
SESSION_GENERATION = "organiser_generation"
SESSION_SIGNED_IN_AT = "organiser_signed_in_at"
SESSION_KEYS = (SESSION_ORGANISER, SESSION_GENERATION, SESSION_SIGNED_IN_AT)


def _now() -> float:
    return current_app.config.get("CLOCK", time.time)()


def organiser_session(organiser_id: int) -> dict[str, int]:
    """What signing in puts in the session: who, under which of their session generations, and since when."""
    generation = db.session.scalar(select(Organiser.session_generation).where(Organiser.id == organiser_id))
    return {SESSION_ORGANISER: organiser_id, SESSION_GENERATION: generation or 0, SESSION_SIGNED_IN_AT: int(_now())}


def organiser_from_session(session: Mapping) -> Actor | None:
    """The organiser a signed-in session names, or None: the one place both HTTP (the session cookie) and
    Socket.IO (each connection's copy of it) turn a session into an organiser, so a session ends for both at
    once. None once the account is gone, once its sessions were ended (sign-out, a password change: the
    generation moved on), and once the session is older than its lifetime (SESSION_HOURS, from sign-in,
    however often it was used)."""
    organiser_id, generation, signed_in_at = (session.get(key) for key in SESSION_KEYS)
    if not all(type(value) is int for value in (organiser_id, generation, signed_in_at)):
        return None
    age = _now() - signed_in_at
    if not -60 <= age <= current_app.permanent_session_lifetime.total_seconds():
        return None
    current = db.session.scalar(select(Organiser.session_generation).where(Organiser.id == organiser_id))
    if current is None or current != generation:
        return None
    return organiser_actor(organiser_id)


def _require_open(workshop: Workshop | None) -> None:
    if workshop is None or not workshop.is_open or _removed(workshop):
        raise NotSignedIn(_("This workshop has closed."), code="workshop_closed")


def _removed(workshop: Workshop | None) -> bool:
    """A workshop its organiser removed: every link into it stops working until it is restored."""
    return workshop is None or workshop.removed_at is not None


def authorise(actor: Actor, action: str, workshop: Workshop) -> None:
    """The one permission check: role may attempt the action, and the workshop is the actor's."""
    authorise_role(actor, action)
    if actor.role == "organiser":
        if workshop.organiser_id != actor.organiser_id:
            raise NotAllowed(_("That workshop belongs to another organiser."))
    elif actor.workshop_id != workshop.id:
        raise NotAllowed(_("That belongs to another workshop."))


def authorise_role(actor: Actor, action: str) -> None:
    """The role half of authorise(), alone only where no workshop exists yet (creating one)."""
    if actor.role == "anonymous":
        raise NotSignedIn(_("Sign in or join the workshop first."))
    if actor.role not in PERMISSIONS.get(action, frozenset()):
        raise NotAllowed(_("Your role (%(role)s) may not do that.", role=actor.role))
    if actor.role == "organiser" and actor.organiser_id is None:
        raise NotAllowed(_("Sign in again."))


# Audiences of logged changes: everyone, every moderator, or the organiser plus one group's facilitator.
PUBLIC = "public"
MODERATORS = "moderators"
GROUP_AUDIENCE_PREFIX = "g:"
AUTHOR_AUDIENCE_PREFIX = "p:"


def moderation_audience(group_id: int | None) -> str:
    """Who may learn of a note that is not on the screen: the same people may_moderate lets act on it."""
    return MODERATORS if group_id is None else f"{GROUP_AUDIENCE_PREFIX}{group_id}"


def author_audience(participant_id: int) -> str:
    """An attendee's own phone, told what became of a note only they and the moderators could see."""
    return f"{AUTHOR_AUDIENCE_PREFIX}{participant_id}"


def audience_author(audience: str) -> int | None:
    """The participant an author audience names, else None."""
    return int(audience[len(AUTHOR_AUDIENCE_PREFIX) :]) if audience.startswith(AUTHOR_AUDIENCE_PREFIX) else None


def audience_group(audience: str) -> int | None:
    """The group a group audience names, else None."""
    return int(audience[len(GROUP_AUDIENCE_PREFIX) :]) if audience.startswith(GROUP_AUDIENCE_PREFIX) else None


def in_audience(actor: Actor, audience: str) -> bool:
    """The one rule for who receives a logged change, live or when catching up."""
    if audience == PUBLIC:
        return True
    if audience == MODERATORS:
        return actor.is_moderator
    if audience.startswith(AUTHOR_AUDIENCE_PREFIX):
        return actor.participant_id is not None and actor.participant_id == audience_author(audience)
    return actor.role == "organiser" or (actor.role == "facilitator" and actor.group_id == audience_group(audience))


def may_moderate(actor: Actor, note) -> bool:
    """Whose notes a moderator may act on: the organiser any note of their workshop; a facilitator their own
    group's notes and notes that belong to no group (attendees' general notes), never another group's."""
    if actor.role == "organiser":
        return True
    if actor.role != "facilitator" or note.workshop_id != actor.workshop_id:
        return False
    return note.group_id is None or note.group_id == actor.group_id
