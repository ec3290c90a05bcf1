"""Fixtures for sync tests: a tiny simulated world, a fresh store, an in-memory keyring."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from desktop.composition import PlatformServices, build_platform_services, load_triage
from desktop.config import Config, Paths, PlatformUrls
from desktop.platforms.credentials import CredentialStore
from desktop.platforms.memory_keyring import MemoryKeyring
from desktop.services.accounts import from_manifest, import_accounts
from desktop.services.sync.settings import SyncSettings
from desktop.simulator import SimSettings, SimulatorThread, WorldSize
from desktop.store.database import Database

START = 1_795_000_000.0


@pytest.fixture
def sim() -> Iterator[SimulatorThread]:
    settings = SimSettings(size=WorldSize.tiny(), frozen_clock=True, start_time=START)
    runner = SimulatorThread(settings)
    runner.start()
    try:
        yield runner
    finally:
        runner.stop()


@dataclass
class SyncRig:
    sim: SimulatorThread
    db: Database
    services: PlatformServices
    requests: list[httpx.Request]
    keyring: MemoryKeyring

    def control(self) -> Any:
        return self.sim.control


@pytest_asyncio.fixture
async def rig(sim: SimulatorThread, tmp_path: Path) -> AsyncIterator[SyncRig]:
    db = Database(tmp_path / "store.sqlite3")
    db.open()
    ring = MemoryKeyring()
    credentials = CredentialStore(backend=ring)
    import_accounts(db, credentials, from_manifest(sim.control.manifest()["accounts"]))
    urls = sim.urls
    assert urls is not None
    config = Config(Paths(tmp_path), PlatformUrls(urls.graph, urls.zalo, urls.zalo_oauth))
    seen: list[httpx.Request] = []

    async def count(request: httpx.Request) -> None:
        seen.append(request)

    async with httpx.AsyncClient(event_hooks={"request": [count]}, timeout=10) as client:
        services = build_platform_services(
            config,
            db,
            client,
            credentials,
            SyncSettings(rescan_every_s=3600, interval_s=1),
            clock=lambda: datetime.fromtimestamp(sim.control.now(), UTC),
            triage=load_triage(config),
        )
        yield SyncRig(sim, db, services, seen, ring)
    db.close()
