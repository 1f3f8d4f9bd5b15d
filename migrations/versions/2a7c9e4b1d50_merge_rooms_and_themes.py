"""merge the rooms branch (seating, activities, directory, recordings) and the themes branch

Revision ID: 2a7c9e4b1d50
Revises: b14a4e9a1b24, b8e2f4a6c1d3
Create Date: 2026-12-02 04:40:00

"""

revision = "2a7c9e4b1d50"
down_revision = ("b14a4e9a1b24", "b8e2f4a6c1d3")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
