"""seating: the people to seat, rounds of mixed tables and their seats

Revision ID: b14a1e5e7a01
Revises: 1f6a3c8e2d40
Create Date: 2026-12-02 03:30:00

Hand-written so it holds only the seating tables.
"""
from alembic import op
import sqlalchemy as sa


revision = "b14a1e5e7a01"
down_revision = "1f6a3c8e2d40"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "seated_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("perspective_id", sa.Integer(), nullable=True),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("organisation_shared", sa.Boolean(), nullable=False),
        sa.Column("staying", sa.Boolean(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["perspective_id"], ["perspectives.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("participant_id"),
    )
    op.create_index("ix_seated_people_workshop_id", "seated_people", ["workshop_id"])
    op.create_table(
        "seating_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workshop_id", "number", name="uq_seating_round_number"),
    )
    op.create_index("ix_seating_rounds_workshop_id", "seating_rounds", ["workshop_id"])
    op.create_table(
        "seats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["seating_rounds.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["seated_people.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["group_id"], ["groups.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "person_id", name="uq_seat_round_person"),
    )
    op.create_index("ix_seats_round_id", "seats", ["round_id"])


def downgrade():
    op.drop_table("seats")
    op.drop_table("seating_rounds")
    op.drop_table("seated_people")
