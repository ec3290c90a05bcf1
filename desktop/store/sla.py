"""Service levels per category: time to the first response and to resolution, and the clock.

The clock of a case runs while it is open. Resolving stops it (the open time so far is added to
``threads.sla_open_s``, ``resolved_at`` is set); reopening starts a new open period at
``threads.sla_clock_at`` with a fresh first-response target, and resolution time keeps adding up
across periods. When sync reopens a case (the citizen wrote again, ``store.ingest`` sets
``reopened``), the new period is derived: it began at the first inbound item after
``resolved_at``. The first response of a period is ``first_response_at`` when an officer's
action recorded it, else the first outbound item of the period.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import CaseStatus, Category, Direction
from desktop.store.models import Item, SlaTarget, Thread


@dataclass(frozen=True, slots=True)
class Target:
    response_minutes: int
    resolution_minutes: int
    urgent_response_minutes: int

    def response_for(self, urgent: bool) -> timedelta:
        return timedelta(
            minutes=min(self.response_minutes, self.urgent_response_minutes)
            if urgent
            else self.response_minutes
        )

    @property
    def resolution(self) -> timedelta:
        return timedelta(minutes=self.resolution_minutes)


# Defaults until a unit admin sets them (minutes: response, resolution, urgent response).
DEFAULT_TARGETS: dict[Category, Target] = {
    Category.CRIME_TIP: Target(30, 24 * 60, 5),
    Category.SCAM_REPORT: Target(15, 4 * 60, 5),
    Category.ADMIN_QUESTION: Target(4 * 60, 2 * 24 * 60, 60),
    Category.COMPLAINT: Target(4 * 60, 3 * 24 * 60, 30),
    Category.FEEDBACK: Target(24 * 60, 3 * 24 * 60, 60),
    Category.HOSTILE: Target(60, 24 * 60, 10),
    Category.ABUSIVE: Target(60, 24 * 60, 10),
    Category.SPAM: Target(24 * 60, 24 * 60, 60),
    Category.OTHER: Target(24 * 60, 3 * 24 * 60, 60),
}
UNCATEGORISED = Category.OTHER  # cases not yet classified are held to "other"'s targets


def load_targets(session: Session) -> dict[Category, Target]:
    targets = dict(DEFAULT_TARGETS)
    for row in session.execute(select(SlaTarget)).scalars():
        targets[row.category] = Target(
            row.response_minutes, row.resolution_minutes, row.urgent_response_minutes
        )
    return targets


def save_target(
    session: Session, category: Category, target: Target, *, by_id: int | None, now: datetime
) -> None:
    if min(target.response_minutes, target.resolution_minutes, target.urgent_response_minutes) < 1:
        raise ValueError("SLA targets are at least one minute")
    row = session.get(SlaTarget, category)
    if row is None:
        row = SlaTarget(category=category)
        session.add(row)
    row.response_minutes = target.response_minutes
    row.resolution_minutes = target.resolution_minutes
    row.urgent_response_minutes = target.urgent_response_minutes
    row.updated_by_id = by_id
    row.updated_at = now
    session.flush()


@dataclass(frozen=True, slots=True)
class SlaClock:
    """A case's service level at ``now``."""

    thread_id: int
    category: Category
    period_started_at: datetime  # the current (or last) open period
    responded_at: datetime | None
    response_due_at: datetime
    response_breached: bool  # answered late, or not yet answered and past due
    running: bool  # False once resolved
    resolution_elapsed: timedelta  # open time over every period
    resolution_target: timedelta
    resolution_due_at: datetime | None  # while running: when it will breach
    resolution_breached: bool

    @property
    def resolution_remaining(self) -> timedelta:
        return self.resolution_target - self.resolution_elapsed


@dataclass(frozen=True, slots=True)
class _ClockRow:
    id: int
    status: CaseStatus
    category: Category | None
    urgent: bool
    created_at: datetime
    sla_clock_at: datetime | None
    sla_open_s: int
    first_response_at: datetime | None
    resolved_at: datetime | None


def _rows(session: Session, thread_ids: Iterable[int]) -> list[_ClockRow]:
    ids = sorted(set(thread_ids))
    out: list[_ClockRow] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(
                Thread.id,
                Thread.status,
                Thread.category,
                Thread.urgent,
                Thread.created_at,
                Thread.sla_clock_at,
                Thread.sla_open_s,
                Thread.first_response_at,
                Thread.resolved_at,
            ).where(Thread.id.in_(chunk))
        )
        out.extend(_ClockRow(*row) for row in rows)
    return out


def _reopened_by_sync(row: _ClockRow) -> bool:
    return row.status is not CaseStatus.RESOLVED and row.resolved_at is not None


def _first_item(
    session: Session, thread_id: int, direction: Direction, since: datetime
) -> datetime | None:
    # Read the row rather than func.min(): an aggregate loses the column's UTC conversion.
    return session.execute(
        select(Item.created_at)
        .where(Item.thread_id == thread_id, Item.direction == direction, Item.created_at >= since)
        .order_by(Item.created_at)
        .limit(1)
    ).scalar_one_or_none()


def period_start(session: Session, row: _ClockRow) -> datetime:
    if _reopened_by_sync(row):
        assert row.resolved_at is not None
        reopened = _first_item(session, row.id, Direction.INBOUND, row.resolved_at)
        return reopened or row.resolved_at
    return row.sla_clock_at or row.created_at


def _clock(
    session: Session, row: _ClockRow, targets: dict[Category, Target], now: datetime
) -> SlaClock:
    category = row.category or UNCATEGORISED
    target = targets[category]
    start = period_start(session, row)
    responded = row.first_response_at
    if responded is None or responded < start or _reopened_by_sync(row):
        responded = _first_item(session, row.id, Direction.OUTBOUND, start)
    due = start + target.response_for(row.urgent)
    running = row.status is not CaseStatus.RESOLVED
    elapsed = timedelta(seconds=row.sla_open_s)
    if running:
        elapsed += max(now - start, timedelta(0))
    remaining = target.resolution - elapsed
    return SlaClock(
        thread_id=row.id,
        category=category,
        period_started_at=start,
        responded_at=responded,
        response_due_at=due,
        response_breached=(responded or now) > due,
        running=running,
        resolution_elapsed=elapsed,
        resolution_target=target.resolution,
        resolution_due_at=now + remaining if running else None,
        resolution_breached=elapsed > target.resolution,
    )


def sla_clocks(session: Session, thread_ids: Iterable[int], now: datetime) -> dict[int, SlaClock]:
    targets = load_targets(session)
    return {row.id: _clock(session, row, targets, now) for row in _rows(session, thread_ids)}


def _row_of(session: Session, thread_id: int) -> _ClockRow:
    rows = _rows(session, [thread_id])
    if not rows:
        raise LookupError(f"case {thread_id} does not exist")
    return rows[0]


def stop_clock(session: Session, thread_id: int, now: datetime) -> dict[str, object]:
    """Values that resolve a case at ``now`` (the caller writes them with its version check)."""
    row = _row_of(session, thread_id)
    start = period_start(session, row)
    if row.status is CaseStatus.RESOLVED and not _reopened_by_sync(row):
        return {}
    open_s = row.sla_open_s + max(int((now - start).total_seconds()), 0)
    return {
        "sla_open_s": open_s,
        "sla_clock_at": start,
        "resolved_at": now,
        "status": CaseStatus.RESOLVED,
    }


def restart_clock(now: datetime) -> dict[str, object]:
    """Values that reopen a resolved case at ``now``: a new open period, a new response target."""
    return {
        "sla_clock_at": now,
        "resolved_at": None,
        "first_response_at": None,
        "status": CaseStatus.REOPENED,
    }


def response_values(session: Session, thread_id: int, at: datetime) -> dict[str, object]:
    """Values that record an officer's response at ``at`` if the period has none yet."""
    row = _row_of(session, thread_id)
    start = period_start(session, row)
    if row.first_response_at is not None and row.first_response_at >= start:
        return {}
    if _reopened_by_sync(row):
        # Settle the sync-made reopening first so the response belongs to the new period.
        return {"sla_clock_at": start, "resolved_at": None, "first_response_at": at}
    return {"first_response_at": at}
