"""SLA for officers: targets per category (unit admins read them, a province admin sets them),
the clock on cases, resolve and reopen.

Resolving stops a case's clock and reopening restarts it (``desktop.store.sla``); both are
version-checked and audited in the same transaction. ``record_response`` marks the first
response of the current open period (the case service calls it when an officer's reply is
queued). ``breached_cases`` lists the open cases of a shift leader's units past a target.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import CaseStatus, Category
from desktop.services.access import (
    OPEN_STATUSES,
    Action,
    Actor,
    PermissionDenied,
    case_in_scope,
    case_ref,
    load_actor,
    require,
    require_case,
)
from desktop.services.case_writes import versioned_update
from desktop.store.audit import AuditAction, append_event
from desktop.store.database import Database
from desktop.store.models import Officer, SlaTarget, Thread, Unit, utcnow
from desktop.store.sla import (
    DEFAULT_TARGETS,
    SlaClock,
    Target,
    load_targets,
    response_values,
    restart_clock,
    save_target,
    sla_clocks,
    stop_clock,
)

Clock = Callable[[], datetime]
MAX_OUTCOME_LEN = 32
MAX_BREACHES = 500
MAX_TARGET_MINUTES = 90 * 24 * 60


class CaseStateError(ValueError):
    """The case is not in a state that allows this (e.g. resolving a resolved case)."""


def resolve_case(
    session: Session,
    *,
    actor_id: int,
    thread_id: int,
    expected_version: int,
    now: datetime,
    outcome: str | None = None,
) -> int:
    """Resolve (stops the SLA clock). ``outcome`` is a short code, never free text."""
    actor = load_actor(session, actor_id)
    case = require_case(session, actor, Action.RESOLVE, thread_id)
    if outcome is not None and (len(outcome) > MAX_OUTCOME_LEN or not outcome.isidentifier()):
        raise ValueError("an outcome is a short code such as 'answered' or 'no_action'")
    values = stop_clock(session, thread_id, now)
    if not values:
        raise CaseStateError(f"case {thread_id} is already resolved")
    version = versioned_update(session, thread_id, expected_version, values)
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.STATUS_CHANGED,
        subject_type="thread",
        subject_id=str(thread_id),
        details={"from": case.status.value, "to": CaseStatus.RESOLVED.value, "outcome": outcome},
        at=now,
    )
    return version


def reopen_case(
    session: Session, *, actor_id: int, thread_id: int, expected_version: int, now: datetime
) -> int:
    """Reopen a resolved case (restarts the SLA clock with a new response target)."""
    actor = load_actor(session, actor_id)
    case = require_case(session, actor, Action.RESOLVE, thread_id)
    if case.status is not CaseStatus.RESOLVED:
        raise CaseStateError(f"case {thread_id} is not resolved")
    version = versioned_update(session, thread_id, expected_version, restart_clock(now))
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.STATUS_CHANGED,
        subject_type="thread",
        subject_id=str(thread_id),
        details={"from": case.status.value, "to": CaseStatus.REOPENED.value},
        at=now,
    )
    return version


def record_response(session: Session, *, thread_id: int, at: datetime) -> None:
    """Mark the period's first response (no version bump: it is not a decision on the case).

    Call it in the transaction that queues an officer's reply (after its own access check).
    """
    values = response_values(session, thread_id, at)
    if values:
        session.execute(update(Thread).where(Thread.id == thread_id).values(**values))


def case_sla(
    session: Session, *, actor_id: int, thread_ids: Iterable[int], now: datetime
) -> dict[int, SlaClock]:
    """SLA clocks of the given cases that the officer may see (others are left out)."""
    actor = load_actor(session, actor_id)
    require(actor, Action.VIEW_CASE)
    visible = [tid for tid in set(thread_ids) if case_in_scope(actor, case_ref(session, tid))]
    return sla_clocks(session, visible, now)


@dataclass(frozen=True, slots=True)
class SlaBreach:
    """An open case past its first-response or resolution target (the leader's list)."""

    thread_id: int
    category: Category
    urgent: bool
    status: CaseStatus
    unit_name: str | None
    assignee_name: str | None
    clock: SlaClock

    def late_by(self, now: datetime) -> float:
        """Seconds past the earliest breached target (for sorting)."""
        c = self.clock
        due = [c.response_due_at] if c.responded_at is None and c.response_breached else []
        if c.resolution_breached and c.resolution_due_at is not None:
            due.append(c.resolution_due_at)
        return max(((now - d).total_seconds() for d in due), default=0.0)


def breached(clock: SlaClock) -> bool:
    """Past a target that still matters: unanswered past the response target, or resolution."""
    return clock.resolution_breached or (clock.responded_at is None and clock.response_breached)


def breached_cases(
    session: Session, *, actor_id: int, now: datetime, limit: int = MAX_BREACHES
) -> list[SlaBreach]:
    """Open cases of the leader's units past a target, the longest overdue first."""
    actor = load_actor(session, actor_id)
    require(actor, Action.VIEW_WORKLOAD)
    rows = session.execute(
        select(Thread.id, Thread.urgent, Thread.status, Unit.name, Officer.display_name)
        .outerjoin(Unit, Unit.id == Thread.unit_id)
        .outerjoin(Officer, Officer.id == Thread.assignee_id)
        .where(Thread.unit_id.in_(sorted(actor.scope)), Thread.status.in_(sorted(OPEN_STATUSES)))
    ).all()
    clocks = sla_clocks(session, [r[0] for r in rows], now)
    out = [
        SlaBreach(tid, clocks[tid].category, bool(urgent), status, unit, assignee, clocks[tid])
        for tid, urgent, status, unit, assignee in rows
        if breached(clocks[tid])
    ]
    out.sort(key=lambda b: (not b.urgent, -b.late_by(now), b.thread_id))
    return out[:limit]


@dataclass(frozen=True, slots=True)
class SlaTargetRow:
    category: Category
    target: Target  # in force
    default: Target  # what applies when no admin set one
    customised: bool  # set by a unit admin


@dataclass(frozen=True, slots=True)
class SlaTargets:
    """The targets of every category, for the admin's screen."""

    rows: list[SlaTargetRow]
    editable: bool  # the officer may change them (a province admin)


def _may_set_targets(actor: Actor) -> bool:
    return actor.can(Action.MANAGE_SLA) and actor.sees_unitless


def sla_targets(session: Session, *, actor_id: int) -> SlaTargets:
    """Every category's targets (unit admins read them; only a province admin changes them)."""
    actor = load_actor(session, actor_id)
    require(actor, Action.MANAGE_SLA)
    targets = load_targets(session)
    stored = set(session.execute(select(SlaTarget.category)).scalars())
    rows = [SlaTargetRow(c, targets[c], DEFAULT_TARGETS[c], c in stored) for c in Category]
    return SlaTargets(rows, _may_set_targets(actor))


def check_target(target: Target) -> None:
    """A coherent target: at least a minute, at most MAX_TARGET_MINUTES, resolution no sooner
    than the first response, the urgent response no later than the ordinary one."""
    values = (target.response_minutes, target.resolution_minutes, target.urgent_response_minutes)
    if min(values) < 1 or max(values) > MAX_TARGET_MINUTES:
        raise ValueError("Chỉ tiêu thời gian phải từ 1 phút đến 90 ngày.")
    if target.resolution_minutes < target.response_minutes:
        raise ValueError("Thời hạn giải quyết không được ngắn hơn thời hạn phản hồi đầu.")
    if target.urgent_response_minutes > target.response_minutes:
        raise ValueError("Thời hạn phản hồi tin khẩn không được dài hơn thời hạn phản hồi đầu.")


def set_target(
    session: Session, *, actor_id: int, category: Category, target: Target, now: datetime
) -> None:
    actor = load_actor(session, actor_id)
    require(actor, Action.MANAGE_SLA)
    if not _may_set_targets(actor):
        raise PermissionDenied("Chỉ quản trị cấp tỉnh đặt chỉ tiêu thời gian xử lý.")
    check_target(target)
    before = load_targets(session)[category]
    save_target(session, category, target, by_id=actor.officer_id, now=now)
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.SLA_CHANGED,
        subject_type="sla_target",
        subject_id=category.value,
        details={
            "before": [
                before.response_minutes,
                before.resolution_minutes,
                before.urgent_response_minutes,
            ],
            "after": [
                target.response_minutes,
                target.resolution_minutes,
                target.urgent_response_minutes,
            ],
        },
        at=now,
    )


class SlaService:
    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    async def clocks(self, actor_id: int, thread_ids: Iterable[int]) -> dict[int, SlaClock]:
        ids = list(thread_ids)
        now = self._clock()
        return await self._db.read(
            lambda s: case_sla(s, actor_id=actor_id, thread_ids=ids, now=now)
        )

    async def breaches(self, actor_id: int) -> list[SlaBreach]:
        now = self._clock()
        return await self._db.read(lambda s: breached_cases(s, actor_id=actor_id, now=now))

    async def resolve(
        self, actor_id: int, thread_id: int, expected_version: int, outcome: str | None = None
    ) -> int:
        now = self._clock()
        return await self._db.write(
            lambda s: resolve_case(
                s,
                actor_id=actor_id,
                thread_id=thread_id,
                expected_version=expected_version,
                now=now,
                outcome=outcome,
            )
        )

    async def reopen(self, actor_id: int, thread_id: int, expected_version: int) -> int:
        now = self._clock()
        return await self._db.write(
            lambda s: reopen_case(
                s,
                actor_id=actor_id,
                thread_id=thread_id,
                expected_version=expected_version,
                now=now,
            )
        )

    async def targets(self, actor_id: int) -> SlaTargets:
        return await self._db.read(lambda s: sla_targets(s, actor_id=actor_id))

    async def set_target(self, actor_id: int, category: Category, target: Target) -> None:
        now = self._clock()
        await self._db.write(
            lambda s: set_target(s, actor_id=actor_id, category=category, target=target, now=now)
        )
