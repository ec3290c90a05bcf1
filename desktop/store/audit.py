"""The audit log: append-only events chained by SHA-256, and the check of that chain.

Every action an officer takes (sign-in, opening protected data, classification, assignment,
forwarding, replies, moderation, rule changes, exports) is one ``audit_events`` row written by
:func:`append_event` **in the same transaction as the action**, so an action without its event
(or the reverse) can never be committed.

The chain
---------
Events are ordered by ``id``. :func:`append_event` assigns ``id = previous id + 1`` itself (the
first event gets 1) while holding the write lock, so a healthy log has consecutive ids.

``hash`` of an event is ``sha256(canonical).hexdigest()`` (64 lower-case hex digits), where
``canonical`` is the UTF-8 encoding of this JSON object::

    {"action": str, "actor_id": int | null, "at": str, "details": object | null,
     "id": int, "prev_hash": str, "subject_id": str | null, "subject_type": str | null}

serialised with ``json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
allow_nan=False)`` — keys sorted at every level, no whitespace, non-ASCII characters as
themselves, no NaN/Infinity. ``at`` is the event's UTC time as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``
(always six fractional digits, always ``Z``). ``details`` is the JSON value as the database
returns it (the appender normalises it by a JSON round trip before hashing, so tuples become
lists and non-string keys are refused). ``prev_hash`` is the previous event's ``hash``, or
:data:`GENESIS_HASH` (64 zeros) for the first event.

What the check finds
--------------------
:func:`verify_chain` walks the events in ``id`` order and reports the first one that fails:
an edited event (its recomputed hash differs: reported at that event), a deleted event (the
next event's ``prev_hash`` no longer matches and its id skips: reported at the next event,
naming the missing ids), reordered events (ids are inside the hash: reported at the first moved
event). Deleting the *last* events cannot be seen from the chain alone: compare the reported
``head_hash``/``count`` with a copy kept elsewhere (``dutydesk audit verify --expect-head``).

Details must never carry personal data or message text: ids, codes, categories, counts.

Concurrency: on SQLite the single writer's ``BEGIN IMMEDIATE`` already serialises appends. On
PostgreSQL several workstations may write, so the appender takes ``LOCK TABLE audit_events IN
EXCLUSIVE MODE`` (readers keep reading) before reading the previous event.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.store.models import AuditEvent, utcnow

GENESIS_HASH = "0" * 64
_VERIFY_BATCH = 2000


class AuditAction(StrEnum):
    """The stored action names (never rename a value; add new ones)."""

    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SIGN_OUT = "sign_out"
    ACCOUNT_LOCKED = "account_locked"
    SCREEN_UNLOCKED = "screen_unlocked"
    OFFICER_CREATED = "officer_created"
    OFFICER_CHANGED = "officer_changed"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105 - an action name
    PROTECTED_VIEWED = "protected_viewed"  # an informant's unmasked data was opened
    CASE_VIEWED = "case_viewed"
    CLASSIFICATION_CHANGED = "classification_changed"
    STATUS_CHANGED = "status_changed"
    PRIORITY_CHANGED = "priority_changed"
    ASSIGNED = "assigned"
    AUTO_ASSIGNED = "auto_assigned"
    REDISTRIBUTED = "redistributed"
    FORWARDED = "forwarded"
    FORWARD_RESULT = "forward_result"
    FORWARD_ESCALATED = "forward_escalated"
    REPLY_QUEUED = "reply_queued"
    REPLY_APPROVED = "reply_approved"
    REPLY_REJECTED = "reply_rejected"
    REPLY_POLICY_CHANGED = "reply_policy_changed"
    NOTE_ADDED = "note_added"
    HIDDEN = "hidden"
    UNHIDDEN = "unhidden"
    DELETED = "deleted"
    BLOCKED = "blocked"
    RULE_CHANGED = "rule_changed"
    ASSIGNMENT_RULE_CHANGED = "assignment_rule_changed"
    SLA_CHANGED = "sla_changed"
    SHIFT_CHANGED = "shift_changed"
    HANDOVER_SIGNED = "handover_signed"
    HANDOVER_ACKNOWLEDGED = "handover_acknowledged"
    EXPORT = "export"
    AUDIT_VERIFIED = "audit_verified"
    ACCOUNT_CHANGED = "account_changed"
    UNIT_CHANGED = "unit_changed"


class AuditDetailsError(ValueError):
    """Details that cannot be stored and hashed faithfully (not JSON, NaN, non-string keys)."""


def format_time(at: datetime) -> str:
    """The canonical form of an event time: UTC, microseconds, ``Z``."""
    if at.tzinfo is None:
        raise ValueError("naive datetime given to the audit log")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_bytes(
    *,
    event_id: int,
    at: datetime,
    actor_id: int | None,
    action: str,
    subject_type: str | None,
    subject_id: str | None,
    details: dict[str, Any] | None,
    prev_hash: str,
) -> bytes:
    """The bytes an event's hash covers (see the module docstring)."""
    obj = {
        "action": action,
        "actor_id": actor_id,
        "at": format_time(at),
        "details": details,
        "id": event_id,
        "prev_hash": prev_hash,
        "subject_id": subject_id,
        "subject_type": subject_type,
    }
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def event_hash(
    *,
    event_id: int,
    at: datetime,
    actor_id: int | None,
    action: str,
    subject_type: str | None,
    subject_id: str | None,
    details: dict[str, Any] | None,
    prev_hash: str,
) -> str:
    return hashlib.sha256(
        canonical_bytes(
            event_id=event_id,
            at=at,
            actor_id=actor_id,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            details=details,
            prev_hash=prev_hash,
        )
    ).hexdigest()


def _normalised_details(details: dict[str, Any] | None) -> dict[str, Any] | None:
    if details is None:
        return None
    if not isinstance(details, dict):
        raise AuditDetailsError("audit details must be a JSON object")
    for key in _all_keys(details):
        if not isinstance(key, str):
            raise AuditDetailsError(f"audit details keys must be strings, not {key!r}")
    try:
        result = json.loads(json.dumps(details, ensure_ascii=False, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise AuditDetailsError(f"audit details are not plain JSON: {exc}") from exc
    assert isinstance(result, dict)
    return result


def _all_keys(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _all_keys(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _all_keys(inner)


def _lock_for_append(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":  # pragma: no cover - SQLite in tests
        session.execute(text("LOCK TABLE audit_events IN EXCLUSIVE MODE"))


def append_event(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    subject_type: str | None,
    subject_id: str | None,
    details: dict[str, Any] | None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one event to the chain inside the caller's (write) transaction.

    ``subject_id`` is a string (a thread id as ``str(thread_id)``, a username, a rule id).
    Raises :class:`AuditDetailsError` for details that are not plain JSON.
    """
    clean = _normalised_details(details)
    when = (at or utcnow()).astimezone(UTC)
    _lock_for_append(session)
    last = session.execute(
        select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    event_id, prev_hash = (1, GENESIS_HASH) if last is None else (last[0] + 1, last[1])
    digest = event_hash(
        event_id=event_id,
        at=when,
        actor_id=actor_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        details=clean,
        prev_hash=prev_hash,
    )
    event = AuditEvent(
        id=event_id,
        at=when,
        actor_id=actor_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        details_json=clean,
        prev_hash=prev_hash,
        hash=digest,
    )
    session.add(event)
    session.flush()
    return event


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """The outcome of a chain check. ``ok`` only when every event checked out."""

    ok: bool
    count: int  # events read (up to and including the broken one)
    head_hash: str  # the last good event's hash (GENESIS_HASH for an empty log)
    broken_id: int | None = None  # the first event that fails
    reason: str | None = None


def verify_chain(session: Session) -> VerifyResult:
    """Recompute every hash in ``id`` order; report the first event that breaks the chain."""
    prev_hash = GENESIS_HASH
    prev_id = 0
    count = 0
    stmt = select(
        AuditEvent.id,
        AuditEvent.at,
        AuditEvent.actor_id,
        AuditEvent.action,
        AuditEvent.subject_type,
        AuditEvent.subject_id,
        AuditEvent.details_json,
        AuditEvent.prev_hash,
        AuditEvent.hash,
    ).order_by(AuditEvent.id)
    for row in session.execute(stmt.execution_options(yield_per=_VERIFY_BATCH)):
        count += 1
        eid, at, actor_id, action, subject_type, subject_id, details, stored_prev, stored = row
        if eid != prev_id + 1:
            missing = f"{prev_id + 1}" if eid == prev_id + 2 else f"{prev_id + 1}–{eid - 1}"
            if eid <= prev_id:  # pragma: no cover - ids are a primary key, ordered
                missing = "none"
            return VerifyResult(
                False, count, prev_hash, eid, f"event {eid}: event(s) {missing} are missing"
            )
        if stored_prev != prev_hash:
            return VerifyResult(
                False,
                count,
                prev_hash,
                eid,
                f"event {eid}: its prev_hash does not match event {prev_id}'s hash "
                "(the previous event was changed, removed or replaced)",
            )
        try:
            recomputed = event_hash(
                event_id=eid,
                at=at,
                actor_id=actor_id,
                action=action,
                subject_type=subject_type,
                subject_id=subject_id,
                details=details,
                prev_hash=stored_prev,
            )
        except (TypeError, ValueError) as exc:
            return VerifyResult(False, count, prev_hash, eid, f"event {eid}: unreadable ({exc})")
        if recomputed != stored:
            return VerifyResult(
                False,
                count,
                prev_hash,
                eid,
                f"event {eid}: its content does not match its hash (the event was altered)",
            )
        prev_hash = stored
        prev_id = eid
    return VerifyResult(True, count, prev_hash)


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    actor_id: int | None
    action: str
    subject_type: str | None
    subject_id: str | None
    details: dict[str, Any] | None


def recent_events(
    session: Session,
    *,
    limit: int = 100,
    before_id: int | None = None,
    subject_type: str | None = None,
    subject_id: str | None = None,
    actor_id: int | None = None,
    action: str | None = None,
) -> list[AuditRow]:
    """The newest events first, paged by id, optionally for one subject, actor or action."""
    stmt = select(
        AuditEvent.id,
        AuditEvent.at,
        AuditEvent.actor_id,
        AuditEvent.action,
        AuditEvent.subject_type,
        AuditEvent.subject_id,
        AuditEvent.details_json,
    )
    if before_id is not None:
        stmt = stmt.where(AuditEvent.id < before_id)
    if subject_type is not None:
        stmt = stmt.where(AuditEvent.subject_type == subject_type)
    if subject_id is not None:
        stmt = stmt.where(AuditEvent.subject_id == subject_id)
    if actor_id is not None:
        stmt = stmt.where(AuditEvent.actor_id == actor_id)
    if action is not None:
        stmt = stmt.where(AuditEvent.action == action)
    rows = session.execute(stmt.order_by(AuditEvent.id.desc()).limit(limit))
    return [AuditRow(*row) for row in rows]
