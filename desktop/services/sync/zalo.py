"""Polling a Zalo OA: ``listrecentchat`` newest first, down to the watermark.

A quiet pass is one request: the newest row is at the watermark. Rows at the watermark are read
again (same millisecond, late arrival) and ingest ignores the ones it has. Where the platform
answers one row per chat instead of one per message (``zalo_rows_are_messages=False``), each
chat with news is read through ``conversation`` down to the watermark.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from desktop.platforms.normalize import zalo_message
from desktop.platforms.zalo import ZaloClient
from desktop.services.sync.outcome import AccountOutcome
from desktop.services.sync.settings import SyncSettings
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.search import SearchBackend
from desktop.store.sync_state import AccountRow, get_cursor, set_cursor

JsonDict = dict[str, Any]
Fetch = Callable[..., Awaitable[list[JsonDict]]]
RECENT_STREAM = "recent"


def _time_ms(row: JsonDict) -> int:
    value = row.get("time")
    return int(value) if isinstance(value, int | float) else 0


def _user_of(row: JsonDict) -> str:
    return str(row.get("from_id") if row.get("src") == 1 else row.get("to_id"))


class ZaloSync:
    def __init__(
        self, db: Database, zalo: ZaloClient, settings: SyncSettings, search: SearchBackend
    ) -> None:
        self.db = db
        self.zalo = zalo
        self.settings = settings
        self.search = search

    async def sync(self, account: AccountRow, token: str, outcome: AccountOutcome) -> None:
        raw = await self.db.read(lambda s: get_cursor(s, account.id, RECENT_STREAM))
        mark = int(raw) if raw else None
        count = self.settings.zalo_page
        rows = await self._walk(partial(self.zalo.recent_chats, token, count=count), mark)
        if not self.settings.zalo_rows_are_messages:
            users = sorted({_user_of(r) for r in rows})
            rows = []
            for user in users:
                chat = partial(self.zalo.conversation, token, user, count=count)
                rows += await self._walk(chat, mark)
        if not rows:
            return
        items = [zalo_message(account.external_id, row) for row in rows]
        newest = max([_time_ms(r) for r in rows] + ([mark] if mark else []))
        search = self.search

        def write(session: Session) -> None:
            result = ingest_items(session, items=items, search=search)
            outcome.inserted += result.inserted
            outcome.updated += result.updated
            outcome.new_thread_ids |= result.new_thread_ids
            outcome.touched_thread_ids |= result.thread_ids
            set_cursor(session, account.id, RECENT_STREAM, str(newest))

        await self.db.write(write)

    async def _walk(self, fetch: Fetch, mark: int | None) -> list[JsonDict]:
        """Rows at or after ``mark``, newest first, page by page until an older row shows."""
        found: list[JsonDict] = []
        offset = 0
        for _ in range(self.settings.max_pages):
            page = await fetch(offset=offset)
            older = False
            for row in page:
                if mark is not None and _time_ms(row) < mark:
                    older = True
                    break
                found.append(row)
            if older or len(page) < self.settings.zalo_page:
                break
            offset += len(page)
        return found
