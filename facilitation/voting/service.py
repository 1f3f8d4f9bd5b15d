"""Dot voting: the organiser opens a round on a board with N dots per attendee; attendees spend and take
back dots on their phones; tallies stay hidden until the organiser reveals them; closing keeps the result.

The allowance is enforced here, per attendee session (participant), under the workshop's write lock, so two
taps racing from two tabs of one phone can never spend more than N. Each attendee may put at most one dot
on a note (tap to vote, tap again to take it back). Broadcasts carry round summaries only; a revealed
tally travels on the note itself (`Note.votes`), so the projector shows it with the note.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from facilitation.extensions import db
from facilitation.kernel.access import Actor
from facilitation.kernel.errors import Conflict, Invalid, NotFound
from facilitation.kernel.events import NOTE_UPDATED, VOTE_CHANGED
from facilitation.kernel.lookups import load_workshop, owned
from facilitation.kernel.revisions import Change, commit_and_publish, log_change, next_revision, record_change
from facilitation.kernel.visibility import note_view, utc_iso
from facilitation.models import Board, Note, Vote, VoteRound, Workshop, utcnow
from facilitation.moderation import audit

MAX_VOTES_PER_ATTENDEE = 20


def round_view(vote_round: VoteRound, votes_cast: int) -> dict[str, Any]:
    """What everyone may know about a round: never who voted, never per-note tallies before the reveal."""
    return {
        "id": vote_round.id,
        "board_id": vote_round.board_id,
        "votes_per_attendee": vote_round.votes_per_attendee,
        "status": vote_round.status,
        "revealed": vote_round.revealed,
        "votes_cast": votes_cast,
        "result": vote_round.result if vote_round.revealed else None,
        "opened_at": utc_iso(vote_round.opened_at),
        "closed_at": utc_iso(vote_round.closed_at) if vote_round.closed_at else None,
    }


def tallies(round_id: int) -> dict[int, int]:
    """The dots on each note in a round, counted from the votes; a note with none is left out."""
    rows = db.session.execute(
        select(Vote.note_id, func.count(Vote.id)).where(Vote.round_id == round_id).group_by(Vote.note_id)
    )
    return dict(rows.all())


def _votes_cast(round_id: int) -> int:
    return db.session.scalar(select(func.count(Vote.id)).where(Vote.round_id == round_id)) or 0


def _is_id(value: Any) -> bool:
    """A whole number; True is a client bug, not the number 1."""
    return isinstance(value, int) and not isinstance(value, bool)


def _lock(workshop_id: int) -> None:
    """Take the workshop's write lock (SQLite) or row lock (PostgreSQL) without using up a revision."""
    db.session.execute(
        update(Workshop)
        .where(Workshop.id == workshop_id)
        .values(revision=Workshop.revision)
        .execution_options(synchronize_session=False)
    )


def _round_of(workshop: Workshop, round_id: Any) -> VoteRound:
    vote_round = owned(VoteRound, round_id, workshop, "unknown_round", "No such voting round in this workshop.")
    return vote_round


def _round_changed(vote_round: VoteRound) -> Change:
    return record_change(
        vote_round.workshop_id, VOTE_CHANGED, {"round": round_view(vote_round, _votes_cast(vote_round.id))}
    )


def _note_updated(note: Note) -> Change:
    note.revision = next_revision(note.workshop_id)
    return log_change(note.workshop_id, note.revision, NOTE_UPDATED, {"note": note_view(note)})


def _board_notes(board_id: int) -> list[Note]:
    return list(
        db.session.scalars(select(Note).where(Note.board_id == board_id, Note.status == "visible").order_by(Note.id))
    )


def _commit(workshop_id: int, changes: list[Change], **extra) -> dict[str, Any]:
    return {"revision": commit_and_publish(workshop_id, changes), **extra}


# --- the organiser's controls --------------------------------------------------------------------------


def open_round(actor: Actor, workshop_id: int, board_id: Any, votes_per_attendee: Any) -> dict[str, Any]:
    """Start a round on a board; any tallies shown from an earlier round there are cleared first."""
    workshop = load_workshop(actor, workshop_id, "vote.manage")
    board = owned(Board, board_id, workshop, "unknown_board", "No such board in this workshop.")
    if not _is_id(votes_per_attendee) or not 1 <= votes_per_attendee <= MAX_VOTES_PER_ATTENDEE:
        raise Invalid(
            _(
                "Give each attendee 1 to %(max_votes_per_attendee)s votes.",
                max_votes_per_attendee=MAX_VOTES_PER_ATTENDEE,
            ),
            code="bad_allowance",
        )
    _lock(workshop.id)  # two "open" clicks cannot both find no open round
    already = db.session.scalar(select(VoteRound.id).where(VoteRound.board_id == board.id, VoteRound.status == "open"))
    if already:
        raise Conflict(_("A voting round is already open on this board; close it first."), code="round_open")
    vote_round = VoteRound(workshop_id=workshop.id, board_id=board.id, votes_per_attendee=votes_per_attendee)
    db.session.add(vote_round)
    db.session.flush()
    audit.record(
        actor,
        workshop.id,
        "vote.open",
        after={"round_id": vote_round.id, "board_id": board.id, "votes_per_attendee": votes_per_attendee},
    )
    changes = []
    for note in db.session.scalars(select(Note).where(Note.board_id == board.id, Note.votes.is_not(None))):
        note.votes = None
        if note.status == "visible":
            changes.append(_note_updated(note))
    changes.append(_round_changed(vote_round))
    return _commit(workshop.id, changes, round=round_view(vote_round, 0))


def reveal(actor: Actor, workshop_id: int, round_id: Any) -> dict[str, Any]:
    """Show the tallies: each visible note on the board carries its count from now on (0 included)."""
    workshop = load_workshop(actor, workshop_id, "vote.manage")
    vote_round = _round_of(workshop, round_id)
    if vote_round.revealed:
        raise Conflict(_("The tallies are already shown."), code="already_revealed")
    vote_round.revealed = True
    counts = tallies(vote_round.id)
    changes = []
    for note in _board_notes(vote_round.board_id):
        note.votes = counts.get(note.id, 0)
        changes.append(_note_updated(note))
    audit.record(actor, workshop.id, "vote.reveal", after={"round_id": vote_round.id, "tallies": counts})
    changes.append(_round_changed(vote_round))
    return _commit(workshop.id, changes, round=round_view(vote_round, _votes_cast(vote_round.id)))


def close_round(actor: Actor, workshop_id: int, round_id: Any) -> dict[str, Any]:
    """Stop voting and keep the result (note texts as they were at close, most votes first)."""
    workshop = load_workshop(actor, workshop_id, "vote.manage")
    _lock(workshop.id)  # a dot racing the close either lands before it or is refused
    vote_round = _round_of(workshop, round_id)
    if vote_round.status != "open":
        raise Conflict(_("That round is already closed."), code="round_closed")
    vote_round.status = "closed"
    vote_round.closed_at = utcnow()
    vote_round.result = _result(vote_round)
    audit.record(actor, workshop.id, "vote.close", after={"round_id": vote_round.id, "result": vote_round.result})
    changes = [_round_changed(vote_round)]
    return _commit(workshop.id, changes, round=round_view(vote_round, _votes_cast(vote_round.id)))


def _result(vote_round: VoteRound) -> list[dict[str, Any]]:
    counts = tallies(vote_round.id)
    notes = db.session.scalars(select(Note).where(Note.id.in_(counts))) if counts else []
    rows = [{"note_id": n.id, "text": n.text, "votes": counts[n.id]} for n in notes]
    return sorted(rows, key=lambda row: (-row["votes"], row["note_id"]))


# --- the attendee's dots -------------------------------------------------------------------------------


def _attendee_round(actor: Actor, workshop_id: int, round_id: Any) -> tuple[Workshop, VoteRound]:
    workshop = load_workshop(actor, workshop_id, "vote.cast")
    # Every vote takes the workshop's write lock before it counts, so the allowance holds under races.
    _lock(workshop.id)
    vote_round = _round_of(workshop, round_id)
    if vote_round.status != "open":
        raise Conflict(_("Voting has closed."), code="round_closed")
    return workshop, vote_round


def _mine(vote_round: VoteRound, participant_id: int) -> list[int]:
    return list(
        db.session.scalars(
            select(Vote.note_id).where(Vote.round_id == vote_round.id, Vote.participant_id == participant_id)
        )
    )


def _after_vote(vote_round: VoteRound, note: Note, participant_id: int) -> dict[str, Any]:
    changes = []
    if vote_round.revealed:
        note.votes = tallies(vote_round.id).get(note.id, 0)
        changes.append(_note_updated(note))
    changes.append(_round_changed(vote_round))
    mine = _mine(vote_round, participant_id)
    return _commit(
        vote_round.workshop_id,
        changes,
        round_id=vote_round.id,
        mine=mine,
        left=vote_round.votes_per_attendee - len(mine),
    )


def cast(actor: Actor, workshop_id: int, round_id: Any, note_id: Any) -> dict[str, Any]:
    """Spend one dot on a note; refused when the attendee has none left or already voted for it."""
    _workshop, vote_round = _attendee_round(actor, workshop_id, round_id)
    note = db.session.get(Note, note_id) if _is_id(note_id) else None
    if note is None or note.board_id != vote_round.board_id or note.status != "visible":
        raise NotFound(_("That note is not on the board being voted on."), code="unknown_note")
    mine = _mine(vote_round, actor.participant_id)
    if note.id in mine:
        raise Conflict(_("You have already voted for that note."), code="already_voted")
    if len(mine) >= vote_round.votes_per_attendee:
        raise Conflict(_("You have used all your votes. Take one back to vote again."), code="no_votes_left")
    db.session.add(Vote(round_id=vote_round.id, participant_id=actor.participant_id, note_id=note.id))
    try:
        db.session.flush()
    except IntegrityError:  # a backstop: the lock above already orders this participant's taps
        db.session.rollback()
        raise Conflict(_("You have already voted for that note."), code="already_voted") from None
    return _after_vote(vote_round, note, actor.participant_id)


def retract(actor: Actor, workshop_id: int, round_id: Any, note_id: Any) -> dict[str, Any]:
    """Take back the attendee's dot from a note."""
    _workshop, vote_round = _attendee_round(actor, workshop_id, round_id)
    vote = db.session.scalar(
        select(Vote).where(
            Vote.round_id == vote_round.id, Vote.participant_id == actor.participant_id, Vote.note_id == note_id
        )
    )
    if vote is None:
        raise NotFound(_("You have no vote on that note."), code="no_vote")
    note = db.session.get(Note, vote.note_id)
    db.session.delete(vote)
    db.session.flush()
    return _after_vote(vote_round, note, actor.participant_id)


# --- what screens load ---------------------------------------------------------------------------------


def status(actor: Actor, workshop_id: int) -> dict[str, Any]:
    """Open rounds (and each round's latest state); for an attendee also their own dots and dots left."""
    workshop = load_workshop(actor, workshop_id, "workshop.view")
    rounds = []
    for vote_round in db.session.scalars(
        select(VoteRound).where(VoteRound.workshop_id == workshop.id, VoteRound.status == "open").order_by(VoteRound.id)
    ):
        view = round_view(vote_round, _votes_cast(vote_round.id))
        if actor.role == "attendee":
            mine = _mine(vote_round, actor.participant_id)
            view.update(mine=mine, left=vote_round.votes_per_attendee - len(mine))
        rounds.append(view)
    return {"revision": workshop.revision, "rounds": rounds}


def rounds_for_organiser(actor: Actor, workshop_id: int) -> list[dict[str, Any]]:
    """Every round, newest first, with tallies even before the reveal: the organiser decides when to show."""
    workshop = load_workshop(actor, workshop_id, "vote.manage")
    rounds = []
    for vote_round in db.session.scalars(
        select(VoteRound).where(VoteRound.workshop_id == workshop.id).order_by(VoteRound.id.desc())
    ):
        view = round_view(vote_round, _votes_cast(vote_round.id))
        view["result"] = vote_round.result if vote_round.status == "closed" else _result(vote_round)
        view["voters"] = db.session.scalar(
            select(func.count(func.distinct(Vote.participant_id))).where(Vote.round_id == vote_round.id)
        )
        rounds.append(view)
    return rounds
