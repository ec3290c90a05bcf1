"""Small read helpers the sync engine needs while it turns platform pages into items."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import Platform
from desktop.store.models import Item, Post, Thread


def comment_roots(session: Session, comment_ids: Iterable[str]) -> dict[str, str]:
    """For comments already stored: comment id → its thread's root (top-level) comment id."""
    ids = sorted(set(comment_ids))
    roots: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = session.execute(
            select(Item.external_id, Thread.external_id)
            .join(Thread, Thread.id == Item.thread_id)
            .where(Item.platform == Platform.FACEBOOK, Item.external_id.in_(chunk))
        )
        for item_id, root in rows:
            if item_id is not None:
                roots[item_id] = root
    return roots


def known_item_ids(session: Session, platform: Platform, external_ids: Iterable[str]) -> set[str]:
    """Which of these platform ids are already stored."""
    ids = sorted(set(external_ids))
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(Item.external_id).where(
                Item.platform == platform, Item.external_id.in_(ids[start : start + 500])
            )
        )
        found.update(r for (r,) in rows if r is not None)
    return found


def post_comment_ids(session: Session, account_id: int, post_external_id: str) -> set[str]:
    """Every stored, not-deleted comment id under a post (for spotting platform deletions)."""
    rows = session.execute(
        select(Item.external_id)
        .join(Thread, Thread.id == Item.thread_id)
        .join(Post, Post.id == Thread.post_id)
        .where(
            Post.external_id == post_external_id,
            Post.account_id == account_id,
            Item.is_deleted.is_(False),
            Item.external_id.is_not(None),
        )
    )
    return {r for (r,) in rows if r is not None}


def mark_deleted(session: Session, platform: Platform, external_ids: Iterable[str]) -> int:
    """Record platform-side deletions: the flag is set, the text stays as evidence."""
    ids = sorted(set(external_ids))
    changed = 0
    for start in range(0, len(ids), 500):
        result = session.execute(
            update(Item)
            .where(
                Item.platform == platform,
                Item.external_id.in_(ids[start : start + 500]),
                Item.is_deleted.is_(False),
            )
            .values(is_deleted=True, captured_at=datetime.now(UTC))
        )
        changed += int(getattr(result, "rowcount", 0) or 0)
    return changed
