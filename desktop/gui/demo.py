"""``main.py demo``: the built-in simulator in a background thread, its Pages and OAs imported."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from desktop.config import Config, PlatformUrls

if TYPE_CHECKING:
    from desktop.simulator import SimulatorThread
    from desktop.store.database import Database


@dataclass(frozen=True, slots=True)
class DemoOptions:
    rate_per_minute: float = 20.0  # new citizen comments and messages arriving live
    sync_interval_s: float = 10.0


def start_simulator(demo: DemoOptions) -> SimulatorThread:
    from desktop.simulator import SimSettings, SimulatorThread, WorldSize

    size = WorldSize(
        posts_per_page=8,
        comments_per_post=12,
        replies_per_comment=0.5,
        conversations_per_page=20,
        messages_per_conversation=4,
        zalo_users_per_oa=30,
        zalo_chatting_users_per_oa=20,
        zalo_messages_per_chat=4,
        history_days=10.0,
    )
    runner = SimulatorThread(SimSettings(size=size, stream_rate_per_minute=demo.rate_per_minute))
    runner.start()
    return runner


async def import_demo_accounts(config: Config, db: Database, simulator: SimulatorThread) -> Config:
    """The simulator's Pages and OAs as accounts (fake tokens in the demo's plain keyring);
    returns the configuration pointing the clients at the simulator."""
    from desktop.platforms.credentials import CredentialStore
    from desktop.platforms.keyring_select import select_keyring
    from desktop.services.accounts import from_manifest, import_accounts

    urls = simulator.urls
    assert urls is not None
    backend = select_keyring(config.allow_insecure_keyring, config.paths.insecure_keyring)
    manifest = simulator.control.manifest()["accounts"]
    await asyncio.to_thread(
        import_accounts, db, CredentialStore(backend=backend), from_manifest(manifest)
    )
    return replace(config, urls=PlatformUrls(urls.graph, urls.zalo, urls.zalo_oauth))
