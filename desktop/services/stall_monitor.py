"""Event-loop stall monitor: how late a short periodic callback runs tells how long the loop
was blocked (by a slow slot, a paint, a query run on the wrong thread...).

It knows nothing of Qt: on the qasync loop it measures Qt's event processing too, because the
callback cannot run while a Qt slot holds the thread. Stalls above ``warn_ms`` are logged with
rate limiting; ``max_ms`` and ``stalls`` are kept for the status line and the benchmarks.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

TICK_S = 0.02
WARN_MS = 50.0
LOG_EVERY_S = 30.0


@dataclass(slots=True)
class StallStats:
    ticks: int = 0
    max_ms: float = 0.0
    over_warn: int = 0
    worst: list[float] = field(default_factory=list)  # the 20 longest stalls, longest first

    def add(self, stall_ms: float, warn_ms: float) -> None:
        self.ticks += 1
        self.max_ms = max(self.max_ms, stall_ms)
        if stall_ms > warn_ms:
            self.over_warn += 1
        if len(self.worst) < 20 or stall_ms > self.worst[-1]:
            self.worst.append(stall_ms)
            self.worst.sort(reverse=True)
            del self.worst[20:]


class StallMonitor:
    def __init__(
        self, *, tick_s: float = TICK_S, warn_ms: float = WARN_MS, log_every_s: float = LOG_EVERY_S
    ) -> None:
        self.tick_s = tick_s
        self.warn_ms = warn_ms
        self.log_every_s = log_every_s
        self.stats = StallStats()
        self._handle: asyncio.TimerHandle | None = None
        self._expected = 0.0
        self._last_log = 0.0

    def start(self) -> None:
        loop = asyncio.get_running_loop()
        self._expected = time.perf_counter() + self.tick_s
        self._handle = loop.call_later(self.tick_s, self._tick)

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def reset(self) -> StallStats:
        stats, self.stats = self.stats, StallStats()
        return stats

    def _tick(self) -> None:
        now = time.perf_counter()
        stall_ms = max(0.0, (now - self._expected) * 1000.0)
        self.stats.add(stall_ms, self.warn_ms)
        if stall_ms > self.warn_ms and now - self._last_log >= self.log_every_s:
            self._last_log = now
            log.warning("event loop stalled for %.0f ms", stall_ms)
        self._expected = now + self.tick_s
        self._handle = asyncio.get_running_loop().call_later(self.tick_s, self._tick)
