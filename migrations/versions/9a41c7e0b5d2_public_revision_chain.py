"""public revision chain: which revision the latest change every screen may see was, and the one before it

Revision ID: 9a41c7e0b5d2
Revises: 1f6a3c8e2d40
Create Date: 2026-12-02 03:30:00

A broadcast every screen receives names the previous such revision ("after"), so a phone that skipped a
moderator-only revision knows it missed nothing it may see and does not resync (kernel/revisions.py).
Existing workshops start with both at their current revision: conservative, a phone resyncs once at most.
"""
from alembic import op
import sqlalchemy as sa


revision = "9a41c7e0b5d2"
down_revision = "1f6a3c8e2d40"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("public_revision", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("public_before", sa.Integer(), nullable=False, server_default="0"))
    op.execute("UPDATE workshops SET public_revision = revision, public_before = revision")


def downgrade():
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("public_before")
        batch.drop_column("public_revision")
