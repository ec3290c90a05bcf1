"""Who works which case: manual assignment, auto-assignment rules, redistribution, workload.

Manual: a shift leader assigns or reassigns any case of his scope to a case handler whose scope
holds the case; a duty officer may only take an unassigned case himself or give back his own.

Auto-assignment (:func:`auto_assign`, run by the composition root after each sync pass and
when shifts change): open unassigned cases, **urgent first** (then priority, then oldest), each
matched to the first enabled rule (by ``position``) whose unit subtree holds the case and whose
category (None: any) is the case's. The pool is the officers on shift at the rule's target unit
(None: the case's unit). Cases no rule matches go to the officers on shift at the case's unit,
or, if none, at the nearest unit above it (the shift's leader is in no pool: he supervises).
Within a pool the pick is round-robin: the officer whose shift was served longest ago
(``shift_entries.last_assigned_at``), skipping anyone at his capacity (``officers.capacity``
open cases). An urgent case never waits for capacity: if every officer of the pool is full, it
goes to the least-loaded one.

Redistribution: when an officer's shift ends (early, or at its planned end), his open cases are
released and auto-assigned again (:func:`settle_ended_shifts`).

Every assignment is version-checked and audited (``assigned`` / ``auto_assigned`` /
``redistributed``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import CaseStatus, Category, OfficerRole
from desktop.services.access import (
    CASE_HANDLERS,
    OPEN_STATUSES,
    Action,
    PermissionDenied,
    load_actor,
    require,
    require_case,
    require_unit,
)
from desktop.services.case_writes import versioned_update
from desktop.store.audit import AuditAction, append_event
from desktop.store.database import Database
from desktop.store.inbox import unit_subtree_ids
from desktop.store.models import AssignmentRule, Officer, ShiftEntry, Thread, Unit, utcnow
from desktop.store.officers import scope_of
from desktop.store.shifts import ShiftRow, ended_shifts_to_settle, on_shift
from desktop.store.sla import sla_clocks

Clock = Callable[[], datetime]
# Cases that wait for a desk officer (forwarded ones wait for the receiving unit).
ASSIGNABLE_STATUSES = frozenset({CaseStatus.NEW, CaseStatus.IN_PROGRESS, CaseStatus.REOPENED})


# -- manual ----------------------------------------------------------------------------------------


def _check_assignee(session: Session, officer_id: int, unit_id: int | None) -> Officer:
    officer = session.get(Officer, officer_id)
    if officer is None or not officer.active or officer.role not in CASE_HANDLERS:
        raise PermissionDenied(
            "Chỉ giao vụ việc cho cán bộ trực ban hoặc lãnh đạo ca đang hoạt động."
        )
    if unit_id is not None and unit_id not in scope_of(session, officer_id):
        raise PermissionDenied("Cán bộ được giao không phụ trách đơn vị của vụ việc.")
    return officer


def assign_case(
    session: Session,
    *,
    actor_id: int,
    thread_id: int,
    assignee_id: int | None,
    expected_version: int,
    now: datetime,
) -> int:
    """Assign, reassign or release (``assignee_id=None``) a case; the new version."""
    actor = load_actor(session, actor_id)
    taking = assignee_id == actor.officer_id
    case = require_case(session, actor, Action.VIEW_CASE, thread_id)
    if actor.can(Action.ASSIGN):
        require_case(session, actor, Action.ASSIGN, thread_id)
    else:
        require_case(session, actor, Action.TAKE_CASE, thread_id)
        releasing_own = assignee_id is None and case.assignee_id == actor.officer_id
        taking_free = taking and case.assignee_id is None
        if not (releasing_own or taking_free):
            raise PermissionDenied(
                "Cán bộ trực ban chỉ nhận vụ việc chưa giao hoặc trả lại vụ việc của mình.",
                action=Action.ASSIGN.value,
            )
    if assignee_id is not None:
        _check_assignee(session, assignee_id, case.unit_id)
    version = versioned_update(session, thread_id, expected_version, {"assignee_id": assignee_id})
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.ASSIGNED,
        subject_type="thread",
        subject_id=str(thread_id),
        details={"from": case.assignee_id, "to": assignee_id},
        at=now,
    )
    return version


def set_priority(
    session: Session,
    *,
    actor_id: int,
    thread_id: int,
    priority: int,
    expected_version: int,
    now: datetime,
) -> int:
    actor = load_actor(session, actor_id)
    require_case(session, actor, Action.SET_PRIORITY, thread_id)
    if not 0 <= priority <= 9:
        raise ValueError("priority is 0-9")
    before = session.execute(select(Thread.priority).where(Thread.id == thread_id)).scalar_one()
    version = versioned_update(session, thread_id, expected_version, {"priority": priority})
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.PRIORITY_CHANGED,
        subject_type="thread",
        subject_id=str(thread_id),
        details={"from": before, "to": priority},
        at=now,
    )
    return version


# -- automatic -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleRow:
    id: int
    name: str
    position: int
    unit_id: int | None
    category: Category | None
    target_unit_id: int | None
    enabled: bool


@dataclass(frozen=True, slots=True)
class AutoAssignment:
    thread_id: int
    officer_id: int
    rule_id: int | None
    over_capacity: bool


def open_loads(session: Session, officer_ids: Iterable[int] | None = None) -> dict[int, int]:
    stmt = (
        select(Thread.assignee_id, func.count())
        .where(Thread.assignee_id.is_not(None), Thread.status.in_(sorted(OPEN_STATUSES)))
        .group_by(Thread.assignee_id)
    )
    if officer_ids is not None:
        stmt = stmt.where(Thread.assignee_id.in_(sorted(set(officer_ids))))
    return {int(oid): int(n) for oid, n in session.execute(stmt) if oid is not None}


def _rules(session: Session) -> list[RuleRow]:
    rows = session.execute(
        select(AssignmentRule)
        .where(AssignmentRule.enabled.is_(True))
        .order_by(AssignmentRule.position, AssignmentRule.id)
    ).scalars()
    return [
        RuleRow(r.id, r.name, r.position, r.unit_id, r.category, r.target_unit_id, r.enabled)
        for r in rows
    ]


class _Pools:
    """The officers on shift, per unit, with their loads and capacities (for one run)."""

    def __init__(self, session: Session, now: datetime) -> None:
        # The leader of the shift (trực chỉ huy) supervises; he is not in the pools.
        shifts = [s for s in on_shift(session, now) if s.role in CASE_HANDLERS and not s.is_leader]
        self.by_unit: dict[int, list[ShiftRow]] = defaultdict(list)
        for s in shifts:
            self.by_unit[s.unit_id].append(s)
        ids = {s.officer_id for s in shifts}
        self.load = defaultdict(int, open_loads(session, ids))
        self.capacity = {
            oid: cap
            for oid, cap in session.execute(
                select(Officer.id, Officer.capacity).where(Officer.id.in_(sorted(ids)))
            )
        }
        self.served: dict[int, datetime | None] = {s.id: s.last_assigned_at for s in shifts}
        self.parent: dict[int, int | None] = {
            uid: parent for uid, parent in session.execute(select(Unit.id, Unit.parent_id))
        }

    def pick(self, unit_id: int, urgent: bool, now: datetime) -> tuple[ShiftRow, bool] | None:
        pool = self.by_unit.get(unit_id, [])
        if not pool:
            return None
        free = [s for s in pool if self.load[s.officer_id] < self.capacity.get(s.officer_id, 0)]
        over = False
        if not free:
            if not urgent:
                return None
            free = sorted(pool, key=lambda s: (self.load[s.officer_id], s.officer_id))[:1]
            over = True
        # Round-robin: the shift served longest ago (never served first), then by officer id.
        chosen = min(
            free,
            key=lambda s: (
                self.served[s.id] is not None,
                self.served[s.id] or now,
                s.officer_id,
            ),
        )
        self.load[chosen.officer_id] += 1
        self.served[chosen.id] = now
        return chosen, over

    def nearest_staffed(self, unit_id: int | None) -> int | None:
        seen: set[int] = set()
        while unit_id is not None and unit_id not in seen:
            if self.by_unit.get(unit_id):
                return unit_id
            seen.add(unit_id)
            unit_id = self.parent.get(unit_id)
        return None


def _match(
    rules: list[RuleRow], subtrees: dict[int, frozenset[int]], case: Thread
) -> RuleRow | None:
    for rule in rules:
        if rule.category is not None and rule.category != case.category:
            continue
        if rule.unit_id is not None and case.unit_id not in subtrees[rule.id]:
            continue
        return rule
    return None


def auto_assign(
    session: Session,
    *,
    now: datetime,
    thread_ids: Iterable[int] | None = None,
    action: AuditAction = AuditAction.AUTO_ASSIGNED,
    actor_id: int | None = None,
) -> list[AutoAssignment]:
    """Assign open unassigned cases (all, or the given ones) to officers on shift."""
    stmt = (
        select(Thread)
        .where(Thread.assignee_id.is_(None), Thread.status.in_(sorted(ASSIGNABLE_STATUSES)))
        .order_by(Thread.urgent.desc(), Thread.priority.desc(), Thread.created_at, Thread.id)
    )
    if thread_ids is not None:
        ids = sorted(set(thread_ids))
        if not ids:
            return []
        stmt = stmt.where(Thread.id.in_(ids))
    cases = list(session.execute(stmt).scalars())
    if not cases:
        return []
    pools = _Pools(session, now)
    if not pools.by_unit:
        return []
    rules = _rules(session)
    subtrees = {
        r.id: unit_subtree_ids(session, [r.unit_id]) for r in rules if r.unit_id is not None
    }
    done: list[AutoAssignment] = []
    for case in cases:
        rule = _match(rules, subtrees, case)
        if rule is not None:
            unit = rule.target_unit_id or case.unit_id
        else:
            unit = pools.nearest_staffed(case.unit_id)
        if unit is None:
            continue
        picked = pools.pick(unit, case.urgent, now)
        if picked is None:
            continue
        shift, over = picked
        version = versioned_update(
            session, case.id, case.version, {"assignee_id": shift.officer_id}
        )
        case.version = version
        session.execute(
            update(ShiftEntry).where(ShiftEntry.id == shift.id).values(last_assigned_at=now)
        )
        append_event(
            session,
            actor_id=actor_id,
            action=action,
            subject_type="thread",
            subject_id=str(case.id),
            details={
                "to": shift.officer_id,
                "rule_id": rule.id if rule else None,
                "urgent": bool(case.urgent),
                "over_capacity": over,
            },
            at=now,
        )
        done.append(AutoAssignment(case.id, shift.officer_id, rule.id if rule else None, over))
    session.expire_all()
    return done


def release_cases(
    session: Session,
    *,
    officer_id: int,
    now: datetime,
    actor_id: int | None = None,
    reason: str = "off_shift",
    keep_units: frozenset[int] | None = None,
) -> list[int]:
    """Unassign an officer's open cases (audited ``redistributed``); their ids.

    ``reason``: ``off_shift`` (his shift ended), ``inactive`` / ``role`` (a unit admin
    deactivated him or gave him a role that handles no cases), ``unit`` (moved to another unit:
    only the cases outside ``keep_units``, his new scope, are released).
    """
    rows = session.execute(
        select(Thread.id, Thread.version, Thread.unit_id).where(
            Thread.assignee_id == officer_id, Thread.status.in_(sorted(OPEN_STATUSES))
        )
    ).all()
    released = []
    for tid, version, unit_id in rows:
        if keep_units is not None and unit_id in keep_units:
            continue
        versioned_update(session, tid, version, {"assignee_id": None})
        append_event(
            session,
            actor_id=actor_id,
            action=AuditAction.REDISTRIBUTED,
            subject_type="thread",
            subject_id=str(tid),
            details={"from": officer_id, "to": None, "reason": reason},
            at=now,
        )
        released.append(tid)
    session.expire_all()
    return released


def redistribute(
    session: Session,
    *,
    officer_id: int,
    now: datetime,
    actor_id: int | None = None,
    reason: str = "off_shift",
    keep_units: frozenset[int] | None = None,
) -> list[AutoAssignment]:
    """Release an officer's open cases (:func:`release_cases`) and auto-assign them to those
    on shift (what nobody can take stays unassigned for the shift leader)."""
    released = release_cases(
        session,
        officer_id=officer_id,
        now=now,
        actor_id=actor_id,
        reason=reason,
        keep_units=keep_units,
    )
    return auto_assign(
        session,
        now=now,
        thread_ids=released,
        action=AuditAction.REDISTRIBUTED,
        actor_id=actor_id,
    )


def settle_ended_shifts(session: Session, *, now: datetime) -> list[AutoAssignment]:
    """Redistribute the cases of officers whose shift ended and who are not on another one."""
    moved: list[AutoAssignment] = []
    for entry in ended_shifts_to_settle(session, now):
        still_on = session.execute(
            select(ShiftEntry.id).where(
                ShiftEntry.officer_id == entry.officer_id,
                ShiftEntry.starts_at <= now,
                ShiftEntry.ends_at > now,
            )
        ).first()
        if still_on is None:
            moved.extend(redistribute(session, officer_id=entry.officer_id, now=now))
        session.execute(
            update(ShiftEntry).where(ShiftEntry.id == entry.id).values(redistributed_at=now)
        )
    return moved


# -- rules -----------------------------------------------------------------------------------------

MAX_RULE_NAME = 200


@dataclass(frozen=True, slots=True)
class RuleDraft:
    """An auto-assignment rule as a unit admin edits it (``None``: any unit / any category /
    the case's own unit)."""

    name: str
    unit_id: int | None
    category: Category | None
    target_unit_id: int | None
    position: int = 0
    enabled: bool = True


def save_rule(
    session: Session,
    *,
    actor_id: int,
    now: datetime,
    name: str,
    unit_id: int | None,
    category: Category | None,
    target_unit_id: int | None,
    position: int = 0,
    enabled: bool = True,
    rule_id: int | None = None,
) -> int:
    """Create (``rule_id=None``) or change an auto-assignment rule."""
    actor = load_actor(session, actor_id)
    require_unit(actor, Action.MANAGE_ASSIGNMENT_RULES, unit_id)
    if target_unit_id is not None:  # None: the case's own unit, inside the rule's unit
        require_unit(actor, Action.MANAGE_ASSIGNMENT_RULES, target_unit_id)
    if rule_id is None:
        rule = AssignmentRule(created_by_id=actor.officer_id, created_at=now)
        session.add(rule)
    else:
        found = session.get(AssignmentRule, rule_id)
        if found is None:
            raise LookupError(f"rule {rule_id} does not exist")
        require_unit(actor, Action.MANAGE_ASSIGNMENT_RULES, found.unit_id)
        rule = found
    rule.name = name.strip()[:MAX_RULE_NAME] or "rule"
    rule.unit_id = unit_id
    rule.category = category
    rule.target_unit_id = target_unit_id
    rule.position = position
    rule.enabled = enabled
    rule.updated_at = now
    session.flush()
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.ASSIGNMENT_RULE_CHANGED,
        subject_type="assignment_rule",
        subject_id=str(rule.id),
        details={
            "created": rule_id is None,
            "unit_id": unit_id,
            "category": category.value if category else None,
            "target_unit_id": target_unit_id,
            "position": position,
            "enabled": enabled,
        },
        at=now,
    )
    return rule.id


def delete_rule(session: Session, *, actor_id: int, rule_id: int, now: datetime) -> None:
    """Remove an auto-assignment rule of the admin's scope (audited with what it was)."""
    actor = load_actor(session, actor_id)
    rule = session.get(AssignmentRule, rule_id)
    if rule is None:
        raise LookupError(f"rule {rule_id} does not exist")
    require_unit(actor, Action.MANAGE_ASSIGNMENT_RULES, rule.unit_id)
    details = {
        "deleted": True,
        "unit_id": rule.unit_id,
        "category": rule.category.value if rule.category else None,
        "target_unit_id": rule.target_unit_id,
        "position": rule.position,
        "enabled": rule.enabled,
    }
    session.delete(rule)
    session.flush()
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.ASSIGNMENT_RULE_CHANGED,
        subject_type="assignment_rule",
        subject_id=str(rule_id),
        details=details,
        at=now,
    )


def list_rules(session: Session, *, actor_id: int) -> list[RuleRow]:
    actor = load_actor(session, actor_id)
    require(actor, Action.MANAGE_ASSIGNMENT_RULES)
    rows = session.execute(
        select(AssignmentRule).order_by(AssignmentRule.position, AssignmentRule.id)
    ).scalars()
    return [
        RuleRow(r.id, r.name, r.position, r.unit_id, r.category, r.target_unit_id, r.enabled)
        for r in rows
        if actor.in_scope(r.unit_id)
    ]


# -- workload --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WorkloadRow:
    officer_id: int
    display_name: str
    role: OfficerRole
    unit_id: int | None
    on_shift: bool
    capacity: int
    open_cases: int
    urgent_cases: int
    overdue_cases: int  # past a deadline or an SLA target


def _overdue(session: Session, thread_ids: list[int], now: datetime) -> set[int]:
    clocks = sla_clocks(session, thread_ids, now)
    late = {
        tid
        for tid, c in clocks.items()
        if c.resolution_breached or (c.responded_at is None and c.response_breached)
    }
    deadlines = session.execute(
        select(Thread.id).where(Thread.id.in_(thread_ids), Thread.deadline_at < now)
    ).scalars()
    return late | set(deadlines)


def workload(session: Session, *, actor_id: int, now: datetime) -> list[WorkloadRow]:
    """Each case handler of the leader's scope: shift, open, urgent and overdue cases."""
    actor = load_actor(session, actor_id)
    require(actor, Action.VIEW_WORKLOAD)
    found = session.execute(
        select(Officer)
        .where(
            Officer.active.is_(True),
            Officer.role.in_(sorted(CASE_HANDLERS)),
            Officer.unit_id.in_(sorted(actor.scope)),
        )
        .order_by(Officer.unit_id, Officer.display_name)
    ).scalars()
    officers = list(found)
    ids = [o.id for o in officers]
    on_duty = {s.officer_id for s in on_shift(session, now)}
    open_rows = session.execute(
        select(Thread.id, Thread.assignee_id, Thread.urgent).where(
            Thread.assignee_id.in_(ids), Thread.status.in_(sorted(OPEN_STATUSES))
        )
    ).all()
    late = _overdue(session, [r[0] for r in open_rows], now) if open_rows else set()
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for tid, oid, urgent in open_rows:
        c = counts[oid or 0]
        c[0] += 1
        c[1] += 1 if urgent else 0
        c[2] += 1 if tid in late else 0
    return [
        WorkloadRow(
            o.id,
            o.display_name,
            o.role,
            o.unit_id,
            o.id in on_duty,
            o.capacity,
            *counts[o.id],
        )
        for o in officers
    ]


class AssignmentService:
    """Async entry points for the GUI and the composition root's periodic tick."""

    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    async def assign(
        self, actor_id: int, thread_id: int, assignee_id: int | None, expected_version: int
    ) -> int:
        now = self._clock()
        return await self._db.write(
            lambda s: assign_case(
                s,
                actor_id=actor_id,
                thread_id=thread_id,
                assignee_id=assignee_id,
                expected_version=expected_version,
                now=now,
            )
        )

    async def tick(self) -> list[AutoAssignment]:
        """Settle ended shifts, then auto-assign what is waiting (after each sync pass)."""
        now = self._clock()

        def work(session: Session) -> list[AutoAssignment]:
            moved = settle_ended_shifts(session, now=now)
            return moved + auto_assign(session, now=now)

        return await self._db.write(work)

    async def workload(self, actor_id: int) -> list[WorkloadRow]:
        now = self._clock()
        return await self._db.read(lambda s: workload(s, actor_id=actor_id, now=now))

    async def rules(self, actor_id: int) -> list[RuleRow]:
        """The auto-assignment rules of the admin's scope, in matching order."""
        return await self._db.read(lambda s: list_rules(s, actor_id=actor_id))

    async def save_rule(self, actor_id: int, draft: RuleDraft, rule_id: int | None = None) -> int:
        """Create (``rule_id=None``) or change a rule; its id."""
        now = self._clock()
        return await self._db.write(
            lambda s: save_rule(
                s,
                actor_id=actor_id,
                now=now,
                name=draft.name,
                unit_id=draft.unit_id,
                category=draft.category,
                target_unit_id=draft.target_unit_id,
                position=draft.position,
                enabled=draft.enabled,
                rule_id=rule_id,
            )
        )

    async def delete_rule(self, actor_id: int, rule_id: int) -> None:
        now = self._clock()
        await self._db.write(lambda s: delete_rule(s, actor_id=actor_id, rule_id=rule_id, now=now))
