"""A duty officer's reply on a crime tip waits for the shift leader: the case panel says so, the
leader's "Chờ duyệt" list shows it literally, approving queues it for the platform and rejecting
shows the officer why, and nothing is sent until then."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.enums import OutboxKind, OutboxState
from desktop.store import outbox
from desktop.store.audit import recent_events
from desktop.store.database import Database
from desktop.views.approval_queue import ApprovalQueueView
from desktop.views.case_panel import CasePanel
from tests.views.duty_desk import PAYLOAD, DutyDesk, build_desk, show
from tests.views.helpers import emitted, wait_until


@pytest.fixture
def desk(db: Database) -> DutyDesk:
    return build_desk(db)


def _queue(desk: DutyDesk, qtbot: QtBot, username: str = "leader") -> ApprovalQueueView:
    leader = desk.officer(username)
    view = ApprovalQueueView(
        lambda: desk.approvals.pending(leader),
        lambda action_id: desk.approvals.approve(leader, action_id),
        lambda action_id, note: desk.approvals.reject(leader, action_id, note),
        desk.clock,
    )
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    return view


async def _reply(panel: CasePanel, text: str) -> None:
    panel.reply.kind_buttons[OutboxKind.PUBLIC_REPLY].setChecked(True)
    panel.reply.editor.setPlainText(text)
    async with emitted(panel.case_changed):
        panel.reply.send.click()


def _actions(desk: DutyDesk) -> list[outbox.OutboxRow]:
    return desk.db.read_blocking(outbox.list_actions)


@pytest.mark.asyncio
async def test_a_held_reply_is_approved_from_the_leaders_list(desk: DutyDesk, qtbot: QtBot) -> None:
    tip = desk.cases["tip"]
    panel = desk.panel(qtbot, "duty")
    await show(panel, tip)
    await _reply(panel, PAYLOAD)
    await wait_until(lambda: "lãnh đạo ca duyệt" in panel.notice.text())
    (held,) = _actions(desk)
    assert held.state is OutboxState.PENDING_APPROVAL
    await wait_until(lambda: panel.reply.action_list.count() == 1)
    line = panel.reply.action_list.item(0).text()
    assert line.startswith("Chờ duyệt") and "chưa gửi cho người dân" in line
    assert desk.thread(tip).first_response_at is None
    # Nothing leaves while it waits.
    assert desk.db.write_blocking(lambda s: outbox.claim_next(s, now=desk.clock.now)) is None

    view = _queue(desk, qtbot)
    async with emitted(view.count_changed) as count:
        view.refresh()
    assert count == [1]
    assert view.table.item(0, 0).text() == f"#{tip}"
    assert view.table.item(0, 3).text() == "Duty"
    assert view.reply.toPlainText() == PAYLOAD  # the whole reply, literally
    assert view.approve_button.isEnabled() and not view.reject_button.isEnabled()
    async with emitted(view.count_changed) as count:
        view.approve_button.click()
    assert count == [0]
    assert view.message.text() == f"Đã duyệt trả lời vụ việc #{tip}: đang gửi."
    (queued,) = _actions(desk)
    assert queued.state is OutboxState.QUEUED
    assert queued.reviewed_by_id == desk.officer("leader")
    # The officer's open case follows (the outbox tells every open case).
    await wait_until(
        lambda: (
            panel.reply.action_list.count() == 1
            and panel.reply.action_list.item(0).text().startswith("Chờ gửi")
        )
    )
    assert desk.thread(tip).first_response_at == desk.clock.now
    claimed = desk.db.write_blocking(lambda s: outbox.claim_next(s, now=desk.clock.now))
    assert claimed is not None and claimed.id == held.id


@pytest.mark.asyncio
async def test_a_rejected_reply_shows_the_reason_and_is_never_sent(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    tip = desk.cases["tip"]
    panel = desk.panel(qtbot, "duty")
    await show(panel, tip)
    await _reply(panel, "Anh cứ gửi tên người báo lên trang nhé")
    view = _queue(desk, qtbot)
    async with emitted(view.count_changed):
        view.refresh()
    view.reason.setText("Không được nêu người báo tin công khai")
    assert view.reject_button.isEnabled()
    async with emitted(view.count_changed) as count:
        view.reject_button.click()
    assert count == [0] and view.reason.text() == ""
    (rejected,) = _actions(desk)
    assert rejected.state is OutboxState.REJECTED
    await wait_until(
        lambda: (
            panel.reply.action_list.count() == 1
            and panel.reply.action_list.item(0).text().startswith("Không được duyệt")
        )
    )
    assert "Không được nêu người báo tin công khai" in panel.reply.action_list.item(0).text()
    assert desk.db.write_blocking(lambda s: outbox.claim_next(s, now=desk.clock.now)) is None
    actions = [e.action for e in desk.db.read_blocking(lambda s: recent_events(s, limit=10))]
    assert "reply_rejected" in actions and "reply_queued" in actions


@pytest.mark.asyncio
async def test_ordinary_replies_and_leaders_replies_go_straight_out(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    duty = desk.panel(qtbot, "duty")
    await show(duty, desk.cases["question"])  # an administrative question: no approval
    await _reply(duty, "Bạn mang CCCD đến bộ phận một cửa nhé")
    leader = desk.panel(qtbot, "leader", workstation="PC-2")
    await show(leader, desk.cases["tip"])  # a crime tip, but the leader's own reply
    await _reply(leader, "Cảm ơn bạn, chúng tôi đã tiếp nhận")
    assert [a.state for a in _actions(desk)] == [OutboxState.QUEUED, OutboxState.QUEUED]
    view = _queue(desk, qtbot)
    async with emitted(view.count_changed) as count:
        view.refresh()
    assert count == [0] and not view.approve_button.isEnabled()


@pytest.mark.asyncio
async def test_a_duty_officer_cannot_approve_even_through_the_list(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    panel = desk.panel(qtbot, "duty")
    await show(panel, desk.cases["tip"])
    await _reply(panel, "Cảm ơn bạn")
    view = _queue(desk, qtbot, "ss_duty")
    view.refresh()
    await wait_until(view.message.isVisible)
    assert "không được phép" in view.message.text()
    assert view.table.rowCount() == 0 and not view.approve_button.isEnabled()


@pytest.mark.asyncio
async def test_the_demo_stages_one_held_reply_for_its_leader(desk: DutyDesk) -> None:
    from desktop.domain.enums import Category
    from desktop.gui.demo import DEMO_HELD_REPLY, stage_held_reply
    from desktop.services.demo_roster import ensure_demo_officers
    from desktop.store.models import Officer, Thread

    leader = desk.db.write_blocking(ensure_demo_officers)

    def complaint(session: object) -> None:
        session.get(Thread, desk.cases["question"]).category = Category.COMPLAINT  # type: ignore[attr-defined]

    desk.db.write_blocking(complaint)
    await stage_held_reply(desk.db, desk.outbox, attempts=1)
    await stage_held_reply(desk.db, desk.outbox, attempts=1)  # once only
    (held,) = _actions(desk)
    assert held.state is OutboxState.PENDING_APPROVAL and held.thread_id == desk.cases["question"]
    assert held.payload["message"] == DEMO_HELD_REPLY
    writer = desk.db.read_blocking(lambda s: s.get(Officer, held.created_by_id))
    assert writer.username == "demo.trucban"
    pending = await desk.approvals.pending(leader)
    assert [p.action_id for p in pending] == [held.id]
