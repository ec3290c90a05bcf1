"""Rate limiting on the simulated clock.

Facebook: a rolling per-Page Business Use Case counter (``X-Business-Use-Case-Usage``) and an
app-wide counter (``X-App-Usage``); values are percentages of the limit; once a counter reaches
100 % calls are refused (80001 / 4) until enough of the window has rolled away.
Zalo: calls per app per clock minute, ``X-RateLimit-Limit``/``X-RateLimit-Remain``, -32 over.
"""

from __future__ import annotations

import json
import math
from collections import deque
from dataclasses import dataclass

from desktop.simulator.settings import SimSettings

_BUCKETS = 60


class SlidingCounter:
    """Calls in the last ``window_s`` seconds, kept in ``_BUCKETS`` buckets."""

    def __init__(self, window_s: float) -> None:
        self.window_s = window_s
        self._width = window_s / _BUCKETS
        self._buckets: deque[list[int]] = deque()  # [bucket index, count]
        self._total = 0

    def _trim(self, now: float) -> int:
        current = int(now // self._width)
        while self._buckets and self._buckets[0][0] <= current - _BUCKETS:
            self._total -= self._buckets.popleft()[1]
        return current

    def count(self, now: float) -> int:
        self._trim(now)
        return self._total

    def hit(self, now: float, n: int = 1) -> None:
        current = self._trim(now)
        if self._buckets and self._buckets[-1][0] == current:
            self._buckets[-1][1] += n
        else:
            self._buckets.append([current, n])
        self._total += n

    def seconds_until_below(self, limit: int, now: float) -> float:
        self._trim(now)
        remaining = self._total
        wait = 0.0
        for index, count in self._buckets:
            if remaining < limit:
                break
            remaining -= count
            wait = (index + _BUCKETS) * self._width - now
        return max(0.0, wait)


@dataclass(frozen=True, slots=True)
class Usage:
    call_count: int
    total_time: int
    total_cputime: int
    regain_minutes: int

    @property
    def throttled(self) -> bool:
        return self.call_count >= 100


def _usage(counter: SlidingCounter, limit: int, now: float) -> Usage:
    count = counter.count(now)
    pct = min(100, math.floor(count * 100 / max(1, limit)))
    regain = 0
    if count >= limit:
        regain = max(1, math.ceil(counter.seconds_until_below(limit, now) / 60))
    return Usage(pct, min(100, pct * 3 // 5), min(100, pct * 2 // 5), regain)


class FbRateLimiter:
    def __init__(self, settings: SimSettings) -> None:
        self.settings = settings
        self._pages: dict[str, SlidingCounter] = {}
        self._app = SlidingCounter(settings.fb_app_window_s)

    def _page(self, page_id: str) -> SlidingCounter:
        counter = self._pages.get(page_id)
        if counter is None or counter.window_s != self.settings.fb_page_window_s:
            counter = SlidingCounter(self.settings.fb_page_window_s)
            self._pages[page_id] = counter
        return counter

    def _app_counter(self) -> SlidingCounter:
        if self._app.window_s != self.settings.fb_app_window_s:
            self._app = SlidingCounter(self.settings.fb_app_window_s)
        return self._app

    def page_usage(self, page_id: str, now: float) -> Usage:
        return _usage(self._page(page_id), self.settings.fb_page_calls_per_window, now)

    def app_usage(self, now: float) -> Usage:
        return _usage(self._app_counter(), self.settings.fb_app_calls_per_window, now)

    def hit(self, page_id: str | None, now: float) -> None:
        self._app_counter().hit(now)
        if page_id is not None:
            self._page(page_id).hit(now)

    def headers(self, page_id: str | None, now: float) -> dict[str, str]:
        out: dict[str, str] = {}
        app = self.app_usage(now)
        floor_pct = self.settings.fb_usage_header_min_pct
        if app.call_count >= floor_pct:
            out["X-App-Usage"] = json.dumps(
                {
                    "call_count": app.call_count,
                    "total_time": app.total_time,
                    "total_cputime": app.total_cputime,
                },
                separators=(",", ":"),
            )
        if page_id is not None:
            page = self.page_usage(page_id, now)
            if page.call_count >= floor_pct:
                out["X-Business-Use-Case-Usage"] = json.dumps(
                    {
                        page_id: [
                            {
                                "type": "pages",
                                "call_count": page.call_count,
                                "total_cputime": page.total_cputime,
                                "total_time": page.total_time,
                                "estimated_time_to_regain_access": page.regain_minutes,
                            }
                        ]
                    },
                    separators=(",", ":"),
                )
        return out

    def reset(self) -> None:
        self._pages.clear()
        self._app = SlidingCounter(self.settings.fb_app_window_s)


class ZaloRateLimiter:
    def __init__(self, settings: SimSettings) -> None:
        self.settings = settings
        self._minute: dict[str, tuple[int, int]] = {}  # app id -> (minute, count)

    def _current(self, app_id: str, now: float) -> int:
        minute = int(now // 60)
        stored = self._minute.get(app_id)
        if stored is None or stored[0] != minute:
            return 0
        return stored[1]

    def allow(self, app_id: str, now: float) -> bool:
        """Count one call; False when the app is over its per-minute limit."""
        count = self._current(app_id, now)
        if count >= self.settings.zalo_calls_per_minute:
            return False
        self._minute[app_id] = (int(now // 60), count + 1)
        return True

    def headers(self, app_id: str, now: float) -> dict[str, str]:
        limit = self.settings.zalo_calls_per_minute
        remain = max(0, limit - self._current(app_id, now))
        return {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remain": str(remain)}

    def reset(self) -> None:
        self._minute.clear()
