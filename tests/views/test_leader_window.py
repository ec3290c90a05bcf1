"""The shift leader's window over a real store: workload and SLA breaches, the roster (add, end),
the handover (summary, note shown literally, signing, the incoming leader acknowledging),
overdue forwards (escalation, masking), and what other roles get."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.enums import Category, OfficerRole
from desktop.services.forwarding import forward_case
from desktop.store.database import Database
from desktop.store.models import Forward, Handover, ShiftEntry
from desktop.views.forward_dialog import to_qdatetime
from desktop.views.leader_common import cell_texts
from desktop.views.leader_window import LeaderWindow
from tests.views.duty_desk import PAYLOAD, PHONE, DutyDesk, build_desk
from tests.views.helpers import emitted, wait_until


@pytest.fixture
def desk(db: Database) -> DutyDesk:
    return build_desk(db)


async def _window(desk: DutyDesk, qtbot: QtBot, username: str, role: OfficerRole) -> LeaderWindow:
    window = LeaderWindow(
        desk.officer(username),
        role,
        assignment=desk.assignment,
        shifts=desk.shifts,
        forwarding=desk.forwarding,
        sla=desk.sla,
        clock=desk.clock,
    )
    qtbot.addWidget(window)
    window.show()
    async with emitted(window.workload.loaded):
        window.start()
    return window


def _rows(table: object) -> list[list[str]]:
    return [cell_texts(table, r) for r in range(table.rowCount())]  # type: ignore[attr-defined]


def _forward(desk: DutyDesk, tid: int, instructions: str, hours: float = 1) -> int:
    fid, _ = desk.db.write_blocking(
        lambda s: forward_case(
            s,
            actor_id=desk.officer("ss_leader"),
            thread_id=tid,
            to_unit_id=desk.world.units["TH-SAMSON-TRUNGSON"],
            deadline_at=desk.clock.now + timedelta(hours=hours),
            instructions=instructions,
            expected_version=1,
            now=desk.clock.now,
        )
    )
    return fid


@pytest.mark.asyncio
async def test_workload_and_sla_breaches(desk: DutyDesk, qtbot: QtBot) -> None:
    world = desk.world
    late = world.case(
        "TH-SAMSON",
        category=Category.SCAM_REPORT,
        urgent=True,
        assignee="ss_duty",
        at=desk.clock.now - timedelta(hours=1),
    )
    world.case("TH-SAMSON", category=Category.FEEDBACK, assignee="ss_duty", at=desk.clock.now)
    world.case("TH-BIMSON", category=Category.SCAM_REPORT, assignee="bs_duty")  # not his units
    window = await _window(desk, qtbot, "ss_leader", OfficerRole.SHIFT_LEADER)
    officers = {r[0]: r for r in _rows(window.workload.officers)}
    assert set(officers) == {"Ss Leader", "Ss Duty", "Ss Duty2", "Ts Duty"}
    assert officers["Ss Duty"] == [
        "Ss Duty",
        "Cán bộ trực ban",
        "Công an TP Sầm Sơn",
        "—",
        "2 / 3",
        "1",
        "1",
    ]
    assert window.workload.officers.item(0, 0) is not None
    (breach,) = _rows(window.workload.breach_table)
    assert breach[:5] == [f"⚠ #{late}", "Báo lừa đảo", "Mới", "Công an TP Sầm Sơn", "Ss Duty"]
    assert breach[5].startswith("Phản hồi đầu: quá hạn ")  # urgent: 5 minutes to respond
    assert window.workload.breach_title.text().startswith(
        "Vụ việc quá chỉ tiêu thời gian xử lý (1)"
    )
    async with emitted(window.open_case) as opened:
        window.workload.breach_table.cellDoubleClicked.emit(0, 2)
    assert opened == [late]


@pytest.mark.asyncio
async def test_roster_add_and_end_a_shift(desk: DutyDesk, qtbot: QtBot) -> None:
    window = await _window(desk, qtbot, "ss_leader", OfficerRole.SHIFT_LEADER)
    roster = window.roster
    window.tabs.setCurrentWidget(roster)
    await wait_until(lambda: roster.officer.count() == 4)
    assert window.unit.currentText() == "Công an TP Sầm Sơn"
    roster.officer.setCurrentIndex(roster.officer.findData(desk.officer("ss_duty")))
    roster.starts.setDateTime(to_qdatetime(desk.clock.now - timedelta(hours=1)))
    roster.ends.setDateTime(to_qdatetime(desk.clock.now + timedelta(hours=7)))
    async with emitted(roster.loaded):
        roster.add_button.click()
    await wait_until(lambda: roster.table.rowCount() == 1)
    assert window.message.text().startswith("Đã xếp ca trực: Ss Duty — Cán bộ trực ban, ")
    row = _rows(roster.table)[0]
    assert row[0:3] == ["Ss Duty", "Cán bộ trực ban", "Công an TP Sầm Sơn"]
    assert row[5:] == ["", "Đang trực"]
    # The same officer twice at the same time is refused, with the service's reason.
    roster.add_button.click()
    await wait_until(lambda: "trùng" in window.message.text())
    assert window.message.text() == "Cán bộ này đã có ca trực trùng thời gian."
    # Only a shift leader may lead a shift.
    roster.leader.setChecked(True)
    roster.add_button.click()
    assert window.message.text() == "Chỉ lãnh đạo ca mới được xếp làm trực chỉ huy."
    roster.table.selectRow(0)
    assert roster.end_button.isEnabled()
    async with emitted(roster.loaded):
        roster.end_button.click()
    await wait_until(lambda: _rows(roster.table)[0][6].startswith("Kết thúc sớm lúc "))
    assert window.message.text() == "Đã kết thúc ca của Ss Duty; chia lại 0 vụ việc."
    entry = desk.db.read_blocking(lambda s: s.execute(select(ShiftEntry)).scalar_one())
    assert entry.ended_early_at == desk.clock.now


@pytest.mark.asyncio
async def test_handover_signed_and_acknowledged(desk: DutyDesk, qtbot: QtBot) -> None:
    urgent = desk.world.case("TH-SAMSON", urgent=True)
    outgoing = await _window(desk, qtbot, "ss_leader", OfficerRole.SHIFT_LEADER)
    tab = outgoing.handover
    await wait_until(lambda: tab.summary.toPlainText().startswith("Đang mở: 1"))
    assert f"Khẩn cấp: 1 — #{urgent}" in tab.summary.toPlainText()
    tab.note.setPlainText(PAYLOAD)
    async with emitted(tab.loaded):
        tab.sign_button.click()
    await wait_until(lambda: tab.table.rowCount() == 1)
    assert outgoing.message.text() == "Đã ký bàn giao ca; chờ ca sau nhận."
    assert tab.note.toPlainText() == ""
    row = _rows(tab.table)[0]
    assert row[1:4] == ["Ss Leader", "(chưa nhận)", ""] and row[4] == PAYLOAD
    tab.table.selectRow(0)
    assert PAYLOAD in tab.details.toPlainText()
    assert not tab.ack_button.isEnabled()  # not his own
    # The province's leader takes over Sầm Sơn.
    incoming = await _window(desk, qtbot, "leader", OfficerRole.SHIFT_LEADER)
    samson = incoming.unit.findText("  Công an TP Sầm Sơn")
    async with emitted(incoming.handover.loaded):
        incoming.unit.setCurrentIndex(samson)
    other = incoming.handover
    await wait_until(lambda: other.table.rowCount() == 1)
    other.table.selectRow(0)
    details = other.details.toPlainText()
    assert f"Ghi chú:\n{PAYLOAD}\n" in details and "Khẩn cấp: 1" in details
    assert other.ack_button.isEnabled()
    async with emitted(other.loaded):
        other.ack_button.click()
    await wait_until(lambda: _rows(other.table)[0][2] == "Leader")
    assert incoming.message.text() == "Đã nhận bàn giao ca của Ss Leader."
    handover = desk.db.read_blocking(lambda s: s.execute(select(Handover)).scalar_one())
    assert handover.acknowledged_by_id == desk.officer("leader")
    assert handover.note == PAYLOAD


@pytest.mark.asyncio
async def test_overdue_forwards_are_escalated_and_masked(desk: DutyDesk, qtbot: QtBot) -> None:
    plain = desk.world.case("TH-SAMSON", category=Category.COMPLAINT)
    tip = desk.world.case("TH-SAMSON", category=Category.CRIME_TIP)
    fid = _forward(desk, plain, PAYLOAD)
    _forward(desk, tip, f"Gọi người báo tin {PHONE}", hours=2)
    desk.clock.now += timedelta(hours=3)
    window = await _window(desk, qtbot, "ss_leader", OfficerRole.SHIFT_LEADER)
    tab = window.overdue
    await wait_until(lambda: tab.table.rowCount() == 2)
    first, second = _rows(tab.table)
    assert first == [
        f"#{plain}",
        "Khiếu nại",
        "Công an phường Trung Sơn",
        first[3],
        "QUÁ HẠN 2 GIỜ",
        "",
        PAYLOAD,
    ]
    assert second[0] == f"#{tip} 🔒" and PHONE not in " ".join(second)
    assert tab.title.text().startswith("Chuyển đơn vị quá hạn chưa có kết quả: 2")
    assert not tab.escalate_button.isEnabled()
    tab.table.selectRow(0)
    assert tab.escalate_button.isEnabled()
    tab.note.setText("Đơn vị chưa báo cáo")
    async with emitted(tab.loaded):
        tab.escalate_button.click()
    await wait_until(lambda: _rows(tab.table)[0][5] != "")
    assert (
        window.message.text() == f"Đã báo cáo vượt cấp vụ việc #{plain} (Công an phường Trung Sơn)."
    )
    forward = desk.db.read_blocking(lambda s: s.get(Forward, fid))
    assert (
        forward.escalated_at == desk.clock.now and forward.escalation_note == "Đơn vị chưa báo cáo"
    )
    tab.table.selectRow(0)
    assert not tab.escalate_button.isEnabled()  # once
    async with emitted(window.open_case) as opened:
        tab.table.cellDoubleClicked.emit(1, 0)
    assert opened == [tip]


@pytest.mark.asyncio
async def test_other_roles_get_what_the_policy_allows(desk: DutyDesk, qtbot: QtBot) -> None:
    auditor = await _window(desk, qtbot, "auditor", OfficerRole.AUDITOR)
    assert auditor.workload.officers.rowCount() > 0  # auditors may view the workload
    assert (
        not auditor.handover.sign_button.isEnabled() and not auditor.roster.add_button.isEnabled()
    )
    assert not auditor.overdue.note.isEnabled()
    assert auditor.handover.summary.toPlainText() == "Chỉ lãnh đạo ca ký bàn giao."
    duty = LeaderWindow(
        desk.officer("ss_duty"),
        OfficerRole.DUTY_OFFICER,
        assignment=desk.assignment,
        shifts=desk.shifts,
        forwarding=desk.forwarding,
        sla=desk.sla,
        clock=desk.clock,
    )
    qtbot.addWidget(duty)
    duty.show()
    duty.start()
    await wait_until(duty.message.isVisible)
    assert duty.message.text() == "Vai trò duty_officer không được phép: view_workload."
    assert not duty.roster.add_button.isEnabled() and not duty.handover.sign_button.isEnabled()
