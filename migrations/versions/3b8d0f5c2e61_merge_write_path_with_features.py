"""merge the write-path branch (issue 9: change-log 'after') with the features' merge

Revision ID: 3b8d0f5c2e61
Revises: 2a7c9e4b1d50, 9a41c7e0b5d2
Create Date: 2026-12-02 05:00:00

"""

revision = "3b8d0f5c2e61"
down_revision = ("2a7c9e4b1d50", "9a41c7e0b5d2")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
