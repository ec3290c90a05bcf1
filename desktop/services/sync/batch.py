"""Writing one batch of fetched items: classify off the event loop, then ingest, store the
verdicts and move the stream's cursor — all in one write transaction."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import Direction, ItemKind, Platform
from desktop.domain.records import IncomingItem, ItemTriage
from desktop.services.sync.outcome import AccountOutcome
from desktop.store.campaigns import CampaignChanges
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.models import Item
from desktop.store.search import SearchBackend
from desktop.store.triage import record_triage


class Grouping(Protocol):
    """Groups new inbound items into coordinated campaigns (runs in the write transaction)."""

    def observe(self, session: Session, incoming: Sequence[IncomingItem]) -> CampaignChanges: ...


class Triage(Protocol):
    """Classifies texts (CPU work: called in a worker thread)."""

    def __call__(self, texts: Sequence[str]) -> list[ItemTriage]: ...


def _inbound_texts(items: Sequence[IncomingItem]) -> list[IncomingItem]:
    return [
        i
        for i in items
        if i.direction is Direction.INBOUND and i.kind is not ItemKind.NOTE and i.text.strip()
    ]


async def store_batch(
    db: Database,
    search: SearchBackend,
    items: Sequence[IncomingItem],
    outcome: AccountOutcome,
    *,
    triage: Triage | None,
    campaigns: Grouping | None = None,
    also: Callable[[Session], None] | None = None,
) -> None:
    """Ingest ``items`` (with their verdicts) and run ``also`` (the cursor) in one transaction."""
    verdicts: dict[tuple[Platform, str], ItemTriage] = {}
    if triage is not None:
        inbound = _inbound_texts(items)
        if inbound:
            found = await asyncio.to_thread(triage, [i.text for i in inbound])
            verdicts = {(i.platform, i.external_id): v for i, v in zip(inbound, found, strict=True)}

    def write(session: Session) -> None:
        # One writer and growing ids: what is above today's highest id is what this ingest adds.
        before = session.execute(select(func.max(Item.id))).scalar() or 0
        result = ingest_items(session, items=items, search=search)
        if result.inserted:
            outcome.new_item_ids += list(
                session.execute(select(Item.id).where(Item.id > before)).scalars()
            )
        outcome.inserted += result.inserted
        outcome.updated += result.updated
        outcome.new_thread_ids |= result.new_thread_ids
        outcome.touched_thread_ids |= result.thread_ids
        if verdicts:
            outcome.touched_thread_ids |= record_triage(session, verdicts)
        if campaigns is not None and result.inserted:
            outcome.touched_thread_ids |= campaigns.observe(session, items).thread_ids
        if also is not None:
            also(session)

    await db.write(write)


@dataclass(frozen=True, slots=True)
class BatchWriter:
    """What every platform's sync needs to store a batch: the store, its search index and the
    optional triage and campaign steps."""

    db: Database
    search: SearchBackend
    triage: Triage | None = None
    campaigns: Grouping | None = None

    async def store(
        self,
        items: Sequence[IncomingItem],
        outcome: AccountOutcome,
        *,
        also: Callable[[Session], None] | None = None,
    ) -> None:
        await store_batch(
            self.db,
            self.search,
            items,
            outcome,
            triage=self.triage,
            campaigns=self.campaigns,
            also=also,
        )
