"""What an outgoing action needs to know about its thread and target item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import Channel, Direction, OutboxKind, OutboxState, Platform
from desktop.store.models import Account, Contact, Item, OutboxAction, Thread


@dataclass(frozen=True, slots=True)
class ThreadContext:
    thread_id: int
    account_id: int
    platform: Platform
    account_external_id: str  # Page id / OA id
    channel: Channel
    thread_external_id: str  # root comment id / conversation id / Zalo user id
    citizen_external_id: str | None  # PSID or Zalo user id of the citizen
    last_citizen_at: datetime | None


@dataclass(frozen=True, slots=True)
class ItemTarget:
    item_id: int
    external_id: str | None
    created_at: datetime
    direction: Direction
    author_external_id: str | None
    is_deleted: bool = False


def thread_context(session: Session, thread_id: int) -> ThreadContext:
    row = session.execute(
        select(
            Thread.id.label("thread_id"),
            Thread.account_id,
            Account.platform,
            Account.external_id.label("account_external_id"),
            Thread.channel,
            Thread.external_id.label("thread_external_id"),
            Contact.external_id.label("citizen_external_id"),
            Thread.last_citizen_at,
        )
        .join(Account, Account.id == Thread.account_id)
        .outerjoin(Contact, Contact.id == Thread.contact_id)
        .where(Thread.id == thread_id)
    ).one_or_none()
    if row is None:
        raise LookupError(f"no thread {thread_id}")
    return ThreadContext(**row._asdict())


def item_target(session: Session, item_id: int) -> ItemTarget:
    row = session.execute(
        select(
            Item.id.label("item_id"),
            Item.external_id,
            Item.created_at,
            Item.direction,
            Contact.external_id.label("author_external_id"),
            Item.is_deleted,
        )
        .outerjoin(Contact, Contact.id == Item.author_contact_id)
        .where(Item.id == item_id)
    ).one_or_none()
    if row is None:
        raise LookupError(f"no item {item_id}")
    return ItemTarget(**row._asdict())


def has_private_reply(session: Session, item_id: int) -> bool:
    """A private reply to this comment was sent or is on its way."""
    return (
        session.execute(
            select(OutboxAction.id).where(
                OutboxAction.item_id == item_id,
                OutboxAction.kind == OutboxKind.PRIVATE_REPLY,
                OutboxAction.state.not_in((OutboxState.FAILED, OutboxState.REJECTED)),
            )
        ).first()
        is not None
    )


def external_item_deleted(session: Session, platform: Platform, external_id: str) -> bool:
    """Whether the platform deleted its item ``external_id`` (False if unknown)."""
    deleted = session.execute(
        select(Item.is_deleted).where(Item.platform == platform, Item.external_id == external_id)
    ).scalar_one_or_none()
    return bool(deleted)
