"""The unified inbox as the GUI sees it: pages of threads, counts and one thread's items.

Every call runs its query on a reader thread (``Database.read``), never on the caller's thread.
The store's record types are re-exported so that views import them from the service layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from desktop.store.database import Database
from desktop.store.inbox import (
    DEFAULT_PAGE,
    AccountOption,
    InboxCursor,
    InboxFilter,
    InboxPage,
    OfficerOption,
    ThreadRow,
    UnitOption,
    account_options,
    count_each,
    count_threads,
    inbox_page,
    inbox_rows,
    officer_options,
    unit_options,
)
from desktop.store.threads import ItemView, thread_items

__all__ = [
    "AccountOption",
    "InboxCursor",
    "InboxFilter",
    "InboxPage",
    "InboxService",
    "ItemView",
    "OfficerOption",
    "ThreadRow",
    "UnitOption",
]


NO_UNIT = -1  # a unit id that never exists: a scope that shares no unit with the filter


def scoped(flt: InboxFilter, scope: frozenset[int] | None) -> InboxFilter:
    """``flt`` restricted to the units of ``scope`` (None: the officer sees every unit)."""
    if scope is None:
        return flt
    units = flt.unit_ids & scope if flt.unit_ids else scope
    return replace(flt, unit_ids=units or frozenset({NO_UNIT}))


class InboxService:
    """Pages, rows and counts of the inbox, always within the officer's units.

    ``scope`` is the set of units whose cases the signed-in officer may see (his unit and those
    below it: ``desktop.services.units.inbox_unit_ids``); every query is restricted to it here,
    in the service, whatever filter the view asks for. ``None`` (the demo's shift leader, tests,
    headless tools) or a scope covering every unit means no restriction.
    """

    def __init__(
        self, db: Database, *, page_size: int = DEFAULT_PAGE, scope: frozenset[int] | None = None
    ) -> None:
        self._db = db
        self.page_size = page_size
        self.scope = scope

    async def restrict_to(self, scope: frozenset[int] | None) -> None:
        """Set the officer's units; a scope covering every unit is no restriction (and keeps
        the inbox's single-column index plans)."""
        if scope is not None:
            every = {u.id for u in await self.units()}
            if every <= scope:
                scope = None
        self.scope = scope

    async def page(self, flt: InboxFilter, after: InboxCursor | None = None) -> InboxPage:
        """The page of threads after ``after`` (newest activity first)."""
        search, limit, flt = self._db.search, self.page_size, scoped(flt, self.scope)
        return await self._db.read(lambda s: inbox_page(s, flt, search, after=after, limit=limit))

    async def rows(self, flt: InboxFilter, thread_ids: Iterable[int]) -> list[ThreadRow]:
        """Those of ``thread_ids`` that ``flt`` keeps (the others left the filter or vanished)."""
        search, ids, flt = self._db.search, tuple(thread_ids), scoped(flt, self.scope)
        if not ids:
            return []
        return await self._db.read(lambda s: inbox_rows(s, flt, search, ids))

    async def count(self, flt: InboxFilter) -> int:
        search, flt = self._db.search, scoped(flt, self.scope)
        return await self._db.read(lambda s: count_threads(s, flt, search))

    async def counts(self, filters: Sequence[InboxFilter]) -> list[int]:
        """The number of threads of each filter, counted one after another on one reader."""
        search = self._db.search
        todo = tuple(scoped(f, self.scope) for f in filters)
        return await self._db.read(lambda s: count_each(s, todo, search))

    async def units(self) -> list[UnitOption]:
        return await self._db.read(unit_options)

    async def accounts(self) -> list[AccountOption]:
        return await self._db.read(account_options)

    async def officers(self) -> list[OfficerOption]:
        return await self._db.read(officer_options)

    async def thread_items(self, thread_id: int) -> list[ItemView]:
        """The thread's items in time order."""
        return await self._db.read(lambda s: thread_items(s, thread_id))
