"""Inbox queries: threads by latest activity, any combination of filters, keyset paging.

Every filter has a composite index ending in ``(last_activity_at, id)`` so that the first page of
each filter alone is an index walk that stops after ``limit`` rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Integer, Select, false, func, literal, select, tuple_
from sqlalchemy.orm import Session

from desktop.domain.enums import CaseStatus, Category, Channel
from desktop.store.models import Account, Thread, Unit, UtcDateTime
from desktop.store.search import SearchBackend

DEFAULT_PAGE = 50


@dataclass(frozen=True, slots=True)
class InboxFilter:
    """What the officer asked to see. Empty collections and None mean "no restriction"."""

    unit_ids: frozenset[int] = frozenset()
    account_ids: frozenset[int] = frozenset()
    channels: frozenset[Channel] = frozenset()
    categories: frozenset[Category] = frozenset()
    unclassified: bool = False  # with categories: also threads without a category
    statuses: frozenset[CaseStatus] = frozenset()
    assignee_ids: frozenset[int] = frozenset()
    unassigned: bool = False  # with assignee_ids: also threads nobody holds
    urgent_only: bool = False
    since: datetime | None = None  # last activity at or after
    until: datetime | None = None  # last activity before
    text: str = ""
    campaign_id: int | None = None  # threads of one coordinated campaign


@dataclass(frozen=True, slots=True, order=True)
class InboxCursor:
    """Where a page ended: the (last_activity_at, id) of its last row."""

    last_activity_at: datetime
    thread_id: int


@dataclass(frozen=True, slots=True)
class ThreadRow:
    id: int
    account_id: int
    account_name: str
    channel: Channel
    unit_id: int | None
    status: CaseStatus
    category: Category | None
    confidence: float | None
    urgent: bool
    priority: int
    assignee_id: int | None
    last_activity_at: datetime
    last_citizen_at: datetime | None
    last_preview: str
    last_author_name: str | None
    item_count: int
    unread: bool
    version: int

    @property
    def cursor(self) -> InboxCursor:
        return InboxCursor(self.last_activity_at, self.id)


@dataclass(frozen=True, slots=True)
class InboxPage:
    rows: list[ThreadRow] = field(default_factory=list)
    next_cursor: InboxCursor | None = None


def _filtered(session: Session, flt: InboxFilter, search: SearchBackend) -> Select[tuple[int]]:
    stmt: Select[tuple[int]] = select(Thread.id)
    if flt.unit_ids:
        stmt = stmt.where(Thread.unit_id.in_(sorted(flt.unit_ids)))
    if flt.account_ids:
        stmt = stmt.where(Thread.account_id.in_(sorted(flt.account_ids)))
    if flt.channels:
        stmt = stmt.where(Thread.channel.in_(sorted(flt.channels)))
    if flt.categories or flt.unclassified:
        cond = Thread.category.in_(sorted(flt.categories)) if flt.categories else false()
        stmt = stmt.where(cond | Thread.category.is_(None) if flt.unclassified else cond)
    if flt.statuses:
        stmt = stmt.where(Thread.status.in_(sorted(flt.statuses)))
    if flt.assignee_ids or flt.unassigned:
        cond = Thread.assignee_id.in_(sorted(flt.assignee_ids)) if flt.assignee_ids else false()
        stmt = stmt.where(cond | Thread.assignee_id.is_(None) if flt.unassigned else cond)
    if flt.urgent_only:
        stmt = stmt.where(Thread.urgent.is_(True))
    if flt.campaign_id is not None:  # its own index: a campaign's few threads are then sorted
        stmt = stmt.where(Thread.campaign_id == flt.campaign_id)
    if flt.since is not None:
        stmt = stmt.where(Thread.last_activity_at >= flt.since)
    if flt.until is not None:
        stmt = stmt.where(Thread.last_activity_at < flt.until)
    if flt.text.strip():
        condition = search.thread_condition(session, flt.text)
        if condition is not None:
            stmt = stmt.where(condition)
    return stmt


def inbox_page(
    session: Session,
    flt: InboxFilter,
    search: SearchBackend,
    *,
    after: InboxCursor | None = None,
    limit: int = DEFAULT_PAGE,
) -> InboxPage:
    """One page of threads, newest activity first, continuing after ``after``."""
    ids_stmt = _filtered(session, flt, search)
    if after is not None:
        ids_stmt = ids_stmt.where(
            tuple_(Thread.last_activity_at, Thread.id)
            < tuple_(
                literal(after.last_activity_at, UtcDateTime()), literal(after.thread_id, Integer())
            )
        )
    ids_stmt = ids_stmt.order_by(Thread.last_activity_at.desc(), Thread.id.desc()).limit(limit + 1)
    stmt = (
        select(
            Thread.id,
            Thread.account_id,
            Account.name,
            Thread.channel,
            Thread.unit_id,
            Thread.status,
            Thread.category,
            Thread.confidence,
            Thread.urgent,
            Thread.priority,
            Thread.assignee_id,
            Thread.last_activity_at,
            Thread.last_citizen_at,
            Thread.last_preview,
            Thread.last_author_name,
            Thread.item_count,
            Thread.unread,
            Thread.version,
        )
        .join(Account, Account.id == Thread.account_id)
        .where(Thread.id.in_(ids_stmt.scalar_subquery()))
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
    )
    rows = [ThreadRow(*tuple(row)) for row in session.execute(stmt)]
    more = len(rows) > limit
    rows = rows[:limit]
    return InboxPage(rows, rows[-1].cursor if more and rows else None)


def count_threads(session: Session, flt: InboxFilter, search: SearchBackend) -> int:
    sub = _filtered(session, flt, search).subquery()
    return int(session.execute(select(func.count()).select_from(sub)).scalar_one())


def unit_subtree_ids(session: Session, root_ids: Iterable[int]) -> frozenset[int]:
    """The given units and every unit below them (the tree is small: load it whole)."""
    children: dict[int | None, list[int]] = {}
    for uid, parent in session.execute(select(Unit.id, Unit.parent_id)):
        children.setdefault(parent, []).append(uid)
    found: set[int] = set()
    stack = list(root_ids)
    while stack:
        uid = stack.pop()
        if uid in found:
            continue
        found.add(uid)
        stack.extend(children.get(uid, []))
    return frozenset(found)
