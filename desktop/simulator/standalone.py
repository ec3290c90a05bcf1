"""``main.py simulator [--port P] [--rate R]``: run the simulator until interrupted."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.simulator.server import Simulator
from desktop.simulator.settings import SimSettings

log = logging.getLogger(__name__)


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


async def serve(
    settings: SimSettings,
    port: int,
    manifest_path: Path | None,
    on_started: Callable[[Simulator], None] | None = None,
) -> None:
    sim = Simulator(settings)
    await sim.start("127.0.0.1", port)
    if on_started is not None:
        on_started(sim)
    urls = sim.urls
    manifest = sim.manifest()
    if manifest_path is not None:
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8")
    _say(f"DutyDesk simulator on {urls.root}")
    _say(f"  DUTYDESK_GRAPH_URL={urls.graph}")
    _say(f"  DUTYDESK_ZALO_URL={urls.zalo}")
    _say(f"  DUTYDESK_ZALO_OAUTH_URL={urls.zalo_oauth}")
    _say(f"  control API: {urls.control}  (accounts and tokens: {urls.control}/manifest)")
    _say(
        f"  world: {sim.control.stats()['items']} items, "
        f"{settings.stream_rate_per_minute:g} new per minute",
    )
    try:
        await asyncio.Event().wait()
    finally:
        await sim.stop()


def run_standalone(
    port: int = 8765,
    rate: float = 30.0,
    *,
    seed: int | None = None,
    manifest_path: str | Path | None = None,
    settings: SimSettings | None = None,
    on_started: Callable[[Simulator], None] | None = None,
) -> None:
    """Blocking: seed the full world, listen on 127.0.0.1:``port``, stream ``rate`` items/min."""
    chosen = settings or SimSettings()
    chosen.stream_rate_per_minute = float(rate)
    if seed is not None:
        chosen.seed = seed
    path = Path(manifest_path) if manifest_path is not None else None
    try:
        asyncio.run(serve(chosen, port, path, on_started))
    except KeyboardInterrupt:
        log.info("simulator stopped")
