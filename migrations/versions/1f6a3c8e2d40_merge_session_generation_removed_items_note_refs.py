"""merge the session-generation, removed-items and change-log note-ref branches

One head again, so the next features each add a revision off it.

Revision ID: 1f6a3c8e2d40
Revises: 5d2c8e7a41b9, 7e4a2c9f1b36, 9c41e7b2d5a8
Create Date: 2026-12-02 03:15:00

"""

revision = "1f6a3c8e2d40"
down_revision = ("5d2c8e7a41b9", "7e4a2c9f1b36", "9c41e7b2d5a8")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
