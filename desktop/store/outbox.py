"""The outbox table's state machine: every outgoing action is written here before it is sent.

    pending_approval ──approve──► queued ──claim──► sending ──► sent
           └──reject──► rejected      ▲                 │  └───► failed   (permanent)
                                      │                 └──────► unknown  (may have applied)
                                      └── retryable failure (network down, throttled, 5xx)

A sensitive reply of a duty officer is written ``pending_approval`` and is never sent until a
shift leader approves it (it then joins the queue) or rejects it (``rejected``, with the reason;
never sent). A held reply does not hold back the thread's other actions (a hide goes at once).

An action found in ``sending`` at start-up was interrupted by a crash: it becomes ``unknown``
and is never sent again blindly. Actions of one thread are sent in order: an action waits while
an older one of the same thread is queued, sending or unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from desktop.domain.enums import OutboxKind, OutboxState
from desktop.store.models import OutboxAction

BLOCKING_STATES = (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.UNKNOWN)


class OutboxStateError(RuntimeError):
    """An action is not in the state the requested transition needs."""


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    account_id: int
    thread_id: int | None
    item_id: int | None
    kind: OutboxKind
    payload: dict[str, Any]
    state: OutboxState
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    retryable: bool | None
    result_external_id: str | None
    created_by_id: int | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    reviewed_by_id: int | None = None
    reviewed_at: datetime | None = None
    review_note: str | None = None


def _row(action: OutboxAction) -> OutboxRow:
    return OutboxRow(
        action.id,
        action.account_id,
        action.thread_id,
        action.item_id,
        action.kind,
        dict(action.payload_json),
        action.state,
        action.attempts,
        action.next_attempt_at,
        action.last_error,
        action.retryable,
        action.result_external_id,
        action.created_by_id,
        action.created_at,
        action.updated_at,
        action.sent_at,
        action.reviewed_by_id,
        action.reviewed_at,
        action.review_note,
    )


def enqueue(
    session: Session,
    *,
    account_id: int,
    kind: OutboxKind,
    payload: dict[str, Any],
    thread_id: int | None = None,
    item_id: int | None = None,
    created_by_id: int | None = None,
    now: datetime | None = None,
) -> OutboxRow:
    now = now or datetime.now(UTC)
    action = OutboxAction(
        account_id=account_id,
        thread_id=thread_id,
        item_id=item_id,
        kind=kind,
        payload_json=payload,
        state=OutboxState.QUEUED,
        attempts=0,
        created_by_id=created_by_id,
        created_at=now,
        updated_at=now,
    )
    session.add(action)
    session.flush()
    return _row(action)


def get(session: Session, action_id: int) -> OutboxRow:
    action = session.get(OutboxAction, action_id)
    if action is None:
        raise LookupError(f"no outbox action {action_id}")
    return _row(action)


def claim_next(
    session: Session, *, now: datetime | None = None, account_ids: set[int] | None = None
) -> OutboxRow | None:
    """Move the oldest sendable action to ``sending`` (attempts + 1) and return it."""
    now = now or datetime.now(UTC)
    older = aliased(OutboxAction)
    stmt = (
        select(OutboxAction)
        .where(
            OutboxAction.state == OutboxState.QUEUED,
            or_(OutboxAction.next_attempt_at.is_(None), OutboxAction.next_attempt_at <= now),
            ~exists().where(
                and_(
                    OutboxAction.thread_id.is_not(None),
                    older.thread_id == OutboxAction.thread_id,
                    older.id < OutboxAction.id,
                    older.state.in_(BLOCKING_STATES),
                )
            ),
        )
        .order_by(OutboxAction.id)
        .limit(1)
    )
    if account_ids is not None:
        stmt = stmt.where(OutboxAction.account_id.in_(sorted(account_ids)))
    action = session.execute(stmt).scalar_one_or_none()
    if action is None:
        return None
    action.state = OutboxState.SENDING
    action.attempts += 1
    action.updated_at = now
    session.flush()
    return _row(action)


def _transition(
    session: Session, action_id: int, expected: tuple[OutboxState, ...], **values: Any
) -> OutboxRow:
    action = session.get(OutboxAction, action_id)
    if action is None:
        raise LookupError(f"no outbox action {action_id}")
    if action.state not in expected:
        raise OutboxStateError(
            f"outbox action {action_id} is {action.state.value}, not "
            + " or ".join(s.value for s in expected)
        )
    for name, value in values.items():
        setattr(action, name, value)
    action.updated_at = values.get("updated_at") or datetime.now(UTC)
    session.flush()
    return _row(action)


def mark_sent(session: Session, action_id: int, result_external_id: str | None = None) -> OutboxRow:
    return _transition(
        session,
        action_id,
        (OutboxState.SENDING, OutboxState.UNKNOWN),
        state=OutboxState.SENT,
        result_external_id=result_external_id,
        sent_at=datetime.now(UTC),
        last_error=None,
        retryable=None,
    )


def mark_failed(session: Session, action_id: int, reason: str) -> OutboxRow:
    """A permanent failure: not sent, never retried automatically."""
    return _transition(
        session,
        action_id,
        (OutboxState.SENDING, OutboxState.QUEUED, OutboxState.UNKNOWN),
        state=OutboxState.FAILED,
        last_error=reason,
        retryable=False,
    )


def mark_retry(session: Session, action_id: int, reason: str, retry_at: datetime) -> OutboxRow:
    """Provably not applied (refused before it was processed): queue again for ``retry_at``."""
    return _transition(
        session,
        action_id,
        (OutboxState.SENDING,),
        state=OutboxState.QUEUED,
        last_error=reason,
        retryable=True,
        next_attempt_at=retry_at,
    )


def mark_unknown(
    session: Session, action_id: int, reason: str, check_at: datetime | None = None
) -> OutboxRow:
    """May have been applied. ``check_at``: when to look on the platform again (None: the
    officer decides)."""
    return _transition(
        session,
        action_id,
        (OutboxState.SENDING, OutboxState.UNKNOWN),
        state=OutboxState.UNKNOWN,
        last_error=reason,
        retryable=None,
        next_attempt_at=check_at,
    )


def hold_for_approval(session: Session, action_id: int) -> OutboxRow:
    """A reply just written waits for a shift leader instead of the queue (same transaction)."""
    return _transition(
        session, action_id, (OutboxState.QUEUED,), state=OutboxState.PENDING_APPROVAL
    )


def approve(session: Session, action_id: int, *, by_id: int | None, now: datetime) -> OutboxRow:
    """A shift leader approved a held reply: it joins the queue."""
    return _transition(
        session,
        action_id,
        (OutboxState.PENDING_APPROVAL,),
        state=OutboxState.QUEUED,
        reviewed_by_id=by_id,
        reviewed_at=now,
        updated_at=now,
    )


def reject(
    session: Session, action_id: int, *, by_id: int | None, note: str, now: datetime
) -> OutboxRow:
    """A shift leader refused a held reply: it is never sent; ``note`` tells the officer why."""
    return _transition(
        session,
        action_id,
        (OutboxState.PENDING_APPROVAL,),
        state=OutboxState.REJECTED,
        reviewed_by_id=by_id,
        reviewed_at=now,
        review_note=note,
        updated_at=now,
    )


def next_unknown_to_check(session: Session, *, now: datetime | None = None) -> OutboxRow | None:
    """The oldest unknown action whose platform check is due."""
    now = now or datetime.now(UTC)
    action = session.execute(
        select(OutboxAction)
        .where(
            OutboxAction.state == OutboxState.UNKNOWN,
            OutboxAction.next_attempt_at.is_not(None),
            OutboxAction.next_attempt_at <= now,
        )
        .order_by(OutboxAction.id)
        .limit(1)
    ).scalar_one_or_none()
    return None if action is None else _row(action)


def requeue_unknown(session: Session, action_id: int, reason: str) -> OutboxRow:
    """An unknown action proved absent on the platform (or an officer chose to send again)."""
    return _transition(
        session,
        action_id,
        (OutboxState.UNKNOWN, OutboxState.FAILED),
        state=OutboxState.QUEUED,
        last_error=reason,
        next_attempt_at=None,
    )


def recover_interrupted(session: Session, *, now: datetime | None = None) -> list[int]:
    """At start-up: actions left in ``sending`` by a crash become ``unknown``, due for a check."""
    ids = list(
        session.execute(
            select(OutboxAction.id).where(OutboxAction.state == OutboxState.SENDING)
        ).scalars()
    )
    if ids:
        now = now or datetime.now(UTC)
        session.execute(
            update(OutboxAction)
            .where(OutboxAction.id.in_(ids))
            .values(
                state=OutboxState.UNKNOWN,
                last_error="interrupted while sending (the app stopped); checking the platform",
                next_attempt_at=now,
                updated_at=now,
            )
        )
    return ids


def list_actions(
    session: Session, *, states: tuple[OutboxState, ...] | None = None, limit: int = 1000
) -> list[OutboxRow]:
    stmt = select(OutboxAction).order_by(OutboxAction.id).limit(limit)
    if states:
        stmt = stmt.where(OutboxAction.state.in_(states))
    return [_row(a) for a in session.execute(stmt).scalars()]


def pending_count(session: Session) -> int:
    return int(
        session.execute(
            select(func.count()).where(OutboxAction.state.in_(BLOCKING_STATES))
        ).scalar_one()
    )


def count_by_state(session: Session) -> dict[OutboxState, int]:
    """How many actions are in each state (states with none are absent)."""
    rows = session.execute(
        select(OutboxAction.state, func.count()).group_by(OutboxAction.state)
    ).all()
    return {OutboxState(state): int(n) for state, n in rows}
