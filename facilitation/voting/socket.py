"""Socket.IO adapters for dot voting: the organiser's round controls and the attendee's dots."""

from __future__ import annotations

from facilitation.kernel import events
from facilitation.realtime.handling import acknowledged
from facilitation.voting import service as voting


@acknowledged(events.VOTE_ROUND_OPEN)
def open_round(actor, workshop_id, fields):
    return voting.open_round(actor, workshop_id, fields["board_id"], fields["votes_per_attendee"])


@acknowledged(events.VOTE_REVEAL)
def reveal(actor, workshop_id, fields):
    return voting.reveal(actor, workshop_id, fields["round_id"])


@acknowledged(events.VOTE_ROUND_CLOSE)
def close_round(actor, workshop_id, fields):
    return voting.close_round(actor, workshop_id, fields["round_id"])


@acknowledged(events.VOTE_CAST)
def cast(actor, workshop_id, fields):
    return voting.cast(actor, workshop_id, fields["round_id"], fields["note_id"])


@acknowledged(events.VOTE_RETRACT)
def retract(actor, workshop_id, fields):
    return voting.retract(actor, workshop_id, fields["round_id"], fields["note_id"])


@acknowledged(events.VOTE_STATUS)
def vote_status(actor, workshop_id, fields):
    return voting.status(actor, workshop_id)
