"""Store the classifier's verdicts on items and carry them up to their threads.

A thread takes the category of its first classified inbound item unless an officer has set one;
it becomes urgent as soon as one of its items is urgent (an officer clears it). Runs in the same
write transaction as the ingest that brought the items.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import CategorySource, Direction, Platform
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
    for tid, category, _source, urgent in threads:
        found = by_thread.get(tid, [])
        values: dict[str, object] = {}
        if category is None and found:
            first = found[0]
            values.update(
                category=first.category,
                category_source=CategorySource(first.source),
                confidence=first.confidence,
            )
        if not urgent and any(v.urgent for v in found):
            values.update(urgent=True, priority=2)
        if values:
            session.execute(update(Thread).where(Thread.id == tid).values(**values))
            changed.add(tid)
    return changed
