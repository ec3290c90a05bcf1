"""The unified inbox as the GUI sees it: pages of threads, counts and one thread's items.

Every call runs its query on a reader thread (``Database.read``), never on the caller's thread.
The store's record types are re-exported so that views import them from the service layer.
"""

from __future__ import annotations

from desktop.store.database import Database
from desktop.store.inbox import (
    DEFAULT_PAGE,
    InboxCursor,
    InboxFilter,
    InboxPage,
    ThreadRow,
    count_threads,
    inbox_page,
)
from desktop.store.threads import ItemView, thread_items

__all__ = [
    "InboxCursor",
    "InboxFilter",
    "InboxPage",
    "InboxService",
    "ItemView",
    "ThreadRow",
]


class InboxService:
    def __init__(self, db: Database, *, page_size: int = DEFAULT_PAGE) -> None:
        self._db = db
        self.page_size = page_size

    async def page(self, flt: InboxFilter, after: InboxCursor | None = None) -> InboxPage:
        """The page of threads after ``after`` (newest activity first)."""
        search, limit = self._db.search, self.page_size
        return await self._db.read(lambda s: inbox_page(s, flt, search, after=after, limit=limit))

    async def count(self, flt: InboxFilter) -> int:
        search = self._db.search
        return await self._db.read(lambda s: count_threads(s, flt, search))

    async def thread_items(self, thread_id: int) -> list[ItemView]:
        """The thread's items in time order."""
        return await self._db.read(lambda s: thread_items(s, thread_id))
