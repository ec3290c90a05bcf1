"""Builds the service graph from configuration: shared by the GUI's composition root
(``desktop.app``) and the headless commands (``desktop.cli``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from desktop.config import Config
from desktop.platforms.credentials import CredentialStore, ZaloTokenManager
from desktop.platforms.graph import GraphClient
from desktop.platforms.http import PlatformHttp
from desktop.platforms.usage import UsageTracker
from desktop.platforms.zalo import ZaloClient
from desktop.services.outbox import OutboxService
from desktop.services.sync.engine import SyncEngine
from desktop.services.sync.settings import SyncSettings
from desktop.store.database import Database


@dataclass(slots=True)
class PlatformServices:
    http: PlatformHttp
    graph: GraphClient
    zalo: ZaloClient
    credentials: CredentialStore
    zalo_tokens: ZaloTokenManager
    sync: SyncEngine
    outbox: OutboxService


def build_platform_services(
    config: Config,
    db: Database,
    client: httpx.AsyncClient,
    credentials: CredentialStore,
    sync_settings: SyncSettings | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> PlatformServices:
    usage = UsageTracker()
    http = PlatformHttp(client, usage)
    graph = GraphClient(http, config.urls.graph)
    zalo = ZaloClient(http, config.urls.zalo, config.urls.zalo_oauth)
    tokens = ZaloTokenManager(zalo, credentials, clock)
    engine = SyncEngine(db, graph, zalo, credentials, tokens, usage, sync_settings)
    sender = OutboxService(db, graph, zalo, credentials, tokens, clock)
    return PlatformServices(http, graph, zalo, credentials, tokens, engine, sender)
