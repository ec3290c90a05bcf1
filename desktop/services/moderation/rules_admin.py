"""What the settings dialog's auto-moderation editor needs: rules, accounts, dry runs and recent
hits, each awaitable (reads on the reader pool, writes on the writer thread). No Qt.

Editing a rule that has fired replaces it (``store.moderation.update_rule``): the returned row
is the rule as it now is, possibly with a new id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy.orm import Session

from desktop.domain.enums import OutboxState, Platform
from desktop.services.access import Action, load_actor, require
from desktop.services.moderation import dry_run as dry
from desktop.store import moderation as store
from desktop.store import outbox as outbox_store
from desktop.store.audit import AuditAction, append_event
from desktop.store.database import Database
from desktop.store.sync_state import list_accounts

# Re-exported for the views (which import types from services, never from the store).
RuleDraft = store.RuleDraft
RuleRow = store.RuleRow
RuleError = store.RuleError
DryRunReport = dry.DryRunReport
DryRunSample = dry.DryRunSample
Progress = dry.Progress

HIT_PREVIEW_CHARS = 200


@dataclass(frozen=True, slots=True)
class AccountChoice:
    """An account a rule can be limited to (Facebook Pages: only their comments are moderated)."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class HitView:
    """One firing of a rule, as the officer reviews it."""

    hit_id: int
    rule_id: int
    rule_name: str
    item_id: int
    text: str  # the item as the rule saw it (from its revision if it changed since), shortened
    action_state: OutboxState | None  # the hide/delete in the outbox (None: not queued yet)
    created_at: datetime


class RulesAdmin:
    def __init__(self, db: Database, *, officer_id: int | None = None) -> None:
        self.db = db
        self.officer_id = officer_id

    async def rules(self) -> list[RuleRow]:
        """Every rule, enabled or not, oldest first."""
        return await self.db.read(store.list_rules)

    async def accounts(self) -> list[AccountChoice]:
        rows = await self.db.read(list_accounts)
        return [AccountChoice(r.id, r.name) for r in rows if r.platform is Platform.FACEBOOK]

    async def create(self, draft: RuleDraft) -> RuleRow:
        store.validate_draft(draft)

        def work(session: Session) -> RuleRow:
            self._allowed(session)
            row = store.create_rule(session, draft=draft, created_by_id=self.officer_id)
            self._audit(session, row, "created")
            return row

        return await self.db.write(work)

    async def update(self, rule_id: int, draft: RuleDraft) -> RuleRow:
        store.validate_draft(draft)

        def work(session: Session) -> RuleRow:
            self._allowed(session)
            row = store.update_rule(
                session, rule_id=rule_id, draft=draft, officer_id=self.officer_id
            )
            self._audit(session, row, "updated", previous_id=rule_id)
            return row

        return await self.db.write(work)

    async def set_enabled(self, rule_id: int, enabled: bool) -> RuleRow:
        def work(session: Session) -> RuleRow:
            self._allowed(session)
            row = store.set_enabled(session, rule_id=rule_id, enabled=enabled)
            self._audit(session, row, "enabled" if enabled else "disabled")
            return row

        return await self.db.write(work)

    def _allowed(self, session: Session) -> None:
        """Rule changes are a unit admin's (refused here, whatever the dialog shows)."""
        if self.officer_id is not None:
            require(load_actor(session, self.officer_id), Action.MANAGE_MODERATION_RULES)

    def _audit(self, session: Session, row: RuleRow, change: str, **details: Any) -> None:
        append_event(
            session,
            actor_id=self.officer_id,
            action=AuditAction.RULE_CHANGED,
            subject_type="moderation_rule",
            subject_id=str(row.id),
            details={
                "change": change,
                "condition": row.condition.value,
                "action": row.action.value,
                "enabled": row.enabled,
                "account_id": row.account_id,
                **details,
            },
        )

    async def dry_run(
        self,
        rule: RuleDraft | RuleRow,
        *,
        limit: int | None = None,
        progress: Progress | None = None,
        sample_size: int = 20,
    ) -> DryRunReport:
        """What ``rule`` would do over the cached items; queues nothing."""
        return await dry.dry_run(
            self.db, rule, limit=limit, progress=progress, sample_size=sample_size
        )

    async def recent_hits(self, limit: int = 50) -> list[HitView]:
        """The newest ``limit`` hits of every rule, newest first."""
        return await self.db.read(partial(_recent_hits, limit=limit))


def _recent_hits(session: Session, limit: int) -> list[HitView]:
    rules = {r.id: r for r in store.list_rules(session)}
    hits: list[store.HitRow] = []
    for rule_id in rules:
        hits += store.hits_for_rule(session, rule_id, limit=limit)
    hits.sort(key=lambda h: h.id, reverse=True)
    found = []
    for hit in hits[:limit]:
        seen = store.evidence(session, hit.id)
        state = None
        if hit.outbox_action_id is not None:
            state = outbox_store.get(session, hit.outbox_action_id).state
        found.append(
            HitView(
                hit.id,
                hit.rule_id,
                rules[hit.rule_id].name,
                hit.item_id,
                "" if seen is None else seen.text[:HIT_PREVIEW_CHARS],
                state,
                hit.created_at,
            )
        )
    return found
