"""The end-of-day evaluation: one questionnaire per workshop, its questions, and attendees' answers.

Responses are keyed by the attendee's phone session (participant) so each session answers once and
can change its answers until the organiser closes the questionnaire. Free-text answers are shown
publicly (projector, organiser results) only after the organiser approves them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitation.extensions import db
from facilitation.models.workshop import utcnow

QUESTIONNAIRE_STATUSES = ("draft", "open", "closed")
QUESTION_KINDS = ("rating", "single_choice", "multiple_choice", "yes_no", "free_text")
# Only free-text answers are moderated; other kinds are counted, never shown one by one.
MODERATION_STATUSES = ("pending", "approved", "rejected")
RATING_MIN = 1
RATING_MAX = 5


class Questionnaire(db.Model):
    """The workshop's evaluation form; attendees may answer only while it is open."""

    __tablename__ = "questionnaires"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(String(200), default="Evaluation")
    intro: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="draft")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    questions: Mapped[list[Question]] = relationship(
        back_populates="questionnaire", order_by="Question.position", cascade="all, delete-orphan"
    )


class Question(db.Model):
    """One question; `options` lists the choices of single/multiple choice questions (empty otherwise).

    Ratings run 1-5 with `low_label`/`high_label` naming the ends ("Not at all" ... "Very much").
    """

    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    prompt: Mapped[str] = mapped_column(Text)
    required: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    options: Mapped[list[str]] = mapped_column(JSON, default=list)
    low_label: Mapped[str] = mapped_column(String(60), default="")
    high_label: Mapped[str] = mapped_column(String(60), default="")

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="questions")


class Response(db.Model):
    """One phone session's answers; unique per questionnaire so a session answers once.

    participant_id is NULL for responses that did not come from a live session (the demo's seeded
    replies, a restored export); deleting the session keeps the anonymous answers.
    """

    __tablename__ = "responses"
    __table_args__ = (UniqueConstraint("questionnaire_id", "participant_id", name="uq_response_participant"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaires.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    answers: Mapped[list[Answer]] = relationship(back_populates="response", cascade="all, delete-orphan")


class Answer(db.Model):
    """The value given to one question, as JSON: int (rating), str (single choice, free text),
    list[str] (multiple choice) or bool (yes/no).

    `moderation` matters only for free text: "pending" until the organiser approves ("approved")
    or rejects it; changing the text sends it back to "pending".
    """

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("response_id", "question_id", name="uq_answer_question"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    value: Mapped[Any] = mapped_column(JSON)
    moderation: Mapped[str] = mapped_column(String(10), default="pending")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    response: Mapped[Response] = relationship(back_populates="answers")
