"""merge projector, evaluation, moderation and rate-limit branches

Revision ID: 0b5e7c1d9a3f
Revises: a7d3f1e9b2c6, cd268ea19481, e5a1d0c7b2f4, f3b9c2d4e6a8
Create Date: 2026-11-25 20:15:22.726989

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0b5e7c1d9a3f'
down_revision = ('a7d3f1e9b2c6', 'cd268ea19481', 'e5a1d0c7b2f4', 'f3b9c2d4e6a8')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
