"""Forwarding a case to another unit, its result, and escalating overdue forwards.

- ``forward_case``: an officer sends a case of his scope to a unit (a different one) with a
  deadline in the future and instructions. The case becomes ``forwarded`` with that deadline
  (the earliest one if several forwards are open) and appears in the receiving unit's queue
  (:func:`forward_queue`); the receiving unit's officers may then see the case.
- ``record_result``: an officer of the receiving unit records the result (once); when no other
  forward is open the case returns to ``in_progress`` and loses the deadline. A result after
  the deadline is kept and flagged as late.
- ``overdue_forwards``: open forwards past their deadline concerning the leader's units, for
  the shift leader's list; ``escalate`` records his escalation (and raises the case's priority).
- ``case_forwards`` / ``queue_views`` / ``overdue_views``: the same rows for the screens, as
  :class:`ForwardView` (unit and officer names, the case's category and preview, what this
  officer may do). Officers' text (instructions, results) and the case's preview are masked
  (``text.pii.mask_pii``) for whoever would see the case itself masked (``services.disclosure``):
  a protected case (crime tip, informant) always, until ``reveal_case_forwards`` records a
  need-to-know view.

Instructions and results are officers' text: they are stored, never put into the audit log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import CaseStatus, Category
from desktop.services.access import (
    Action,
    Actor,
    CaseRef,
    PermissionDenied,
    case_in_scope,
    case_ref,
    load_actor,
    may_reveal,
    require,
    require_case,
    require_unit,
    sees_unmasked_by_default,
)
from desktop.services.case_writes import versioned_update
from desktop.store.audit import AuditAction, append_event
from desktop.store.database import Database
from desktop.store.forwarding import (
    ANSWERED,
    OPEN,
    ForwardRow,
    add_forward,
    forward_row,
    forwards_of_thread,
    open_forward_for,
    overdue_for_units,
    queue_for_units,
)
from desktop.store.models import Forward, Officer, Thread, Unit, utcnow
from desktop.text.pii import mask_pii

Clock = Callable[[], datetime]
MAX_TEXT = 4000
ESCALATED_PRIORITY = 5
PREVIEW_CHARS = 200


class ForwardError(ValueError):
    pass


def _earliest_open_deadline(session: Session, thread_id: int) -> datetime | None:
    return session.execute(
        select(Forward.deadline_at)
        .where(Forward.thread_id == thread_id, Forward.state == OPEN)
        .order_by(Forward.deadline_at)
        .limit(1)
    ).scalar_one_or_none()


def forward_case(
    session: Session,
    *,
    actor_id: int,
    thread_id: int,
    to_unit_id: int,
    deadline_at: datetime,
    instructions: str,
    expected_version: int,
    now: datetime,
) -> tuple[int, int]:
    """Forward; returns (forward id, the case's new version)."""
    actor = load_actor(session, actor_id)
    case = require_case(session, actor, Action.FORWARD, thread_id)
    if session.get(Unit, to_unit_id) is None:
        raise ForwardError(f"unknown unit {to_unit_id}")
    if to_unit_id == case.unit_id:
        raise ForwardError("Vụ việc đã thuộc đơn vị này.")
    if deadline_at <= now:
        raise ForwardError("Hạn xử lý phải ở tương lai.")
    if len(instructions) > MAX_TEXT:
        raise ForwardError("Nội dung chỉ đạo quá dài.")
    if case.status is CaseStatus.RESOLVED:
        raise ForwardError("Vụ việc đã giải quyết; mở lại trước khi chuyển.")
    if open_forward_for(session, thread_id, to_unit_id) is not None:
        raise ForwardError("Vụ việc đang chờ kết quả của đơn vị này.")
    forward = add_forward(
        session,
        thread_id=thread_id,
        from_unit_id=case.unit_id,
        to_unit_id=to_unit_id,
        by_officer_id=actor.officer_id,
        instructions=instructions.strip(),
        deadline_at=deadline_at,
        now=now,
    )
    version = versioned_update(
        session,
        thread_id,
        expected_version,
        {
            "status": CaseStatus.FORWARDED,
            "deadline_at": _earliest_open_deadline(session, thread_id),
        },
    )
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.FORWARDED,
        subject_type="thread",
        subject_id=str(thread_id),
        details={
            "forward_id": forward.id,
            "to_unit_id": to_unit_id,
            "deadline_at": deadline_at.isoformat(),
        },
        at=now,
    )
    return forward.id, version


def record_result(
    session: Session, *, actor_id: int, forward_id: int, result: str, now: datetime
) -> ForwardRow:
    """The receiving unit's result (once)."""
    actor = load_actor(session, actor_id)
    forward = session.get(Forward, forward_id)
    if forward is None:
        raise LookupError(f"forward {forward_id} does not exist")
    require_unit(actor, Action.RECORD_FORWARD_RESULT, forward.to_unit_id)
    if forward.state != OPEN:
        raise ForwardError("Kết quả đã được ghi nhận.")
    text = result.strip()
    if not text or len(text) > MAX_TEXT:
        raise ForwardError("Kết quả không được để trống và không quá 4000 ký tự.")
    forward.state = ANSWERED
    forward.result = text
    forward.result_at = now
    forward.result_by_id = actor.officer_id
    session.flush()
    thread = session.get(Thread, forward.thread_id)
    assert thread is not None
    deadline = _earliest_open_deadline(session, forward.thread_id)
    values: dict[str, object] = {"deadline_at": deadline}
    if deadline is None and thread.status is CaseStatus.FORWARDED:
        values["status"] = CaseStatus.IN_PROGRESS
    versioned_update(session, thread.id, thread.version, values)
    late = now > forward.deadline_at
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.FORWARD_RESULT,
        subject_type="thread",
        subject_id=str(forward.thread_id),
        details={"forward_id": forward.id, "late": late},
        at=now,
    )
    session.expire(thread)
    return forward_row(forward)


def forward_queue(session: Session, *, actor_id: int) -> list[ForwardRow]:
    """Open forwards addressed to the officer's units, earliest deadline first."""
    actor = load_actor(session, actor_id)
    require(actor, Action.VIEW_CASE)
    return queue_for_units(session, actor.scope)


def overdue_forwards(session: Session, *, actor_id: int, now: datetime) -> list[ForwardRow]:
    """Overdue open forwards concerning the leader's units (flagged on his screen)."""
    actor = load_actor(session, actor_id)
    require(actor, Action.VIEW_WORKLOAD)
    return overdue_for_units(session, actor.scope, now)


def escalate(
    session: Session, *, actor_id: int, forward_id: int, note: str, now: datetime
) -> ForwardRow:
    """A shift leader escalates an open forward (usually overdue): recorded, priority raised."""
    actor = load_actor(session, actor_id)
    require(actor, Action.ESCALATE)
    forward = session.get(Forward, forward_id)
    if forward is None:
        raise LookupError(f"forward {forward_id} does not exist")
    require_case(session, actor, Action.ESCALATE, forward.thread_id)
    if forward.state != OPEN:
        raise ForwardError("Chỉ báo cáo vượt cấp khi đơn vị chưa có kết quả.")
    if forward.escalated_at is not None:
        raise PermissionDenied("Đã báo cáo vượt cấp.")
    forward.escalated_at = now
    forward.escalated_by_id = actor.officer_id
    forward.escalation_note = note.strip()[:MAX_TEXT] or None
    session.flush()
    thread = session.get(Thread, forward.thread_id)
    assert thread is not None
    versioned_update(
        session,
        thread.id,
        thread.version,
        {"priority": max(thread.priority, ESCALATED_PRIORITY)},
    )
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.FORWARD_ESCALATED,
        subject_type="thread",
        subject_id=str(forward.thread_id),
        details={
            "forward_id": forward.id,
            "overdue": now > forward.deadline_at,
            "to_unit_id": forward.to_unit_id,
        },
        at=now,
    )
    session.expire(thread)
    return forward_row(forward)


@dataclass(frozen=True, slots=True)
class ForwardView:
    """A forward as one officer may see it on screen (texts masked when ``masked``)."""

    forward: ForwardRow
    to_unit_name: str
    from_unit_name: str | None
    by_officer_name: str
    result_by_name: str | None
    category: Category | None
    urgent: bool
    status: CaseStatus
    preview: str  # the case's last message preview
    protected: bool  # a crime tip or an informant's case
    masked: bool  # instructions, result and preview are masked
    overdue: bool  # open past its deadline, or answered after it (at read time)
    can_record: bool  # this officer may record the result now
    can_escalate: bool  # this officer may escalate it now

    @property
    def id(self) -> int:
        return self.forward.id

    @property
    def thread_id(self) -> int:
        return self.forward.thread_id

    @property
    def deadline_at(self) -> datetime:
        return self.forward.deadline_at

    @property
    def is_open(self) -> bool:
        return self.forward.state == OPEN


def _names(
    session: Session, model: type[Unit] | type[Officer], ids: Iterable[int | None]
) -> dict[int, str]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    column = Unit.name if model is Unit else Officer.display_name
    return {i: n for i, n in session.execute(select(model.id, column).where(model.id.in_(wanted)))}


def _views(
    session: Session,
    actor: Actor,
    rows: Sequence[ForwardRow],
    now: datetime,
    *,
    revealed: frozenset[int] = frozenset(),
) -> list[ForwardView]:
    """``rows`` as ``actor`` may see them; cases in ``revealed`` unmasked (need-to-know checked)."""
    units = _names(session, Unit, [u for r in rows for u in (r.to_unit_id, r.from_unit_id)])
    officers = _names(
        session, Officer, [o for r in rows for o in (r.by_officer_id, r.result_by_id)]
    )
    refs: dict[int, CaseRef] = {}
    previews: dict[int, str] = {}
    for tid in {r.thread_id for r in rows}:
        refs[tid] = case_ref(session, tid)
    if refs:
        previews = {
            tid: text or ""
            for tid, text in session.execute(
                select(Thread.id, Thread.last_preview).where(Thread.id.in_(sorted(refs)))
            )
        }
    out = []
    for row in rows:
        ref = refs[row.thread_id]
        plain = sees_unmasked_by_default(actor, ref) or (
            row.thread_id in revealed and may_reveal(actor, ref)
        )

        def shown(text: str | None, plain: bool = plain) -> str | None:
            return text if text is None or plain else mask_pii(text)

        masked_row = replace(
            row,
            instructions=shown(row.instructions) or "",
            result=shown(row.result),
            escalation_note=shown(row.escalation_note),
        )
        is_open = row.state == OPEN
        out.append(
            ForwardView(
                forward=masked_row,
                to_unit_name=units.get(row.to_unit_id, f"#{row.to_unit_id}"),
                from_unit_name=units.get(row.from_unit_id) if row.from_unit_id else None,
                by_officer_name=officers.get(row.by_officer_id, f"#{row.by_officer_id}"),
                result_by_name=officers.get(row.result_by_id) if row.result_by_id else None,
                category=ref.category,
                urgent=ref.urgent,
                status=ref.status,
                preview=shown(previews.get(row.thread_id, "")[:PREVIEW_CHARS]) or "",
                protected=ref.protected,
                masked=not plain,
                overdue=row.overdue(now),
                can_record=is_open
                and actor.can(Action.RECORD_FORWARD_RESULT)
                and actor.in_scope(row.to_unit_id),
                can_escalate=is_open
                and row.escalated_at is None
                and actor.can(Action.ESCALATE)
                and case_in_scope(actor, ref),
            )
        )
    return out


def case_forwards(
    session: Session, *, actor_id: int, thread_id: int, now: datetime
) -> list[ForwardView]:
    """Every forward of one case (oldest first), masked as the case itself would be."""
    actor = load_actor(session, actor_id)
    require_case(session, actor, Action.VIEW_CASE, thread_id)
    return _views(session, actor, forwards_of_thread(session, thread_id), now)


def reveal_case_forwards(
    session: Session, *, actor_id: int, thread_id: int, now: datetime
) -> list[ForwardView]:
    """The forwards of a protected case unmasked, for need-to-know; recorded like a reveal."""
    actor = load_actor(session, actor_id)
    case = require_case(session, actor, Action.VIEW_PROTECTED, thread_id)
    rows = forwards_of_thread(session, thread_id)
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.PROTECTED_VIEWED,
        subject_type="thread",
        subject_id=str(thread_id),
        details={
            "category": case.category.value if case.category else None,
            "informant": case.informant,
            "forwards": len(rows),
            "reason": "forwards",
        },
        at=now,
    )
    return _views(session, actor, rows, now, revealed=frozenset({thread_id}))


def queue_views(session: Session, *, actor_id: int, now: datetime) -> list[ForwardView]:
    """The officer's forward queue (open forwards to his units, earliest deadline first)."""
    actor = load_actor(session, actor_id)
    require(actor, Action.VIEW_CASE)
    return _views(session, actor, queue_for_units(session, actor.scope), now)


def overdue_views(session: Session, *, actor_id: int, now: datetime) -> list[ForwardView]:
    """The shift leader's overdue forwards, for his screen."""
    actor = load_actor(session, actor_id)
    require(actor, Action.VIEW_WORKLOAD)
    return _views(session, actor, overdue_for_units(session, actor.scope, now), now)


class ForwardingService:
    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    async def forward(
        self,
        actor_id: int,
        thread_id: int,
        to_unit_id: int,
        deadline_at: datetime,
        instructions: str,
        expected_version: int,
    ) -> tuple[int, int]:
        now = self._clock()
        return await self._db.write(
            lambda s: forward_case(
                s,
                actor_id=actor_id,
                thread_id=thread_id,
                to_unit_id=to_unit_id,
                deadline_at=deadline_at,
                instructions=instructions,
                expected_version=expected_version,
                now=now,
            )
        )

    async def record_result(self, actor_id: int, forward_id: int, result: str) -> ForwardRow:
        now = self._clock()
        return await self._db.write(
            lambda s: record_result(
                s, actor_id=actor_id, forward_id=forward_id, result=result, now=now
            )
        )

    async def queue(self, actor_id: int) -> list[ForwardRow]:
        return await self._db.read(lambda s: forward_queue(s, actor_id=actor_id))

    async def overdue(self, actor_id: int) -> list[ForwardRow]:
        now = self._clock()
        return await self._db.read(lambda s: overdue_forwards(s, actor_id=actor_id, now=now))

    async def escalate(self, actor_id: int, forward_id: int, note: str) -> ForwardRow:
        now = self._clock()
        return await self._db.write(
            lambda s: escalate(s, actor_id=actor_id, forward_id=forward_id, note=note, now=now)
        )

    async def of_case(
        self, actor_id: int, thread_id: int, *, reveal: bool = False
    ) -> list[ForwardView]:
        """The case's forwards for the case panel (``reveal``: unmasked, recorded)."""
        now = self._clock()
        if reveal:
            return await self._db.write(
                lambda s: reveal_case_forwards(s, actor_id=actor_id, thread_id=thread_id, now=now)
            )
        return await self._db.read(
            lambda s: case_forwards(s, actor_id=actor_id, thread_id=thread_id, now=now)
        )

    async def queue_view(self, actor_id: int) -> list[ForwardView]:
        now = self._clock()
        return await self._db.read(lambda s: queue_views(s, actor_id=actor_id, now=now))

    async def overdue_view(self, actor_id: int) -> list[ForwardView]:
        now = self._clock()
        return await self._db.read(lambda s: overdue_views(s, actor_id=actor_id, now=now))
