"""Typed ORM classes only: no commits, no emits, no request access. Times are UTC.

One module per concern; every model is imported here so Alembic and the app see one metadata.
"""

from facilitation.models.activities import (
    ACTIVITY_STATUSES,
    SIGNUP_STATUSES,
    Activity,
    ActivityInterest,
    ActivitySignup,
)
from facilitation.models.directory import OFFER_TEXT_FIELDS, DirectoryLink, Offer, OfferRevision
from facilitation.models.evaluation import (
    MODERATION_STATUSES,
    QUESTION_KINDS,
    QUESTIONNAIRE_STATUSES,
    Answer,
    Question,
    Questionnaire,
    Response,
)
from facilitation.models.moderation import VOTE_ROUND_STATUSES, AuditEntry, BlockedWord, NoteRevision, Vote, VoteRound
from facilitation.models.projector import BOARD_DISPLAYS, FOCUS_KINDS, PROJECTOR_MODES, TARGET_KINDS, ProjectorState
from facilitation.models.recordings import Recording, RecordingView
from facilitation.models.seating import Seat, SeatedPerson, SeatingRound
from facilitation.models.security import RateCounter, SocketPresence
from facilitation.models.signups import Signup
from facilitation.models.themes import THEME_LABEL_MAX, Theme, ThemeNote
from facilitation.models.trash import REMOVABLE_KINDS, RemovedItem
from facilitation.models.workshop import (
    BOARD_KINDS,
    BOARD_MODES,
    NOTE_STATUSES,
    ROLES,
    AgendaItem,
    Board,
    Change,
    Group,
    Note,
    Organiser,
    Participant,
    Perspective,
    Section,
    Workshop,
    utcnow,
)

__all__ = [
    "Recording",
    "RecordingView",
    "OFFER_TEXT_FIELDS",
    "DirectoryLink",
    "Offer",
    "OfferRevision",
    "ACTIVITY_STATUSES",
    "SIGNUP_STATUSES",
    "Activity",
    "ActivityInterest",
    "ActivitySignup",
    "BOARD_KINDS",
    "NOTE_STATUSES",
    "ROLES",
    "AgendaItem",
    "Board",
    "Change",
    "Group",
    "Note",
    "Organiser",
    "Participant",
    "Perspective",
    "Section",
    "Workshop",
    "utcnow",
    "MODERATION_STATUSES",
    "QUESTION_KINDS",
    "QUESTIONNAIRE_STATUSES",
    "Answer",
    "Question",
    "Questionnaire",
    "Response",
    "Signup",
    "BOARD_DISPLAYS",
    "FOCUS_KINDS",
    "PROJECTOR_MODES",
    "TARGET_KINDS",
    "ProjectorState",
    "BOARD_MODES",
    "VOTE_ROUND_STATUSES",
    "AuditEntry",
    "BlockedWord",
    "NoteRevision",
    "Vote",
    "VoteRound",
    "RateCounter",
    "SocketPresence",
    "Seat",
    "SeatedPerson",
    "SeatingRound",
    "REMOVABLE_KINDS",
    "RemovedItem",
    "THEME_LABEL_MAX",
    "Theme",
    "ThemeNote",
]
