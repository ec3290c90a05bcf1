"""Forwarding on the workstation: the "Chuyển đơn vị" dialog from the case panel, the forward shown
on the case, the receiving unit's result, the unit chooser and status paths, the forward queue,
and masking of a crime tip's forward for officers without need-to-know."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.enums import CaseStatus
from desktop.store.audit import recent_events
from desktop.store.database import Database
from desktop.store.models import Forward
from desktop.views.case_panel import CasePanel
from desktop.views.forward_dialog import ForwardDialog
from desktop.views.forward_queue import ForwardQueueView
from tests.views.duty_desk import PAYLOAD, PHONE, DutyDesk, build_desk, show
from tests.views.helpers import emitted, wait_until


@pytest.fixture
def desk(db: Database) -> DutyDesk:
    return build_desk(db)


def _forwards(desk: DutyDesk) -> list[Forward]:
    return desk.db.read_blocking(
        lambda s: list(s.execute(select(Forward).order_by(Forward.id)).scalars())
    )


async def _dialog(panel: CasePanel) -> ForwardDialog:
    await wait_until(lambda: panel.forward_dialog is not None and panel.forward_dialog.isVisible())
    assert panel.forward_dialog is not None
    return panel.forward_dialog


async def _forward(desk: DutyDesk, panel: CasePanel, instructions: str, hours: int = 4) -> None:
    assert panel.forward_pane is not None
    panel.forward_pane.forward_button.click()
    dialog = await _dialog(panel)
    dialog.select_unit(desk.world.units["TH-SAMSON"])
    dialog.findChild(type(dialog.ok), f"deadline_{hours}h").click()
    dialog.instructions.setPlainText(instructions)
    async with emitted(panel.case_changed):
        dialog.ok.click()
    await wait_until(lambda: panel.forward_dialog is None)
    await wait_until(lambda: bool(panel.forwards))


@pytest.mark.asyncio
async def test_forward_from_the_case_panel_and_show_it_literally(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    tid = desk.cases["question"]
    panel = desk.panel(qtbot, "duty")
    await show(panel, tid)
    pane = panel.forward_pane
    assert pane is not None and pane.summary.text() == "Chưa chuyển đơn vị nào."
    assert pane.forward_button.isEnabled() and not pane.result_box.isVisible()
    await _forward(desk, panel, PAYLOAD)
    (forward,) = _forwards(desk)
    assert forward.to_unit_id == desk.world.units["TH-SAMSON"]
    assert forward.deadline_at == desk.clock.now + timedelta(hours=4)
    assert forward.instructions == PAYLOAD
    thread = desk.thread(tid)
    assert thread.status is CaseStatus.FORWARDED and thread.deadline_at == forward.deadline_at
    text = pane.text.toPlainText()
    assert text.startswith("→ Công an TP Sầm Sơn · hạn ")
    assert f"Chỉ đạo: {PAYLOAD}" in text and "Chuyển bởi Duty" in text
    assert pane.summary.text() == (
        "Đang chờ 1 đơn vị báo kết quả; sớm nhất: Công an TP Sầm Sơn, còn 4 giờ"
    )
    assert panel.assignment.status.currentText() == "Đã chuyển"
    # Time passes: the deadline turns into a delay without asking the database.
    desk.clock.now += timedelta(hours=5)
    pane.tick()
    assert pane.summary.text().endswith("quá hạn 1 giờ")
    assert "QUÁ HẠN 1 GIỜ" in pane.text.toPlainText()


@pytest.mark.asyncio
async def test_the_dialog_checks_before_asking(desk: DutyDesk, qtbot: QtBot) -> None:
    panel = desk.panel(qtbot, "duty")
    await show(panel, desk.cases["question"])
    panel.start_forward()
    dialog = await _dialog(panel)
    dialog.ok.click()
    assert dialog.error.text() == "Chọn đơn vị nhận (khác đơn vị hiện tại của vụ việc)."
    dialog.select_unit(desk.world.units["TH"])  # the case's own unit cannot be chosen
    assert dialog.unit_id() is None
    dialog.select_unit(desk.world.units["TH-SAMSON"])
    dialog.ok.click()
    assert dialog.error.text() == "Ghi nội dung chỉ đạo cho đơn vị nhận."
    dialog.instructions.setPlainText("Xác minh")
    dialog.set_deadline(desk.clock.now - timedelta(minutes=1))
    dialog.ok.click()
    assert dialog.error.text() == "Hạn báo cáo phải ở tương lai."
    assert _forwards(desk) == []
    dialog.reject()
    await wait_until(lambda: panel.forward_dialog is None)


@pytest.mark.asyncio
async def test_a_refusal_is_shown_in_the_dialog(desk: DutyDesk, qtbot: QtBot) -> None:
    panel = desk.panel(qtbot, "duty")
    await show(panel, desk.cases["question"])
    await _forward(desk, panel, "Lần 1")
    panel.start_forward()
    dialog = await _dialog(panel)
    dialog.select_unit(desk.world.units["TH-SAMSON"])
    dialog.instructions.setPlainText("Lần 2")
    dialog.ok.click()
    await wait_until(dialog.error.isVisible)
    assert dialog.error.text() == "Vụ việc đang chờ kết quả của đơn vị này."
    assert dialog.isVisible() and dialog.ok.isEnabled() and len(_forwards(desk)) == 1


@pytest.mark.asyncio
async def test_the_unit_chooser_and_the_status_ask_for_a_forward(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    tid = desk.cases["question"]
    panel = desk.panel(qtbot, "leader")
    await show(panel, tid)
    units = panel.assignment.unit
    samson = units.findText("  Công an TP Sầm Sơn")
    units.activated.emit(samson)
    dialog = await _dialog(panel)
    assert dialog.unit_id() == desk.world.units["TH-SAMSON"]
    assert units.currentText() == "Công an tỉnh Thanh Hóa"  # nothing moved yet
    assert desk.thread(tid).status is CaseStatus.NEW and _forwards(desk) == []
    dialog.reject()
    await wait_until(lambda: panel.forward_dialog is None)
    status = panel.assignment.status
    status.activated.emit(status.findData(CaseStatus.FORWARDED))
    dialog = await _dialog(panel)
    assert dialog.unit_id() is None and status.currentText() == "Mới"
    dialog.reject()


@pytest.mark.asyncio
async def test_the_receiving_unit_records_its_result(desk: DutyDesk, qtbot: QtBot) -> None:
    tid = desk.cases["question"]
    sender = desk.panel(qtbot, "duty")
    await show(sender, tid)
    await _forward(desk, sender, "Xác minh giúp")
    receiver = desk.panel(qtbot, "ss_duty", workstation="PC-2")
    await show(receiver, tid)
    pane = receiver.forward_pane
    assert pane is not None and pane.result_box.isVisible()
    assert not pane.result_button.isEnabled()
    assert pane.result_target.currentText().startswith("Công an TP Sầm Sơn — hạn ")
    desk.clock.now += timedelta(hours=1)
    pane.result_editor.setPlainText(PAYLOAD)
    async with emitted(receiver.case_changed):
        pane.result_button.click()
    await wait_until(lambda: not pane.result_box.isVisible())
    (forward,) = _forwards(desk)
    assert forward.state == "answered" and forward.result == PAYLOAD
    assert desk.thread(tid).status is CaseStatus.IN_PROGRESS
    text = pane.text.toPlainText()
    assert "Kết quả (Ss Duty, " in text and text.rstrip().endswith(f"): {PAYLOAD}")
    assert pane.summary.text() == "Các đơn vị đã báo kết quả (1)."
    assert receiver.notice.text() == "Đã ghi kết quả của đơn vị."
    # The sender's duty officer has no result editor for another unit's forward.
    sender.refresh()
    await wait_until(lambda: "Kết quả (Ss Duty" in (sender.forward_pane.text.toPlainText()))  # type: ignore[union-attr]
    assert not sender.forward_pane.result_box.isVisible()  # type: ignore[union-attr]


@pytest.mark.asyncio
async def test_a_crime_tips_forward_is_masked_until_revealed(desk: DutyDesk, qtbot: QtBot) -> None:
    tid = desk.cases["tip"]
    leader = desk.panel(qtbot, "leader")
    await show(leader, tid)
    await _forward(desk, leader, f"Gọi người báo tin số {PHONE} ngay")
    # The province leader sees it masked until he reveals (need-to-know, recorded).
    pane = leader.forward_pane
    assert pane is not None and PHONE not in pane.text.toPlainText()
    assert "🔒 thông tin cá nhân đã che" in pane.text.toPlainText()
    # A duty officer of the receiving unit without need-to-know: masked, no reveal offered.
    duty = desk.panel(qtbot, "ss_duty", workstation="PC-2")
    await show(duty, tid)
    assert duty.forward_pane is not None
    assert PHONE not in duty.forward_pane.text.toPlainText()
    assert not duty.reveal_button.isVisibleTo(duty)
    queue = ForwardQueueView(
        lambda: desk.forwarding.queue_view(desk.officer("ss_duty")), desk.clock
    )
    qtbot.addWidget(queue)
    async with emitted(queue.loaded):
        queue.refresh()
    assert queue.table.rowCount() == 1
    cells = [queue.table.item(0, c).text() for c in range(queue.table.columnCount())]
    assert PHONE not in " ".join(cells) and cells[0].endswith("🔒")
    # The Sầm Sơn leader reveals: the instructions are shown and the reveal recorded twice
    # (the case's items and its forwards).
    ss_leader = desk.panel(qtbot, "ss_leader", workstation="PC-3")
    await show(ss_leader, tid)
    assert ss_leader.reveal_button.isVisibleTo(ss_leader)
    async with emitted(ss_leader.case_loaded):
        ss_leader.reveal_button.click()
    assert ss_leader.forward_pane is not None
    assert PHONE in ss_leader.forward_pane.text.toPlainText()
    events = desk.db.read_blocking(lambda s: recent_events(s, limit=2))
    assert [e.action for e in events] == ["protected_viewed", "protected_viewed"]
    assert {e.details["reason"] for e in events if e.details} == {"forwards", None}


@pytest.mark.asyncio
async def test_the_forward_queue_lists_deadlines_and_opens_cases(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    tid = desk.cases["question"]
    panel = desk.panel(qtbot, "duty")
    await show(panel, tid)
    await _forward(desk, panel, PAYLOAD)
    queue = ForwardQueueView(
        lambda: desk.forwarding.queue_view(desk.officer("ss_duty")), desk.clock
    )
    qtbot.addWidget(queue)
    queue.show()
    async with emitted(queue.loaded) as loaded:
        queue.refresh()
    assert loaded == [1]
    cells = [queue.table.item(0, c).text() for c in range(queue.table.columnCount())]
    assert cells[0] == f"#{tid}" and cells[1] == "Hỏi thủ tục"
    assert cells[2] == "Công an tỉnh Thanh Hóa" and cells[3] == "Công an TP Sầm Sơn"
    assert cells[5] == "còn 4 giờ" and cells[6] == PAYLOAD  # one line, literally
    assert queue.title.text().endswith("1 đang chờ kết quả, 0 quá hạn")
    desk.clock.now += timedelta(hours=4, minutes=30)
    queue.tick()
    assert queue.state_text(0) == "QUÁ HẠN 30 PHÚT"
    assert queue.title.text().endswith("1 quá hạn")
    assert queue.table.item(0, 0).foreground().color().name() == "#b3261e"
    async with emitted(queue.open_requested) as opened:
        queue.table.cellDoubleClicked.emit(0, 3)
    assert opened == [tid]
    # Bỉm Sơn's queue is empty.
    other = ForwardQueueView(
        lambda: desk.forwarding.queue_view(desk.officer("bs_duty")), desk.clock
    )
    qtbot.addWidget(other)
    async with emitted(other.loaded) as loaded:
        other.refresh()
    assert loaded == [0]
