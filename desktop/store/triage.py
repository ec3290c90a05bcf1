"""Store the classifier's verdicts on items and carry them up to their threads.

A thread takes the category of its first classified inbound item unless an officer has set one.
Conversations often open with a greeting or thanks ("Chào ad ạ", "Cảm ơn các anh") and only then
say what they are about, so a thread the classifier called ``other`` or ``feedback`` takes the
category of its first later item that says more (a scam report after "chào ad" is a scam report);
an officer's category is never changed. A thread becomes urgent as soon as one of its items is
urgent (an officer clears it). Runs in the same write transaction as the ingest that brought the
items.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import Category, CategorySource, Direction, Platform
from desktop.domain.records import ItemTriage
from desktop.store.models import Item, Thread, table_of

TriageMap = Mapping[tuple[Platform, str], ItemTriage]


def record_triage(session: Session, verdicts: TriageMap) -> set[int]:
    """Write item verdicts (items not yet classified only); returns the threads that changed."""
    if not verdicts:
        return set()
    keys = list(verdicts)
    rows: list[tuple[int, int, Platform, str]] = []
    for platform in {p for p, _ in keys}:
        ids = [e for p, e in keys if p is platform]
        for start in range(0, len(ids), 500):
            rows += [
                (item_id, thread_id, platform, ext)
                for item_id, thread_id, ext in session.execute(
                    select(Item.id, Item.thread_id, Item.external_id).where(
                        Item.platform == platform,
                        Item.external_id.in_(ids[start : start + 500]),
                        Item.category.is_(None),
                        Item.direction == Direction.INBOUND,
                    )
                )
                if ext is not None
            ]
    if not rows:
        return set()
    params = []
    for item_id, _thread, platform, ext in rows:
        v = verdicts[(platform, ext)]
        params.append({"iid": item_id, "cat": v.category, "conf": v.confidence, "urg": v.urgent})
    items = table_of(Item)
    session.connection().execute(
        update(items)
        .where(items.c.id == bindparam("iid"))
        .values(category=bindparam("cat"), confidence=bindparam("conf"), urgent=bindparam("urg")),
        params,
    )
    return _carry_to_threads(session, {thread for _, thread, _, _ in rows}, verdicts, rows)


def _carry_to_threads(
    session: Session,
    thread_ids: set[int],
    verdicts: TriageMap,
    rows: list[tuple[int, int, Platform, str]],
) -> set[int]:
    changed: set[int] = set()
    by_thread: dict[int, list[ItemTriage]] = {}
    for _, thread_id, platform, ext in rows:
        by_thread.setdefault(thread_id, []).append(verdicts[(platform, ext)])
    threads = session.execute(
        select(Thread.id, Thread.category, Thread.category_source, Thread.urgent).where(
            Thread.id.in_(sorted(thread_ids))
        )
    ).all()
    for tid, category, source, urgent in threads:
        found = by_thread.get(tid, [])
        values: dict[str, object] = {}
        chosen = _thread_category(category, source, found)
        if chosen is not None:
            values.update(
                category=chosen.category,
                category_source=CategorySource(chosen.source),
                confidence=chosen.confidence,
            )
        if not urgent and any(v.urgent for v in found):
            values.update(urgent=True, priority=2)
        if values:
            session.execute(update(Thread).where(Thread.id == tid).values(**values))
            changed.add(tid)
    return changed


# What a greeting or thanks is called: a later item that says more gives the thread its category.
OPENING_CATEGORIES = frozenset({Category.OTHER.value, Category.FEEDBACK.value})


def _thread_category(
    current: Category | None, source: CategorySource | None, found: list[ItemTriage]
) -> ItemTriage | None:
    """The verdict whose category the thread should take now (None: keep its own)."""
    if not found:
        return None
    if current is None:
        return found[0]
    if source is CategorySource.OFFICER or current.value not in OPENING_CATEGORIES:
        return None
    return next((v for v in found if v.category not in OPENING_CATEGORIES), None)
