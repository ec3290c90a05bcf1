"""Sync cursors and account health: what the sync engine remembers between passes.

A cursor is written in the same transaction as the items it covers (the caller's write), so a
crash can never leave a cursor ahead of the items.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import AccountHealth, Platform
from desktop.store.models import Account, SyncCursor


@dataclass(frozen=True, slots=True)
class AccountRow:
    id: int
    platform: Platform
    external_id: str
    name: str
    unit_id: int | None
    enabled: bool
    health: AccountHealth
    health_detail: str | None
    last_sync_at: datetime | None


def list_accounts(session: Session, *, enabled_only: bool = False) -> list[AccountRow]:
    stmt = select(
        Account.id,
        Account.platform,
        Account.external_id,
        Account.name,
        Account.unit_id,
        Account.enabled,
        Account.health,
        Account.health_detail,
        Account.last_sync_at,
    ).order_by(Account.platform, Account.id)
    if enabled_only:
        stmt = stmt.where(Account.enabled.is_(True))
    return [AccountRow(**row._asdict()) for row in session.execute(stmt)]


def get_cursor(session: Session, account_id: int, stream: str) -> str | None:
    return session.execute(
        select(SyncCursor.cursor).where(
            SyncCursor.account_id == account_id, SyncCursor.stream == stream
        )
    ).scalar_one_or_none()


def get_cursors(session: Session, account_id: int) -> dict[str, str | None]:
    rows = session.execute(
        select(SyncCursor.stream, SyncCursor.cursor).where(SyncCursor.account_id == account_id)
    )
    return {stream: cursor for stream, cursor in rows}


def set_cursor(session: Session, account_id: int, stream: str, cursor: str | None) -> None:
    row = session.get(SyncCursor, (account_id, stream))
    now = datetime.now(UTC)
    if row is None:
        session.add(SyncCursor(account_id=account_id, stream=stream, cursor=cursor, updated_at=now))
    else:
        row.cursor = cursor
        row.updated_at = now
    session.flush()


def set_health(
    session: Session,
    account_id: int,
    health: AccountHealth,
    detail: str | None = None,
    *,
    synced: bool = False,
) -> None:
    """Record an account's health; ``synced`` also stamps a successful pass."""
    account = session.get(Account, account_id)
    if account is None:
        raise LookupError(f"no account {account_id}")
    now = datetime.now(UTC)
    account.health = health
    account.health_detail = detail
    if synced:
        account.last_sync_at = now
    if health not in {AccountHealth.OK, AccountHealth.UNKNOWN}:
        account.last_error_at = now
    session.flush()
