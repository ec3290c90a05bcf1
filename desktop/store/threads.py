"""One thread's items in time order, for the thread pane (portable SQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import Direction, ItemKind
from desktop.store.models import Item

MAX_ITEMS = 1000


@dataclass(frozen=True, slots=True)
class ItemView:
    """What the thread pane shows of one item (citizen text is untrusted: display it plainly)."""

    author: str
    direction: Direction
    kind: ItemKind
    text: str
    created_at: datetime
    is_hidden: bool
    is_deleted: bool
    item_id: int = 0
    external_id: str | None = None  # None: an internal note or a reply not yet sent
    attachments: tuple[dict[str, Any], ...] = ()  # metadata only (type, name, size, url)
    edited: bool = False


def thread_items(session: Session, thread_id: int, *, limit: int = MAX_ITEMS) -> list[ItemView]:
    """The thread's items, oldest first (walks ``ix_items_thread_created``)."""
    stmt = (
        select(
            Item.author_name,
            Item.direction,
            Item.kind,
            Item.text,
            Item.created_at,
            Item.is_hidden,
            Item.is_deleted,
            Item.id,
            Item.external_id,
            Item.attachments_json,
            Item.edited_at,
        )
        .where(Item.thread_id == thread_id)
        .order_by(Item.created_at, Item.id)
        .limit(limit)
    )
    return [
        ItemView(
            author=author or "",
            direction=direction,
            kind=kind,
            text=text or "",
            created_at=created_at,
            is_hidden=bool(hidden),
            is_deleted=bool(deleted),
            item_id=item_id,
            external_id=external_id,
            attachments=tuple(a for a in attachments or () if isinstance(a, dict)),
            edited=edited_at is not None,
        )
        for (
            author,
            direction,
            kind,
            text,
            created_at,
            hidden,
            deleted,
            item_id,
            external_id,
            attachments,
            edited_at,
        ) in session.execute(stmt)
    ]
