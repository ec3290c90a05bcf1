"""An officer's classification: the case's category and urgency, recorded as a labelled example.

Every correction becomes training data for ``dutydesk classify retrain``. The case's version is
checked, so a change made meanwhile by someone else is never silently overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import Category, CategorySource, Direction
from desktop.store.cases import StaleCase
from desktop.store.corrections import add_correction
from desktop.store.database import Database
from desktop.store.models import Item, Thread

__all__ = ["CorrectionResult", "StaleCase", "classify_case", "correct"]


@dataclass(frozen=True, slots=True)
class CorrectionResult:
    thread_id: int
    version: int
    example_id: int | None


def _first_inbound(session: Session, thread_id: int) -> tuple[int, str] | None:
    row = session.execute(
        select(Item.id, Item.text)
        .where(Item.thread_id == thread_id, Item.direction == Direction.INBOUND, Item.text != "")
        .order_by(Item.created_at, Item.id)
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


def classify_case(
    session: Session,
    *,
    thread_id: int,
    category: Category,
    urgent: bool,
    officer_id: int | None,
    expected_version: int,
) -> CorrectionResult:
    result = session.execute(
        update(Thread)
        .where(Thread.id == thread_id, Thread.version == expected_version)
        .values(
            category=category,
            category_source=CategorySource.OFFICER,
            category_by_id=officer_id,
            confidence=1.0,
            urgent=urgent,
            priority=2 if urgent else 0,
            version=Thread.version + 1,
        )
    )
    if getattr(result, "rowcount", 0) != 1:
        raise StaleCase(f"case {thread_id} changed since it was opened; reload it and decide again")
    first = _first_inbound(session, thread_id)
    example = None
    if first is not None:
        item_id, text = first
        example = add_correction(
            session,
            text=text,
            category=category,
            urgent=urgent,
            item_id=item_id,
            officer_id=officer_id,
        )
    return CorrectionResult(thread_id, expected_version + 1, example)


async def correct(
    db: Database,
    *,
    thread_id: int,
    category: Category,
    urgent: bool,
    officer_id: int | None,
    expected_version: int,
) -> CorrectionResult:
    return await db.write(
        lambda s: classify_case(
            s,
            thread_id=thread_id,
            category=category,
            urgent=urgent,
            officer_id=officer_id,
            expected_version=expected_version,
        )
    )
