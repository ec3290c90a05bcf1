"""End to end against the simulator: an officer triages, classifies, assigns, replies and hides
through the case panel; the simulator receives and applies it; offline, the action waits in
the outbox (and the panel says so), then goes out exactly once when the network returns."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.enums import CaseStatus, Category, Channel, OutboxKind, OutboxState
from desktop.platforms.graph import GraphClient
from desktop.services.cases import CaseService
from desktop.services.demo_roster import demo_officer_id
from desktop.services.outbox import OutboxService
from desktop.store import outbox
from desktop.store.models import Item, Officer, Thread
from desktop.views.case_panel import CasePanel
from tests.sync.conftest import SyncRig, rig, sim  # noqa: F401 (fixtures)
from tests.views.helpers import emitted, wait_until


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _newest_thread(rig: SyncRig, channel: Channel) -> Thread:  # noqa: F811
    await rig.services.sync.sync_once()

    def pick(session: Any) -> Thread | None:
        return (
            session.execute(
                select(Thread)
                .where(Thread.channel == channel, Thread.last_citizen_at.is_not(None))
                .order_by(Thread.last_citizen_at.desc(), Thread.id.desc())
            )
            .scalars()
            .first()
        )

    thread = rig.db.read_blocking(pick)
    assert thread is not None
    return thread


async def _desk(rig: SyncRig, qtbot: QtBot, thread_id: int) -> CasePanel:  # noqa: F811
    def clock() -> datetime:
        return datetime.fromtimestamp(rig.sim.control.now(), UTC)

    officer = await demo_officer_id(rig.db)
    service = CaseService(rig.db, rig.services.outbox, clock, officer_id=officer)
    panel = CasePanel(service, clock)
    qtbot.addWidget(panel)
    panel.resize(900, 1000)
    panel.show()
    async with emitted(panel.case_loaded):
        panel.show_case(thread_id)
    return panel


async def _drain(service: OutboxService) -> None:
    while await service.send_next() is not None:
        pass


def _applied(rig: SyncRig, action: str) -> list[Any]:  # noqa: F811
    return rig.sim.control.writes(action=action)


def _states(panel: CasePanel) -> list[str]:
    listing = panel.reply.action_list
    return [listing.item(i).text() for i in range(listing.count())]


async def _saved(panel: CasePanel, action: Any) -> None:
    async with emitted(panel.case_changed):
        action()
    await wait_until(lambda: panel.detail is not None and panel.detail.version == panel._version)


@pytest.mark.asyncio
async def test_triage_reply_hide_and_offline_through_the_panel(
    rig: SyncRig,  # noqa: F811
    qtbot: QtBot,
) -> None:
    thread = await _newest_thread(rig, Channel.FB_COMMENT)
    panel = await _desk(rig, qtbot, thread.id)
    sender = rig.services.outbox

    # Triage: category by keystroke, urgency, assignment to the shift leader.
    await _saved(panel, lambda: panel.classify_shortcut(1))
    await _saved(panel, panel.toggle_urgent)
    combo = panel.assignment.assignee
    leader = combo.findText("Nguyễn Thị Thu Hà — Công an tỉnh Thanh Hóa")
    await _saved(panel, lambda: combo.activated.emit(leader))
    case = rig.db.read_blocking(lambda s: s.get(Thread, thread.id))
    assert (case.category, case.urgent, case.status) == (
        Category.CRIME_TIP,
        True,
        CaseStatus.IN_PROGRESS,
    )
    assert case.assignee_id == combo.itemData(leader) and case.version == thread.version + 3

    # Reply: queued first, then sent by the outbox, received by the simulator.
    text = "Công an tỉnh đã tiếp nhận thông tin, bạn vui lòng nhắn tin riêng cho trang."
    panel.reply.editor.setPlainText(text)
    async with emitted(panel.case_changed):
        panel.reply.send.click()
    await wait_until(lambda: _states(panel)[:1] and _states(panel)[0].startswith("Chờ gửi"))
    assert _applied(rig, "fb.comment.reply") == []
    await _drain(sender)
    writes = _applied(rig, "fb.comment.reply")
    assert [(w.target, w.payload.get("message")) for w in writes] == [(thread.external_id, text)]
    await wait_until(lambda: _states(panel)[0].startswith("Đã gửi"))
    await wait_until(lambda: f"\n{text}" in panel.thread_pane.text.toPlainText())
    assert "↳ Trả lời: " in panel.thread_pane.text.toPlainText()

    # Hide: asked first, then applied on the platform.
    panel.hide_current()
    assert panel.confirmation is not None
    async with emitted(panel.case_changed):
        next(b for b in panel.confirmation.buttons() if b.text() == "Ẩn").click()
    await _drain(sender)
    assert [w.target for w in _applied(rig, "fb.comment.hide")] == [thread.external_id]
    core = rig.sim.control.core
    with core.lock:
        assert core.world.comment(thread.external_id).is_hidden
    await wait_until(lambda: "[đã ẩn]" in panel.thread_pane.text.toPlainText())
    hidden = rig.db.read_blocking(
        lambda s: s.execute(
            select(Item.is_hidden).where(Item.external_id == thread.external_id)
        ).scalar_one()
    )
    assert hidden

    # Offline: the Graph API is unreachable (a closed port). The reply waits in the outbox.
    online = sender.graph
    sender.graph = GraphClient(online.http, f"http://127.0.0.1:{_closed_port()}/graph/v19.0")
    offline_text = "Chúng tôi sẽ liên hệ lại với bạn."
    panel.reply.editor.setPlainText(offline_text)
    async with emitted(panel.case_changed):
        panel.reply.send.click()
    row = await sender.send_next()
    assert row is not None and row.state is OutboxState.QUEUED and row.retryable
    await wait_until(lambda: "Chưa gửi được" in _states(panel)[0])
    assert _states(panel)[0].startswith("Chờ gửi")
    assert "↳ Trả lời [Chờ gửi]" in panel.thread_pane.text.toPlainText()
    assert await sender.send_next() is None  # waits for its retry time
    assert [w.payload.get("message") for w in _applied(rig, "fb.comment.reply")] == [text]

    # Back online: sent exactly once.
    sender.graph = online
    rig.sim.control.advance_clock(600)
    await _drain(sender)
    await _drain(sender)
    done = rig.db.read_blocking(lambda s: outbox.get(s, row.id))
    assert done.state is OutboxState.SENT
    messages = [w.payload.get("message") for w in _applied(rig, "fb.comment.reply")]
    assert messages == [text, offline_text]
    await wait_until(lambda: _states(panel)[0].startswith("Đã gửi"))
    assert "[Chờ gửi]" not in panel.thread_pane.text.toPlainText()
    # The next sync reads the same replies back: no duplicates in the thread.
    await rig.services.sync.sync_once()
    count = rig.db.read_blocking(
        lambda s: len(s.execute(select(Item).where(Item.text == offline_text)).all())
    )
    assert count == 1


@pytest.mark.asyncio
async def test_messenger_reply_then_the_window_closes(
    rig: SyncRig,  # noqa: F811
    qtbot: QtBot,
) -> None:
    thread = await _newest_thread(rig, Channel.FB_MESSAGE)
    panel = await _desk(rig, qtbot, thread.id)
    reply = panel.reply
    assert list(reply.kind_buttons) == [OutboxKind.MESSAGE_REPLY]
    assert reply.window_label.text().startswith("Messenger: còn ")
    reply.editor.setPlainText("Chào bạn, cán bộ trực ban đã nhận tin.")
    async with emitted(panel.case_changed):
        reply.send.click()
    await _drain(rig.services.outbox)
    sent = _applied(rig, "fb.message.send")
    assert [w.payload["text"] for w in sent] == ["Chào bạn, cán bộ trực ban đã nhận tin."]
    await wait_until(lambda: _states(panel)[0].startswith("Đã gửi"))

    rig.sim.control.advance_clock(timedelta(days=8).total_seconds())
    await wait_until(lambda: reply.window_label.text().startswith("Đã hết hạn trả lời"))
    reply.editor.setPlainText("quá hạn rồi")
    assert not reply.send.isEnabled()
    async with emitted(panel.notice_shown) as notice:
        reply._send()
    assert "Messenger không cho trang trả lời nữa" in notice[0]
    assert len(_applied(rig, "fb.message.send")) == len(sent)


@pytest.mark.asyncio
async def test_a_held_reply_reaches_the_platform_only_once_approved(
    rig: SyncRig,  # noqa: F811
    qtbot: QtBot,
) -> None:
    """A duty officer answers a hostile comment: nothing reaches the simulator until the shift
    leader approves; then the outbox sends it, once."""
    from desktop.services.reply_approval import ReplyApprovals

    thread = await _newest_thread(rig, Channel.FB_COMMENT)
    leader = await demo_officer_id(rig.db)

    def prepare(session: Any) -> int:
        session.get(Thread, thread.id).category = Category.HOSTILE
        return int(
            session.execute(
                select(Officer.id).where(Officer.username == "demo.trucban")
            ).scalar_one()
        )

    duty = rig.db.write_blocking(prepare)

    def clock() -> datetime:
        return datetime.fromtimestamp(rig.sim.control.now(), UTC)

    panel = CasePanel(CaseService(rig.db, rig.services.outbox, clock, officer_id=duty), clock)
    qtbot.addWidget(panel)
    panel.show()
    async with emitted(panel.case_loaded):
        panel.show_case(thread.id)
    text = "Đề nghị bạn không đăng thông tin sai sự thật; công an sẽ xác minh."
    panel.reply.editor.setPlainText(text)
    async with emitted(panel.case_changed):
        panel.reply.send.click()
    sender = rig.services.outbox
    await _drain(sender)
    assert _applied(rig, "fb.comment.reply") == []
    (held,) = rig.db.read_blocking(outbox.list_actions)
    assert held.state is OutboxState.PENDING_APPROVAL

    approvals = ReplyApprovals(rig.db, clock=clock, on_change=sender.changed)
    await approvals.approve(leader, held.id)
    await _drain(sender)
    writes = _applied(rig, "fb.comment.reply")
    assert [(w.target, w.payload.get("message")) for w in writes] == [(thread.external_id, text)]
    await wait_until(lambda: _states(panel)[:1] and _states(panel)[0].startswith("Đã gửi"))
    await _drain(sender)
    assert len(_applied(rig, "fb.comment.reply")) == 1
