"""Shifts: the roster, leaving a shift (cases redistributed), and the leaders' handover.

A handover is the outgoing leader's note plus a generated summary of the unit's open cases —
counts, and the ids of urgent, overdue and unassigned cases and overdue forwards (ids and codes
only: no citizen text, no names) — which the incoming leader acknowledges.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import OfficerRole
from desktop.services.access import (
    CASE_HANDLERS,
    OPEN_STATUSES,
    Action,
    PermissionDenied,
    load_actor,
    require,
    require_unit,
)
from desktop.services.assignment import AutoAssignment, redistribute
from desktop.services.units import scope_units
from desktop.store.audit import AuditAction, append_event
from desktop.store.cases import UnitRow
from desktop.store.database import Database
from desktop.store.inbox import unit_subtree_ids
from desktop.store.models import Forward, Handover, Officer, ShiftEntry, Thread, utcnow
from desktop.store.shifts import (
    HandoverRow,
    ShiftRow,
    add_handover,
    add_shift,
    end_shift_now,
    handover_row,
    handovers,
    on_shift,
    roster,
)
from desktop.store.sla import sla_clocks

Clock = Callable[[], datetime]
SUMMARY_IDS_LIMIT = 200  # ids listed per group in a summary (counts are always complete)
MAX_NOTE = 4000


class HandoverError(ValueError):
    pass


def schedule_shift(
    session: Session,
    *,
    actor_id: int,
    officer_id: int,
    unit_id: int,
    starts_at: datetime,
    ends_at: datetime,
    is_leader: bool = False,
    now: datetime,
) -> int:
    """Put an officer on the roster of a unit of the actor's scope."""
    actor = load_actor(session, actor_id)
    require_unit(actor, Action.MANAGE_ROSTER, unit_id)
    officer = session.get(Officer, officer_id)
    if officer is None or not officer.active or officer.role not in CASE_HANDLERS:
        raise PermissionDenied("Chỉ xếp ca cho cán bộ trực ban hoặc lãnh đạo ca đang hoạt động.")
    if is_leader and officer.role is not OfficerRole.SHIFT_LEADER:
        raise PermissionDenied("Chỉ lãnh đạo ca mới được xếp làm trực chỉ huy.")
    shift_id = add_shift(
        session,
        officer_id=officer_id,
        unit_id=unit_id,
        starts_at=starts_at,
        ends_at=ends_at,
        is_leader=is_leader,
        by_id=actor.officer_id,
    )
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.SHIFT_CHANGED,
        subject_type="shift",
        subject_id=str(shift_id),
        details={
            "officer_id": officer_id,
            "unit_id": unit_id,
            "starts_at": starts_at.isoformat(),
            "ends_at": ends_at.isoformat(),
            "leader": is_leader,
        },
        at=now,
    )
    return shift_id


def end_shift(
    session: Session, *, actor_id: int, officer_id: int, now: datetime
) -> list[AutoAssignment]:
    """End a running shift now (one's own, or, for a leader, anyone's of his scope) and hand the
    officer's open cases to those still on shift."""
    actor = load_actor(session, actor_id)
    if officer_id == actor.officer_id:
        require(actor, Action.END_OWN_SHIFT)
    else:
        officer = session.get(Officer, officer_id)
        require_unit(actor, Action.MANAGE_ROSTER, officer.unit_id if officer else None)
    shift_id = end_shift_now(session, officer_id, now)
    if shift_id is None:
        raise HandoverError("Cán bộ này không đang trong ca trực.")
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.SHIFT_CHANGED,
        subject_type="shift",
        subject_id=str(shift_id),
        details={"officer_id": officer_id, "ended_early": now.isoformat()},
        at=now,
    )
    moved = redistribute(session, officer_id=officer_id, now=now, actor_id=actor.officer_id)
    entry = session.get(ShiftEntry, shift_id)
    if entry is not None:
        entry.redistributed_at = now
    return moved


def view_roster(
    session: Session, *, actor_id: int, unit_id: int, since: datetime, until: datetime
) -> list[ShiftRow]:
    actor = load_actor(session, actor_id)
    require_unit(actor, Action.VIEW_CASE, unit_id)
    return roster(session, unit_subtree_ids(session, [unit_id]), since, until)


def handover_summary(session: Session, unit_id: int, now: datetime) -> dict[str, Any]:
    """Open, overdue, urgent and unassigned cases of the unit's subtree (ids and counts)."""
    units = unit_subtree_ids(session, [unit_id])
    rows = session.execute(
        select(Thread.id, Thread.urgent, Thread.assignee_id, Thread.status, Thread.deadline_at)
        .where(Thread.unit_id.in_(sorted(units)), Thread.status.in_(sorted(OPEN_STATUSES)))
        .order_by(Thread.id)
    ).all()
    ids = [r[0] for r in rows]
    clocks = sla_clocks(session, ids, now)
    overdue = [
        tid
        for tid, _u, _a, _s, deadline in rows
        if (deadline is not None and deadline < now)
        or clocks[tid].resolution_breached
        or (clocks[tid].responded_at is None and clocks[tid].response_breached)
    ]
    urgent = [tid for tid, u, _a, _s, _d in rows if u]
    unassigned = [tid for tid, _u, a, _s, _d in rows if a is None]
    by_status: dict[str, int] = {}
    for _t, _u, _a, status, _d in rows:
        by_status[status.value] = by_status.get(status.value, 0) + 1
    late_forwards = session.execute(
        select(Forward.id, Forward.thread_id)
        .join(Thread, Thread.id == Forward.thread_id)
        .where(
            Forward.state == "open",
            Forward.deadline_at < now,
            Thread.unit_id.in_(sorted(units)) | Forward.to_unit_id.in_(sorted(units)),
        )
        .order_by(Forward.deadline_at)
    ).all()
    cap = SUMMARY_IDS_LIMIT
    return {
        "at": now.isoformat(),
        "open": len(rows),
        "by_status": by_status,
        "urgent": len(urgent),
        "urgent_ids": urgent[:cap],
        "overdue": len(overdue),
        "overdue_ids": overdue[:cap],
        "unassigned": len(unassigned),
        "unassigned_ids": unassigned[:cap],
        "overdue_forwards": len(late_forwards),
        "overdue_forward_ids": [fid for fid, _ in late_forwards][:cap],
    }


def sign_handover(
    session: Session, *, actor_id: int, unit_id: int, note: str, now: datetime
) -> int:
    """The outgoing leader's handover of a unit: his note and the generated summary."""
    actor = load_actor(session, actor_id)
    require_unit(actor, Action.SIGN_HANDOVER, unit_id)
    if len(note) > MAX_NOTE:
        raise HandoverError("Ghi chú bàn giao quá dài.")
    summary = handover_summary(session, unit_id, now)
    handover_id = add_handover(
        session,
        unit_id=unit_id,
        from_officer_id=actor.officer_id,
        note=note.strip(),
        summary=summary,
        now=now,
    )
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.HANDOVER_SIGNED,
        subject_type="handover",
        subject_id=str(handover_id),
        details={
            "unit_id": unit_id,
            "open": summary["open"],
            "urgent": summary["urgent"],
            "overdue": summary["overdue"],
        },
        at=now,
    )
    return handover_id


def acknowledge_handover(
    session: Session, *, actor_id: int, handover_id: int, now: datetime
) -> HandoverRow:
    """The incoming leader takes over (not the one who wrote it; once)."""
    actor = load_actor(session, actor_id)
    handover = session.get(Handover, handover_id)
    if handover is None:
        raise LookupError(f"handover {handover_id} does not exist")
    require_unit(actor, Action.SIGN_HANDOVER, handover.unit_id)
    if handover.from_officer_id == actor.officer_id:
        raise PermissionDenied("Người bàn giao không thể tự nhận bàn giao.")
    if handover.acknowledged_at is not None:
        raise HandoverError("Bàn giao này đã được nhận.")
    handover.acknowledged_by_id = actor.officer_id
    handover.acknowledged_at = now
    session.flush()
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.HANDOVER_ACKNOWLEDGED,
        subject_type="handover",
        subject_id=str(handover_id),
        details={"unit_id": handover.unit_id},
        at=now,
    )
    return handover_row(handover, session)


def preview_handover(
    session: Session, *, actor_id: int, unit_id: int, now: datetime
) -> dict[str, Any]:
    """The summary a handover of ``unit_id`` would carry if signed now (nothing recorded)."""
    actor = load_actor(session, actor_id)
    require_unit(actor, Action.SIGN_HANDOVER, unit_id)
    return handover_summary(session, unit_id, now)


def recent_handovers(
    session: Session, *, actor_id: int, unit_id: int, limit: int = 20
) -> list[HandoverRow]:
    actor = load_actor(session, actor_id)
    require_unit(actor, Action.VIEW_CASE, unit_id)
    return handovers(session, [unit_id], limit)


class ShiftService:
    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    async def on_shift(self, unit_ids: list[int] | None = None) -> list[ShiftRow]:
        now = self._clock()
        return await self._db.read(lambda s: on_shift(s, now, unit_ids))

    async def units(self, actor_id: int) -> list[UnitRow]:
        """The units of the officer's scope (the roster and handover choosers)."""
        return await self._db.read(lambda s: scope_units(s, actor_id=actor_id))

    async def roster(
        self, actor_id: int, unit_id: int, since: datetime, until: datetime
    ) -> list[ShiftRow]:
        return await self._db.read(
            lambda s: view_roster(s, actor_id=actor_id, unit_id=unit_id, since=since, until=until)
        )

    async def schedule(
        self,
        actor_id: int,
        officer_id: int,
        unit_id: int,
        starts_at: datetime,
        ends_at: datetime,
        is_leader: bool = False,
    ) -> int:
        now = self._clock()
        return await self._db.write(
            lambda s: schedule_shift(
                s,
                actor_id=actor_id,
                officer_id=officer_id,
                unit_id=unit_id,
                starts_at=starts_at,
                ends_at=ends_at,
                is_leader=is_leader,
                now=now,
            )
        )

    async def handovers(self, actor_id: int, unit_id: int, limit: int = 20) -> list[HandoverRow]:
        return await self._db.read(
            lambda s: recent_handovers(s, actor_id=actor_id, unit_id=unit_id, limit=limit)
        )

    async def preview(self, actor_id: int, unit_id: int) -> dict[str, Any]:
        now = self._clock()
        return await self._db.read(
            lambda s: preview_handover(s, actor_id=actor_id, unit_id=unit_id, now=now)
        )

    async def end_shift(self, actor_id: int, officer_id: int) -> list[AutoAssignment]:
        now = self._clock()
        return await self._db.write(
            lambda s: end_shift(s, actor_id=actor_id, officer_id=officer_id, now=now)
        )

    async def sign_handover(self, actor_id: int, unit_id: int, note: str) -> int:
        now = self._clock()
        return await self._db.write(
            lambda s: sign_handover(s, actor_id=actor_id, unit_id=unit_id, note=note, now=now)
        )

    async def acknowledge(self, actor_id: int, handover_id: int) -> HandoverRow:
        now = self._clock()
        return await self._db.write(
            lambda s: acknowledge_handover(s, actor_id=actor_id, handover_id=handover_id, now=now)
        )
