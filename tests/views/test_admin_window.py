"""The unit admin's window over a real store: adding an officer who then signs in, changing
capacity, deactivating (his cases handed on), unlocking, resetting a password; an assignment rule
made in the window routing new cases round-robin; an SLA target changed in the window moving the
clocks; refusals from the services shown in the window; officer-typed text shown literally."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.domain.enums import Category, OfficerRole
from desktop.services.auth import AuthService, SignInFailed, SignInStatus
from desktop.services.officers_admin import OfficerAdminService
from desktop.services.passwords import FAST_TEST_PARAMS
from desktop.store.audit import recent_events
from desktop.store.database import Database
from desktop.store.models import Officer
from desktop.views.admin_common import NONE
from desktop.views.admin_sla import CATEGORIES
from desktop.views.admin_window import AdminWindow
from desktop.views.leader_common import cell_texts
from tests.people.conftest import PASSWORD
from tests.views.duty_desk import PAYLOAD, DutyDesk, build_desk
from tests.views.helpers import emitted, wait_until

NEW_PASSWORD = "mat-khau-cua-can-bo-moi"


@pytest.fixture
def desk(db: Database) -> DutyDesk:
    return build_desk(db)


def _auth(desk: DutyDesk) -> AuthService:
    return AuthService(desk.db, clock=desk.clock, params=FAST_TEST_PARAMS)


def _make(desk: DutyDesk, qtbot: QtBot, username: str, role: OfficerRole) -> AdminWindow:
    window = AdminWindow(
        desk.officer(username),
        role,
        officers=OfficerAdminService(desk.db, clock=desk.clock, params=FAST_TEST_PARAMS),
        rules=desk.assignment,
        sla=desk.sla,
        replies=desk.approvals,
        clock=desk.clock,
    )
    qtbot.addWidget(window)
    window.show()
    return window


async def _window(desk: DutyDesk, qtbot: QtBot, username: str = "admin") -> AdminWindow:
    window = _make(desk, qtbot, username, OfficerRole.UNIT_ADMIN)
    async with emitted(window.officers.loaded):
        window.start()
    await wait_until(lambda: not any(t.loading for t in window.all_tabs()))
    return window


def _rows(table: object) -> list[list[str]]:
    return [cell_texts(table, r) for r in range(table.rowCount())]  # type: ignore[attr-defined]


def _select(window: AdminWindow, username: str) -> None:
    tab = window.officers
    row = next(i for i, r in enumerate(tab.rows) if r.username == username)
    tab.table.selectRow(row)
    assert tab.selected() is not None and tab.selected().username == username  # type: ignore[union-attr]


def _fill_new(window: AdminWindow, desk: DutyDesk, username: str, name: str, unit: str) -> None:
    tab = window.officers
    tab.new_username.setText(username)
    tab.new_name.setText(name)
    tab.new_role.setCurrentIndex(tab.new_role.findData(OfficerRole.DUTY_OFFICER.value))
    tab.new_unit.setCurrentIndex(tab.new_unit.findData(desk.world.units[unit]))
    tab.new_capacity.setValue(2)
    tab.new_password.setText(NEW_PASSWORD)
    tab.new_confirm.setText(NEW_PASSWORD)


@pytest.mark.asyncio
async def test_an_officer_added_in_the_window_signs_in(desk: DutyDesk, qtbot: QtBot) -> None:
    window = await _window(desk, qtbot)
    tab = window.officers
    assert len(tab.rows) == len(desk.world.officers)
    _fill_new(window, desk, "Le.Moi", "Lê Văn Mới", "TH-SAMSON")
    tab.new_confirm.setText("khac-mat-khau-roi")
    tab.add_button.click()
    assert window.message.text() == "Hai lần nhập mật khẩu không khớp."
    tab.new_confirm.setText(NEW_PASSWORD)
    async with emitted(tab.loaded):
        tab.add_button.click()
    assert window.message.text() == "Đã thêm cán bộ Lê Văn Mới (le.moi)."
    assert tab.new_password.text() == "" and tab.new_username.text() == ""
    selected = tab.selected()
    assert selected is not None and selected.username == "le.moi"
    row = _rows(tab.table)[tab.table.currentRow()]
    assert row == [
        "Lê Văn Mới",
        "le.moi",
        "Cán bộ trực ban",
        "Công an TP Sầm Sơn",
        "2",
        "",
        "Đang hoạt động",
        "",
    ]
    ws = await _auth(desk).sign_in("le.moi", NEW_PASSWORD)
    assert ws.officer.role is OfficerRole.DUTY_OFFICER
    assert ws.officer.unit_id == desk.world.units["TH-SAMSON"]
    # The same username again: refused by the service, named in the window.
    _fill_new(window, desk, "LE.MOI", "Người khác", "TH")
    async with emitted(tab.message):
        tab.add_button.click()
    assert window.message.text() == "Tên đăng nhập le.moi đã có người dùng."
    _fill_new(window, desk, "le moi", "Người khác", "TH")
    tab.add_button.click()
    assert window.message.text().startswith("Tên đăng nhập chỉ gồm chữ cái")


@pytest.mark.asyncio
async def test_capacity_deactivation_unlock_and_password_reset(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    world = desk.world
    now = desk.clock.now
    for who in ("ss_duty", "ss_duty2"):
        await desk.shifts.schedule(
            desk.officer("admin"),
            desk.officer(who),
            world.units["TH-SAMSON"],
            now - timedelta(hours=1),
            now + timedelta(hours=7),
        )
    mine = world.case("TH-SAMSON", assignee="ss_duty", at=now)
    auth = _auth(desk)
    for _ in range(5):
        with pytest.raises(SignInFailed):
            await auth.sign_in("ts_duty", "sai-mat-khau-roi")
    window = await _window(desk, qtbot, "ss_admin")
    tab = window.officers
    assert {r.username for r in tab.rows} == {
        "ss_leader",
        "ss_duty",
        "ss_duty2",
        "ss_admin",
        "ts_duty",
    }
    # Capacity.
    _select(window, "ss_duty")
    assert tab.edit_capacity.value() == 3 and tab.edit_role.isEnabled()
    tab.edit_capacity.setValue(5)
    async with emitted(tab.loaded):
        tab.save_button.click()
    assert window.message.text() == "Đã lưu thay đổi của Ss Duty."
    assert _rows(tab.table)[tab.table.currentRow()][4] == "5"
    events = desk.db.read_blocking(lambda s: recent_events(s, action="officer_changed"))
    assert events[0].details == {"capacity": 5} and events[0].actor_id == desk.officer("ss_admin")
    # Deactivation: his open case goes to the other officer on shift; he cannot sign in.
    assert tab.active_button.text() == "Vô hiệu hóa"
    async with emitted(tab.loaded):
        tab.active_button.click()
    assert window.message.text() == (
        "Đã vô hiệu hóa tài khoản của Ss Duty. "
        "1 vụ việc của cán bộ này được trả lại để giao cho người khác."
    )
    assert _rows(tab.table)[tab.table.currentRow()][6] == "Đã vô hiệu hóa"
    assert tab.active_button.text() == "Kích hoạt lại"
    assert world.thread(mine).assignee_id == desk.officer("ss_duty2")
    with pytest.raises(SignInFailed) as refused:
        await auth.sign_in("ss_duty", PASSWORD)
    assert refused.value.outcome.status is SignInStatus.INACTIVE
    # Unlock the locked-out officer.
    _select(window, "ts_duty")
    assert _rows(tab.table)[tab.table.currentRow()][7] != ""
    assert tab.unlock_button.isEnabled()
    async with emitted(tab.loaded):
        tab.unlock_button.click()
    assert window.message.text() == "Đã mở khóa tài khoản của Ts Duty."
    assert _rows(tab.table)[tab.table.currentRow()][7] == ""
    assert not tab.unlock_button.isEnabled()
    # A new password for him.
    tab.reset_password.setText("mat-khau-dat-lai-1")
    tab.reset_confirm.setText("mat-khau-dat-lai-1")
    async with emitted(tab.loaded):
        tab.reset_button.click()
    assert window.message.text() == "Đã đặt mật khẩu mới cho Ts Duty."
    assert tab.reset_password.text() == ""
    ws = await auth.sign_in("ts_duty", "mat-khau-dat-lai-1")
    assert ws.officer.username == "ts_duty"
    # His own row: no role, unit or active changes offered (the service refuses them too).
    _select(window, "ss_admin")
    assert not tab.edit_role.isEnabled() and not tab.active_button.isEnabled()
    assert tab.edit_capacity.isEnabled()


@pytest.mark.asyncio
async def test_a_rule_made_in_the_window_routes_new_cases_round_robin(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    world = desk.world
    now = desk.clock.now
    for who in ("ss_duty", "ss_duty2"):
        await desk.shifts.schedule(
            desk.officer("admin"),
            desk.officer(who),
            world.units["TH-SAMSON"],
            now - timedelta(hours=1),
            now + timedelta(hours=7),
        )
    # Nobody is on duty at the province: without a rule its cases wait.
    first = world.case("TH", category=Category.SCAM_REPORT, at=now)
    assert await desk.assignment.tick() == []
    window = await _window(desk, qtbot)
    tab = window.rules
    window.tabs.setCurrentWidget(tab)
    assert tab.table.rowCount() == 0 and tab.editing_label.text() == "Quy tắc mới"
    tab.name.setText("Báo lừa đảo: bàn trực Sầm Sơn")
    assert tab.unit.currentData() == NONE  # any unit
    tab.category.setCurrentIndex(tab.category.findData(Category.SCAM_REPORT.value))
    tab.target.setCurrentIndex(tab.target.findData(world.units["TH-SAMSON"]))
    async with emitted(tab.loaded):
        tab.save_button.click()
    assert window.message.text() == "Đã lưu quy tắc giao việc Báo lừa đảo: bàn trực Sầm Sơn."
    assert _rows(tab.table) == [
        [
            "0",
            "Báo lừa đảo: bàn trực Sầm Sơn",
            "Mọi đơn vị",
            "Báo lừa đảo",
            "Công an TP Sầm Sơn",
            "Đang bật",
        ]
    ]
    assert tab.editing_label.text().startswith("Đang sửa quy tắc #")
    second = world.case("TH", category=Category.SCAM_REPORT, at=now)
    done = {a.thread_id: a for a in await desk.assignment.tick()}
    assert set(done) == {first, second}  # the uncategorised question and the tip still wait
    assert {done[first].officer_id, done[second].officer_id} == {
        desk.officer("ss_duty"),
        desk.officer("ss_duty2"),
    }
    assert all(a.rule_id is not None for a in done.values())
    # Disabled, the rule routes nothing more; deleted, it is gone.
    tab.enabled.setChecked(False)
    async with emitted(tab.loaded):
        tab.save_button.click()
    assert _rows(tab.table)[0][5] == "Đã tắt"
    world.case("TH", category=Category.SCAM_REPORT, at=now)
    assert await desk.assignment.tick() == []
    async with emitted(tab.loaded):
        tab.delete_button.click()
    assert window.message.text() == "Đã xóa quy tắc giao việc Báo lừa đảo: bàn trực Sầm Sơn."
    assert tab.table.rowCount() == 0 and tab.editing_label.text() == "Quy tắc mới"
    actions = desk.db.read_blocking(lambda s: recent_events(s, action="assignment_rule_changed"))
    assert len(actions) == 3 and actions[0].details["deleted"] is True


@pytest.mark.asyncio
async def test_an_sla_target_changed_in_the_window_moves_the_clocks(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    spam = desk.world.case("TH", category=Category.SPAM, at=desk.clock.now)
    before = (await desk.sla.clocks(desk.officer("duty"), [spam]))[spam]
    assert before.response_due_at == desk.clock.now + timedelta(hours=24)
    window = await _window(desk, qtbot)
    tab = window.sla
    window.tabs.setCurrentWidget(tab)
    assert tab.table.rowCount() == len(Category)
    row = CATEGORIES.index(Category.SPAM)
    assert _rows(tab.table)[row] == ["Quảng cáo, rác", "1 ngày", "1 giờ", "1 ngày", "Mặc định"]
    tab.table.selectRow(row)
    assert tab.category.text() == "Quảng cáo, rác" and tab.save_button.isEnabled()
    tab.response.set_total_minutes(45)
    tab.urgent_response.set_total_minutes(15)
    tab.resolution.hours.setValue(10)
    tab.resolution.minutes.setValue(30)
    async with emitted(tab.loaded):
        tab.save_button.click()
    assert window.message.text() == "Đã lưu chỉ tiêu thời gian xử lý cho loại Quảng cáo, rác."
    assert _rows(tab.table)[row] == [
        "Quảng cáo, rác",
        "45 phút",
        "15 phút",
        "10 giờ 30 phút",
        "Đã đặt",
    ]
    after = (await desk.sla.clocks(desk.officer("duty"), [spam]))[spam]
    assert after.response_due_at == desk.clock.now + timedelta(minutes=45)
    assert after.resolution_target == timedelta(hours=10, minutes=30)
    # An incoherent target is stopped in the window; the defaults come back with one click.
    tab.resolution.set_total_minutes(30)
    tab.save_button.click()
    assert window.message.text() == (
        "Thời hạn giải quyết không được ngắn hơn thời hạn phản hồi đầu."
    )
    tab.defaults_button.click()
    assert tab.response.total_minutes() == 24 * 60 and tab.resolution.total_minutes() == 24 * 60


@pytest.mark.asyncio
async def test_a_district_admin_sees_the_targets_and_is_refused_changing_them(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    window = await _window(desk, qtbot, "ss_admin")
    tab = window.sla
    assert tab.note.text() == "Chỉ quản trị cấp tỉnh được thay đổi chỉ tiêu; ở đây chỉ xem được."
    assert tab.selected() is not None and not tab.save_button.isEnabled()
    tab.response.set_total_minutes(10)
    async with emitted(tab.message):
        tab.save()  # hiding the button is not the protection: the service refuses
    assert window.message.text() == "Chỉ quản trị cấp tỉnh đặt chỉ tiêu thời gian xử lý."
    # Nor may he make a rule for the whole province.
    rules = window.rules
    rules.name.setText("Cả tỉnh")
    async with emitted(rules.message):
        rules.save_button.click()
    assert window.message.text() == "Đơn vị này nằm ngoài phạm vi được giao."
    assert rules.table.rowCount() == 0


@pytest.mark.asyncio
async def test_the_reply_approval_policy_is_changed_in_the_window(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    window = await _window(desk, qtbot)
    tab = window.replies
    rows = {r[0]: r[1:] for r in _rows(tab.table)}
    assert rows["Chống đối"] == ["Cần duyệt", "Mặc định"]
    assert rows["Góp ý"] == ["Không", "Mặc định"]
    feedback = next(
        r for r in range(tab.table.rowCount()) if tab.table.item(r, 0).text() == "Góp ý"
    )
    async with emitted(tab.loaded):
        tab.table.item(feedback, 1).setCheckState(Qt.CheckState.Checked)
    assert window.message.text() == "Từ nay trả lời loại Góp ý cần lãnh đạo ca duyệt."
    policy = await desk.approvals.policy(desk.officer("admin"))
    row = next(r for r in policy.rows if r.category is Category.FEEDBACK)
    assert row.required and row.customised
    (event,) = desk.db.read_blocking(lambda s: recent_events(s, action="reply_policy_changed"))
    assert event.subject_id == "feedback"
    # A district admin sees it and cannot tick anything (the service would refuse anyway).
    district = await _window(desk, qtbot, "ss_admin")
    item = district.replies.table.item(feedback, 1)
    assert not item.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert district.replies.note.text() == (
        "Chỉ quản trị cấp tỉnh được thay đổi quy định này; ở đây chỉ xem được."
    )


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("username", "role"),
    [("leader", OfficerRole.SHIFT_LEADER), ("duty", OfficerRole.DUTY_OFFICER)],
)
async def test_other_roles_are_refused_by_the_services(
    desk: DutyDesk, qtbot: QtBot, username: str, role: OfficerRole
) -> None:
    window = _make(desk, qtbot, username, role)
    async with emitted(window.officers.message) as refused:
        window.start()
    assert refused == [f"Vai trò {role.value} không được phép: manage_officers.", True]
    await wait_until(lambda: not any(t.loading for t in window.all_tabs()))
    assert "không được phép" in window.message.text() and window.message.isVisible()
    assert not window.officers.add_button.isEnabled()
    assert not window.rules.save_button.isEnabled()
    assert not window.sla.save_button.isEnabled()
    assert window.officers.table.rowCount() == 0


@pytest.mark.asyncio
async def test_a_demoted_admin_is_refused_even_with_the_window_open(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    """The window was opened as an admin; the store now says duty officer: the service decides."""
    window = _make(desk, qtbot, "duty", OfficerRole.UNIT_ADMIN)
    async with emitted(window.ready):
        window.start()
    await wait_until(lambda: not any(t.loading for t in window.all_tabs()))
    assert window.officers.add_button.isEnabled()
    _fill_new(window, desk, "lot.vao", "Lọt Vào", "TH")
    async with emitted(window.officers.message) as refused:
        window.officers.add_button.click()
    assert refused == ["Vai trò duty_officer không được phép: manage_officers.", True]
    count = desk.db.read_blocking(lambda s: s.execute(select(func.count(Officer.id))).scalar())
    assert count == len(desk.world.officers)


@pytest.mark.asyncio
async def test_officer_typed_text_is_shown_literally(desk: DutyDesk, qtbot: QtBot) -> None:
    window = await _window(desk, qtbot)
    tab = window.officers
    _fill_new(window, desk, "payload", PAYLOAD, "TH")
    async with emitted(tab.loaded):
        tab.add_button.click()
    row = tab.table.currentRow()
    assert tab.table.item(row, 0).text() == PAYLOAD
    assert tab.edit_name.text() == PAYLOAD
    assert window.message.text() == f"Đã thêm cán bộ {PAYLOAD} (payload)."
    rules = window.rules
    rules.name.setText(PAYLOAD)
    async with emitted(rules.loaded):
        rules.save_button.click()
    assert _rows(rules.table)[0][1] == PAYLOAD
    labels = [label for label in window.findChildren(QLabel) if "<b>" in label.text()]
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    stored = desk.db.read_blocking(
        lambda s: s.execute(
            select(Officer.display_name).where(Officer.username == "payload")
        ).scalar_one()
    )
    assert stored == PAYLOAD
