"""Initial schema: units, officers, accounts, contacts, posts, threads, items, outbox, audit, sync.

Revision ID: 0001
Revises:
Create Date: 2026-11-29 00:34:52.444026
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.store.search_sqlite import FTS_TABLE, SqliteSearch

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "platform",
            sa.Enum("facebook", "zalo", name="platform", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=True),
        sa.Column("is_blocked", sa.Boolean(), nullable=False),
        sa.Column("is_informant", sa.Boolean(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
        sa.UniqueConstraint(
            "platform", "external_id", name=op.f("uq_contacts_platform_external_id")
        ),
    )
    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "level",
            sa.Enum(
                "province", "district", "commune", name="unit_level", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["parent_id"], ["units.id"], name=op.f("fk_units_parent_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
        sa.UniqueConstraint("code", name=op.f("uq_units_code")),
    )
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_units_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "platform",
            sa.Enum("facebook", "zalo", name="platform", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("external_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column(
            "health",
            sa.Enum(
                "unknown",
                "ok",
                "degraded",
                "token_expired",
                "permission_missing",
                "error",
                name="account_health",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("health_detail", sa.Text(), nullable=True),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.Column("last_error_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_accounts_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint(
            "platform", "external_id", name=op.f("uq_accounts_platform_external_id")
        ),
    )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_accounts_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "officers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "duty_officer",
                "shift_leader",
                "unit_admin",
                "auditor",
                name="officer_role",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_officers_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officers")),
        sa.UniqueConstraint("username", name=op.f("uq_officers_username")),
    )
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_officers_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "audit_events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("subject_type", sa.String(length=32), nullable=True),
        sa.Column("subject_id", sa.String(length=128), nullable=True),
        sa.Column("details_json", sa.JSON(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["officers.id"], name=op.f("fk_audit_events_actor_id_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    op.create_table(
        "posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=96), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("permalink", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_posts_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_posts")),
        sa.UniqueConstraint(
            "external_id", "account_id", name=op.f("uq_posts_external_id_account_id")
        ),
    )
    op.create_table(
        "sync_cursors",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("stream", sa.String(length=128), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_sync_cursors_account_id_accounts")
        ),
        sa.PrimaryKeyConstraint("account_id", "stream", name=op.f("pk_sync_cursors")),
    )
    op.create_table(
        "threads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "fb_comment",
                "fb_message",
                "zalo_message",
                name="channel",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("external_id", sa.String(length=96), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "new",
                "in_progress",
                "forwarded",
                "resolved",
                "reopened",
                name="case_status",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
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
        sa.Column(
            "category_source",
            sa.Enum(
                "model", "rule", "officer", name="category_source", native_enum=False, length=24
            ),
            nullable=True,
        ),
        sa.Column("category_by_id", sa.Integer(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("deadline_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_activity_at", sa.DateTime(), nullable=False),
        sa.Column("last_citizen_at", sa.DateTime(), nullable=True),
        sa.Column("last_preview", sa.Text(), nullable=False),
        sa.Column("last_author_name", sa.String(length=200), nullable=True),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("unread", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_threads_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"], ["officers.id"], name=op.f("fk_threads_assignee_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["category_by_id"], ["officers.id"], name=op.f("fk_threads_category_by_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"], ["contacts.id"], name=op.f("fk_threads_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"], name=op.f("fk_threads_post_id_posts")),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_threads_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_threads")),
        sa.UniqueConstraint(
            "external_id",
            "account_id",
            "channel",
            name=op.f("uq_threads_external_id_account_id_channel"),
        ),
    )
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.create_index(
            "ix_threads_account_activity", ["account_id", "last_activity_at", "id"], unique=False
        )
        batch_op.create_index("ix_threads_activity", ["last_activity_at", "id"], unique=False)
        batch_op.create_index(
            "ix_threads_assignee_activity", ["assignee_id", "last_activity_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_threads_category_activity", ["category", "last_activity_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_threads_channel_activity", ["channel", "last_activity_at", "id"], unique=False
        )
        batch_op.create_index("ix_threads_contact", ["contact_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_threads_post_id"), ["post_id"], unique=False)
        batch_op.create_index(
            "ix_threads_status_activity", ["status", "last_activity_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_threads_unit_activity", ["unit_id", "last_activity_at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_threads_urgent_activity", ["urgent", "last_activity_at", "id"], unique=False
        )

    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column(
            "platform",
            sa.Enum("facebook", "zalo", name="platform", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("external_id", sa.String(length=128), nullable=True),
        sa.Column("parent_external_id", sa.String(length=128), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "comment",
                "reply",
                "message",
                "note",
                name="item_kind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "direction",
            sa.Enum("in", "out", "internal", name="direction", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("author_contact_id", sa.Integer(), nullable=True),
        sa.Column("author_officer_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sa.String(length=200), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("edited_at", sa.DateTime(), nullable=True),
        sa.Column("captured_at", sa.DateTime(), nullable=False),
        sa.Column("is_hidden", sa.Boolean(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), nullable=False),
        sa.Column("permalink", sa.Text(), nullable=True),
        sa.Column("attachments_json", sa.JSON(), nullable=True),
        sa.Column("raw_json", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
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
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_contact_id"], ["contacts.id"], name=op.f("fk_items_author_contact_id_contacts")
        ),
        sa.ForeignKeyConstraint(
            ["author_officer_id"], ["officers.id"], name=op.f("fk_items_author_officer_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"], ["threads.id"], name=op.f("fk_items_thread_id_threads")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_items")),
        sa.UniqueConstraint("platform", "external_id", name=op.f("uq_items_platform_external_id")),
    )
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_items_thread_created", ["thread_id", "created_at", "id"], unique=False
        )

    op.create_table(
        "item_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("is_hidden", sa.Boolean(), nullable=False),
        sa.Column("is_deleted", sa.Boolean(), nullable=False),
        sa.Column("raw_json", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("captured_at", sa.DateTime(), nullable=False),
        sa.Column("superseded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_item_revisions_item_id_items")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_revisions")),
    )
    with op.batch_alter_table("item_revisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_item_revisions_item_id"), ["item_id"], unique=False)

    op.create_table(
        "outbox_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
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
        sa.Column("payload_json", sa.JSON(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "queued",
                "sending",
                "sent",
                "failed",
                "unknown",
                name="outbox_state",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("retryable", sa.Boolean(), nullable=True),
        sa.Column("result_external_id", sa.String(length=128), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"], ["accounts.id"], name=op.f("fk_outbox_actions_account_id_accounts")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["officers.id"],
            name=op.f("fk_outbox_actions_created_by_id_officers"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_outbox_actions_item_id_items")
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"], ["threads.id"], name=op.f("fk_outbox_actions_thread_id_threads")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_actions")),
    )
    with op.batch_alter_table("outbox_actions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_actions_thread_id"), ["thread_id"], unique=False
        )
        batch_op.create_index("ix_outbox_state_created", ["state", "created_at"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        SqliteSearch().create_schema(op.get_bind())


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    with op.batch_alter_table("outbox_actions", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_state_created")
        batch_op.drop_index(batch_op.f("ix_outbox_actions_thread_id"))

    op.drop_table("outbox_actions")
    with op.batch_alter_table("item_revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_item_revisions_item_id"))

    op.drop_table("item_revisions")
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_index("ix_items_thread_created")

    op.drop_table("items")
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.drop_index("ix_threads_urgent_activity")
        batch_op.drop_index("ix_threads_unit_activity")
        batch_op.drop_index("ix_threads_status_activity")
        batch_op.drop_index(batch_op.f("ix_threads_post_id"))
        batch_op.drop_index("ix_threads_contact")
        batch_op.drop_index("ix_threads_channel_activity")
        batch_op.drop_index("ix_threads_category_activity")
        batch_op.drop_index("ix_threads_assignee_activity")
        batch_op.drop_index("ix_threads_activity")
        batch_op.drop_index("ix_threads_account_activity")

    op.drop_table("threads")
    op.drop_table("sync_cursors")
    op.drop_table("posts")
    op.drop_table("audit_events")
    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_officers_unit_id"))

    op.drop_table("officers")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accounts_unit_id"))

    op.drop_table("accounts")
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_units_parent_id"))

    op.drop_table("units")
    op.drop_table("contacts")
