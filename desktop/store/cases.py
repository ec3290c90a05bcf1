"""One case as the case panel sees it, and the version-checked changes an officer makes to it.

Every change to a case's state goes through ``update_case``: it bumps ``threads.version`` and
raises ``StaleCase`` when someone else changed the case since the officer loaded it, so nothing
is ever silently overwritten. Portable SQL only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, aliased

from desktop.domain.enums import (
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
from desktop.store.models import Account, Contact, Item, Officer, OutboxAction, Post, Thread, Unit
from desktop.store.outbox import OutboxRow
from desktop.store.outbox import get as get_action
from desktop.store.thread_context import has_private_reply

MAX_AUTHOR_THREADS = 50
MAX_ACTIONS = 50
PRIORITIES = (0, 1, 2)  # normal, high, urgent (urgent cases get 2 on arrival)


class StaleCase(RuntimeError):
    """The case changed since the officer loaded it; reload and decide again."""


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """A thread's case state and context (citizen text inside is untrusted: show it plainly)."""

    thread_id: int
    account_id: int
    account_name: str
    platform: Platform
    channel: Channel
    external_id: str
    status: CaseStatus
    category: Category | None
    category_source: CategorySource | None
    category_by_id: int | None
    category_by_name: str | None
    confidence: float | None
    urgent: bool
    priority: int
    assignee_id: int | None
    assignee_name: str | None
    unit_id: int | None
    unit_name: str | None
    unit_code: str | None
    deadline_at: datetime | None
    version: int
    created_at: datetime
    last_activity_at: datetime
    last_citizen_at: datetime | None
    contact_id: int | None
    contact_name: str | None
    contact_blocked: bool
    post_message: str | None  # the Page post a comment thread sits under
    post_permalink: str | None
    post_created_at: datetime | None
    root_item_id: int | None  # the top-level comment of a comment thread
    comment_created_at: datetime | None
    has_private_reply: bool


@dataclass(frozen=True, slots=True)
class OfficerRow:
    id: int
    display_name: str
    role: OfficerRole
    unit_id: int | None
    unit_name: str | None


@dataclass(frozen=True, slots=True)
class UnitRow:
    id: int
    code: str
    name: str
    level: UnitLevel
    parent_id: int | None


@dataclass(frozen=True, slots=True)
class AuthorThread:
    """Another case of the same citizen (any Page or OA of the same platform)."""

    thread_id: int
    account_name: str
    channel: Channel
    status: CaseStatus
    category: Category | None
    last_activity_at: datetime
    last_preview: str


def case_record(session: Session, thread_id: int) -> CaseRecord:
    assignee = aliased(Officer)
    classifier = aliased(Officer)
    row = session.execute(
        select(
            Thread.id.label("thread_id"),
            Thread.account_id,
            Account.name.label("account_name"),
            Account.platform,
            Thread.channel,
            Thread.external_id,
            Thread.status,
            Thread.category,
            Thread.category_source,
            Thread.category_by_id,
            classifier.display_name.label("category_by_name"),
            Thread.confidence,
            Thread.urgent,
            Thread.priority,
            Thread.assignee_id,
            assignee.display_name.label("assignee_name"),
            Thread.unit_id,
            Unit.name.label("unit_name"),
            Unit.code.label("unit_code"),
            Thread.deadline_at,
            Thread.version,
            Thread.created_at,
            Thread.last_activity_at,
            Thread.last_citizen_at,
            Thread.contact_id,
            Contact.display_name.label("contact_name"),
            Contact.is_blocked.label("contact_blocked"),
            Post.message.label("post_message"),
            Post.permalink.label("post_permalink"),
            Post.created_at.label("post_created_at"),
        )
        .join(Account, Account.id == Thread.account_id)
        .outerjoin(classifier, classifier.id == Thread.category_by_id)
        .outerjoin(assignee, assignee.id == Thread.assignee_id)
        .outerjoin(Unit, Unit.id == Thread.unit_id)
        .outerjoin(Contact, Contact.id == Thread.contact_id)
        .outerjoin(Post, Post.id == Thread.post_id)
        .where(Thread.id == thread_id)
    ).one_or_none()
    if row is None:
        raise LookupError(f"no thread {thread_id}")
    fields = dict(row._mapping)
    fields["contact_blocked"] = bool(fields["contact_blocked"])
    fields["urgent"] = bool(fields["urgent"])
    root_id: int | None = None
    root_at: datetime | None = None
    replied = False
    if row.channel is Channel.FB_COMMENT:
        root = session.execute(
            select(Item.id, Item.created_at).where(
                Item.platform == Platform.FACEBOOK, Item.external_id == row.external_id
            )
        ).first()
        if root is not None:
            root_id, root_at = root[0], root[1]
            replied = has_private_reply(session, root_id)
    return CaseRecord(
        **fields, root_item_id=root_id, comment_created_at=root_at, has_private_reply=replied
    )


def update_case(session: Session, thread_id: int, expected_version: int, **values: Any) -> int:
    """Change the case if it is still at ``expected_version``; returns the new version."""
    result = session.execute(
        update(Thread)
        .where(Thread.id == thread_id, Thread.version == expected_version)
        .values(**values, version=Thread.version + 1)
    )
    if getattr(result, "rowcount", 0) != 1:
        raise StaleCase(f"case {thread_id} changed since it was opened; reload it and decide again")
    return expected_version + 1


def officers(session: Session) -> list[OfficerRow]:
    """Active officers, by unit then name."""
    rows = session.execute(
        select(Officer.id, Officer.display_name, Officer.role, Officer.unit_id, Unit.name)
        .outerjoin(Unit, Unit.id == Officer.unit_id)
        .where(Officer.active.is_(True))
        .order_by(Officer.unit_id, Officer.display_name, Officer.id)
    )
    return [OfficerRow(i, name, role, unit, unit_name) for i, name, role, unit, unit_name in rows]


def officer_exists(session: Session, officer_id: int) -> bool:
    found = session.execute(
        select(Officer.id).where(Officer.id == officer_id, Officer.active.is_(True))
    ).first()
    return found is not None


def units(session: Session) -> list[UnitRow]:
    """Every unit, parents before children (province, districts, communes)."""
    rows = session.execute(
        select(Unit.id, Unit.code, Unit.name, Unit.level, Unit.parent_id).order_by(Unit.id)
    )
    return [UnitRow(i, code, name, level, parent) for i, code, name, level, parent in rows]


def unit_exists(session: Session, unit_id: int) -> bool:
    return session.execute(select(Unit.id).where(Unit.id == unit_id)).first() is not None


def author_threads(
    session: Session, thread_id: int, *, limit: int = MAX_AUTHOR_THREADS
) -> list[AuthorThread]:
    """The citizen's other cases, newest first (walks ``ix_threads_contact``)."""
    contact_id = session.execute(
        select(Thread.contact_id).where(Thread.id == thread_id)
    ).scalar_one_or_none()
    if contact_id is None:
        return []
    rows = session.execute(
        select(
            Thread.id,
            Account.name,
            Thread.channel,
            Thread.status,
            Thread.category,
            Thread.last_activity_at,
            Thread.last_preview,
        )
        .join(Account, Account.id == Thread.account_id)
        .where(Thread.contact_id == contact_id, Thread.id != thread_id)
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
        .limit(limit)
    )
    return [
        AuthorThread(tid, account, channel, status, category, at, preview or "")
        for tid, account, channel, status, category, at, preview in rows
    ]


def thread_actions(
    session: Session, thread_id: int, *, limit: int = MAX_ACTIONS
) -> list[OutboxRow]:
    """The thread's outgoing actions, oldest first (the most recent ``limit``)."""
    loaded = list(
        session.execute(
            select(OutboxAction)
            .where(OutboxAction.thread_id == thread_id)
            .order_by(OutboxAction.id.desc())
            .limit(limit)
        ).scalars()
    )
    # Already in the session's identity map: ``get`` builds the row without another query.
    return [get_action(session, a.id) for a in reversed(loaded)]


def inbound_comment_ids(session: Session, thread_id: int) -> set[int]:
    """Items of a comment thread that moderation may act on (citizens' comments on the platform)."""
    rows = session.execute(
        select(Item.id).where(
            Item.thread_id == thread_id,
            Item.direction == Direction.INBOUND,
            Item.kind.in_((ItemKind.COMMENT, ItemKind.REPLY)),
            Item.external_id.is_not(None),
        )
    )
    return {r for (r,) in rows}


def private_replied_items(session: Session, thread_id: int) -> set[int]:
    """Comments of the thread that already have a private reply (sent or on its way)."""
    rows = session.execute(
        select(OutboxAction.item_id).where(
            OutboxAction.thread_id == thread_id,
            OutboxAction.kind == OutboxKind.PRIVATE_REPLY,
            OutboxAction.state.not_in((OutboxState.FAILED, OutboxState.REJECTED)),
            OutboxAction.item_id.is_not(None),
        )
    )
    return {r for (r,) in rows if r is not None}
