"""What leads review: each record's themes (as read, or as a lead corrected them), which are
unsure, a safeguarding concern read in the words (never published), the staff-only severity
marker, and a quote as a lead edited it.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("feedback_record") as table:
        table.add_column(sa.Column("themes", sa.JSON))
        table.add_column(sa.Column("to_confirm", sa.JSON))
        table.add_column(sa.Column("themes_by", sa.String(8)))
        table.add_column(
            sa.Column("concern", sa.Boolean, nullable=False, server_default=sa.false())
        )
        table.add_column(sa.Column("severity", sa.String(8)))
        table.add_column(sa.Column("quote_text", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("feedback_record") as table:
        for column in ("quote_text", "severity", "concern", "themes_by", "to_confirm", "themes"):
            table.drop_column(column)
