"""The sync engine: passes over every enabled account, on the asyncio loop, never blocking.

One account's failure (expired token, revoked permission, throttling, malformed data) is caught,
recorded as that account's health and skipped until it may be tried again; the others go on.
Usage headers slow an account down before the platform throttles it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence

from sqlalchemy.orm import Session

from desktop.domain.enums import AccountHealth, Platform
from desktop.platforms.credentials import CredentialStore, ZaloTokenManager
from desktop.platforms.errors import PlatformError, RateLimited, TokenError, TokenExpired
from desktop.platforms.graph import GraphClient
from desktop.platforms.usage import UsageTracker
from desktop.platforms.zalo import ZaloClient
from desktop.services.sync.batch import BatchWriter, Grouping, Triage
from desktop.services.sync.facebook import FacebookSync, PageProbe
from desktop.services.sync.outcome import AccountOutcome, SyncSummary, health_for
from desktop.services.sync.settings import SyncSettings
from desktop.services.sync.zalo import ZaloSync
from desktop.store.database import Database
from desktop.store.sync_state import AccountRow, list_accounts, set_health

log = logging.getLogger(__name__)

SummaryListener = Callable[[SyncSummary], None]
Moderate = Callable[[list[int]], Awaitable[object]]
MAX_USAGE_WAIT_S = 60.0


class SyncEngine:
    def __init__(
        self,
        db: Database,
        graph: GraphClient,
        zalo: ZaloClient,
        credentials: CredentialStore,
        zalo_tokens: ZaloTokenManager,
        usage: UsageTracker,
        settings: SyncSettings | None = None,
        clock: Callable[[], float] = time.monotonic,
        triage: Triage | None = None,
        moderate: Moderate | None = None,
        campaigns: Grouping | None = None,
    ) -> None:
        self.db = db
        self.credentials = credentials
        self.zalo_tokens = zalo_tokens
        self.usage = usage
        self.settings = settings or SyncSettings()
        self.clock = clock
        self.sleep = asyncio.sleep  # replaceable in tests
        writer = BatchWriter(db, db.search, triage, campaigns)
        self.facebook = FacebookSync(db, graph, self.settings, writer)
        self.zalo = ZaloSync(db, zalo, self.settings, writer)
        self.moderate = moderate
        self.listeners: list[SummaryListener] = []
        self._resume_at: dict[int, float] = {}
        self._platform_resume: dict[str, float] = {}

    def update_settings(self, settings: SyncSettings) -> None:
        """New tunables take effect from the next pass."""
        self.settings = settings
        self.facebook.settings = settings
        self.zalo.settings = settings

    # -- one pass ----------------------------------------------------------------------------
    async def sync_once(self) -> SyncSummary:
        accounts = await self.db.read(lambda s: list_accounts(s, enabled_only=True))
        now = self.clock()
        due = [
            a
            for a in accounts
            if self._resume_at.get(a.id, 0.0) <= now
            and self._platform_resume.get(a.platform.value, 0.0) <= now
        ]
        outcomes = {a.id: AccountOutcome(a.id, a.name) for a in due}

        pages: list[tuple[AccountRow, str]] = []
        for account in due:
            if account.platform is Platform.FACEBOOK:
                token = await asyncio.to_thread(
                    self.credentials.get_page_token, account.external_id
                )
                if token is None:
                    self._fail(outcomes[account.id], None, "no page token in the keyring")
                else:
                    pages.append((account, token))
        probes: dict[int, PageProbe] = await self.facebook.probe(pages) if pages else {}
        tokens = dict((a.id, t) for a, t in pages)

        slots = asyncio.Semaphore(self.settings.concurrency)

        async def follow(account: AccountRow) -> None:
            outcome = outcomes[account.id]
            if outcome.health is not AccountHealth.OK:
                return
            probe = probes.get(account.id)
            if probe is not None and probe.error is not None:
                self._fail(outcome, probe.error, None)  # report at once: no usage wait first
                return
            wait = min(
                self.usage.delay_for(account.external_id, account.platform.value), MAX_USAGE_WAIT_S
            )
            if wait > 0:  # slow down before the platform throttles
                await self.sleep(wait)
            async with slots:
                try:
                    if account.platform is Platform.FACEBOOK:
                        await self.facebook.follow_up(
                            account, tokens[account.id], probes[account.id], outcome
                        )
                    else:
                        await self._sync_zalo(account, outcome)
                except (PlatformError, Exception) as error:  # one account never stops the rest
                    if not isinstance(error, PlatformError):
                        log.exception("sync of account %s failed unexpectedly", account.id)
                    self._fail(outcome, error, None)
            await self._moderate(outcome)

        await asyncio.gather(*(follow(a) for a in due))
        summary = SyncSummary(tuple(outcomes[a.id] for a in due))
        await self.db.write(lambda s: self._record_health(s, summary.outcomes))
        for listener in list(self.listeners):
            listener(summary)
        return summary

    async def _moderate(self, outcome: AccountOutcome) -> None:
        """Auto-moderation over what this account's pass added (after its writes committed)."""
        if self.moderate is None or not outcome.new_item_ids:
            return
        try:
            await self.moderate(outcome.new_item_ids)
        except Exception:  # moderation must never fail a sync pass
            log.exception("auto-moderation failed for account %s", outcome.account_id)

    async def _sync_zalo(self, account: AccountRow, outcome: AccountOutcome) -> None:
        token = await self.zalo_tokens.access_token(account.external_id)
        try:
            await self.zalo.sync(account, token, outcome)
        except TokenExpired:
            # Zalo access tokens expire (25 h): refresh once with the rotating refresh token.
            token = await self.zalo_tokens.refresh_now(account.external_id, rejected=token)
            await self.zalo.sync(account, token, outcome)

    def _fail(
        self, outcome: AccountOutcome, error: BaseException | None, detail: str | None
    ) -> None:
        if error is None:
            outcome.health, outcome.detail = AccountHealth.TOKEN_EXPIRED, detail
            return
        outcome.health, outcome.detail = health_for(error)
        if isinstance(error, RateLimited):
            outcome.retry_after = error.retry_after
            resume = self.clock() + error.retry_after
            if error.scope == "app":  # the whole app is throttled: pause the platform
                self._platform_resume[error.platform] = resume
            self._resume_at[outcome.account_id] = resume
        elif isinstance(error, TokenError):
            # Polling with a dead token only burns quota: wait for an admin (or a new pass later).
            self._resume_at[outcome.account_id] = self.clock() + self.settings.interval_s * 10

    @staticmethod
    def _record_health(session: Session, outcomes: Sequence[AccountOutcome]) -> None:
        for o in outcomes:
            set_health(session, o.account_id, o.health, o.detail, synced=o.ok)

    # -- continuous ----------------------------------------------------------------------------
    async def run(self, stop: asyncio.Event) -> None:
        """Pass after pass until ``stop`` is set; a failing pass is logged and retried."""
        while not stop.is_set():
            started = self.clock()
            try:
                await self.sync_once()
            except Exception:  # the store itself failed: log, keep the loop alive
                log.exception("sync pass failed")
            remaining = self.settings.interval_s - (self.clock() - started)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=max(1.0, remaining))
