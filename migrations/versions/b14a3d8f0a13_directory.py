"""directory: offer cards with an activity analysis, their history, and the read-only link

Revision ID: b14a3d8f0a13
Revises: b14a2c7d9e02
Create Date: 2026-12-02 04:00:00

Hand-written so it holds only the directory tables.
"""
from alembic import op
import sqlalchemy as sa


revision = "b14a3d8f0a13"
down_revision = "b14a2c7d9e02"
branch_labels = None
depends_on = None

TEXT_COLUMNS = ("when_where", "suits", "referral", "resources", "cognitive", "sensory", "mobility",
                "communication", "social", "benefits", "access_notes")


def upgrade():
    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("source_note_id", sa.Integer(), nullable=True),
        sa.Column("provider", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("cost", sa.String(length=200), nullable=False),
        *[sa.Column(name, sa.Text(), nullable=False) for name in TEXT_COLUMNS],
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("benefit_tags", sa.JSON(), nullable=False),
        sa.Column("published", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_note_id"], ["notes.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_offers_workshop_id", "offers", ["workshop_id"])
    op.create_table(
        "offer_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("author_role", sa.String(length=20), nullable=False),
        sa.Column("author_label", sa.String(length=120), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["offer_id"], ["offers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_offer_revisions_offer_id", "offer_revisions", ["offer_id"])
    op.create_table(
        "directory_links",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("workshop_id"),
        sa.UniqueConstraint("token"),
    )


def downgrade():
    op.drop_table("directory_links")
    op.drop_table("offer_revisions")
    op.drop_table("offers")
