"""What the status bar reports: each account's sync health, the outbox, the network.

Reads run on a reader thread. The advice an officer needs for each health state lives in the view
(it is translated text); this module only gathers facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from desktop.domain.enums import AccountHealth, OutboxState
from desktop.platforms.connectivity import ConnectivityState
from desktop.store import outbox
from desktop.store.database import Database
from desktop.store.sync_state import AccountRow, list_accounts

__all__ = ["AccountRow", "HealthReport", "load_health"]

PROBLEM_STATES = frozenset(
    {AccountHealth.TOKEN_EXPIRED, AccountHealth.PERMISSION_MISSING, AccountHealth.ERROR}
)


@dataclass(frozen=True, slots=True)
class HealthReport:
    accounts: list[AccountRow] = field(default_factory=list)
    outbox: dict[OutboxState, int] = field(default_factory=dict)
    connectivity: ConnectivityState | None = None

    @property
    def enabled(self) -> list[AccountRow]:
        return [a for a in self.accounts if a.enabled]

    @property
    def healthy(self) -> int:
        return sum(1 for a in self.enabled if a.health is AccountHealth.OK)

    @property
    def problems(self) -> list[AccountRow]:
        """Accounts that need an officer or an administrator (not just a retry)."""
        return [a for a in self.enabled if a.health in PROBLEM_STATES]

    @property
    def degraded(self) -> list[AccountRow]:
        return [a for a in self.enabled if a.health is AccountHealth.DEGRADED]

    @property
    def waiting(self) -> int:
        """Actions not yet confirmed on the platform (queued, sending or being checked)."""
        return sum(
            self.outbox.get(s, 0)
            for s in (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.UNKNOWN)
        )

    @property
    def failed(self) -> int:
        return self.outbox.get(OutboxState.FAILED, 0)

    @property
    def offline(self) -> bool:
        return self.connectivity is not None and self.connectivity.online is False


async def load_health(db: Database, connectivity: ConnectivityState | None = None) -> HealthReport:
    def read(session: Session) -> HealthReport:
        return HealthReport(list_accounts(session), outbox.count_by_state(session), connectivity)

    return await db.read(read)
