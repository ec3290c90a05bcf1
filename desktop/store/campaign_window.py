"""Recent inbound items by shingle set: where campaign detection looks for near-duplicates.

``RecentItems`` is a bounded in-memory index (about 2 KB an item, see ``docs/benchmarks.md``):
the shingle sets of recent items in a ``MinHashIndex`` (``desktop.store.minhash``) with what
grouping needs (thread, account, time, campaign). ``load_recent`` fills one from the store for
a time span without scanning the items table: threads active since the start
come from the ``(last_activity_at, id)`` index, and their items in the span from
``(thread_id, created_at, id)`` — a thread's last activity is never older than its items.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import Direction, ItemKind
from desktop.store.minhash import THRESHOLD, MinHashIndex, shingle_hashes
from desktop.store.models import Item, Thread
from desktop.text.simhash import MIN_WORDS

DEFAULT_CAPACITY = 100_000  # about 210 MB; a day of a province's inbound items is far less


class NewItem(NamedTuple):
    """An inbound item just ingested, as campaign detection needs it."""

    item_id: int
    thread_id: int
    account_id: int
    text: str
    created_at: datetime


@dataclass(slots=True)
class Member:
    """An indexed inbound item; ``campaign_id`` is kept in step with the store."""

    item_id: int
    thread_id: int
    account_id: int
    created_at: datetime
    shingles: bytes  # ``desktop.store.minhash.hashes_of``
    campaign_id: int | None = None


class RecentItems:
    """Shingle sets of recent items; the oldest (by creation time) leave first when full."""

    def __init__(
        self,
        *,
        threshold: float = THRESHOLD,
        min_words: int = MIN_WORDS,
        capacity: int = DEFAULT_CAPACITY,
    ) -> None:
        self.capacity = capacity
        self.min_words = min_words
        self._index = MinHashIndex(threshold)
        self._members: dict[int, Member] = {}
        self._by_time: list[tuple[datetime, int]] = []
        self._seconds: dict[int, float] = {}  # creation times as POSIX seconds: quick to compare

    def __len__(self) -> int:
        return len(self._members)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._members

    def get(self, item_id: int) -> Member | None:
        return self._members.get(item_id)

    def add(self, member: Member) -> None:
        if member.item_id in self._members:
            self._index.discard(member.item_id)
        self._members[member.item_id] = member
        self._seconds[member.item_id] = _posix(member.created_at)
        self._index.add(member.item_id, member.shingles)
        heapq.heappush(self._by_time, (member.created_at, member.item_id))
        while len(self._members) > self.capacity:
            self._pop_oldest()

    def shingles(self, text: str) -> bytes | None:
        """What the index keeps of ``text``, or None when it is too short to be grouped."""
        return shingle_hashes(text, min_words=self.min_words)

    def near(self, member: Member, window: timedelta) -> list[tuple[Member, float]]:
        """Other members at least the index's threshold similar and within ``window`` of
        ``member``, closest (highest Jaccard similarity) first."""
        seconds, me = self._seconds, member.item_id
        at, span = _posix(member.created_at), window.total_seconds()
        lo, hi = at - span, at + span
        among = [
            k for k in self._index.candidates(member.shingles) if lo <= seconds[k] <= hi and k != me
        ]
        members = self._members
        return [(members[k], s) for k, s in self._index.near(member.shingles, among=among)]

    def prune(self, before: datetime) -> int:
        """Forget members created before ``before``; returns how many left."""
        dropped = 0
        while self._by_time and self._by_time[0][0] < before:
            dropped += self._pop_oldest()
        return dropped

    def _pop_oldest(self) -> int:
        at, item_id = heapq.heappop(self._by_time)
        member = self._members.get(item_id)
        if member is None or member.created_at != at:  # a stale heap entry
            return 0
        del self._members[item_id]
        del self._seconds[item_id]
        self._index.discard(item_id)
        return 1


def _posix(at: datetime) -> float:
    """Seconds since the epoch; the store's times are aware UTC (a naive one is taken as UTC)."""
    return (at if at.tzinfo is not None else at.replace(tzinfo=UTC)).timestamp()


def group_items(
    recent: RecentItems,
    batch: Sequence[NewItem],
    window: timedelta,
    min_accounts: int,
    found_campaign: Callable[[NewItem], int],
) -> tuple[dict[int, list[Member]], set[int]]:
    """Decide the campaign of each new item (see ``desktop.store.campaigns``); no SQL.

    ``found_campaign(item)`` creates a campaign that ``item`` founds and returns its id. Returns the
    members that joined each campaign (their ``campaign_id`` already set) and the new campaigns.
    """
    joined: dict[int, list[Member]] = {}
    created: set[int] = set()
    for item in sorted(batch, key=lambda i: (i.created_at, i.item_id)):
        member = recent.get(item.item_id)
        if member is None:
            value = recent.shingles(item.text)
            if value is None:
                continue
            member = Member(item.item_id, item.thread_id, item.account_id, item.created_at, value)
            recent.add(member)
        if member.campaign_id is not None:
            continue
        near = recent.near(member, window)
        target = next((m.campaign_id for m, _ in near if m.campaign_id is not None), None)
        loose = [member, *(m for m, _ in near if m.campaign_id is None)]
        if target is None:
            if len({m.account_id for m in loose}) < min_accounts:
                continue
            target = found_campaign(item)
            created.add(target)
        for m in loose:
            m.campaign_id = target
        joined.setdefault(target, []).extend(loose)
    return joined, created


def load_recent(
    session: Session,
    into: RecentItems,
    start: datetime,
    end: datetime | None = None,
) -> int:
    """Add the inbound items created in ``[start, end]`` to ``into``; returns how many."""
    active = select(Thread.id).where(Thread.last_activity_at >= start)
    stmt = (
        select(
            Item.id, Item.thread_id, Thread.account_id, Item.text, Item.created_at, Item.campaign_id
        )
        .join(Thread, Thread.id == Item.thread_id)
        .where(
            Item.thread_id.in_(active.scalar_subquery()),
            Item.created_at >= start,
            Item.direction == Direction.INBOUND,
            Item.kind != ItemKind.NOTE,
        )
    )
    if end is not None:
        stmt = stmt.where(Item.created_at <= end)
    added = 0
    for item_id, thread_id, account_id, text, created_at, campaign_id in session.execute(stmt):
        value = into.shingles(text)
        if value is not None:
            into.add(Member(item_id, thread_id, account_id, created_at, value, campaign_id))
            added += 1
    return added
