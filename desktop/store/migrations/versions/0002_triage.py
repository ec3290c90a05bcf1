"""Triage: labelled examples, moderation rules and hits, campaigns

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 01:33:37.882434
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("sample_text", sa.Text(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("account_count", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
    )
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_campaigns_signature"), ["signature"], unique=False)

    op.create_table(
        "moderation_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("condition", sa.String(length=32), nullable=False),
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
            nullable=True,
        ),
        sa.Column("min_confidence", sa.Float(), nullable=True),
        sa.Column(
            "action",
            sa.Enum(
                "public_reply",
                "private_reply",
                "message_reply",
                "hide",
                "unhide",
                "delete",
                "block",
                name="outbox_kind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_moderation_rules_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["officers.id"],
            name=op.f("fk_moderation_rules_created_by_id_officers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_rules")),
    )
    with op.batch_alter_table("moderation_rules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_moderation_rules_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "labelled_examples",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
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
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_labelled_examples_item_id_items")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_labelled_examples_officer_id_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_labelled_examples")),
    )
    with op.batch_alter_table("labelled_examples", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_labelled_examples_item_id"), ["item_id"], unique=False)

    op.create_table(
        "moderation_hits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("outbox_action_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_moderation_hits_item_id_items")
        ),
        sa.ForeignKeyConstraint(
            ["outbox_action_id"],
            ["outbox_actions.id"],
            name=op.f("fk_moderation_hits_outbox_action_id_outbox_actions"),
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["moderation_rules.id"],
            name=op.f("fk_moderation_hits_rule_id_moderation_rules"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_moderation_hits")),
    )
    with op.batch_alter_table("moderation_hits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_moderation_hits_item_id"), ["item_id"], unique=False)
        batch_op.create_index("ix_moderation_hits_rule_item", ["rule_id", "item_id"], unique=False)

    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("campaign_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_items_campaign_id"), ["campaign_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_items_campaign_id_campaigns"), "campaigns", ["campaign_id"], ["id"]
        )

    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.add_column(sa.Column("campaign_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_threads_campaign_id"), ["campaign_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_threads_campaign_id_campaigns"), "campaigns", ["campaign_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_threads_campaign_id_campaigns"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_threads_campaign_id"))
        batch_op.drop_column("campaign_id")

    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_items_campaign_id_campaigns"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_items_campaign_id"))
        batch_op.drop_column("campaign_id")

    with op.batch_alter_table("moderation_hits", schema=None) as batch_op:
        batch_op.drop_index("ix_moderation_hits_rule_item")
        batch_op.drop_index(batch_op.f("ix_moderation_hits_item_id"))

    op.drop_table("moderation_hits")
    with op.batch_alter_table("labelled_examples", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_labelled_examples_item_id"))

    op.drop_table("labelled_examples")
    with op.batch_alter_table("moderation_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_moderation_rules_account_id"))

    op.drop_table("moderation_rules")
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaigns_signature"))

    op.drop_table("campaigns")
