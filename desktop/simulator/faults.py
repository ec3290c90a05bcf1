"""Faults on demand: rules that pick requests (surface, method, path glob, account) and break
them (5xx, timeout, latency, dropped connection before/after the write, malformed JSON,
throttling, dead tokens, missing permissions, an empty page that still has ``next``).

Kinds and what the client sees:

=================  ==========================================================================
``http_error``     HTTP ``status`` (default 500) with the platform's error body; no write.
``timeout``        nothing for ``delay_s`` seconds (default 30), then the connection is
                   dropped; the write is NOT applied.
``delay``          ``delay_s`` of latency, then a normal answer; the write IS applied (even if
                   the client gave up in the meantime).
``drop_before``    connection reset before anything happens; no write.
``drop_after``     the write is applied (and logged), then the connection is reset.
``malformed_json`` the request is processed (write applied), the body is truncated JSON.
``throttle``       Graph: 80001/32/4 per settings (or ``code``); Zalo: -32.
``token_expired``  Graph: 190/463; Zalo: the expired-token error.
``token_invalid``  Graph: 190/467; Zalo: -216.
``permission``     Graph: (#200) permissions error (or ``code``); Zalo: -212.
``empty_page``     Graph list edges: ``{"data": [], "paging": {"next": <same request>}}``.
``batch_partial``  Graph batch: operations after the first ``complete`` come back ``null``.
=================  ==========================================================================
"""

from __future__ import annotations

import fnmatch
import random
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

FaultKind = Literal[
    "http_error",
    "timeout",
    "delay",
    "drop_before",
    "drop_after",
    "malformed_json",
    "throttle",
    "token_expired",
    "token_invalid",
    "permission",
    "empty_page",
    "batch_partial",
]
Surface = Literal["graph", "zalo", "zalo_oauth", "any"]
FAULT_KINDS: tuple[str, ...] = get_args(FaultKind)
NETWORK_KINDS = frozenset({"timeout", "delay", "drop_before", "drop_after", "malformed_json"})
# which kinds each kind of request can suffer (the rest stay queued for a request they fit)
GRAPH_KINDS = frozenset(FAULT_KINDS) - {"batch_partial"}
GRAPH_BATCH_KINDS = NETWORK_KINDS | {"http_error", "batch_partial"}
ZALO_KINDS = frozenset(FAULT_KINDS) - {"batch_partial", "empty_page"}
OAUTH_KINDS = NETWORK_KINDS | {"http_error"}


@dataclass(slots=True)
class FaultRule:
    kind: FaultKind
    surface: Surface = "any"
    method: str | None = None  # GET / POST / DELETE; None = any
    path: str | None = None  # fnmatch glob on the path without prefix/version, e.g. "*/comments"
    account: str | None = None  # Page id or OA id the request acts for
    count: int | None = 1  # how many requests to break; None = until removed
    probability: float = 1.0
    skip: int = 0  # let this many matching requests through first
    status: int = 500  # http_error
    delay_s: float = 30.0  # timeout / delay
    code: int | None = None  # throttle / permission: override the error code
    complete: int = 0  # batch_partial: operations that finish
    id: int = 0
    hits: int = field(default=0)
    seen: int = field(default=0)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FaultRule:
        known = set(cls.__dataclass_fields__) - {"id", "hits", "seen"}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        if data.get("kind") not in FAULT_KINDS:
            raise ValueError(f"kind must be one of {list(FAULT_KINDS)}")
        if data.get("surface", "any") not in get_args(Surface):
            raise ValueError(f"surface must be one of {list(get_args(Surface))}")
        return cls(**data)

    def matches(self, surface: str, method: str, path: str, account: str | None) -> bool:
        if self.surface not in ("any", surface):
            return False
        if self.method is not None and self.method.upper() != method.upper():
            return False
        if self.path is not None and not fnmatch.fnmatchcase(path, self.path):
            return False
        return self.account is None or self.account == account


class FaultInjector:
    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._rules: list[FaultRule] = []
        self._next_id = 1

    def add(self, rule: FaultRule) -> FaultRule:
        rule.id = self._next_id
        self._next_id += 1
        self._rules.append(rule)
        return rule

    def remove(self, rule_id: int) -> bool:
        before = len(self._rules)
        self._rules = [r for r in self._rules if r.id != rule_id]
        return len(self._rules) != before

    def clear(self) -> None:
        self._rules.clear()

    def rules(self) -> list[FaultRule]:
        return list(self._rules)

    def pick(
        self,
        surface: str,
        method: str,
        path: str,
        account: str | None,
        kinds: frozenset[str] | None = None,
    ) -> FaultRule | None:
        """The first rule that fires for this request (consuming one of its ``count``)."""
        for rule in self._rules:
            if kinds is not None and rule.kind not in kinds:
                continue
            if not rule.matches(surface, method, path, account):
                continue
            rule.seen += 1
            if rule.seen <= rule.skip:
                continue
            if rule.probability < 1.0 and self._rng.random() >= rule.probability:
                continue
            rule.hits += 1
            if rule.count is not None and rule.hits >= rule.count:
                self._rules.remove(rule)
            return rule
        return None
