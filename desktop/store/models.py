"""SQLAlchemy 2.x models of the duty desk's domain (see shared/reference/domain.md).

Rules kept here so the schema stays portable to PostgreSQL:
- times are stored as timezone-naive UTC (``UtcDateTime``), converted at the boundary;
- enums are stored as their string values (``StrEnum`` columns with ``native_enum=False``);
- no SQLite-only types or defaults. FTS lives in ``search_sqlite`` and its migration helper.

Tokens are never stored here: they live in the OS keyring.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from desktop.domain.enums import (
    AccountHealth,
    CaseStatus,
    Category,
    CategorySource,
    Channel,
    Direction,
    ItemKind,
    OfficerRole,
    OutboxKind,
    OutboxState,
    Platform,
    UnitLevel,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in Python, naive UTC in the database (same on SQLite and PostgreSQL)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is UTC:
            return value.replace(tzinfo=None)
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def _enum(cls: type[Any], name: str) -> Enum:
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=24,
        values_callable=lambda e: [m.value for m in e],
    )


def table_of(model: type[Any]) -> Table:
    """A mapped class's Core table (for bulk executemany statements)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[UnitLevel] = mapped_column(_enum(UnitLevel, "unit_level"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)


class Officer(Base):
    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[OfficerRole] = mapped_column(_enum(OfficerRole, "officer_role"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Sign-in (desktop.store.officers): "scrypt$<log2 n>$<r>$<p>$<salt b64>$<hash b64>".
    password_hash: Mapped[str | None] = mapped_column(String(255))
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Auto-assignment: at most this many open cases at once.
    capacity: Mapped[int] = mapped_column(Integer, default=10, server_default="10")
    # Granted need-to-know for informants' data beyond the role's (desktop.services.access).
    need_to_know: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Account(Base):
    """A Facebook Page or a Zalo OA. Its tokens are in the keyring under (platform, external_id)."""

    __tablename__ = "accounts"
    __table_args__ = (UniqueConstraint("platform", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[Platform] = mapped_column(_enum(Platform, "platform"))
    external_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    health: Mapped[AccountHealth] = mapped_column(
        _enum(AccountHealth, "account_health"), default=AccountHealth.UNKNOWN
    )
    health_detail: Mapped[str | None] = mapped_column(Text)
    last_sync_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Contact(Base):
    """A citizen as one platform knows them (a PSID or a Zalo user id)."""

    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("platform", "external_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[Platform] = mapped_column(_enum(Platform, "platform"))
    external_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str | None] = mapped_column(String(200))
    is_blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    is_informant: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Post(Base):
    """A Page post: the context of the comment threads under it."""

    __tablename__ = "posts"
    # external_id first: ingest looks posts up by external id alone.
    __table_args__ = (UniqueConstraint("external_id", "account_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    external_id: Mapped[str] = mapped_column(String(96))
    message: Mapped[str] = mapped_column(Text, default="")
    permalink: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Thread(Base):
    """A case: one comment thread (top-level comment + replies) or one private conversation."""

    __tablename__ = "threads"
    __table_args__ = (
        # external_id first: ingest looks threads up by external id alone.
        UniqueConstraint("external_id", "account_id", "channel"),
        Index("ix_threads_activity", "last_activity_at", "id"),
        Index("ix_threads_unit_activity", "unit_id", "last_activity_at", "id"),
        Index("ix_threads_account_activity", "account_id", "last_activity_at", "id"),
        Index("ix_threads_channel_activity", "channel", "last_activity_at", "id"),
        Index("ix_threads_category_activity", "category", "last_activity_at", "id"),
        Index("ix_threads_status_activity", "status", "last_activity_at", "id"),
        Index("ix_threads_assignee_activity", "assignee_id", "last_activity_at", "id"),
        Index("ix_threads_urgent_activity", "urgent", "last_activity_at", "id"),
        Index("ix_threads_contact", "contact_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "channel"))
    external_id: Mapped[str] = mapped_column(String(96))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))

    status: Mapped[CaseStatus] = mapped_column(
        _enum(CaseStatus, "case_status"), default=CaseStatus.NEW
    )
    category: Mapped[Category | None] = mapped_column(_enum(Category, "category"))
    category_source: Mapped[CategorySource | None] = mapped_column(
        _enum(CategorySource, "category_source")
    )
    category_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    confidence: Mapped[float | None] = mapped_column(Float)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    deadline_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_activity_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_citizen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_preview: Mapped[str] = mapped_column(Text, default="")
    last_author_name: Mapped[str | None] = mapped_column(String(200))
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    unread: Mapped[bool] = mapped_column(Boolean, default=True)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"), index=True)
    # Bumped by every change to the case's state (not by new items): optimistic concurrency.
    version: Mapped[int] = mapped_column(Integer, default=1)
    # SLA clock (desktop.store.sla): the current open period started at sla_clock_at (None:
    # created_at); sla_open_s holds the open seconds of earlier periods; resolution stops it.
    sla_clock_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sla_open_s: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    first_response_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Item(Base):
    """A comment, reply, message or internal note; ``raw_json`` is the platform's payload."""

    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("platform", "external_id"),
        Index("ix_items_thread_created", "thread_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"))
    platform: Mapped[Platform] = mapped_column(_enum(Platform, "platform"))
    # None for internal notes and not-yet-sent outgoing items.
    external_id: Mapped[str | None] = mapped_column(String(128))
    parent_external_id: Mapped[str | None] = mapped_column(String(128))
    kind: Mapped[ItemKind] = mapped_column(_enum(ItemKind, "item_kind"))
    direction: Mapped[Direction] = mapped_column(_enum(Direction, "direction"))
    author_contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id"))
    author_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    author_name: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    edited_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    captured_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    is_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    is_deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    permalink: Mapped[str | None] = mapped_column(Text)
    attachments_json: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    raw_json: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    # Per-item triage (filled by the classifier on arrival; the thread carries the case's verdict).
    category: Mapped[Category | None] = mapped_column(_enum(Category, "category"))
    confidence: Mapped[float | None] = mapped_column(Float)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"), index=True)


class ItemRevision(Base):
    """A previous version of an item kept when the platform reports an edit, hide or delete."""

    __tablename__ = "item_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    is_hidden: Mapped[bool] = mapped_column(Boolean)
    is_deleted: Mapped[bool] = mapped_column(Boolean)
    raw_json: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    captured_at: Mapped[datetime] = mapped_column(UtcDateTime)
    superseded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class OutboxAction(Base):
    """An outgoing action, written before it is sent (see the outbox service)."""

    __tablename__ = "outbox_actions"
    __table_args__ = (Index("ix_outbox_state_created", "state", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("threads.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"))
    kind: Mapped[OutboxKind] = mapped_column(_enum(OutboxKind, "outbox_kind"))
    payload_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[OutboxState] = mapped_column(
        _enum(OutboxState, "outbox_state"), default=OutboxState.QUEUED
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    retryable: Mapped[bool | None] = mapped_column(Boolean)
    result_external_id: Mapped[str | None] = mapped_column(String(128))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # A sensitive reply held for a shift leader: who approved or rejected it, when, and why not.
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    review_note: Mapped[str | None] = mapped_column(Text)


class AuditEvent(Base):
    """Append-only; each event's hash covers its content and the previous event's hash."""

    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_subject", "subject_type", "subject_id", "id"),
        Index("ix_audit_events_actor", "actor_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str | None] = mapped_column(String(32))
    subject_id: Mapped[str | None] = mapped_column(String(128))
    details_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class SyncCursor(Base):
    """Where sync left off, per account and stream; committed with the items it covers."""

    __tablename__ = "sync_cursors"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    stream: Mapped[str] = mapped_column(String(128), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class LabelledExample(Base):
    """A text with the category (and urgency) an officer confirmed: training data for retraining."""

    __tablename__ = "labelled_examples"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[Category] = mapped_column(_enum(Category, "category"))
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ModerationRule(Base):
    """An auto-moderation rule, for one account or (account_id None) for all."""

    __tablename__ = "moderation_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id"), index=True)
    # phone | link | betting | category: what the rule looks for
    condition: Mapped[str] = mapped_column(String(32))
    category: Mapped[Category | None] = mapped_column(_enum(Category, "category"))
    min_confidence: Mapped[float | None] = mapped_column(Float)
    action: Mapped[OutboxKind] = mapped_column(_enum(OutboxKind, "outbox_kind"))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ModerationHit(Base):
    """A rule fired on an item: the evidence fingerprint at that moment and the action queued."""

    __tablename__ = "moderation_hits"
    __table_args__ = (Index("ix_moderation_hits_rule_item", "rule_id", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("moderation_rules.id"))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    outbox_action_id: Mapped[int | None] = mapped_column(ForeignKey("outbox_actions.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Campaign(Base):
    """The same or nearly the same text posted on many pages within a short time."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    signature: Mapped[str] = mapped_column(String(64), index=True)
    sample_text: Mapped[str] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
    item_count: Mapped[int] = mapped_column(Integer, default=0)
    account_count: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="open")


# -- People, cases and accountability (issue 6) ---------------------------------------------


class OfficerUnit(Base):
    """A unit an officer is assigned to besides his own (his scope is both subtrees)."""

    __tablename__ = "officer_units"

    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), primary_key=True, index=True)


class ShiftEntry(Base):
    """The roster: an officer on duty for a unit from ``starts_at`` until ``ends_at``."""

    __tablename__ = "shift_entries"
    __table_args__ = (
        Index("ix_shift_entries_unit_time", "unit_id", "starts_at", "ends_at"),
        Index("ix_shift_entries_officer_time", "officer_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    is_leader: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set when the officer left before ``ends_at`` (ends_at is then moved to that time).
    ended_early_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Set once the officer's open cases were handed to others after the shift ended.
    redistributed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Round-robin: auto-assignment picks the on-shift officer served longest ago.
    last_assigned_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))


class Handover(Base):
    """A shift handover: the outgoing leader's note and a generated summary (ids and counts)."""

    __tablename__ = "handovers"
    __table_args__ = (Index("ix_handovers_unit_created", "unit_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    from_officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    summary_json: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class AssignmentRule(Base):
    """Auto-assignment: open cases of ``unit_id``'s subtree (and ``category``) go round-robin to
    the officers on shift at ``target_unit_id`` (None: the case's unit)."""

    __tablename__ = "assignment_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)  # lower first
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    category: Mapped[Category | None] = mapped_column(_enum(Category, "category"))
    target_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Forward(Base):
    """A case forwarded to a unit with a deadline; the unit records a result."""

    __tablename__ = "forwards"
    __table_args__ = (
        Index("ix_forwards_to_unit_state", "to_unit_id", "state", "deadline_at"),
        Index("ix_forwards_state_deadline", "state", "deadline_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), index=True)
    from_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    to_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    by_officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    instructions: Mapped[str] = mapped_column(Text, default="")
    deadline_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    state: Mapped[str] = mapped_column(String(16), default="open")  # open | answered | recalled
    result: Mapped[str | None] = mapped_column(Text)
    result_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    result_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    escalated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    escalated_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    escalation_note: Mapped[str | None] = mapped_column(Text)


class SlaTarget(Base):
    """Minutes to the first response and to resolution for one category (urgent: its own)."""

    __tablename__ = "sla_targets"

    category: Mapped[Category] = mapped_column(_enum(Category, "category"), primary_key=True)
    response_minutes: Mapped[int] = mapped_column(Integer)
    resolution_minutes: Mapped[int] = mapped_column(Integer)
    urgent_response_minutes: Mapped[int] = mapped_column(Integer)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ReplyApprovalPolicy(Base):
    """Whether a duty officer's reply on a case of this category waits for a shift leader
    (categories without a row use ``desktop.store.reply_approval.DEFAULT_REQUIRED``)."""

    __tablename__ = "reply_approval_policy"

    category: Mapped[Category] = mapped_column(_enum(Category, "category"), primary_key=True)
    required: Mapped[bool] = mapped_column(Boolean)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class NoteMention(Base):
    """An officer @mentioned in an internal note."""

    __tablename__ = "note_mentions"
    __table_args__ = (Index("ix_note_mentions_officer_seen", "officer_id", "seen_at"),)

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"))
    seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Presence(Base):
    """Who has a case open (or is writing a reply) on which workstation, until ``expires_at``."""

    __tablename__ = "presence"
    __table_args__ = (Index("ix_presence_thread_expires", "thread_id", "expires_at"),)

    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id"), primary_key=True)
    workstation: Mapped[str] = mapped_column(String(64), primary_key=True)
    activity: Mapped[str] = mapped_column(String(16))  # viewing | replying
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
