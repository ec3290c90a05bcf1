"""What the case panel's optional sections need of the issue-6 services (their async methods).

The composition root passes the services themselves (``ForwardingService``, ``NoteService``,
``SlaService``); these Protocols keep the views free of the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from desktop.services.forwarding import ForwardView
from desktop.services.notes import Mentionable, MentionRow, NoteResult
from desktop.store.forwarding import ForwardRow
from desktop.store.sla import SlaClock


class ForwardActions(Protocol):
    async def forward(
        self,
        actor_id: int,
        thread_id: int,
        to_unit_id: int,
        deadline_at: datetime,
        instructions: str,
        expected_version: int,
    ) -> tuple[int, int]: ...
    async def record_result(self, actor_id: int, forward_id: int, result: str) -> ForwardRow: ...
    async def of_case(
        self, actor_id: int, thread_id: int, *, reveal: bool = False
    ) -> list[ForwardView]: ...


class NoteActions(Protocol):
    async def add(self, actor_id: int, thread_id: int, text: str) -> NoteResult: ...
    async def mentions(self, actor_id: int) -> list[MentionRow]: ...
    async def mentionable(self, actor_id: int) -> list[Mentionable]: ...
    async def seen(self, actor_id: int, thread_id: int) -> int: ...


class SlaActions(Protocol):
    async def clocks(self, actor_id: int, thread_ids: Iterable[int]) -> dict[int, SlaClock]: ...
    async def resolve(
        self, actor_id: int, thread_id: int, expected_version: int, outcome: str | None = None
    ) -> int: ...
    async def reopen(self, actor_id: int, thread_id: int, expected_version: int) -> int: ...
