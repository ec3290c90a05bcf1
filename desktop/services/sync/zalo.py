"""Polling a Zalo OA: ``listrecentchat`` newest first, down to the watermark.

A quiet pass is one request: the newest row is at the watermark. The watermark remembers the ids
seen at its exact millisecond, so several messages sharing one timestamp are neither missed nor
read again. Where the platform
answers one row per chat instead of one per message (``zalo_rows_are_messages=False``), each
chat with news is read through ``conversation`` down to the watermark.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from desktop.platforms.normalize import zalo_message
from desktop.platforms.zalo import ZaloClient
from desktop.services.sync.batch import BatchWriter
from desktop.services.sync.outcome import AccountOutcome
from desktop.services.sync.settings import SyncSettings
from desktop.store.database import Database
from desktop.store.sync_state import AccountRow, get_cursor, set_cursor

JsonDict = dict[str, Any]
Fetch = Callable[..., Awaitable[list[JsonDict]]]
RECENT_STREAM = "recent"


def _time_ms(row: JsonDict) -> int:
    value = row.get("time")
    return int(value) if isinstance(value, int | float) else 0


def _user_of(row: JsonDict) -> str:
    return str(row.get("from_id") if row.get("src") == 1 else row.get("to_id"))


@dataclass(frozen=True, slots=True)
class Watermark:
    """The newest message time seen (ms) and the ids seen at exactly that millisecond, so rows
    sharing the newest timestamp are told apart without re-reading them."""

    ms: int | None = None
    ids: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, raw: str | None) -> Watermark:
        if not raw:
            return cls()
        if raw.isdigit():  # the first cursor format: milliseconds only
            return cls(int(raw))
        data = json.loads(raw)
        return cls(int(data["ms"]), frozenset(str(i) for i in data.get("ids", [])))

    def dump(self) -> str:
        return json.dumps({"ms": self.ms, "ids": sorted(self.ids)})

    def covers(self, row: JsonDict) -> bool:
        """Already stored: older than the mark, or at the mark with a known id."""
        if self.ms is None:
            return False
        at = _time_ms(row)
        return at < self.ms or (at == self.ms and str(row.get("message_id")) in self.ids)

    def advanced(self, rows: list[JsonDict]) -> Watermark:
        newest = max([_time_ms(r) for r in rows] + ([self.ms] if self.ms is not None else []))
        ids = {str(r.get("message_id")) for r in rows if _time_ms(r) == newest}
        if newest == self.ms:
            ids |= self.ids
        return Watermark(newest, frozenset(ids))


class ZaloSync:
    def __init__(
        self,
        db: Database,
        zalo: ZaloClient,
        settings: SyncSettings,
        writer: BatchWriter,
    ) -> None:
        self.db = db
        self.zalo = zalo
        self.settings = settings
        self.writer = writer

    async def sync(self, account: AccountRow, token: str, outcome: AccountOutcome) -> None:
        raw = await self.db.read(lambda s: get_cursor(s, account.id, RECENT_STREAM))
        mark = Watermark.parse(raw)
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
        newest = mark.advanced(rows)
        await self.writer.store(
            items,
            outcome,
            also=lambda s: set_cursor(s, account.id, RECENT_STREAM, newest.dump()),
        )

    async def _walk(self, fetch: Fetch, mark: Watermark) -> list[JsonDict]:
        """Rows newer than ``mark``, newest first, page by page until a known row shows."""
        found: list[JsonDict] = []
        offset = 0
        for _ in range(self.settings.max_pages):
            page = await fetch(offset=offset)
            older = False
            for row in page:
                if mark.covers(row):
                    older = True
                    break
                found.append(row)
            if older or len(page) < self.settings.zalo_page:
                break
            offset += len(page)
        return found
