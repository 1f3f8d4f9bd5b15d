"""languages: an organiser's own language, and a workshop's language(s) (issue 13)

Revision ID: 4c1e7a9d3b52
Revises: 3b8d0f5c2e61
Create Date: 2026-12-02 07:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "4c1e7a9d3b52"
down_revision = "3b8d0f5c2e61"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("organisers") as batch:
        batch.add_column(sa.Column("language", sa.String(length=16), nullable=True))
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("languages", sa.String(length=16), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("languages")
    with op.batch_alter_table("organisers") as batch:
        batch.drop_column("language")
