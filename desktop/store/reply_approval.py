"""Which categories' replies wait for a shift leader, and the held replies themselves.

Domain: a shift leader "approves sensitive replies". By default a duty officer's reply on a
hostile-information case (never argue in public), a crime tip (an informant's safety) or a
complaint (often about officers' conduct) is held until a shift leader approves it; a province
admin may change that per category (``reply_approval_policy``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desktop.domain.enums import Category, OutboxKind, OutboxState
from desktop.store.models import (
    Forward,
    Officer,
    OutboxAction,
    ReplyApprovalPolicy,
    Thread,
    Unit,
)

DEFAULT_REQUIRED = frozenset({Category.HOSTILE, Category.CRIME_TIP, Category.COMPLAINT})
REPLY_KINDS = (OutboxKind.PUBLIC_REPLY, OutboxKind.PRIVATE_REPLY, OutboxKind.MESSAGE_REPLY)
MAX_PENDING = 500


def load_policy(session: Session) -> dict[Category, bool]:
    """Every category → whether its replies need approval (defaults where none was set)."""
    policy = {c: c in DEFAULT_REQUIRED for c in Category}
    for row in session.execute(select(ReplyApprovalPolicy)).scalars():
        policy[row.category] = row.required
    return policy


def customised(session: Session) -> set[Category]:
    return set(session.execute(select(ReplyApprovalPolicy.category)).scalars())


def save_policy(
    session: Session, category: Category, required: bool, *, by_id: int | None, now: datetime
) -> None:
    row = session.get(ReplyApprovalPolicy, category)
    if row is None:
        row = ReplyApprovalPolicy(category=category)
        session.add(row)
    row.required = required
    row.updated_by_id = by_id
    row.updated_at = now
    session.flush()


def approval_required(session: Session, category: Category | None) -> bool:
    """An unclassified case is held to the policy of ``other``."""
    return load_policy(session)[category or Category.OTHER]


@dataclass(frozen=True, slots=True)
class PendingReply:
    """A held reply as the shift leader's list shows it (the reply text is the officer's)."""

    action_id: int
    thread_id: int
    kind: OutboxKind
    text: str
    written_by: str | None
    written_at: datetime
    unit_name: str | None
    unit_id: int | None
    category: Category | None
    urgent: bool


def pending_replies(
    session: Session, *, unit_ids: frozenset[int] | None, unitless: bool, limit: int = MAX_PENDING
) -> list[PendingReply]:
    """Held replies of the cases in these units (``None``: every unit), the oldest first."""
    writer = aliased(Officer)
    stmt = (
        select(
            OutboxAction.id,
            OutboxAction.thread_id,
            OutboxAction.kind,
            OutboxAction.payload_json,
            writer.display_name,
            OutboxAction.created_at,
            Unit.name,
            Thread.unit_id,
            Thread.category,
            Thread.urgent,
        )
        .join(Thread, Thread.id == OutboxAction.thread_id)
        .outerjoin(Unit, Unit.id == Thread.unit_id)
        .outerjoin(writer, writer.id == OutboxAction.created_by_id)
        .where(OutboxAction.state == OutboxState.PENDING_APPROVAL)
        .order_by(OutboxAction.id)
        .limit(limit)
    )
    if unit_ids is not None:
        units = sorted(unit_ids)
        forwarded = select(Forward.thread_id).where(Forward.to_unit_id.in_(units))
        in_scope = Thread.unit_id.in_(units) | Thread.id.in_(forwarded.scalar_subquery())
        stmt = stmt.where(in_scope | Thread.unit_id.is_(None) if unitless else in_scope)
    return [
        PendingReply(
            action_id=r[0],
            thread_id=r[1],
            kind=r[2],
            text=str((r[3] or {}).get("message") or ""),
            written_by=r[4],
            written_at=r[5],
            unit_name=r[6],
            unit_id=r[7],
            category=r[8],
            urgent=bool(r[9]),
        )
        for r in session.execute(stmt)
    ]
