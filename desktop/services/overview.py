"""Headline counts of the local store, for the window's first paint and the status bar."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import CaseStatus
from desktop.store.database import Database
from desktop.store.models import Account, Item, Thread


@dataclass(frozen=True, slots=True)
class StoreOverview:
    accounts: int
    threads: int
    open_threads: int
    urgent_open: int
    items: int


def _overview(session: Session) -> StoreOverview:
    open_states = [
        CaseStatus.NEW,
        CaseStatus.IN_PROGRESS,
        CaseStatus.FORWARDED,
        CaseStatus.REOPENED,
    ]
    return StoreOverview(
        accounts=session.execute(select(func.count()).select_from(Account)).scalar_one(),
        threads=session.execute(select(func.count()).select_from(Thread)).scalar_one(),
        open_threads=session.execute(
            select(func.count()).select_from(Thread).where(Thread.status.in_(open_states))
        ).scalar_one(),
        urgent_open=session.execute(
            select(func.count())
            .select_from(Thread)
            .where(Thread.urgent.is_(True), Thread.status.in_(open_states))
        ).scalar_one(),
        items=session.execute(select(func.max(Item.id))).scalar_one() or 0,
    )


async def load_overview(db: Database) -> StoreOverview:
    return await db.read(_overview)
