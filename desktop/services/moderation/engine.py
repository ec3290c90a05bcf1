"""Auto-moderation: enabled rules act on new comments, through the outbox, with evidence first.

For each new item sync hands over, the moderatable ones (inbound comments and replies, not
hidden, not deleted, never moderated before, not older than ``max_age``) are checked against
their account's rules, then the global ones, each by id; the first rule that matches fires:

1. ``claim`` (one write transaction): re-check the item, record the hit with the item's
   ``content_hash`` — the evidence fingerprint; raw JSON and text stay on the item and, if the
   platform changes them later, in ``item_revisions`` (``store.moderation.evidence``);
2. ``OutboxService.queue(rule.action, thread_id, item_id=...)``: written before it is sent,
   sent by the outbox loop, read back on the platform when the outcome is unknown;
3. ``link_hit``: the hit records the outbox action.

A refusal by the outbox (the comment is not on the platform, say) discards the claim: nothing
happened. If the app stops between 1 and 3, ``resume`` finishes the job at the next start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Protocol

from sqlalchemy.orm import Session

from desktop.domain.enums import OutboxKind
from desktop.services.moderation import dry_run as dry
from desktop.services.moderation.conditions import Subject, evidence
from desktop.services.outbox import ActionRefused
from desktop.store import moderation as store
from desktop.store.database import Database
from desktop.store.outbox import OutboxRow

log = logging.getLogger(__name__)

DEFAULT_MAX_AGE = timedelta(days=3)


class Outbox(Protocol):
    """What the engine needs of ``OutboxService``."""

    async def queue(
        self,
        kind: OutboxKind,
        thread_id: int,
        *,
        item_id: int | None = None,
        text: str | None = None,
        officer_id: int | None = None,
    ) -> OutboxRow: ...


@dataclass(frozen=True, slots=True)
class Decision:
    item: store.Candidate
    rule: store.RuleRow
    evidence: str


@dataclass(frozen=True, slots=True)
class Fired:
    hit: store.HitRow  # with the rule, the content hash and the outbox action
    evidence: str  # what the condition found


@dataclass(frozen=True, slots=True)
class Refused:
    item_id: int
    rule_id: int
    reason: str


@dataclass(frozen=True, slots=True)
class ModerationOutcome:
    fired: tuple[Fired, ...] = ()
    refused: tuple[Refused, ...] = ()
    skipped: int = 0  # decided, but the item could no longer be acted on when claimed


def first_match(
    rules: Sequence[store.RuleRow], item: store.Candidate
) -> tuple[store.RuleRow, str] | None:
    """The first rule (in the given order) that matches ``item``, with its evidence."""
    subject = Subject(item.text, item.category, item.confidence)
    for rule in rules:
        found = evidence(dry.criterion_of(rule), subject)
        if found is not None:
            return rule, found
    return None


@dataclass
class _Run:
    fired: list[Fired] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    skipped: int = 0


class ModerationEngine:
    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        max_age: timedelta | None = DEFAULT_MAX_AGE,
    ) -> None:
        self.db = db
        self.outbox = outbox
        self.clock = clock
        self.max_age = max_age
        self._in_flight: set[int] = set()  # hits claimed and not yet linked by this process

    # -- new items ----------------------------------------------------------------------------
    async def on_new_items(self, item_ids: Iterable[int]) -> ModerationOutcome:
        """Apply the enabled rules to newly ingested items (call after their write committed)."""
        ids = sorted(set(item_ids))
        if not ids:
            return ModerationOutcome()
        now = self.clock()
        decisions = await self.db.read(lambda s: self._decide(s, ids, now))
        run = _Run()
        for decision in decisions:
            await self._fire(decision, run)
        return ModerationOutcome(tuple(run.fired), tuple(run.refused), run.skipped)

    def _decide(self, session: Session, ids: list[int], now: datetime) -> list[Decision]:
        items = store.unmoderated(session, ids)
        if self.max_age is not None:
            oldest = now - self.max_age
            items = [i for i in items if i.created_at >= oldest]
        rules = store.rules_for_accounts(session, {i.account_id for i in items})
        decisions = []
        for item in items:
            found = first_match(rules[item.account_id], item)
            if found is not None:
                decisions.append(Decision(item, found[0], found[1]))
        return decisions

    async def _fire(self, decision: Decision, run: _Run) -> None:
        item, rule = decision.item, decision.rule
        now = self.clock()
        hit = await self.db.write(lambda s: store.claim(s, rule.id, item.item_id, now=now))
        if hit is None:
            run.skipped += 1
            return
        self._in_flight.add(hit.id)
        try:
            action = await self._queue(hit, rule.action, item.thread_id)
        finally:
            self._in_flight.discard(hit.id)
        if isinstance(action, Refused):
            run.refused.append(action)
            return
        log.info("moderation rule %s: %s queued for item %s", rule.id, rule.action, item.item_id)
        run.fired.append(Fired(action, decision.evidence))

    async def _queue(
        self, hit: store.HitRow, kind: OutboxKind, thread_id: int
    ) -> store.HitRow | Refused:
        """Queue the hit's action and link it. A refusal discards the claim; an unexpected error
        leaves it for ``resume`` (the action may or may not have been written)."""
        try:
            row = await self.outbox.queue(kind, thread_id, item_id=hit.item_id)
        except ActionRefused as refused:
            # Raised inside the outbox's write transaction: nothing was written.
            await self.db.write(lambda s: store.discard_claim(s, hit.id))
            log.warning(
                "moderation rule %s refused on item %s: %s", hit.rule_id, hit.item_id, refused
            )
            return Refused(hit.item_id, hit.rule_id, str(refused))
        except Exception as error:  # unknown whether it was written: ``resume`` settles it
            log.exception(
                "moderation rule %s: queueing failed for item %s", hit.rule_id, hit.item_id
            )
            return Refused(hit.item_id, hit.rule_id, f"internal error: {type(error).__name__}")
        return await self.db.write(lambda s: store.link_hit(s, hit.id, row.id))

    # -- after a crash --------------------------------------------------------------------------
    async def resume(self) -> ModerationOutcome:
        """Finish hits left without an action (the app stopped between claim and link): link the
        action if it was queued, else queue it now. Call at start-up, before sync runs."""
        pending = await self.db.read(store.unlinked_hits)
        run = _Run()
        for hit, kind, thread_id in pending:
            if hit.id in self._in_flight:
                continue
            queued = await self.db.read(
                partial(store.unlinked_action, item_id=hit.item_id, kind=kind)
            )
            if queued is not None:
                linked = await self.db.write(
                    partial(store.link_hit, hit_id=hit.id, outbox_action_id=queued)
                )
                run.fired.append(Fired(linked, "resumed"))
                continue
            if not await self.db.read(partial(store.actionable, item_id=hit.item_id)):
                # Hidden, deleted or on its way meanwhile (by an officer): nothing to do.
                await self.db.write(partial(store.discard_claim, hit_id=hit.id))
                run.skipped += 1
                continue
            result = await self._queue(hit, kind, thread_id)
            if isinstance(result, Refused):
                run.refused.append(result)
            else:
                run.fired.append(Fired(result, "resumed"))
        return ModerationOutcome(tuple(run.fired), tuple(run.refused), run.skipped)

    # -- dry run --------------------------------------------------------------------------------
    async def dry_run(
        self,
        rule: store.RuleDraft | store.RuleRow,
        *,
        limit: int | None = None,
        progress: dry.Progress | None = None,
        page_size: int = 2000,
        sample_size: int = 20,
    ) -> dry.DryRunReport:
        """What ``rule`` (saved or not) would do over the newest ``limit`` cached items."""
        return await dry.dry_run(
            self.db,
            rule,
            limit=limit,
            progress=progress,
            page_size=page_size,
            sample_size=sample_size,
        )
