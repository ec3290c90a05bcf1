"""Fixtures for the simulator tests: a tiny seeded world on 127.0.0.1 (a fresh one per test),
served from a background thread, and a synchronous httpx client."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from desktop.simulator import SimSettings, SimulatorThread, WorldSize

START = 1_795_000_000.0  # 2026-11-18, a fixed "now" so windows are deterministic


def tiny_settings(**overrides: Any) -> SimSettings:
    settings = SimSettings(size=WorldSize.tiny(), frozen_clock=True, start_time=START)
    for key, value in overrides.items():
        setattr(settings, key, value)
    return settings


class Sim:
    """A running simulator plus the helpers tests need."""

    def __init__(self, runner: SimulatorThread, client: httpx.Client) -> None:
        self.runner = runner
        self.control = runner.control
        self.urls = runner.urls
        self.http = client
        manifest = self.control.manifest()
        self.fb = [a for a in manifest["accounts"] if a["platform"] == "facebook"]
        self.zl = [a for a in manifest["accounts"] if a["platform"] == "zalo"]
        self.world = runner.sim.core.world

    # Facebook
    def page(self, index: int = 0) -> tuple[str, str]:
        acc = self.fb[index]
        return acc["external_id"], acc["access_token"]

    def gget(self, path: str, token: str | None = None, **params: Any) -> httpx.Response:
        if token is not None:
            params["access_token"] = token
        return self.http.get(f"{self.urls.graph}/{path}", params=params)

    def gpost(self, path: str, token: str | None = None, **data: Any) -> httpx.Response:
        if token is not None:
            data["access_token"] = token
        return self.http.post(f"{self.urls.graph}/{path}", data=data)

    def gjson(self, path: str, token: str, body: dict[str, Any]) -> httpx.Response:
        return self.http.post(
            f"{self.urls.graph}/{path}", json=body, headers={"Authorization": f"Bearer {token}"}
        )

    def gdelete(self, path: str, token: str, **params: Any) -> httpx.Response:
        params["access_token"] = token
        return self.http.delete(f"{self.urls.graph}/{path}", params=params)

    # Zalo
    def oa(self, index: int = 0) -> dict[str, Any]:
        return dict(self.zl[index])

    def zget(self, path: str, token: str, data: dict[str, Any] | None = None) -> httpx.Response:
        params = {} if data is None else {"data": json.dumps(data)}
        return self.http.get(
            f"{self.urls.zalo}{path}", params=params, headers={"access_token": token}
        )

    def zpost(self, path: str, token: str, body: dict[str, Any]) -> httpx.Response:
        return self.http.post(f"{self.urls.zalo}{path}", json=body, headers={"access_token": token})

    def sim(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        resp = self.http.request(method, f"{self.urls.control}{path}", json=body)
        assert resp.status_code == 200, resp.text
        return resp.json()


@pytest.fixture
def make_sim() -> Iterator[Callable[..., Sim]]:
    started: list[tuple[SimulatorThread, httpx.Client]] = []

    def factory(settings: SimSettings | None = None, **overrides: Any) -> Sim:
        runner = SimulatorThread(settings or tiny_settings(**overrides))
        runner.start()
        client = httpx.Client(timeout=5.0)
        started.append((runner, client))
        return Sim(runner, client)

    yield factory
    for runner, client in started:
        client.close()
        runner.stop()


@pytest.fixture
def sim(make_sim: Callable[..., Sim]) -> Sim:
    return make_sim()
