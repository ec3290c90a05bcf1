"""What one account's pass produced, and how a failure becomes the account's health."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.domain.enums import AccountHealth
from desktop.platforms.errors import (
    MalformedResponse,
    PermissionMissing,
    PlatformError,
    RateLimited,
    TokenError,
    Transient,
)


@dataclass(slots=True)
class AccountOutcome:
    account_id: int
    name: str
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    health: AccountHealth = AccountHealth.OK
    detail: str | None = None
    retry_after: float | None = None
    new_thread_ids: set[int] = field(default_factory=set)
    touched_thread_ids: set[int] = field(default_factory=set)
    new_item_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.health is AccountHealth.OK


@dataclass(frozen=True, slots=True)
class SyncSummary:
    outcomes: tuple[AccountOutcome, ...]

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes)

    @property
    def inserted(self) -> int:
        return sum(o.inserted for o in self.outcomes)

    @property
    def updated(self) -> int:
        return sum(o.updated for o in self.outcomes)


def health_for(error: BaseException) -> tuple[AccountHealth, str]:
    """Map a failure to a health state and a short technical reason (no secrets, no PII)."""
    if isinstance(error, TokenError):
        return AccountHealth.TOKEN_EXPIRED, f"token rejected: {error}"
    if isinstance(error, PermissionMissing):
        return AccountHealth.PERMISSION_MISSING, f"permission missing: {error}"
    if isinstance(error, RateLimited):
        return AccountHealth.DEGRADED, f"throttled, retry in {error.retry_after:.0f} s"
    if isinstance(error, MalformedResponse):
        return AccountHealth.DEGRADED, f"malformed answer: {error}"
    if isinstance(error, Transient):
        return AccountHealth.DEGRADED, f"temporary failure: {error}"
    if isinstance(error, PlatformError):
        return AccountHealth.ERROR, f"platform error: {error}"
    return AccountHealth.ERROR, f"internal error: {type(error).__name__}"
