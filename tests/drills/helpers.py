"""Shared set-up of the drills: a simulated world, a store, a keyring and the platform services
running in this process on the simulator's clock."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from desktop.composition import PlatformServices, build_platform_services
from desktop.config import Config, Paths, PlatformUrls
from desktop.platforms.credentials import CredentialStore
from desktop.platforms.usage import UsageTracker
from desktop.services.accounts import from_manifest, import_accounts
from desktop.services.sync.settings import SyncSettings
from desktop.simulator import SimSettings, SimulatorThread, WorldSize
from desktop.store.database import Database
from tests.sync.conftest import MemoryKeyring

DAY = 86_400.0


def future_start() -> float:
    """A simulated "now" some days after the wall clock, on a whole day.

    The store stamps a few times with the wall clock rather than the service clock (e.g. an
    interrupted send's check time at start-up); with the simulated clock ahead of the wall
    clock such a time is already due, as it would be in production.
    """
    return (time.time() // DAY + 30) * DAY


@contextmanager
def world(size: WorldSize, start: float) -> Iterator[SimulatorThread]:
    runner = SimulatorThread(SimSettings(size=size, frozen_clock=True, start_time=start))
    runner.start()
    try:
        yield runner
    finally:
        runner.stop()


def sim_datetime(sim: SimulatorThread) -> datetime:
    return datetime.fromtimestamp(sim.control.now(), UTC)


@dataclass
class Rig:
    sim: SimulatorThread
    db: Database
    services: PlatformServices
    credentials: CredentialStore
    requests: list[httpx.Request]


@asynccontextmanager
async def in_process(
    sim: SimulatorThread,
    home: Path,
    *,
    http_timeout: float = 5.0,
    settings: SyncSettings | None = None,
) -> AsyncIterator[Rig]:
    """Store, in-memory keyring with the world's accounts, and the services, every one of them
    on the simulated clock."""
    db = Database(home / "store.sqlite3")
    db.open()
    credentials = CredentialStore(backend=MemoryKeyring())
    import_accounts(db, credentials, from_manifest(sim.control.manifest()["accounts"]))
    urls = sim.urls
    assert urls is not None
    config = Config(Paths(home), PlatformUrls(urls.graph, urls.zalo, urls.zalo_oauth))
    seen: list[httpx.Request] = []

    async def count(request: httpx.Request) -> None:
        seen.append(request)

    try:
        async with httpx.AsyncClient(event_hooks={"request": [count]}) as client:
            services = build_platform_services(
                config, db, client, credentials, settings, clock=lambda: sim_datetime(sim)
            )
            # PlatformHttp sends its own per-request timeout (20 s), which overrides the client's.
            services.http.timeout = http_timeout
            # build_platform_services gives its clock to the outbox and the Zalo token manager
            # only: the engine, the usage tracker and the Zalo client (new tokens' expiry)
            # would count on the wall clock, days away from the simulated one
            services.zalo.clock = lambda: sim_datetime(sim)
            services.sync.clock = sim.control.now
            usage = UsageTracker(clock=sim.control.now)
            services.http.usage = usage
            services.sync.usage = usage
            yield Rig(sim, db, services, credentials, seen)
    finally:
        db.close()
