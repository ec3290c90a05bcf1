"""The audit log for auditors and unit admins: read it, check its chain, record exports.

Reading the log is itself not recorded (it holds no personal data); checking it is, with the
result, so a broken chain found once stays on record.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.services.access import Action, load_actor, require
from desktop.store.audit import AuditAction, AuditRow, VerifyResult, append_event, recent_events
from desktop.store.audit import verify_chain as _verify_chain
from desktop.store.database import Database
from desktop.store.models import Officer, utcnow

Clock = Callable[[], datetime]


def read_log(
    session: Session,
    *,
    actor_id: int,
    limit: int = 100,
    before_id: int | None = None,
    subject_type: str | None = None,
    subject_id: str | None = None,
    officer_id: int | None = None,
    action: str | None = None,
) -> list[AuditRow]:
    actor = load_actor(session, actor_id)
    require(actor, Action.VIEW_AUDIT_LOG)
    return recent_events(
        session,
        limit=limit,
        before_id=before_id,
        subject_type=subject_type,
        subject_id=subject_id,
        actor_id=officer_id,
        action=action,
    )


def officer_names(session: Session, *, actor_id: int) -> dict[int, str]:
    """Every officer's name and username by id (the log shows who acted)."""
    actor = load_actor(session, actor_id)
    require(actor, Action.VIEW_AUDIT_LOG)
    rows = session.execute(select(Officer.id, Officer.display_name, Officer.username))
    return {oid: f"{name} ({username})" for oid, name, username in rows}


def verify_and_record(session: Session, *, actor_id: int, now: datetime) -> VerifyResult:
    """Check the chain (officer-initiated) and record the check and its outcome."""
    actor = load_actor(session, actor_id)
    require(actor, Action.VERIFY_AUDIT)
    result = _verify_chain(session)
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.AUDIT_VERIFIED,
        subject_type="audit",
        subject_id=None,
        details={"ok": result.ok, "count": result.count, "broken_id": result.broken_id},
        at=now,
    )
    return result


def record_export(
    session: Session,
    *,
    actor_id: int,
    unmasked: bool,
    rows: int,
    scope: dict[str, Any] | None,
    now: datetime,
) -> None:
    """Check the right to export and record it (call in the export's transaction)."""
    actor = load_actor(session, actor_id)
    require(actor, Action.EXPORT_UNMASKED if unmasked else Action.EXPORT)
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.EXPORT,
        subject_type="export",
        subject_id=None,
        details={"unmasked": unmasked, "rows": rows, "scope": scope},
        at=now,
    )


class AuditService:
    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    async def read(self, actor_id: int, **filters: Any) -> list[AuditRow]:
        return await self._db.read(lambda s: read_log(s, actor_id=actor_id, **filters))

    async def names(self, actor_id: int) -> dict[int, str]:
        return await self._db.read(lambda s: officer_names(s, actor_id=actor_id))

    async def verify(self, actor_id: int) -> VerifyResult:
        now = self._clock()
        return await self._db.write(lambda s: verify_and_record(s, actor_id=actor_id, now=now))
