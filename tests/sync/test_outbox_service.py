"""The outbox against the simulator: sent once, windows refused, faults and crashes survived."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.domain.enums import Channel, Direction, OutboxKind, OutboxState
from desktop.services.outbox import ActionRefused, OutboxService, WindowRefused
from desktop.services.windows import WindowReason, closed_note, closed_reason
from desktop.store import outbox
from desktop.store.models import Item, Thread
from tests.sync.conftest import SyncRig

pytestmark = pytest.mark.asyncio


async def _thread(rig: SyncRig, channel: Channel) -> Thread:
    await rig.services.sync.sync_once()

    def pick(session):  # type: ignore[no-untyped-def]
        return (
            session.execute(
                select(Thread)
                .where(Thread.channel == channel, Thread.last_citizen_at.is_not(None))
                .order_by(Thread.last_citizen_at.desc())
            )
            .scalars()
            .first()
        )

    thread = rig.db.read_blocking(pick)
    assert thread is not None
    return thread


def _applied(rig: SyncRig, action: str) -> list:  # type: ignore[type-arg]
    return [w for w in rig.sim.control.writes(action=None) if w.action == action]


async def _drain(service: OutboxService) -> None:
    while await service.send_next() is not None:
        pass


async def test_public_reply_is_sent_once_and_shows_in_the_thread(rig: SyncRig) -> None:
    thread = await _thread(rig, Channel.FB_COMMENT)
    service = rig.services.outbox
    row = await service.queue(OutboxKind.PUBLIC_REPLY, thread.id, text="Công an tỉnh đã tiếp nhận")
    assert row.state is OutboxState.QUEUED
    await _drain(service)
    done = rig.db.read_blocking(lambda s: outbox.get(s, row.id))
    assert done.state is OutboxState.SENT and done.result_external_id
    writes = _applied(rig, "fb.comment.reply")
    assert [w.payload.get("message") for w in writes] == ["Công an tỉnh đã tiếp nhận"]
    mine = rig.db.read_blocking(
        lambda s: (
            s.execute(select(Item).where(Item.external_id == done.result_external_id))
            .scalars()
            .one()
        )
    )
    assert mine.thread_id == thread.id and mine.direction is Direction.OUTBOUND
    # The next sync sees the same reply: still one item.
    await rig.services.sync.sync_once()
    count = rig.db.read_blocking(
        lambda s: len(s.execute(select(Item).where(Item.text == "Công an tỉnh đã tiếp nhận")).all())
    )
    assert count == 1


async def test_hide_is_applied_on_the_platform_and_in_the_store(rig: SyncRig) -> None:
    thread = await _thread(rig, Channel.FB_COMMENT)
    service = rig.services.outbox
    row = await service.queue(OutboxKind.HIDE, thread.id)
    await _drain(service)
    assert rig.db.read_blocking(lambda s: outbox.get(s, row.id)).state is OutboxState.SENT
    assert [w.target for w in _applied(rig, "fb.comment.hide")] == [thread.external_id]
    hidden = rig.db.read_blocking(
        lambda s: s.execute(
            select(Item.is_hidden).where(Item.external_id == thread.external_id)
        ).scalar_one()
    )
    assert hidden


async def test_messages_within_the_window_and_refused_after_it(rig: SyncRig) -> None:
    service = rig.services.outbox
    for channel, action in (
        (Channel.FB_MESSAGE, "fb.message.send"),
        (Channel.ZALO_MESSAGE, "zalo.message.cs"),
    ):
        thread = await _thread(rig, channel)
        row = await service.queue(OutboxKind.MESSAGE_REPLY, thread.id, text="Chào bạn")
        await _drain(service)
        assert rig.db.read_blocking(lambda s, r=row.id: outbox.get(s, r)).state is OutboxState.SENT
        assert len(_applied(rig, action)) == 1
    rig.sim.control.advance_clock(timedelta(days=8).total_seconds())
    with pytest.raises(WindowRefused, match="quá 7 ngày") as refused:
        await service.queue(OutboxKind.MESSAGE_REPLY, thread.id, text="quá hạn")
    assert refused.value.reason is WindowReason.ZALO_EXPIRED and "-230" in str(refused.value)


async def test_a_reply_whose_window_closes_in_the_queue_fails_with_the_code(rig: SyncRig) -> None:
    thread = await _thread(rig, Channel.ZALO_MESSAGE)
    service = rig.services.outbox
    row = await service.queue(OutboxKind.MESSAGE_REPLY, thread.id, text="Chào bạn")
    rig.sim.control.advance_clock(timedelta(days=8).total_seconds())  # nobody sent it meanwhile
    await _drain(service)
    failed = rig.db.read_blocking(lambda s: outbox.get(s, row.id))
    assert failed.state is OutboxState.FAILED
    assert failed.last_error == closed_note(WindowReason.ZALO_EXPIRED)  # the views word it
    assert closed_reason(failed.last_error) is WindowReason.ZALO_EXPIRED
    assert _applied(rig, "zalo.message.cs") == []


async def test_dropped_connection_after_the_write_is_checked_not_resent(rig: SyncRig) -> None:
    thread = await _thread(rig, Channel.FB_COMMENT)
    rig.sim.control.add_fault(
        kind="drop_after", surface="graph", method="POST", path="*/comments", count=1
    )
    service = rig.services.outbox
    row = await service.queue(OutboxKind.PUBLIC_REPLY, thread.id, text="Đã chuyển đơn vị xử lý")
    await _drain(service)
    waiting = rig.db.read_blocking(lambda s: outbox.get(s, row.id))
    assert waiting.state is OutboxState.UNKNOWN  # read back later, not at once
    rig.sim.control.advance_clock(service.check_delay_s + 1)
    await _drain(service)
    done = rig.db.read_blocking(lambda s: outbox.get(s, row.id))
    assert done.state is OutboxState.SENT  # found on the platform by the check
    assert len(_applied(rig, "fb.comment.reply")) == 1


async def test_network_down_queues_and_sends_once_when_it_returns(rig: SyncRig) -> None:
    thread = await _thread(rig, Channel.FB_COMMENT)
    rule = rig.sim.control.add_fault(kind="drop_before", surface="graph", count=None)
    service = rig.services.outbox
    first = await service.queue(OutboxKind.PUBLIC_REPLY, thread.id, text="một")
    second = await service.queue(OutboxKind.PUBLIC_REPLY, thread.id, text="hai")
    await service.send_next()
    waiting = rig.db.read_blocking(lambda s: outbox.get(s, first.id))
    # A dropped connection may or may not have reached the platform: not sent, checked later.
    assert waiting.state is OutboxState.UNKNOWN and waiting.next_attempt_at is not None
    assert await service.send_next() is None  # nothing due: the check waits its turn
    rig.sim.control.advance_clock(60)
    checked = await service.send_next()  # the check is due, but the network is still down
    assert checked is not None and checked.state is OutboxState.UNKNOWN
    assert rig.db.read_blocking(lambda s: outbox.get(s, second.id)).state is OutboxState.QUEUED
    rig.sim.control.remove_fault(rule.id)
    rig.sim.control.advance_clock(600)
    await _drain(service)
    states = [
        rig.db.read_blocking(lambda s, a=a: outbox.get(s, a.id)).state for a in (first, second)
    ]
    assert states == [OutboxState.SENT, OutboxState.SENT]
    assert [w.payload.get("message") for w in _applied(rig, "fb.comment.reply")] == ["một", "hai"]


async def test_crash_while_sending_is_checked_on_restart(rig: SyncRig) -> None:
    thread = await _thread(rig, Channel.FB_COMMENT)
    service = rig.services.outbox
    row = await service.queue(OutboxKind.PUBLIC_REPLY, thread.id, text="trước khi mất điện")
    rig.db.write_blocking(outbox.claim_next)  # claimed, then the process died
    recovered = await service.recover()
    assert recovered == [row.id]
    checked = rig.db.read_blocking(lambda s: outbox.get(s, row.id))
    assert checked.state is OutboxState.QUEUED  # provably absent: sent again
    await _drain(service)
    assert rig.db.read_blocking(lambda s: outbox.get(s, row.id)).state is OutboxState.SENT
    assert len(_applied(rig, "fb.comment.reply")) == 1


async def test_refusals_are_clear(rig: SyncRig) -> None:
    thread = await _thread(rig, Channel.ZALO_MESSAGE)
    service = rig.services.outbox
    with pytest.raises(ActionRefused, match="chỉ dùng cho bình luận"):
        await service.queue(OutboxKind.PUBLIC_REPLY, thread.id, text="x")
    with pytest.raises(ActionRefused, match="đang trống"):
        await service.queue(OutboxKind.MESSAGE_REPLY, thread.id, text="   ")
