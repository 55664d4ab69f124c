"""Feedback records and the leads' audit trail.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback_record",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("month", sa.String(7), nullable=False, index=True),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("writer", sa.String(8), nullable=False),
        sa.Column("area", sa.String(9)),
        sa.Column("may_count", sa.Boolean, nullable=False),
        sa.Column("may_quote", sa.Boolean, nullable=False),
        sa.Column("withdrawal", sa.String(64), nullable=False, unique=True),
        sa.Column("answers", sa.JSON, nullable=False),
        sa.Column("about", sa.JSON, nullable=False),
        sa.Column("text", sa.Text),
        sa.Column("quote", sa.String(10), nullable=False),
    )
    op.create_table(
        "lead_action",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("lead", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("record", sa.String(32)),
    )


def downgrade() -> None:
    op.drop_table("lead_action")
    op.drop_table("feedback_record")
