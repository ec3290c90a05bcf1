"""Forwards: a case sent to another unit with a deadline and instructions, and its result."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.store.models import Forward, Thread

OPEN = "open"
ANSWERED = "answered"


@dataclass(frozen=True, slots=True)
class ForwardRow:
    id: int
    thread_id: int
    from_unit_id: int | None
    to_unit_id: int
    by_officer_id: int
    instructions: str
    deadline_at: datetime
    created_at: datetime
    state: str
    result: str | None
    result_at: datetime | None
    result_by_id: int | None
    escalated_at: datetime | None
    escalation_note: str | None

    def overdue(self, now: datetime) -> bool:
        """Past the deadline without a result, or answered after it."""
        if self.result_at is not None:
            return self.result_at > self.deadline_at
        return self.state == OPEN and now > self.deadline_at


def forward_row(f: Forward) -> ForwardRow:
    return ForwardRow(
        f.id,
        f.thread_id,
        f.from_unit_id,
        f.to_unit_id,
        f.by_officer_id,
        f.instructions,
        f.deadline_at,
        f.created_at,
        f.state,
        f.result,
        f.result_at,
        f.result_by_id,
        f.escalated_at,
        f.escalation_note,
    )


def add_forward(
    session: Session,
    *,
    thread_id: int,
    from_unit_id: int | None,
    to_unit_id: int,
    by_officer_id: int,
    instructions: str,
    deadline_at: datetime,
    now: datetime,
) -> Forward:
    row = Forward(
        thread_id=thread_id,
        from_unit_id=from_unit_id,
        to_unit_id=to_unit_id,
        by_officer_id=by_officer_id,
        instructions=instructions,
        deadline_at=deadline_at,
        created_at=now,
        state=OPEN,
    )
    session.add(row)
    session.flush()
    return row


def open_forward_for(session: Session, thread_id: int, to_unit_id: int) -> Forward | None:
    return session.execute(
        select(Forward).where(
            Forward.thread_id == thread_id, Forward.to_unit_id == to_unit_id, Forward.state == OPEN
        )
    ).scalar_one_or_none()


def open_forwards_of(session: Session, thread_id: int) -> int:
    return len(
        session.execute(
            select(Forward.id).where(Forward.thread_id == thread_id, Forward.state == OPEN)
        ).all()
    )


def queue_for_units(session: Session, unit_ids: Iterable[int]) -> list[ForwardRow]:
    """Open forwards addressed to these units, earliest deadline first."""
    rows = session.execute(
        select(Forward)
        .where(Forward.to_unit_id.in_(sorted(set(unit_ids))), Forward.state == OPEN)
        .order_by(Forward.deadline_at, Forward.id)
    ).scalars()
    return [forward_row(f) for f in rows]


def overdue_for_units(session: Session, unit_ids: Iterable[int], now: datetime) -> list[ForwardRow]:
    """Open forwards past their deadline that concern these units (as sender or receiver)."""
    units = sorted(set(unit_ids))
    rows = session.execute(
        select(Forward)
        .join(Thread, Thread.id == Forward.thread_id)
        .where(
            Forward.state == OPEN,
            Forward.deadline_at < now,
            or_(
                Forward.to_unit_id.in_(units),
                Forward.from_unit_id.in_(units),
                Thread.unit_id.in_(units),
            ),
        )
        .order_by(Forward.deadline_at, Forward.id)
    ).scalars()
    return [forward_row(f) for f in rows]


def forwards_of_thread(session: Session, thread_id: int) -> list[ForwardRow]:
    rows = session.execute(
        select(Forward).where(Forward.thread_id == thread_id).order_by(Forward.id)
    ).scalars()
    return [forward_row(f) for f in rows]
