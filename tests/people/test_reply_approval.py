"""Sensitive replies wait for a shift leader: the policy per category, holding at queue time,
approval (joins the queue, audited, stops the first-response clock) and rejection (never sent)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

import pytest
from sqlalchemy import select

from desktop.domain.enums import (
    Category,
    Direction,
    ItemKind,
    OfficerRole,
    OutboxKind,
    OutboxState,
    Platform,
)
from desktop.services.access import PermissionDenied, load_actor
from desktop.services.notes import NoteService
from desktop.services.reply_approval import ReplyApprovals, ReviewRefused, hold_if_required
from desktop.store import outbox
from desktop.store.audit import AuditAction
from desktop.store.cases import private_replied_items
from desktop.store.models import AuditEvent, Item, Officer, Thread
from desktop.store.outbox import OutboxRow
from desktop.store.thread_context import has_private_reply
from tests.people.conftest import World, at

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def reply_by(
    world: World,
    officer: str | None,
    thread_id: int,
    kind: OutboxKind = OutboxKind.PUBLIC_REPLY,
) -> OutboxRow:
    """What the case service does when an officer queues a reply: write it, then hold it if the
    policy says so, in one transaction."""

    def work(session: Any) -> OutboxRow:
        thread = session.get(Thread, thread_id)
        row = outbox.enqueue(
            session,
            account_id=thread.account_id,
            thread_id=thread_id,
            kind=kind,
            payload={"comment_id": thread.external_id, "message": "Cảm ơn bạn, chúng tôi ghi nhận"},
            created_by_id=world.officers[officer] if officer else None,
            now=at(1),
        )
        actor = load_actor(session, world.officers[officer]) if officer else None
        return hold_if_required(session, actor, row)

    return world.db.write_blocking(work)


def events(world: World, action: AuditAction) -> list[AuditEvent]:
    return world.db.read_blocking(
        lambda s: list(s.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars())
    )


@pytest.mark.parametrize(
    ("category", "held"),
    [
        (Category.HOSTILE, True),
        (Category.CRIME_TIP, True),
        (Category.COMPLAINT, True),
        (Category.ADMIN_QUESTION, False),
        (Category.FEEDBACK, False),
        (None, False),  # unclassified: the policy of "other"
    ],
)
def test_a_duty_officers_reply_is_held_by_category(
    world: World, category: Category | None, held: bool
) -> None:
    row = reply_by(world, "duty", world.case(category=category))
    assert row.state is (OutboxState.PENDING_APPROVAL if held else OutboxState.QUEUED)


def test_leaders_and_moderation_are_never_held(world: World) -> None:
    hostile = world.case(category=Category.HOSTILE)
    assert reply_by(world, "leader", hostile).state is OutboxState.QUEUED
    assert reply_by(world, "duty", hostile, OutboxKind.HIDE).state is OutboxState.QUEUED
    assert reply_by(world, None, hostile).state is OutboxState.QUEUED  # headless tools


def test_a_held_reply_is_never_claimed_nor_holds_back_the_thread(world: World) -> None:
    case = world.case(category=Category.HOSTILE)
    held = reply_by(world, "duty", case)
    hide = reply_by(world, "duty", case, OutboxKind.HIDE)
    claimed = world.db.write_blocking(lambda s: outbox.claim_next(s, now=at(2)))
    assert claimed is not None and claimed.id == hide.id
    assert world.db.write_blocking(lambda s: outbox.claim_next(s, now=at(2))) is None
    assert world.db.read_blocking(lambda s: outbox.get(s, held.id)).state is (
        OutboxState.PENDING_APPROVAL
    )


def test_approval_queues_it_audits_and_stops_the_response_clock(world: World) -> None:
    case = world.case(category=Category.COMPLAINT)
    held = reply_by(world, "duty", case)
    seen: list[OutboxRow] = []
    service = ReplyApprovals(world.db, clock=lambda: at(7), on_change=seen.append)
    pending = run(service.pending(world.officers["leader"]))
    assert [p.action_id for p in pending] == [held.id]
    assert pending[0].written_by == "Duty" and pending[0].category is Category.COMPLAINT

    row = run(service.approve(world.officers["leader"], held.id))
    assert row.state is OutboxState.QUEUED
    assert row.reviewed_by_id == world.officers["leader"] and row.reviewed_at == at(7)
    assert seen == [row]
    assert world.thread(case).first_response_at == at(7)
    (event,) = events(world, AuditAction.REPLY_APPROVED)
    assert event.actor_id == world.officers["leader"] and event.subject_id == str(case)
    assert run(service.pending(world.officers["leader"])) == []
    claimed = world.db.write_blocking(lambda s: outbox.claim_next(s, now=at(8)))
    assert claimed is not None and claimed.id == held.id


def test_rejection_needs_a_reason_and_the_reply_is_never_sent(world: World) -> None:
    case = world.case(category=Category.HOSTILE)
    held = reply_by(world, "duty", case)
    service = ReplyApprovals(world.db, clock=lambda: at(5))
    with pytest.raises(ReviewRefused):
        run(service.reject(world.officers["leader"], held.id, "   "))
    row = run(service.reject(world.officers["leader"], held.id, "Không tranh luận công khai"))
    assert row.state is OutboxState.REJECTED and row.review_note == "Không tranh luận công khai"
    assert len(events(world, AuditAction.REPLY_REJECTED)) == 1
    # The writer hears back: a note on the case that mentions him.
    (mention,) = run(NoteService(world.db, clock=lambda: at(6)).mentions(world.officers["duty"]))
    assert mention.thread_id == case
    assert mention.preview.endswith("chưa gửi cho người dân: Không tranh luận công khai")
    assert world.db.write_blocking(lambda s: outbox.claim_next(s, now=at(9))) is None
    assert world.thread(case).first_response_at is None
    with pytest.raises(ReviewRefused):  # decided once
        run(service.approve(world.officers["leader"], held.id))


def test_only_a_leader_in_scope_reviews_and_never_his_own(world: World) -> None:
    service = ReplyApprovals(world.db, clock=lambda: at(5))
    samson = world.case("TH-SAMSON", category=Category.HOSTILE)
    held = reply_by(world, "ss_duty", samson)
    for officer in ("duty", "ss_duty2", "admin", "auditor"):
        with pytest.raises(PermissionDenied):
            run(service.approve(world.officers[officer], held.id))
    bimson = world.case("TH-BIMSON", category=Category.HOSTILE)
    other = reply_by(world, "bs_duty", bimson)
    # Sầm Sơn's leader sees only his units' held replies, and cannot approve Bỉm Sơn's.
    assert [p.action_id for p in run(service.pending(world.officers["ss_leader"]))] == [held.id]
    with pytest.raises(PermissionDenied):
        run(service.approve(world.officers["ss_leader"], other.id))
    # The province leader sees both.
    province = {p.action_id for p in run(service.pending(world.officers["leader"]))}
    assert province == {held.id, other.id}
    assert run(service.approve(world.officers["ss_leader"], held.id)).state is OutboxState.QUEUED


def test_an_officer_promoted_meanwhile_cannot_approve_his_own_reply(world: World) -> None:
    held = reply_by(world, "ss_duty", world.case("TH-SAMSON", category=Category.HOSTILE))

    def promote(session: Any) -> None:
        session.get(Officer, world.officers["ss_duty"]).role = OfficerRole.SHIFT_LEADER

    world.db.write_blocking(promote)
    service = ReplyApprovals(world.db, clock=lambda: at(5))
    with pytest.raises(PermissionDenied):
        run(service.approve(world.officers["ss_duty"], held.id))


def test_the_policy_is_the_province_admins_and_audited(world: World) -> None:
    service = ReplyApprovals(world.db, clock=lambda: at(5))
    view = run(service.policy(world.officers["admin"]))
    assert view.editable
    required = {r.category for r in view.rows if r.required}
    assert required == {Category.HOSTILE, Category.CRIME_TIP, Category.COMPLAINT}
    assert not run(service.policy(world.officers["ss_admin"])).editable
    with pytest.raises(PermissionDenied):
        run(service.set_required(world.officers["ss_admin"], Category.FEEDBACK, True))
    with pytest.raises(PermissionDenied):
        run(service.policy(world.officers["leader"]))

    run(service.set_required(world.officers["admin"], Category.ABUSIVE, True))
    run(service.set_required(world.officers["admin"], Category.COMPLAINT, False))
    assert reply_by(world, "duty", world.case(category=Category.ABUSIVE)).state is (
        OutboxState.PENDING_APPROVAL
    )
    assert reply_by(world, "duty", world.case(category=Category.COMPLAINT)).state is (
        OutboxState.QUEUED
    )
    rows = {r.category: r for r in run(service.policy(world.officers["admin"])).rows}
    assert rows[Category.ABUSIVE].customised and not rows[Category.ABUSIVE].default
    changes = events(world, AuditAction.REPLY_POLICY_CHANGED)
    assert [(e.subject_id, e.details_json) for e in changes] == [
        ("abusive", {"before": False, "after": True}),
        ("complaint", {"before": True, "after": False}),
    ]


def test_a_rejected_private_reply_does_not_use_up_the_comment(world: World) -> None:
    case = world.case(category=Category.CRIME_TIP)

    def private(session: Any) -> tuple[int, OutboxRow]:
        thread = session.get(Thread, case)
        item = Item(
            thread_id=case,
            platform=Platform.FACEBOOK,
            external_id=f"{thread.external_id}_c",
            kind=ItemKind.COMMENT,
            direction=Direction.INBOUND,
            text="Em biết chỗ bán ma tuý",
            created_at=at(0),
            content_hash="0" * 64,
        )
        session.add(item)
        session.flush()
        row = outbox.enqueue(
            session,
            account_id=thread.account_id,
            thread_id=case,
            item_id=item.id,
            kind=OutboxKind.PRIVATE_REPLY,
            payload={"comment_id": item.external_id, "message": "Xin liên hệ"},
            created_by_id=world.officers["duty"],
            now=at(1),
        )
        return item.id, hold_if_required(session, load_actor(session, world.officers["duty"]), row)

    item_id, held = world.db.write_blocking(private)
    assert held.state is OutboxState.PENDING_APPROVAL
    # Held: the comment's one private reply is taken (no second one may be written meanwhile).
    assert world.db.read_blocking(lambda s: has_private_reply(s, item_id))
    assert world.db.read_blocking(lambda s: private_replied_items(s, case)) == {item_id}
    service = ReplyApprovals(world.db, clock=lambda: at(5))
    run(service.reject(world.officers["leader"], held.id, "Chưa đúng mẫu"))
    # Rejected: never sent, so the officer may write it again.
    assert not world.db.read_blocking(lambda s: has_private_reply(s, item_id))
    assert world.db.read_blocking(lambda s: private_replied_items(s, case)) == set()
