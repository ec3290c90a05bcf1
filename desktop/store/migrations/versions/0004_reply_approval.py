"""Sensitive replies wait for a shift leader: the per-category policy, and who reviewed each held
reply, when and why not (outbox states ``pending_approval`` and ``rejected`` need no DDL)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 05:46:43.575887
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reply_approval_policy",
        sa.Column(
            "category",
            sa.Enum(
                "crime_tip",
                "scam_report",
                "admin_question",
                "complaint",
                "feedback",
                "hostile",
                "abusive",
                "spam",
                "other",
                name="category",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"],
            ["officers.id"],
            name=op.f("fk_reply_approval_policy_updated_by_id_officers"),
        ),
        sa.PrimaryKeyConstraint("category", name=op.f("pk_reply_approval_policy")),
    )
    with op.batch_alter_table("outbox_actions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reviewed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reviewed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("review_note", sa.Text(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_actions_reviewed_by_id_officers"),
            "officers",
            ["reviewed_by_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox_actions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_outbox_actions_reviewed_by_id_officers"), type_="foreignkey"
        )
        batch_op.drop_column("review_note")
        batch_op.drop_column("reviewed_at")
        batch_op.drop_column("reviewed_by_id")

    op.drop_table("reply_approval_policy")
