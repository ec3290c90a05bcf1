"""The query behind urgent-case alerts: which of the given threads are urgent, open and recent."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import CaseStatus, Category, Channel
from desktop.store.models import Account, Thread

OPEN_STATES = (CaseStatus.NEW, CaseStatus.IN_PROGRESS, CaseStatus.FORWARDED, CaseStatus.REOPENED)
CHUNK = 500  # SQLite's bound-parameter limit is far above this; keeps statements small


@dataclass(frozen=True, slots=True)
class UrgentCase:
    thread_id: int
    account_name: str
    channel: Channel
    category: Category | None
    last_citizen_at: datetime


def urgent_open_among(
    session: Session, thread_ids: Collection[int], *, since: datetime
) -> list[UrgentCase]:
    """Urgent, open threads among ``thread_ids`` whose citizen wrote at or after ``since``."""
    ids = sorted(thread_ids)
    found: list[UrgentCase] = []
    for start in range(0, len(ids), CHUNK):
        stmt = (
            select(Thread.id, Account.name, Thread.channel, Thread.category, Thread.last_citizen_at)
            .join(Account, Account.id == Thread.account_id)
            .where(
                Thread.id.in_(ids[start : start + CHUNK]),
                Thread.urgent.is_(True),
                Thread.status.in_(OPEN_STATES),
                Thread.last_citizen_at >= since,
            )
        )
        for tid, name, channel, category, citizen_at in session.execute(stmt):
            if citizen_at is not None:  # implied by the filter; narrows the type
                found.append(UrgentCase(tid, name, channel, category, citizen_at))
    found.sort(key=lambda c: (c.last_citizen_at, c.thread_id), reverse=True)
    return found
