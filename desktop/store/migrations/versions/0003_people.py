"""People, cases and accountability: sign-in, unit scope, roster, handovers, assignment rules,
forwards, SLA targets and clock, note mentions, presence; audit indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 09:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assignment_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
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
        sa.Column("target_unit_id", sa.Integer(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["officers.id"],
            name=op.f("fk_assignment_rules_created_by_id_officers"),
        ),
        sa.ForeignKeyConstraint(
            ["target_unit_id"], ["units.id"], name=op.f("fk_assignment_rules_target_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_assignment_rules_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment_rules")),
    )
    op.create_table(
        "handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("from_officer_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("summary_json", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"],
            ["officers.id"],
            name=op.f("fk_handovers_acknowledged_by_id_officers"),
        ),
        sa.ForeignKeyConstraint(
            ["from_officer_id"], ["officers.id"], name=op.f("fk_handovers_from_officer_id_officers")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name=op.f("fk_handovers_unit_id_units")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
    )
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.create_index("ix_handovers_unit_created", ["unit_id", "created_at"], unique=False)

    op.create_table(
        "officer_units",
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_officer_units_officer_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_officer_units_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("officer_id", "unit_id", name=op.f("pk_officer_units")),
    )
    with op.batch_alter_table("officer_units", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_officer_units_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "shift_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("is_leader", sa.Boolean(), nullable=False),
        sa.Column("ended_early_at", sa.DateTime(), nullable=True),
        sa.Column("redistributed_at", sa.DateTime(), nullable=True),
        sa.Column("last_assigned_at", sa.DateTime(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["officers.id"], name=op.f("fk_shift_entries_created_by_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_shift_entries_officer_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_shift_entries_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_entries")),
    )
    with op.batch_alter_table("shift_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_shift_entries_officer_time", ["officer_id", "starts_at"], unique=False
        )
        batch_op.create_index(
            "ix_shift_entries_unit_time", ["unit_id", "starts_at", "ends_at"], unique=False
        )

    op.create_table(
        "sla_targets",
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
        sa.Column("response_minutes", sa.Integer(), nullable=False),
        sa.Column("resolution_minutes", sa.Integer(), nullable=False),
        sa.Column("urgent_response_minutes", sa.Integer(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["officers.id"], name=op.f("fk_sla_targets_updated_by_id_officers")
        ),
        sa.PrimaryKeyConstraint("category", name=op.f("pk_sla_targets")),
    )
    op.create_table(
        "forwards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("from_unit_id", sa.Integer(), nullable=True),
        sa.Column("to_unit_id", sa.Integer(), nullable=False),
        sa.Column("by_officer_id", sa.Integer(), nullable=False),
        sa.Column("instructions", sa.Text(), nullable=False),
        sa.Column("deadline_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("result_at", sa.DateTime(), nullable=True),
        sa.Column("result_by_id", sa.Integer(), nullable=True),
        sa.Column("escalated_at", sa.DateTime(), nullable=True),
        sa.Column("escalated_by_id", sa.Integer(), nullable=True),
        sa.Column("escalation_note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["by_officer_id"], ["officers.id"], name=op.f("fk_forwards_by_officer_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["escalated_by_id"], ["officers.id"], name=op.f("fk_forwards_escalated_by_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["from_unit_id"], ["units.id"], name=op.f("fk_forwards_from_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["result_by_id"], ["officers.id"], name=op.f("fk_forwards_result_by_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"], ["threads.id"], name=op.f("fk_forwards_thread_id_threads")
        ),
        sa.ForeignKeyConstraint(
            ["to_unit_id"], ["units.id"], name=op.f("fk_forwards_to_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forwards")),
    )
    with op.batch_alter_table("forwards", schema=None) as batch_op:
        batch_op.create_index("ix_forwards_state_deadline", ["state", "deadline_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_forwards_thread_id"), ["thread_id"], unique=False)
        batch_op.create_index(
            "ix_forwards_to_unit_state", ["to_unit_id", "state", "deadline_at"], unique=False
        )

    op.create_table(
        "presence",
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("workstation", sa.String(length=64), nullable=False),
        sa.Column("activity", sa.String(length=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_presence_officer_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"], ["threads.id"], name=op.f("fk_presence_thread_id_threads")
        ),
        sa.PrimaryKeyConstraint("officer_id", "thread_id", "workstation", name=op.f("pk_presence")),
    )
    with op.batch_alter_table("presence", schema=None) as batch_op:
        batch_op.create_index(
            "ix_presence_thread_expires", ["thread_id", "expires_at"], unique=False
        )

    op.create_table(
        "note_mentions",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"], ["items.id"], name=op.f("fk_note_mentions_item_id_items")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_note_mentions_officer_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"], ["threads.id"], name=op.f("fk_note_mentions_thread_id_threads")
        ),
        sa.PrimaryKeyConstraint("item_id", "officer_id", name=op.f("pk_note_mentions")),
    )
    with op.batch_alter_table("note_mentions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_note_mentions_officer_seen", ["officer_id", "seen_at"], unique=False
        )

    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_actor", ["actor_id", "id"], unique=False)
        batch_op.create_index(
            "ix_audit_events_subject", ["subject_type", "subject_id", "id"], unique=False
        )

    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.String(length=255), nullable=True))
        batch_op.add_column(
            sa.Column("failed_sign_ins", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("last_sign_in_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("capacity", sa.Integer(), server_default="10", nullable=False)
        )
        batch_op.add_column(
            sa.Column("need_to_know", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sla_clock_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("sla_open_s", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("first_response_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("resolved_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.drop_column("resolved_at")
        batch_op.drop_column("first_response_at")
        batch_op.drop_column("sla_open_s")
        batch_op.drop_column("sla_clock_at")

    with op.batch_alter_table("officers", schema=None) as batch_op:
        batch_op.drop_column("need_to_know")
        batch_op.drop_column("capacity")
        batch_op.drop_column("last_sign_in_at")
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_sign_ins")
        batch_op.drop_column("password_hash")

    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_subject")
        batch_op.drop_index("ix_audit_events_actor")

    with op.batch_alter_table("note_mentions", schema=None) as batch_op:
        batch_op.drop_index("ix_note_mentions_officer_seen")

    op.drop_table("note_mentions")
    with op.batch_alter_table("presence", schema=None) as batch_op:
        batch_op.drop_index("ix_presence_thread_expires")

    op.drop_table("presence")
    with op.batch_alter_table("forwards", schema=None) as batch_op:
        batch_op.drop_index("ix_forwards_to_unit_state")
        batch_op.drop_index(batch_op.f("ix_forwards_thread_id"))
        batch_op.drop_index("ix_forwards_state_deadline")

    op.drop_table("forwards")
    op.drop_table("sla_targets")
    with op.batch_alter_table("shift_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_shift_entries_unit_time")
        batch_op.drop_index("ix_shift_entries_officer_time")

    op.drop_table("shift_entries")
    with op.batch_alter_table("officer_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_officer_units_unit_id"))

    op.drop_table("officer_units")
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.drop_index("ix_handovers_unit_created")

    op.drop_table("handovers")
    op.drop_table("assignment_rules")
