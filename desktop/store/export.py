"""Rows for the JSON Lines export: one per item, with its thread's case state."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.models import Account, Item, Officer, Thread

CHUNK = 2000


def export_rows(session: Session, *, after_id: int = 0) -> Iterator[dict[str, Any]]:
    """Items in id order, ``CHUNK`` at a time (keyset paging: constant memory)."""
    last = after_id
    while True:
        rows = session.execute(
            select(
                Item.id,
                Item.platform,
                Account.external_id.label("account_id"),
                Thread.external_id.label("thread_id"),
                Item.external_id.label("item_id"),
                Item.direction,
                Item.author_name,
                Item.text,
                Item.created_at,
                Thread.category,
                Thread.urgent,
                Thread.status,
                Officer.username.label("assignee"),
            )
            .join(Thread, Thread.id == Item.thread_id)
            .join(Account, Account.id == Thread.account_id)
            .outerjoin(Officer, Officer.id == Thread.assignee_id)
            .where(Item.id > last)
            .order_by(Item.id)
            .limit(CHUNK)
        ).all()
        if not rows:
            return
        for row in rows:
            yield {
                "platform": row.platform.value,
                "account_id": row.account_id,
                "thread_id": row.thread_id,
                "item_id": row.item_id,
                "direction": row.direction.value,
                "author": row.author_name,
                "text": row.text,
                "created_time": row.created_at.isoformat(),
                "category": row.category.value if row.category else None,
                "urgent": row.urgent,
                "status": row.status.value,
                "assignee": row.assignee,
            }
        last = rows[-1].id
