"""Urgent-case alerts: after each sync pass, which urgent cases the officer has not been told of.

Only cases where a citizen wrote recently raise an alert: the first backfill of weeks of history
must not flood the desk with alerts for old cases (they are in the inbox's "urgent" view). Each
case alerts once per run of the workstation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta

from desktop.store.alerts import UrgentCase, urgent_open_among
from desktop.store.database import Database

__all__ = ["RECENT", "UrgentCase", "UrgentWatcher"]

RECENT = timedelta(hours=2)


class UrgentWatcher:
    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        recent: timedelta = RECENT,
    ) -> None:
        self._db = db
        self._clock = clock
        self._recent = recent
        self._told: set[int] = set()

    async def check(self, thread_ids: Iterable[int]) -> list[UrgentCase]:
        """The urgent open cases among ``thread_ids`` not alerted before (newest first)."""
        ids = {i for i in thread_ids if i not in self._told}
        if not ids:
            return []
        since = self._clock() - self._recent
        cases = await self._db.read(lambda s: urgent_open_among(s, ids, since=since))
        self._told.update(c.thread_id for c in cases)
        return cases
