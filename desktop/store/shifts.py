"""The roster (who is on duty for which unit, when) and shift handovers: rows only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import OfficerRole
from desktop.store.models import Handover, Officer, ShiftEntry


class RosterError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class ShiftRow:
    id: int
    officer_id: int
    officer_name: str
    role: OfficerRole
    unit_id: int
    starts_at: datetime
    ends_at: datetime
    is_leader: bool
    ended_early_at: datetime | None
    last_assigned_at: datetime | None


def _shift_rows(session: Session, stmt: Any) -> list[ShiftRow]:
    rows = session.execute(
        stmt.add_columns(Officer.display_name, Officer.role).join(
            Officer, Officer.id == ShiftEntry.officer_id
        )
    )
    out = []
    for entry, name, role in rows:
        out.append(
            ShiftRow(
                entry.id,
                entry.officer_id,
                name,
                role,
                entry.unit_id,
                entry.starts_at,
                entry.ends_at,
                entry.is_leader,
                entry.ended_early_at,
                entry.last_assigned_at,
            )
        )
    return out


def add_shift(
    session: Session,
    *,
    officer_id: int,
    unit_id: int,
    starts_at: datetime,
    ends_at: datetime,
    is_leader: bool,
    by_id: int | None,
) -> int:
    if ends_at <= starts_at:
        raise RosterError("Ca trực phải kết thúc sau khi bắt đầu.")
    overlap = session.execute(
        select(ShiftEntry.id).where(
            ShiftEntry.officer_id == officer_id,
            ShiftEntry.starts_at < ends_at,
            ShiftEntry.ends_at > starts_at,
        )
    ).first()
    if overlap is not None:
        raise RosterError("Cán bộ này đã có ca trực trùng thời gian.")
    entry = ShiftEntry(
        officer_id=officer_id,
        unit_id=unit_id,
        starts_at=starts_at,
        ends_at=ends_at,
        is_leader=is_leader,
        created_by_id=by_id,
    )
    session.add(entry)
    session.flush()
    return entry.id


def roster(
    session: Session, unit_ids: Iterable[int], since: datetime, until: datetime
) -> list[ShiftRow]:
    """Shifts of these units overlapping ``[since, until)``, by start time."""
    stmt = (
        select(ShiftEntry)
        .where(
            ShiftEntry.unit_id.in_(sorted(set(unit_ids))),
            ShiftEntry.starts_at < until,
            ShiftEntry.ends_at > since,
        )
        .order_by(ShiftEntry.starts_at, ShiftEntry.id)
    )
    return _shift_rows(session, stmt)


def on_shift(
    session: Session, now: datetime, unit_ids: Iterable[int] | None = None
) -> list[ShiftRow]:
    """Shifts running at ``now`` (of active officers), optionally of some units only."""
    stmt = select(ShiftEntry).where(
        ShiftEntry.starts_at <= now, ShiftEntry.ends_at > now, Officer.active.is_(True)
    )
    if unit_ids is not None:
        stmt = stmt.where(ShiftEntry.unit_id.in_(sorted(set(unit_ids))))
    return _shift_rows(session, stmt.order_by(ShiftEntry.unit_id, ShiftEntry.officer_id))


def current_shift(session: Session, officer_id: int, now: datetime) -> ShiftEntry | None:
    return session.execute(
        select(ShiftEntry).where(
            ShiftEntry.officer_id == officer_id,
            ShiftEntry.starts_at <= now,
            ShiftEntry.ends_at > now,
        )
    ).scalar_one_or_none()


def end_shift_now(session: Session, officer_id: int, now: datetime) -> int | None:
    """End the officer's running shift at ``now``; its id, or None if he was not on shift."""
    entry = current_shift(session, officer_id, now)
    if entry is None:
        return None
    entry.ends_at = now
    entry.ended_early_at = now
    session.flush()
    return entry.id


def ended_shifts_to_settle(session: Session, now: datetime) -> list[ShiftEntry]:
    """Shifts over by ``now`` whose officer's cases have not been redistributed yet."""
    return list(
        session.execute(
            select(ShiftEntry)
            .where(ShiftEntry.ends_at <= now, ShiftEntry.redistributed_at.is_(None))
            .order_by(ShiftEntry.ends_at, ShiftEntry.id)
        ).scalars()
    )


def add_handover(
    session: Session,
    *,
    unit_id: int,
    from_officer_id: int,
    note: str,
    summary: dict[str, Any],
    now: datetime,
) -> int:
    row = Handover(
        unit_id=unit_id,
        from_officer_id=from_officer_id,
        note=note,
        summary_json=summary,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row.id


@dataclass(frozen=True, slots=True)
class HandoverRow:
    id: int
    unit_id: int
    from_officer_id: int
    note: str
    summary: dict[str, Any]
    created_at: datetime
    acknowledged_by_id: int | None
    acknowledged_at: datetime | None
    from_officer_name: str = ""
    acknowledged_by_name: str | None = None


def handover_row(h: Handover, session: Session | None = None) -> HandoverRow:
    """The row; with a session, the officers' names too."""
    names: dict[int, str] = {}
    if session is not None:
        ids = sorted({i for i in (h.from_officer_id, h.acknowledged_by_id) if i is not None})
        rows = session.execute(select(Officer.id, Officer.display_name).where(Officer.id.in_(ids)))
        names = {oid: name for oid, name in rows}
    return HandoverRow(
        h.id,
        h.unit_id,
        h.from_officer_id,
        h.note,
        h.summary_json,
        h.created_at,
        h.acknowledged_by_id,
        h.acknowledged_at,
        names.get(h.from_officer_id, ""),
        names.get(h.acknowledged_by_id) if h.acknowledged_by_id is not None else None,
    )


def handovers(session: Session, unit_ids: Iterable[int], limit: int = 20) -> list[HandoverRow]:
    rows = session.execute(
        select(Handover)
        .where(Handover.unit_id.in_(sorted(set(unit_ids))))
        .order_by(Handover.created_at.desc(), Handover.id.desc())
        .limit(limit)
    ).scalars()
    return [handover_row(h, session) for h in rows]
