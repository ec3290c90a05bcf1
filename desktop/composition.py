"""Builds the service graph from configuration: shared by the GUI's composition root
(``desktop.app``) and the headless commands (``desktop.cli``)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import httpx

from desktop.config import Config
from desktop.domain.records import ItemTriage
from desktop.platforms.credentials import CredentialStore, ZaloTokenManager
from desktop.platforms.graph import GraphClient
from desktop.platforms.http import PlatformHttp
from desktop.platforms.usage import UsageTracker
from desktop.platforms.zalo import ZaloClient
from desktop.services.campaigns import CampaignDetector
from desktop.services.moderation.engine import ModerationEngine
from desktop.services.outbox import OutboxService
from desktop.services.sync.batch import Triage
from desktop.services.sync.engine import SyncEngine
from desktop.services.sync.settings import SyncSettings
from desktop.store.database import Database

if TYPE_CHECKING:
    from desktop.classify.classifier import Classifier
    from desktop.services.cases import OffensiveWords

log = logging.getLogger(__name__)


@dataclass(slots=True)
class PlatformServices:
    http: PlatformHttp
    graph: GraphClient
    zalo: ZaloClient
    credentials: CredentialStore
    zalo_tokens: ZaloTokenManager
    sync: SyncEngine
    outbox: OutboxService
    moderation: ModerationEngine
    campaigns: CampaignDetector

    async def recover(self) -> None:
        """After a crash: settle interrupted sends, then finish half-done auto-moderation."""
        await self.outbox.recover()
        await self.moderation.resume()


def build_platform_services(
    config: Config,
    db: Database,
    client: httpx.AsyncClient,
    credentials: CredentialStore,
    sync_settings: SyncSettings | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    triage: Triage | None = None,
) -> PlatformServices:
    usage = UsageTracker()
    http = PlatformHttp(client, usage)
    graph = GraphClient(http, config.urls.graph)
    zalo = ZaloClient(http, config.urls.zalo, config.urls.zalo_oauth, clock=clock)
    tokens = ZaloTokenManager(zalo, credentials, clock)
    sender = OutboxService(db, graph, zalo, credentials, tokens, clock)
    moderation = ModerationEngine(db, sender, clock=clock)
    campaigns = CampaignDetector(db, sender.queue, clock=clock)
    engine = SyncEngine(
        db,
        graph,
        zalo,
        credentials,
        tokens,
        usage,
        sync_settings,
        triage=triage,
        moderate=moderation.on_new_items,
        campaigns=campaigns,
    )
    return PlatformServices(
        http, graph, zalo, credentials, tokens, engine, sender, moderation, campaigns
    )


def load_classifier(config: Config) -> Classifier | None:
    """The classifier (the officer's retrained model first); None without a usable model
    (logged once: sync still runs, items stay unclassified, no offensive words are marked)."""
    from desktop.classify.classifier import MODEL_STEM, Classifier
    from desktop.classify.errors import ModelUnavailable

    local = config.paths.home / "model" / "category_model"
    try:
        return Classifier.load(local if local.with_suffix(".npz").exists() else MODEL_STEM)
    except ModelUnavailable as exc:
        log.warning("classification is off: %s", exc)
        return None


def triage_with(classifier: Classifier) -> Triage:
    """The classifier as the sync engine's triage step."""

    def triage(texts: Sequence[str]) -> list[ItemTriage]:
        return [
            ItemTriage(r.category.value, r.confidence, r.urgent, r.source.value)
            for r in classifier.classify(texts, with_pii=False)
        ]

    return triage


def offensive_words_with(classifier: Classifier) -> OffensiveWords:
    """The classifier's word model as the case service's offensive-word marker."""

    def offensive(texts: Sequence[str]) -> list[Sequence[tuple[int, int, float]]]:
        return [
            [(s.start, s.end, s.probability) for s in found.spans]
            for found in classifier.offensive(texts)
        ]

    return offensive


def load_triage(config: Config) -> Triage | None:
    """The classifier as the sync engine's triage step (the officer's retrained model first).

    Without a usable model, sync still runs and items stay unclassified (logged once).
    """
    classifier = load_classifier(config)
    return None if classifier is None else triage_with(classifier)
