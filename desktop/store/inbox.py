"""Inbox queries: threads by latest activity, any combination of filters, keyset paging.

Every filter has a composite index ending in ``(last_activity_at, id)`` so that the first page of
each filter alone is an index walk that stops after ``limit`` rows. The page's display columns
(account, unit and assignee names) are joined in an outer query over the ≤ ``limit + 1`` ids the
walk found, so the joins never touch the rest of the table.

Also here: re-reading given threads under a filter (the inbox refreshes changed rows with it), one
session counting several filters, and the small lists the filter controls offer (units, accounts,
officers).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, Select, false, func, literal, select, tuple_
from sqlalchemy.orm import Session, aliased

from desktop.domain.enums import CaseStatus, Category, Channel, Platform, UnitLevel
from desktop.store.models import Account, Officer, Thread, Unit, UtcDateTime
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
    campaign_id: int | None = None  # the coordinated campaign the thread belongs to
    assignee_name: str | None = None  # the assignee's display name
    unit_name: str | None = None  # the thread's unit, else its account's unit

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


_THREAD_UNIT = aliased(Unit)
_ACCOUNT_UNIT = aliased(Unit)


def _rows_for(ids: Select[tuple[int]]) -> Select[*tuple[Any, ...]]:
    """The display columns of the threads ``ids`` selects, newest activity first."""
    return (
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
            Thread.campaign_id,
            Officer.display_name,
            func.coalesce(_THREAD_UNIT.name, _ACCOUNT_UNIT.name),
        )
        .join(Account, Account.id == Thread.account_id)
        .outerjoin(Officer, Officer.id == Thread.assignee_id)
        .outerjoin(_THREAD_UNIT, _THREAD_UNIT.id == Thread.unit_id)
        .outerjoin(_ACCOUNT_UNIT, _ACCOUNT_UNIT.id == Account.unit_id)
        .where(Thread.id.in_(ids.scalar_subquery()))
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
    )


def page_statement(
    session: Session,
    flt: InboxFilter,
    search: SearchBackend,
    *,
    after: InboxCursor | None = None,
    limit: int = DEFAULT_PAGE,
) -> Select[*tuple[Any, ...]]:
    """The page query (exposed so that benchmarks and tests can EXPLAIN it)."""
    ids_stmt = _filtered(session, flt, search)
    if after is not None:
        ids_stmt = ids_stmt.where(
            tuple_(Thread.last_activity_at, Thread.id)
            < tuple_(
                literal(after.last_activity_at, UtcDateTime()), literal(after.thread_id, Integer())
            )
        )
    ids_stmt = ids_stmt.order_by(Thread.last_activity_at.desc(), Thread.id.desc()).limit(limit + 1)
    return _rows_for(ids_stmt)


def inbox_page(
    session: Session,
    flt: InboxFilter,
    search: SearchBackend,
    *,
    after: InboxCursor | None = None,
    limit: int = DEFAULT_PAGE,
) -> InboxPage:
    """One page of threads, newest activity first, continuing after ``after``."""
    stmt = page_statement(session, flt, search, after=after, limit=limit)
    rows = [ThreadRow(*tuple(row)) for row in session.execute(stmt)]
    more = len(rows) > limit
    rows = rows[:limit]
    return InboxPage(rows, rows[-1].cursor if more and rows else None)


def inbox_rows(
    session: Session, flt: InboxFilter, search: SearchBackend, thread_ids: Iterable[int]
) -> list[ThreadRow]:
    """Those of ``thread_ids`` that ``flt`` keeps, as rows, newest activity first.

    The inbox re-reads the threads an officer or a sync pass changed with this: an id missing from
    the answer no longer belongs in the list.
    """
    ids = sorted(set(thread_ids))
    rows: list[ThreadRow] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        stmt = _rows_for(_filtered(session, flt, search).where(Thread.id.in_(chunk)))
        rows += [ThreadRow(*tuple(row)) for row in session.execute(stmt)]
    rows.sort(key=lambda r: r.cursor, reverse=True)
    return rows


def count_threads(session: Session, flt: InboxFilter, search: SearchBackend) -> int:
    sub = _filtered(session, flt, search).subquery()
    return int(session.execute(select(func.count()).select_from(sub)).scalar_one())


def count_each(
    session: Session, filters: Sequence[InboxFilter], search: SearchBackend
) -> list[int]:
    """``count_threads`` of every filter, in one session (one reader-thread hop for all)."""
    return [count_threads(session, flt, search) for flt in filters]


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


@dataclass(frozen=True, slots=True)
class UnitOption:
    """A unit as the filter controls list it: tree order, its depth and every unit below it."""

    id: int
    name: str
    level: UnitLevel
    depth: int
    subtree: frozenset[int]


@dataclass(frozen=True, slots=True)
class AccountOption:
    id: int
    name: str
    platform: Platform
    unit_id: int | None


@dataclass(frozen=True, slots=True)
class OfficerOption:
    id: int
    display_name: str
    unit_id: int | None


def unit_options(session: Session) -> list[UnitOption]:
    """Every unit in tree order (a parent, then its children by name), with its subtree."""
    units = list(session.execute(select(Unit.id, Unit.name, Unit.level, Unit.parent_id)))
    children: dict[int | None, list[tuple[int, str, UnitLevel]]] = {}
    known = {uid for uid, _n, _l, _p in units}
    for uid, name, level, parent in units:
        key = parent if parent in known else None
        children.setdefault(key, []).append((uid, name, level))
    for kids in children.values():
        kids.sort(key=lambda k: (k[1], k[0]))

    def subtree(uid: int) -> frozenset[int]:
        found, stack = {uid}, [uid]
        while stack:
            for kid, _n, _l in children.get(stack.pop(), []):
                if kid not in found:
                    found.add(kid)
                    stack.append(kid)
        return frozenset(found)

    out: list[UnitOption] = []
    seen: set[int] = set()

    def visit(parent: int | None, depth: int) -> None:
        for uid, name, level in children.get(parent, []):
            if uid in seen:
                continue
            seen.add(uid)
            out.append(UnitOption(uid, name, level, depth, subtree(uid)))
            visit(uid, depth + 1)

    visit(None, 0)
    return out


def account_options(session: Session) -> list[AccountOption]:
    """Enabled accounts by name."""
    rows = session.execute(
        select(Account.id, Account.name, Account.platform, Account.unit_id)
        .where(Account.enabled.is_(True))
        .order_by(Account.name, Account.id)
    )
    return [AccountOption(aid, name, platform, unit) for aid, name, platform, unit in rows]


def officer_options(session: Session) -> list[OfficerOption]:
    """Active officers by display name."""
    rows = session.execute(
        select(Officer.id, Officer.display_name, Officer.unit_id)
        .where(Officer.active.is_(True))
        .order_by(Officer.display_name, Officer.id)
    )
    return [OfficerOption(oid, name, unit) for oid, name, unit in rows]
