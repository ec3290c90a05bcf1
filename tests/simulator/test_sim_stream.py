"""The living world over time, determinism, the in-loop server API, and paging performance."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
from conftest import Sim, tiny_settings

from desktop.simulator import SimSettings, Simulator, SimulatorThread, WorldSize
from desktop.simulator.core import SimCore
from desktop.simulator.graph_call import GraphCall


def test_live_stream_produces_new_items_over_time(make_sim: Any) -> None:
    sim: Sim = make_sim(
        stream_rate_per_minute=1200.0, stream_tick_seconds=0.05, stream_new_post_every=0
    )
    start = sim.control.stats()["items"]
    deadline = time.monotonic() + 5.0
    while sim.control.stats()["stream_emitted"] < 10 and time.monotonic() < deadline:
        time.sleep(0.05)
    stats = sim.control.stats()
    assert stats["stream_emitted"] >= 10 and stats["items"] >= start + 10
    events = sim.control.events()
    assert {e.kind for e in events} & {"comment.add", "message.add"}
    sim.control.set_stream_rate(0.0)
    settled = sim.control.stats()["stream_emitted"]
    time.sleep(0.2)
    assert sim.control.stats()["stream_emitted"] == settled


def test_stream_texts_are_vietnamese_and_categorised(sim: Sim) -> None:
    events = sim.control.emit(40)
    texts = [e["text"] for e in events if "text" in e]
    assert texts and all(isinstance(t, str) and t for t in texts)
    assert any(ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ" for t in texts for ch in t.lower())
    assert all(e["category"] for e in events if e["kind"] != "post")


def test_seeded_world_is_deterministic() -> None:
    def snapshot(seed: int) -> list[Any]:
        core = SimCore(tiny_settings(seed=seed))
        core.prepare()
        out: list[Any] = []
        for page in core.world.pages.values():
            out.append((page.id, page.name))
            out += [(p.id, p.message, p.created) for p in page.posts]
            out += [(c.id, c.message) for p in page.posts for c in p.comments_all]
        for oa in core.world.oas.values():
            out += [(m.id, m.text, m.time) for m in oa.messages]
        return out

    assert snapshot(7) == snapshot(7)
    assert snapshot(7) != snapshot(8)


@pytest.mark.asyncio
async def test_runs_inside_a_running_loop() -> None:
    sim = Simulator(tiny_settings())
    port = await sim.start(host="127.0.0.1", port=0)
    try:
        assert port > 0 and sim.urls.root == f"http://127.0.0.1:{port}"
        account = next(a for a in sim.accounts_manifest() if a["platform"] == "facebook")
        async with httpx.AsyncClient(timeout=5) as client:
            resp = await client.get(
                f"{sim.urls.graph}/{account['external_id']}/feed",
                params={"access_token": account["access_token"]},
            )
            assert resp.status_code == 200 and resp.json()["data"]
            health = await client.get(f"{sim.urls.control}/health")
            assert health.json()["ok"] is True
    finally:
        await sim.stop()


def test_only_loopback() -> None:
    with pytest.raises(ValueError, match="loopback"):
        SimulatorThread(tiny_settings(), host="0.0.0.0")


def test_a_hundred_thousand_item_world_pages_to_the_end() -> None:
    settings = SimSettings(size=WorldSize(), frozen_clock=True, start_time=1_795_000_000.0)
    core = SimCore(settings)
    core.prepare()
    assert core.world.stats.items >= 100_000
    page = max(core.world.pages.values(), key=lambda p: sum(len(x.comments_all) for x in p.posts))
    post = max(page.posts, key=lambda p: len(p.comments_all))
    token = core.tokens.fb_page_token[page.id]
    base = "http://127.0.0.1:1/graph/v19.0"

    def call(path: str, **params: str) -> Any:
        result = core.graph.handle(GraphCall("GET", path, dict(params), base, token))
        assert result.status == 200, result.body
        return result.body

    after: str | None = None
    seen = 0
    while True:
        extra = {"after": after} if after else {}
        body = call(f"{post.id}/comments", filter="stream", limit="100", **extra)
        seen += len(body["data"])
        nxt = body.get("paging", {}).get("next")
        if not nxt:
            break
        after = body["paging"]["cursors"]["after"]
    assert seen == len(post.comments_all)
    # A quiet poll answers an empty page (its speed is measured in bench/, not here).
    assert call(f"{page.id}/feed", since=str(int(core.clock.now()) + 1))["data"] == []
