"""Rate-limit telemetry from response headers, and how long to wait before the next call.

Facebook: ``X-App-Usage`` (app-wide), ``X-Business-Use-Case-Usage`` (per Page, keyed by Page
id, with ``estimated_time_to_regain_access`` in minutes) and the legacy ``X-Page-Usage``; values
are percentages of the limit. Zalo: ``X-RateLimit-Limit`` / ``X-RateLimit-Remain`` per app per
minute. ``UsageTracker.delay_for`` turns the latest readings into a pause that grows as usage
approaches 100 %, so the sync engine slows down before the platform throttles it.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

_PCT_KEYS = ("call_count", "total_time", "total_cputime", "acc_id_util_pct")
_REGAIN = "estimated_time_to_regain_access"


@dataclass(frozen=True, slots=True)
class Usage:
    """One reading: the highest percentage of any limit, and the regain time if throttled."""

    pct: float
    regain_s: float
    observed_at: float  # tracker clock (monotonic seconds)


@dataclass(frozen=True, slots=True)
class UsagePolicy:
    slow_from_pct: float = 50.0  # below this no pause at all
    max_delay_s: float = 60.0  # the pause just before 100 % (and at 100 % without a regain time)
    stale_after_s: float = 600.0  # readings older than this are ignored


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    if isinstance(value, str):
        try:
            parsed = float(value)
        except ValueError:
            return None
        return parsed if math.isfinite(parsed) else None
    return None


def _entry_usage(entry: Any) -> tuple[float, float] | None:
    """(pct, regain seconds) of one usage object, or None if it is not one."""
    if not isinstance(entry, Mapping):
        return None
    pcts = [n for n in (_number(entry.get(k)) for k in _PCT_KEYS) if n is not None]
    regain_min = _number(entry.get(_REGAIN)) or 0.0
    if not pcts and regain_min <= 0:
        return None
    return (max(pcts, default=0.0), max(0.0, regain_min) * 60.0)


def _json_header(headers: Mapping[str, str], name: str) -> Any:
    raw = headers.get(name)
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except (ValueError, TypeError):
        log.debug("ignoring unparsable %s header", name)
        return None


def parse_buc(headers: Mapping[str, str]) -> dict[str, tuple[float, float]]:
    """Per business object (Page) id: (pct, regain seconds) from X-Business-Use-Case-Usage."""
    parsed = _json_header(headers, "X-Business-Use-Case-Usage")
    out: dict[str, tuple[float, float]] = {}
    if not isinstance(parsed, Mapping):
        return out
    for object_id, entries in parsed.items():
        rows = entries if isinstance(entries, list) else [entries]
        readings = [r for r in (_entry_usage(e) for e in rows) if r is not None]
        if readings:
            out[str(object_id)] = (max(r[0] for r in readings), max(r[1] for r in readings))
    return out


def parse_simple(headers: Mapping[str, str], name: str) -> tuple[float, float] | None:
    """(pct, regain seconds) from X-App-Usage / X-Page-Usage."""
    return _entry_usage(_json_header(headers, name))


def parse_zalo(headers: Mapping[str, str]) -> float | None:
    """Percentage of the per-minute quota used, from X-RateLimit-Limit / X-RateLimit-Remain."""
    limit = _number(headers.get("X-RateLimit-Limit"))
    remain = _number(headers.get("X-RateLimit-Remain"))
    if limit is None or remain is None or limit <= 0:
        return None
    return max(0.0, min(100.0, (limit - remain) * 100.0 / limit))


def regain_seconds(headers: Mapping[str, str]) -> float | None:
    """The longest regain time any usage header (or Retry-After) announces; None if none does."""
    values = [r for _, r in parse_buc(headers).values()]
    for name in ("X-App-Usage", "X-Page-Usage"):
        reading = parse_simple(headers, name)
        if reading is not None:
            values.append(reading[1])
    retry_after = _number(headers.get("Retry-After"))
    if retry_after is not None:
        values.append(retry_after)
    best = max(values, default=0.0)
    return best if best > 0 else None


class UsageTracker:
    """Latest usage per platform app and per account (Page id / OA id). Not thread-safe: use
    it from the event loop that runs the clients."""

    def __init__(
        self, policy: UsagePolicy | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.policy = policy or UsagePolicy()
        self._clock = clock
        self._apps: dict[str, Usage] = {}
        self._accounts: dict[str, Usage] = {}
        self._platform_of: dict[str, str] = {}

    # ------------------------------------------------------------------ recording
    def record(
        self, platform: str, headers: Mapping[str, str], account_id: str | None = None
    ) -> None:
        """Take the usage headers of one response (any status)."""
        now = self._clock()
        if account_id is not None:
            self._platform_of[account_id] = platform
        if platform == "zalo":
            pct = parse_zalo(headers)
            if pct is not None:
                self._apps[platform] = Usage(pct, 0.0, now)
            return
        app = parse_simple(headers, "X-App-Usage")
        if app is not None:
            self._set_app(platform, app, now)
        for object_id, reading in parse_buc(headers).items():
            self._platform_of[object_id] = platform
            self._set_account(object_id, reading, now)
        page = parse_simple(headers, "X-Page-Usage")
        if page is not None and account_id is not None:
            self._set_account(account_id, page, now)

    def _set_app(self, platform: str, reading: tuple[float, float], now: float) -> None:
        self._apps[platform] = self._merge(self._apps.get(platform), reading, now)

    def _set_account(self, account_id: str, reading: tuple[float, float], now: float) -> None:
        self._accounts[account_id] = self._merge(self._accounts.get(account_id), reading, now)

    @staticmethod
    def _merge(old: Usage | None, reading: tuple[float, float], now: float) -> Usage:
        pct, regain = reading
        if regain <= 0 and old is not None and old.regain_s > 0:
            # keep an announced regain deadline until it has passed
            left = old.observed_at + old.regain_s - now
            if left > 0:
                return Usage(pct, left, now)
        return Usage(pct, regain, now)

    def mark_throttled(
        self, platform: str, account_id: str | None, retry_after: float, *, scope: str = "account"
    ) -> None:
        """The platform refused a call: nothing for ``retry_after`` seconds."""
        now = self._clock()
        reading = (100.0, max(0.0, retry_after))
        if scope == "app" or account_id is None:
            self._set_app(platform, reading, now)
        else:
            self._platform_of[account_id] = platform
            self._set_account(account_id, reading, now)

    # ------------------------------------------------------------------ reading
    def app_usage(self, platform: str) -> Usage | None:
        return self._apps.get(platform)

    def account_usage(self, account_id: str) -> Usage | None:
        return self._accounts.get(account_id)

    def delay_for(self, account_id: str, platform: str | None = None) -> float:
        """Seconds to wait before the next call for ``account_id``.

        0 below ``slow_from_pct``; then growing quadratically up to ``max_delay_s`` at 100 %;
        while throttled, the time left until access is regained. The app-wide reading of the
        account's platform counts too (of every platform when the account was never seen).
        """
        now = self._clock()
        platform = platform or self._platform_of.get(account_id)
        apps = [self._apps.get(platform)] if platform else list(self._apps.values())
        readings = [self._accounts.get(account_id), *apps]
        return max((self._delay(u, now) for u in readings if u is not None), default=0.0)

    def _delay(self, usage: Usage, now: float) -> float:
        age = now - usage.observed_at
        regain_left = usage.regain_s - age
        if regain_left > 0:
            return regain_left
        if usage.regain_s > 0:
            return 0.0  # the announced regain time has passed: this reading is outdated
        if age > self.policy.stale_after_s:
            return 0.0
        slow = self.policy.slow_from_pct
        if usage.pct < slow:
            return 0.0
        if usage.pct >= 100.0:
            return self.policy.max_delay_s
        share = (usage.pct - slow) / max(1e-9, 100.0 - slow)
        return self.policy.max_delay_s * share * share
