"""Sensitive replies: a duty officer's reply on a case whose category needs it waits for a shift
leader, who approves it (it joins the outbox queue and is sent) or rejects it with a reason (it
is never sent). Leaders' own replies are never held. Every decision is access-checked (approve
needs ``APPROVE_REPLY`` and the case in the leader's scope) and audited in the same transaction.

The case service decides at queue time (``hold_if_required``); the policy per category is the
province admin's (``MANAGE_SLA``, like the other per-category targets).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from desktop.domain.enums import Category, OutboxState
from desktop.services.access import (
    Action,
    Actor,
    PermissionDenied,
    load_actor,
    require,
    require_case,
)
from desktop.services.notes import add_note
from desktop.services.sla import record_response
from desktop.store import outbox
from desktop.store.audit import AuditAction, append_event
from desktop.store.database import Database
from desktop.store.models import Officer, Thread, utcnow
from desktop.store.outbox import OutboxRow
from desktop.store.reply_approval import (
    DEFAULT_REQUIRED,
    REPLY_KINDS,
    PendingReply,
    approval_required,
    customised,
    load_policy,
    pending_replies,
    save_policy,
)

MAX_NOTE = 500
Clock = Callable[[], datetime]


class ReviewRefused(ValueError):
    """The held reply cannot be reviewed as asked; ``str()`` is the reason (Vietnamese)."""


@dataclass(frozen=True, slots=True)
class PolicyRow:
    category: Category
    required: bool
    default: bool
    customised: bool


@dataclass(frozen=True, slots=True)
class ReplyPolicy:
    rows: list[PolicyRow]
    editable: bool  # a province admin


def hold_if_required(session: Session, actor: Actor | None, row: OutboxRow) -> OutboxRow:
    """Inside the transaction that wrote ``row``: hold it for a shift leader when the policy
    says so. Only replies are held, and never a leader's own (nor a headless tool's)."""
    if actor is None or row.kind not in REPLY_KINDS or actor.can(Action.APPROVE_REPLY):
        return row
    thread = session.get(Thread, row.thread_id) if row.thread_id else None
    category = thread.category if thread is not None else None
    if not approval_required(session, category):
        return row
    return outbox.hold_for_approval(session, row.id)


def _audit_review(
    session: Session, actor: Actor, held: OutboxRow, action: AuditAction, now: datetime
) -> None:
    """Who decided on which held reply (the reply's text stays in the outbox, not the log)."""
    append_event(
        session,
        actor_id=actor.officer_id,
        action=action,
        subject_type="thread",
        subject_id=str(held.thread_id),
        details={"outbox_id": held.id, "kind": held.kind.value, "written_by": held.created_by_id},
        at=now,
    )


def _tell_writer(
    session: Session, actor: Actor, held: OutboxRow, reason: str, now: datetime
) -> None:
    """The officer who wrote it hears back without watching the case: an internal note on the
    case that @mentions him (his "Nhắc đến tôi" list), in the same transaction."""
    writer = session.get(Officer, held.created_by_id) if held.created_by_id else None
    if writer is None or held.thread_id is None:
        return
    add_note(
        session,
        actor_id=actor.officer_id,
        thread_id=held.thread_id,
        text=f"@{writer.username} Trả lời chưa được duyệt, chưa gửi cho người dân: {reason}",
        now=now,
    )


def _may_edit_policy(actor: Actor) -> bool:
    return actor.can(Action.MANAGE_SLA) and actor.sees_unitless


class ReplyApprovals:
    def __init__(
        self,
        db: Database,
        *,
        clock: Clock = utcnow,
        on_change: Callable[[OutboxRow], None] | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._on_change = on_change  # the outbox: wake it and tell the open cases

    async def pending(self, actor_id: int) -> list[PendingReply]:
        def read(session: Session) -> list[PendingReply]:
            actor = load_actor(session, actor_id)
            require(actor, Action.APPROVE_REPLY)
            return pending_replies(
                session,
                unit_ids=None if actor.sees_unitless else actor.scope,
                unitless=actor.sees_unitless,
            )

        return await self._db.read(read)

    async def approve(self, actor_id: int, action_id: int) -> OutboxRow:
        now = self._clock()

        def write(session: Session) -> OutboxRow:
            actor, held = self._held(session, actor_id, action_id)
            row = outbox.approve(session, action_id, by_id=actor.officer_id, now=now)
            _audit_review(session, actor, held, AuditAction.REPLY_APPROVED, now)
            # The citizen is answered from now on: the first-response clock stops here.
            record_response(session, thread_id=held.thread_id or 0, at=now)
            return row

        return self._changed(await self._db.write(write))

    async def reject(self, actor_id: int, action_id: int, note: str) -> OutboxRow:
        reason = " ".join(note.split())
        if not reason:
            raise ReviewRefused("Hãy ghi lý do để cán bộ biết cần sửa gì.")
        if len(reason) > MAX_NOTE:
            raise ReviewRefused(f"Lý do dài quá {MAX_NOTE} ký tự.")
        now = self._clock()

        def write(session: Session) -> OutboxRow:
            actor, held = self._held(session, actor_id, action_id)
            row = outbox.reject(session, action_id, by_id=actor.officer_id, note=reason, now=now)
            _audit_review(session, actor, held, AuditAction.REPLY_REJECTED, now)
            _tell_writer(session, actor, held, reason, now)
            return row

        return self._changed(await self._db.write(write))

    def _held(self, session: Session, actor_id: int, action_id: int) -> tuple[Actor, OutboxRow]:
        actor = load_actor(session, actor_id)
        require(actor, Action.APPROVE_REPLY)
        try:
            held = outbox.get(session, action_id)
        except LookupError as exc:
            raise ReviewRefused("Không còn trả lời này.") from exc
        if held.thread_id is None or held.kind not in REPLY_KINDS:
            raise ReviewRefused("Thao tác này không phải một trả lời chờ duyệt.")
        require_case(session, actor, Action.APPROVE_REPLY, held.thread_id)
        if held.state is not OutboxState.PENDING_APPROVAL:
            raise ReviewRefused("Trả lời này đã được người khác xử lý.")
        if held.created_by_id == actor.officer_id:
            raise PermissionDenied("Không tự duyệt trả lời của chính mình.")
        return actor, held

    def _changed(self, row: OutboxRow) -> OutboxRow:
        if self._on_change is not None:
            self._on_change(row)
        return row

    # -- the policy ------------------------------------------------------------------------
    async def policy(self, actor_id: int) -> ReplyPolicy:
        def read(session: Session) -> ReplyPolicy:
            actor = load_actor(session, actor_id)
            require(actor, Action.MANAGE_SLA)
            policy, stored = load_policy(session), customised(session)
            rows = [PolicyRow(c, policy[c], c in DEFAULT_REQUIRED, c in stored) for c in Category]
            return ReplyPolicy(rows, _may_edit_policy(actor))

        return await self._db.read(read)

    async def set_required(self, actor_id: int, category: Category, required: bool) -> None:
        now = self._clock()

        def write(session: Session) -> None:
            actor = load_actor(session, actor_id)
            require(actor, Action.MANAGE_SLA)
            if not _may_edit_policy(actor):
                raise PermissionDenied("Chỉ quản trị cấp tỉnh đặt quy định duyệt trả lời.")
            before = load_policy(session)[category]
            save_policy(session, category, required, by_id=actor.officer_id, now=now)
            append_event(
                session,
                actor_id=actor.officer_id,
                action=AuditAction.REPLY_POLICY_CHANGED,
                subject_type="reply_policy",
                subject_id=category.value,
                details={"before": before, "after": required},
                at=now,
            )

        await self._db.write(write)
