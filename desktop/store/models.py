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


class AuditEvent(Base):
    """Append-only; each event's hash covers its content and the previous event's hash."""

    __tablename__ = "audit_events"

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
