"""Presence rows: who has which case open, or is writing a reply, on which workstation.

Kept in the database (not in memory) so that workstations sharing one PostgreSQL see each
other. A row lives until ``expires_at``; the GUI renews it with a heartbeat while the case is
open (every ``ttl / 3``) and deletes it when the case is closed. Rows of a crashed workstation
simply expire.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.store.models import Officer, Presence

VIEWING = "viewing"
REPLYING = "replying"
ACTIVITIES = frozenset({VIEWING, REPLYING})
DEFAULT_TTL = timedelta(seconds=45)


@dataclass(frozen=True, slots=True)
class PresenceRow:
    officer_id: int
    display_name: str
    workstation: str
    activity: str
    updated_at: datetime


def heartbeat(
    session: Session,
    *,
    officer_id: int,
    thread_id: int,
    workstation: str,
    activity: str,
    now: datetime,
    ttl: timedelta = DEFAULT_TTL,
) -> None:
    if activity not in ACTIVITIES:
        raise ValueError(f"unknown activity {activity!r}")
    row = session.get(Presence, (officer_id, thread_id, workstation))
    if row is None:
        row = Presence(officer_id=officer_id, thread_id=thread_id, workstation=workstation)
        session.add(row)
    row.activity = activity
    row.updated_at = now
    row.expires_at = now + ttl
    session.flush()


def leave(
    session: Session, *, officer_id: int, workstation: str, thread_id: int | None = None
) -> None:
    """Forget the officer's presence on one case (or on every case, at sign-out)."""
    stmt = delete(Presence).where(
        Presence.officer_id == officer_id, Presence.workstation == workstation
    )
    if thread_id is not None:
        stmt = stmt.where(Presence.thread_id == thread_id)
    session.execute(stmt)


def present(
    session: Session,
    *,
    thread_id: int,
    now: datetime,
    exclude_officer_id: int | None = None,
    exclude_workstation: str | None = None,
) -> list[PresenceRow]:
    """Live presence on a case (repliers first), without the asking officer's own row."""
    stmt = (
        select(
            Presence.officer_id,
            Officer.display_name,
            Presence.workstation,
            Presence.activity,
            Presence.updated_at,
        )
        .join(Officer, Officer.id == Presence.officer_id)
        .where(Presence.thread_id == thread_id, Presence.expires_at > now)
    )
    rows = [PresenceRow(*r) for r in session.execute(stmt)]
    rows = [
        r
        for r in rows
        if not (r.officer_id == exclude_officer_id and r.workstation == exclude_workstation)
    ]
    rows.sort(key=lambda r: (r.activity != REPLYING, r.display_name, r.workstation))
    return rows


def purge_expired(session: Session, now: datetime) -> int:
    result = session.execute(delete(Presence).where(Presence.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)
