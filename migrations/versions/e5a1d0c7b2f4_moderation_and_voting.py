"""moderation and dot voting: board modes, pinned notes, note history, audit log, blocked words, vote rounds

Revision ID: e5a1d0c7b2f4
Revises: c4ec6bdd9fff
Create Date: 2026-11-26 11:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "e5a1d0c7b2f4"
down_revision = "c4ec6bdd9fff"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("boards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mode", sa.String(length=12), nullable=False, server_default="open"))
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pinned", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("votes", sa.Integer(), nullable=True))

    op.create_table(
        "note_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=True),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("source_note_id", sa.Integer(), nullable=True),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("actor_group_id", sa.Integer(), nullable=True),
        sa.Column("actor_participant_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["note_id"], ["notes.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["board_id"], ["boards.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["section_id"], ["sections.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["source_note_id"], ["notes.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["actor_group_id"], ["groups.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["actor_participant_id"], ["participants.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_note_revisions_note_id", "note_revisions", ["note_id"], unique=False)

    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("actor_organiser_id", sa.Integer(), nullable=True),
        sa.Column("actor_group_id", sa.Integer(), nullable=True),
        sa.Column("actor_participant_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=True),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["actor_organiser_id"], ["organisers.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["actor_group_id"], ["groups.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["actor_participant_id"], ["participants.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["note_id"], ["notes.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_workshop_at", "audit_entries", ["workshop_id", "id"], unique=False)

    op.create_table(
        "blocked_words",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workshop_id", "word", name="uq_blocked_word"),
    )
    op.create_index("ix_blocked_words_workshop_id", "blocked_words", ["workshop_id"], unique=False)

    op.create_table(
        "vote_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("votes_per_attendee", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["board_id"], ["boards.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_vote_rounds_workshop_id", "vote_rounds", ["workshop_id"], unique=False)
    op.create_index("ix_vote_rounds_board_id", "vote_rounds", ["board_id"], unique=False)

    op.create_table(
        "votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["vote_rounds.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["note_id"], ["notes.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "participant_id", "note_id", name="uq_vote_once_per_note"),
    )
    op.create_index("ix_votes_round_id", "votes", ["round_id"], unique=False)


def downgrade():
    op.drop_index("ix_votes_round_id", table_name="votes")
    op.drop_table("votes")
    op.drop_index("ix_vote_rounds_board_id", table_name="vote_rounds")
    op.drop_index("ix_vote_rounds_workshop_id", table_name="vote_rounds")
    op.drop_table("vote_rounds")
    op.drop_index("ix_blocked_words_workshop_id", table_name="blocked_words")
    op.drop_table("blocked_words")
    op.drop_index("ix_audit_workshop_at", table_name="audit_entries")
    op.drop_table("audit_entries")
    op.drop_index("ix_note_revisions_note_id", table_name="note_revisions")
    op.drop_table("note_revisions")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_column("votes")
        batch_op.drop_column("pinned")
    with op.batch_alter_table("boards", schema=None) as batch_op:
        batch_op.drop_column("mode")
