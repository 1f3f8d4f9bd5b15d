"""recordings: the graphic recorder's images and what the projector shows of them

Revision ID: b14a4e9a1b24
Revises: b14a3d8f0a13
Create Date: 2026-12-02 04:20:00

Hand-written so it holds only the recording tables.
"""
from alembic import op
import sqlalchemy as sa


revision = "b14a4e9a1b24"
down_revision = "b14a3d8f0a13"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "recordings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("stored_name", sa.String(length=64), nullable=False),
        sa.Column("mimetype", sa.String(length=20), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("stored_name"),
    )
    op.create_index("ix_recordings_workshop_id", "recordings", ["workshop_id"])
    op.create_table(
        "recording_views",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("recording_id", sa.Integer(), nullable=True),
        sa.Column("zoom", sa.Float(), nullable=False),
        sa.Column("center_x", sa.Float(), nullable=False),
        sa.Column("center_y", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["recording_id"], ["recordings.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("workshop_id"),
    )


def downgrade():
    op.drop_table("recording_views")
    op.drop_table("recordings")
