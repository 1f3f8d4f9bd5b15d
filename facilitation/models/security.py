"""Rate-limit counters and socket presence: small shared state kept in the database, not in a process.

Both must work when several server processes serve one event (DESIGN: no module-level mutable state), so
they live in tables every process reads and writes. Rows are short-lived and pruned as they expire.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from facilitation.extensions import db
from facilitation.models.workshop import utcnow


class RateCounter(db.Model):
    """How many times `key` did `scope` in the fixed window starting at `window_start` (epoch seconds).

    scope names what is counted (post:ip, join:ip, join_guess:ip, post:sender, join_lockout:ip); key is who
    (an IP address, "participant:12", ...). One row per window, bumped with an upsert; expired rows are deleted.
    """

    __tablename__ = "rate_counters"

    scope: Mapped[str] = mapped_column(String(32), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    window_start: Mapped[int] = mapped_column(primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
    expires_at: Mapped[int] = mapped_column(index=True)


class SocketPresence(db.Model):
    """One row per connected socket, so any process can find (and disconnect) the sockets of a credential.

    Written at connect, deleted at disconnect. A row left by a crashed process only causes a no-op
    disconnect later; rows of a deleted workshop go with it.
    """

    __tablename__ = "socket_presence"
    __table_args__ = (
        Index("ix_socket_presence_group", "group_id"),
        Index("ix_socket_presence_participant", "participant_id"),
        Index("ix_socket_presence_workshop_role", "workshop_id", "role"),
    )

    sid: Mapped[str] = mapped_column(String(64), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    group_id: Mapped[int | None]
    participant_id: Mapped[int | None]
    organiser_id: Mapped[int | None]
    connected_at: Mapped[datetime] = mapped_column(default=utcnow)
