"""Campaign detection during sync, and bulk actions on a campaign's comments.

``CampaignDetector.observe`` runs on the writer thread inside the ingest's transaction (sync's
``store_batch``) and keeps a warm in-memory index of recent inbound items, so that grouping costs
a shingle set, its MinHash band lookups and an exact check of the few candidates per new item
instead of re-reading the window. The index
follows the store: it is built on first use from the items of the last ``retention``, pruned as
the clock moves, and thrown away (rebuilt on the next call) if a transaction it took part in rolls
back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Protocol

from sqlalchemy import event
from sqlalchemy.orm import Session

from desktop.domain.enums import OutboxKind
from desktop.domain.records import IncomingItem
from desktop.services.access import Action, PermissionDenied, load_actor, require_case
from desktop.services.outbox import ActionRefused
from desktop.store.audit import AuditAction, append_event
from desktop.store.campaign_window import DEFAULT_CAPACITY, NewItem, RecentItems, load_recent
from desktop.store.campaigns import (
    DEFAULT_WINDOW,
    MIN_ACCOUNTS,
    CampaignChanges,
    CampaignRow,
    CampaignThread,
    assign_campaigns,
    campaign_threads,
    comment_targets,
    new_inbound,
    thread_campaign,
)
from desktop.store.database import Database
from desktop.store.outbox import OutboxRow

__all__ = ["CampaignDetector", "CampaignRow", "CampaignThread", "Queue"]

log = logging.getLogger(__name__)


class Queue(Protocol):
    """``OutboxService.queue`` (or a stand-in in tests)."""

    async def __call__(
        self,
        kind: OutboxKind,
        thread_id: int,
        *,
        item_id: int | None = None,
        text: str | None = None,
        officer_id: int | None = None,
        also: Callable[[Session, OutboxRow], None] | None = None,
    ) -> OutboxRow: ...


class CampaignDetector:
    def __init__(
        self,
        db: Database,
        queue: Queue | None = None,
        *,
        window: timedelta = DEFAULT_WINDOW,
        min_accounts: int = MIN_ACCOUNTS,
        retention: timedelta | None = None,
        capacity: int = DEFAULT_CAPACITY,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.db = db
        self.queue = queue
        self.window = window
        self.min_accounts = min_accounts
        # Items arriving up to ``retention - window`` late still meet all their neighbours.
        self.retention = retention if retention is not None else max(4 * window, timedelta(days=1))
        self.capacity = capacity
        self.clock = clock
        self._recent: RecentItems | None = None

    # -- detection (writer thread) -----------------------------------------------------------
    def observe(self, session: Session, incoming: Sequence[IncomingItem]) -> CampaignChanges:
        """After ``ingest_items`` in the same transaction: group the new inbound items."""
        horizon = self.clock() - self.retention
        fresh = [i for i in incoming if i.created_at >= horizon]
        if not fresh:
            return CampaignChanges()
        return self.observe_items(session, new_inbound(session, fresh))

    def observe_items(self, session: Session, items: Sequence[NewItem]) -> CampaignChanges:
        """The same for items already looked up (ids, thread, account, text, time)."""
        horizon = self.clock() - self.retention
        recent = self.warm(session)
        recent.prune(horizon)
        items = [i for i in items if i.created_at >= horizon]
        if not items:
            return CampaignChanges()
        self._watch(session)
        return assign_campaigns(session, items, self.window, self.min_accounts, recent=recent)

    def warm(self, session: Session) -> RecentItems:
        """The index, built from the store's last ``retention`` of items if there is none."""
        if self._recent is None:
            recent = RecentItems(capacity=self.capacity)
            count = load_recent(session, recent, self.clock() - self.retention)
            log.info("campaign index warmed with %d recent items", count)
            self._recent = recent
        return self._recent

    @property
    def indexed(self) -> int:
        return 0 if self._recent is None else len(self._recent)

    def _watch(self, session: Session) -> None:
        """Drop the index if this transaction rolls back (it holds the transaction's changes)."""
        if session.info.get("campaign_detector") is self:
            return
        session.info["campaign_detector"] = self
        event.listen(session, "after_rollback", self._forget, once=True)

    def _forget(self, _session: Session) -> None:
        self._recent = None

    # -- bulk actions (event loop) ---------------------------------------------------------
    async def bulk_action(
        self, campaign_id: int, kind: OutboxKind = OutboxKind.HIDE, *, officer_id: int | None = None
    ) -> int:
        """Queue ``kind`` for every comment of the campaign it would still change.

        Comments already hidden (for a hide), deleted, or with the same action on its way are
        skipped; returns how many actions were queued.
        """
        if self.queue is None:
            raise RuntimeError("the detector was built without an outbox")
        targets = await self.db.read(partial(comment_targets, campaign_id=campaign_id, kind=kind))
        queued = 0
        audit = partial(_audit_bulk, campaign_id=campaign_id, officer_id=officer_id)
        for thread_id, item_id in targets:
            try:
                await self.queue(
                    kind, thread_id, item_id=item_id, officer_id=officer_id, also=audit
                )
            except (ActionRefused, PermissionDenied) as refused:  # that one cannot: go on
                log.warning(
                    "campaign %s: %s of item %s refused: %s", campaign_id, kind, item_id, refused
                )
                continue
            queued += 1
        return queued

    async def of_thread(self, thread_id: int) -> CampaignRow | None:
        """The campaign a case belongs to, if any."""
        return await self.db.read(partial(thread_campaign, thread_id=thread_id))

    async def threads(self, campaign_id: int) -> list[CampaignThread]:
        return await self.db.read(partial(campaign_threads, campaign_id=campaign_id))


_BULK_AUDIT = {
    OutboxKind.HIDE: AuditAction.HIDDEN,
    OutboxKind.UNHIDE: AuditAction.UNHIDDEN,
    OutboxKind.DELETE: AuditAction.DELETED,
}


def _audit_bulk(
    session: Session, row: OutboxRow, *, campaign_id: int, officer_id: int | None
) -> None:
    """Each queued action of a bulk action is checked against the officer's role and units and
    audited, in the transaction that queues it (a refusal rolls the action back)."""
    if officer_id is not None and row.thread_id is not None:
        require_case(session, load_actor(session, officer_id), Action.MODERATE, row.thread_id)
    append_event(
        session,
        actor_id=officer_id,
        action=_BULK_AUDIT[row.kind],
        subject_type="thread",
        subject_id=str(row.thread_id),
        details={"campaign_id": campaign_id, "item_id": row.item_id, "outbox_id": row.id},
    )
