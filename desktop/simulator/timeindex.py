"""An ordered index of items by (timestamp, sequence) with cursor-style slicing.

Every list the simulator pages through (a Page's posts, a post's comments, a comment's replies,
a conversation's messages, a Page's conversations by last update, an OA's messages) is one of
these, so a request costs O(log n + limit) whatever the size of the world.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
Key = tuple[float, int]


@dataclass(frozen=True, slots=True)
class Slice(Generic[T]):
    items: list[T]
    keys: list[Key]
    has_next: bool  # more items further along the presentation order
    has_previous: bool  # items before the first one returned


class TimeIndex(Generic[T]):
    __slots__ = ("_items", "_keys")

    def __init__(self) -> None:
        self._keys: list[Key] = []
        self._items: list[T] = []

    def __len__(self) -> int:
        return len(self._keys)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def add(self, key: Key, item: T) -> None:
        if not self._keys or key >= self._keys[-1]:
            self._keys.append(key)
            self._items.append(item)
            return
        pos = bisect.bisect_right(self._keys, key)
        self._keys.insert(pos, key)
        self._items.insert(pos, item)

    def remove(self, key: Key) -> bool:
        pos = bisect.bisect_left(self._keys, key)
        if pos < len(self._keys) and self._keys[pos] == key:
            del self._keys[pos]
            del self._items[pos]
            return True
        return False

    def latest(self) -> T | None:
        return self._items[-1] if self._items else None

    def newest(self, count: int, offset: int = 0) -> list[T]:
        """Newest first, skipping ``offset`` newest (Zalo's offset/count paging)."""
        end = len(self._items) - offset
        if end <= 0 or count <= 0:
            return []
        start = max(0, end - count)
        return self._items[start:end][::-1]

    def count_between(self, since: float | None, until: float | None) -> int:
        lo, hi = self._bounds(since, until)
        return max(0, hi - lo)

    def _bounds(self, since: float | None, until: float | None) -> tuple[int, int]:
        lo = 0 if since is None else bisect.bisect_left(self._keys, (since, -1))
        hi = (
            len(self._keys)
            if until is None
            else bisect.bisect_right(self._keys, (until, sys.maxsize))
        )
        return lo, hi

    def page(
        self,
        *,
        limit: int,
        descending: bool,
        after: Key | None = None,
        before: Key | None = None,
        since: float | None = None,
        until: float | None = None,
    ) -> Slice[T]:
        """One page in presentation order (newest first when ``descending``).

        ``after`` continues past a key in presentation order, ``before`` goes back towards the
        start; ``since``/``until`` bound the timestamps (both inclusive).
        """
        lo, hi = self._bounds(since, until)
        keys = self._keys
        if not descending:
            if before is not None:
                end = min(hi, bisect.bisect_left(keys, before))
                start = max(lo, end - limit)
            else:
                start = lo if after is None else max(lo, bisect.bisect_right(keys, after))
                end = min(hi, start + limit)
            start = max(lo, min(start, hi))
            end = max(start, min(end, hi))
            return Slice(self._items[start:end], keys[start:end], end < hi, start > lo)
        if before is not None:
            start = max(lo, bisect.bisect_right(keys, before))
            end = min(hi, start + limit)
        else:
            end = hi if after is None else min(hi, bisect.bisect_left(keys, after))
            start = max(lo, end - limit)
        start = max(lo, min(start, hi))
        end = max(start, min(end, hi))
        return Slice(self._items[start:end][::-1], keys[start:end][::-1], start > lo, end < hi)
