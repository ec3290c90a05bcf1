"""Shared fixtures for the platform client tests (imported by the other test modules), and
checks of the fixtures themselves: a tiny simulated world on 127.0.0.1, fresh per test, served
from a background thread, with real httpx clients built by ``build_clients``."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import keyring
import pytest
import pytest_asyncio

from desktop.config import PlatformUrls
from desktop.platforms import PlatformClients, build_clients
from desktop.platforms.memory_keyring import MemoryKeyring
from desktop.simulator import SimControl, SimSettings, SimulatorThread, WorldSize
from desktop.simulator.world import World

START = 1_795_000_000.0  # 2026-11-18, a fixed "now" so windows are deterministic


def tiny_settings(**overrides: Any) -> SimSettings:
    settings = SimSettings(size=WorldSize.tiny(), frozen_clock=True, start_time=START)
    for key, value in overrides.items():
        setattr(settings, key, value)
    return settings


@dataclass
class Env:
    runner: SimulatorThread
    client: httpx.AsyncClient
    clients: PlatformClients
    extra_clients: list[httpx.AsyncClient] = field(default_factory=list)

    @property
    def control(self) -> SimControl:
        return self.runner.control

    @property
    def world(self) -> World:
        return self.runner.sim.core.world

    @property
    def urls(self) -> PlatformUrls:
        u = self.runner.urls
        return PlatformUrls(graph=u.graph, zalo=u.zalo, zalo_oauth=u.zalo_oauth)

    @property
    def graph(self) -> Any:
        return self.clients.graph

    @property
    def zalo(self) -> Any:
        return self.clients.zalo

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.control.now(), UTC)

    def page(self, index: int = 0) -> tuple[str, str]:
        pages = [a for a in self.control.manifest()["accounts"] if a["platform"] == "facebook"]
        return pages[index]["external_id"], pages[index]["access_token"]

    def oa(self, index: int = 0) -> dict[str, Any]:
        oas = [a for a in self.control.manifest()["accounts"] if a["platform"] == "zalo"]
        return dict(oas[index])

    def other_clients(self, *, timeout: float) -> PlatformClients:
        """Clients with another timeout, sharing nothing with ``clients``."""
        client = httpx.AsyncClient()
        self.extra_clients.append(client)
        return build_clients(client, self.urls, timeout=timeout)

    def writes(self, action: str | None = None, status: Any = "applied") -> list[Any]:
        return self.control.writes(action=action, status=status)


EnvFactory = Callable[..., Awaitable[Env]]


@pytest_asyncio.fixture
async def make_env() -> AsyncIterator[EnvFactory]:
    made: list[Env] = []

    async def factory(**overrides: Any) -> Env:
        runner = SimulatorThread(tiny_settings(**overrides))
        runner.start()
        client = httpx.AsyncClient()
        sim_urls = runner.urls
        urls = PlatformUrls(sim_urls.graph, sim_urls.zalo, sim_urls.zalo_oauth)
        env = Env(runner, client, build_clients(client, urls, timeout=5.0))
        made.append(env)
        return env

    yield factory
    for env in made:
        for client in [env.client, *env.extra_clients]:
            await client.aclose()
        env.runner.stop()


@pytest_asyncio.fixture
async def env(make_env: EnvFactory) -> Env:
    return await make_env()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


# ---------------------------------------------------------------------------- fixture checks
@pytest.mark.asyncio
async def test_env_serves_both_platforms_over_real_http(env: Env) -> None:
    page_id, token = env.page()
    assert env.urls.graph.startswith("http://127.0.0.1:")
    page = await env.graph.page(page_id, token)
    assert page["id"] == page_id and page["name"]
    oa = env.oa()
    info = await env.zalo.oa_info(oa["access_token"])
    assert info["oa_id"] == oa["external_id"]


@pytest.mark.asyncio
async def test_the_shared_async_client_stays_open(env: Env) -> None:
    page_id, token = env.page()
    await env.graph.page(page_id, token)
    assert env.clients.http.client is env.client and not env.client.is_closed


def test_memory_keyring_is_installed(memory_keyring: MemoryKeyring) -> None:
    assert keyring.get_keyring() is memory_keyring
    keyring.set_password("svc", "user", "pw")
    assert memory_keyring.entries == {("svc", "user"): "pw"}
