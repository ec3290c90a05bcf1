"""The officers tab of the admin's window: the officers of the admin's units; adding one (the
password typed twice, hashed by the service off the GUI thread); changing the chosen one's name,
role, unit, capacity and need-to-know; deactivating and reactivating; lifting a lock-out;
setting a new password. The services check every action and audit it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import OfficerRole
from desktop.services.access import Action
from desktop.services.officers_admin import (
    MAX_CAPACITY,
    NewOfficer,
    OfficerChange,
    valid_username,
)
from desktop.store.cases import UnitRow
from desktop.store.officers import OfficerRow
from desktop.views.admin_common import (
    AdminTab,
    OfficerAdminActions,
    choose,
    chosen,
    fill_units,
)
from desktop.views.duty_labels import role_label
from desktop.views.labels import short_time
from desktop.views.leader_common import LeaderContext, fill_table, make_table, selected_id
from desktop.views.widgets import plain_label

DEFAULT_CAPACITY = 10


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _role_combo(parent: QWidget, name: str) -> QComboBox:
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for role in OfficerRole:
        combo.addItem(role_label(role), role.value)
    return combo


def _capacity_spin(parent: QWidget, name: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(0, MAX_CAPACITY)
    spin.setValue(DEFAULT_CAPACITY)
    return spin


def _role_of(combo: QComboBox) -> OfficerRole:
    return OfficerRole(str(combo.currentData()))


class OfficersTab(AdminTab):
    def __init__(
        self, ctx: LeaderContext, officers: OfficerAdminActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("adminOfficersTab")
        self._officers = officers
        self.rows: list[OfficerRow] = []
        self.unit_names: dict[int, str] = {}
        self._select_after_load: int | None = None
        self.table = make_table(
            self,
            "adminOfficers",
            [
                self.tr("Họ và tên"),
                self.tr("Tên đăng nhập"),
                self.tr("Vai trò"),
                self.tr("Đơn vị"),
                self.tr("Số vụ việc tối đa"),
                self.tr("Cần biết"),
                self.tr("Trạng thái"),
                self.tr("Khóa đến"),
            ],
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        boxes = QHBoxLayout()
        boxes.addWidget(self._edit_box(), 1)
        boxes.addWidget(self._add_box(), 1)
        layout.addLayout(boxes)
        self._manage = ctx.may(Action.MANAGE_OFFICERS)
        for widget in self._add_widgets():
            widget.setEnabled(self._manage)
        self._selection_changed()

    # -- building --------------------------------------------------------------------------------
    def _edit_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Cán bộ đang chọn"), self)
        self.edit_name = QLineEdit(box)
        self.edit_name.setObjectName("editOfficerName")
        self.edit_name.setMaxLength(200)
        self.edit_role = _role_combo(box, "editOfficerRole")
        self.edit_unit = QComboBox(box)
        self.edit_unit.setObjectName("editOfficerUnit")
        self.edit_capacity = _capacity_spin(box, "editOfficerCapacity")
        self.edit_need_to_know = QCheckBox(
            self.tr("Được xem thông tin người báo tin (cần biết)"), box
        )
        self.edit_need_to_know.setObjectName("editOfficerNeedToKnow")
        self.save_button = QPushButton(self.tr("Lưu thay đổi"), box)
        self.save_button.setObjectName("saveOfficer")
        self.save_button.clicked.connect(self.save_changes)
        self.active_button = QPushButton(self.tr("Vô hiệu hóa"), box)
        self.active_button.setObjectName("toggleOfficerActive")
        self.active_button.clicked.connect(self.toggle_active)
        self.unlock_button = QPushButton(self.tr("Mở khóa tài khoản"), box)
        self.unlock_button.setObjectName("unlockOfficer")
        self.unlock_button.clicked.connect(self.unlock)
        self.reset_password = _password_field(box, "resetPassword")
        self.reset_confirm = _password_field(box, "resetConfirm")
        self.reset_button = QPushButton(self.tr("Đặt lại mật khẩu"), box)
        self.reset_button.setObjectName("resetPasswordButton")
        self.reset_button.clicked.connect(self.set_password)
        form = QFormLayout(box)
        form.addRow(self.tr("Họ và tên"), self.edit_name)
        form.addRow(self.tr("Vai trò"), self.edit_role)
        form.addRow(self.tr("Đơn vị"), self.edit_unit)
        form.addRow(self.tr("Số vụ việc tối đa"), self.edit_capacity)
        form.addRow(self.edit_need_to_know)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.active_button)
        buttons.addWidget(self.unlock_button)
        form.addRow(buttons)
        form.addRow(self.tr("Mật khẩu mới"), self.reset_password)
        form.addRow(self.tr("Nhập lại mật khẩu"), self.reset_confirm)
        form.addRow(self.reset_button)
        return box

    def _add_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Thêm cán bộ"), self)
        self.new_username = QLineEdit(box)
        self.new_username.setObjectName("newOfficerUsername")
        self.new_username.setMaxLength(64)
        self.new_name = QLineEdit(box)
        self.new_name.setObjectName("newOfficerName")
        self.new_name.setMaxLength(200)
        self.new_role = _role_combo(box, "newOfficerRole")
        self.new_unit = QComboBox(box)
        self.new_unit.setObjectName("newOfficerUnit")
        self.new_capacity = _capacity_spin(box, "newOfficerCapacity")
        self.new_need_to_know = QCheckBox(
            self.tr("Được xem thông tin người báo tin (cần biết)"), box
        )
        self.new_need_to_know.setObjectName("newOfficerNeedToKnow")
        self.new_password = _password_field(box, "newOfficerPassword")
        self.new_confirm = _password_field(box, "newOfficerConfirm")
        self.add_button = QPushButton(self.tr("Thêm cán bộ"), box)
        self.add_button.setObjectName("addOfficer")
        self.add_button.clicked.connect(self.add_officer)
        form = QFormLayout(box)
        form.addRow(self.tr("Tên đăng nhập"), self.new_username)
        form.addRow(self.tr("Họ và tên"), self.new_name)
        form.addRow(self.tr("Vai trò"), self.new_role)
        form.addRow(self.tr("Đơn vị"), self.new_unit)
        form.addRow(self.tr("Số vụ việc tối đa"), self.new_capacity)
        form.addRow(self.new_need_to_know)
        form.addRow(self.tr("Mật khẩu"), self.new_password)
        form.addRow(self.tr("Nhập lại mật khẩu"), self.new_confirm)
        form.addRow(self.add_button)
        hint = plain_label(
            self.tr(
                "Số vụ việc tối đa: số vụ việc đang mở được tự động giao cho cán bộ cùng lúc "
                "(tin khẩn vẫn được giao khi mọi người đã đủ)."
            ),
            box,
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        return box

    def _add_widgets(self) -> list[QWidget]:
        return [
            self.new_username,
            self.new_name,
            self.new_role,
            self.new_unit,
            self.new_capacity,
            self.new_need_to_know,
            self.new_password,
            self.new_confirm,
            self.add_button,
        ]

    # -- data ------------------------------------------------------------------------------------
    def set_units(self, units: Sequence[UnitRow]) -> None:
        self.unit_names = {u.id: u.name for u in units}
        fill_units(self.new_unit, units)
        fill_units(self.edit_unit, units)
        self._selection_changed()

    async def load(self) -> None:
        self.show_rows(await self._officers.officers(self.ctx.officer_id))

    def locked_text(self, row: OfficerRow, now: datetime) -> str:
        if row.locked_until is None or row.locked_until <= now:
            return ""
        return short_time(row.locked_until)

    def show_rows(self, rows: list[OfficerRow]) -> None:
        self.rows = rows
        now = self.ctx.clock()
        fill_table(
            self.table,
            [
                [
                    r.display_name,
                    r.username,
                    role_label(r.role),
                    self.unit_names.get(r.unit_id, f"#{r.unit_id}") if r.unit_id else "",
                    str(r.capacity),
                    self.tr("✔") if r.need_to_know else "",
                    self.tr("Đang hoạt động") if r.active else self.tr("Đã vô hiệu hóa"),
                    self.locked_text(r, now),
                ]
                for r in rows
            ],
            [r.id for r in rows],
        )
        if self._select_after_load is not None:  # the officer just added
            self.select_officer(self._select_after_load)
            self._select_after_load = None
        self._selection_changed()

    def selected(self) -> OfficerRow | None:
        wanted = selected_id(self.table)
        return next((r for r in self.rows if r.id == wanted), None)

    def select_officer(self, officer_id: int) -> None:
        for r, row in enumerate(self.rows):
            if row.id == officer_id:
                self.table.selectRow(r)
                return

    def _selection_changed(self) -> None:
        row = self.selected()
        own = row is not None and row.id == self.ctx.officer_id
        may = row is not None and self._manage
        if row is not None:
            self.edit_name.setText(row.display_name)
            self.edit_role.setCurrentIndex(max(0, self.edit_role.findData(row.role.value)))
            choose(self.edit_unit, row.unit_id)
            self.edit_capacity.setValue(row.capacity)
            self.edit_need_to_know.setChecked(row.need_to_know)
            self.active_button.setText(
                self.tr("Vô hiệu hóa") if row.active else self.tr("Kích hoạt lại")
            )
        editing: list[QWidget] = [
            self.edit_name,
            self.edit_capacity,
            self.edit_need_to_know,
            self.save_button,
            self.reset_password,
            self.reset_confirm,
        ]
        for widget in editing:
            widget.setEnabled(may)
        for widget in [self.edit_role, self.edit_unit, self.active_button]:
            widget.setEnabled(may and not own)  # the service refuses changing oneself
        locked = row is not None and self.locked_text(row, self.ctx.clock()) != ""
        self.unlock_button.setEnabled(may and locked)
        self.reset_button.setEnabled(may)

    # -- actions ---------------------------------------------------------------------------------
    def add_officer(self) -> None:
        username = self.new_username.text().strip()
        name = self.new_name.text().strip()
        unit_id = chosen(self.new_unit)
        password, confirm = self.new_password.text(), self.new_confirm.text()
        if not username or not name or unit_id is None:
            self.message.emit(self.tr("Điền đủ tên đăng nhập, họ tên và đơn vị."), True)
            return
        if not valid_username(username):
            self.message.emit(
                self.tr(
                    "Tên đăng nhập chỉ gồm chữ cái, chữ số, '.', '_' hoặc '-' (tối đa 64 ký tự)."
                ),
                True,
            )
            return
        if password != confirm:
            self.message.emit(self.tr("Hai lần nhập mật khẩu không khớp."), True)
            return
        draft = NewOfficer(
            username=username,
            display_name=name,
            role=_role_of(self.new_role),
            unit_id=unit_id,
            capacity=self.new_capacity.value(),
            need_to_know=self.new_need_to_know.isChecked(),
        )
        self.new_password.clear()
        self.new_confirm.clear()

        def done(officer_id: int) -> str:
            self.new_username.clear()
            self.new_name.clear()
            self.new_need_to_know.setChecked(False)
            self.new_capacity.setValue(DEFAULT_CAPACITY)
            self._select_after_load = officer_id
            return self.tr("Đã thêm cán bộ {name} ({username}).").format(
                name=name, username=username.lower()
            )

        self.act(self._officers.add(self.ctx.officer_id, draft, password), done)

    def pending_change(self, row: OfficerRow) -> OfficerChange:
        """What the form changes on ``row`` (only the fields that differ)."""
        name = self.edit_name.text().strip()
        role = _role_of(self.edit_role)
        unit_id = chosen(self.edit_unit)
        capacity = self.edit_capacity.value()
        need_to_know = self.edit_need_to_know.isChecked()
        return OfficerChange(
            display_name=name if name != row.display_name else None,
            role=role if role is not row.role else None,
            unit_id=unit_id if unit_id is not None and unit_id != row.unit_id else None,
            capacity=capacity if capacity != row.capacity else None,
            need_to_know=need_to_know if need_to_know != row.need_to_know else None,
        )

    def save_changes(self) -> None:
        row = self.selected()
        if row is None:
            return
        if not self.edit_name.text().strip():
            self.message.emit(self.tr("Họ và tên đang trống."), True)
            return
        change = self.pending_change(row)
        if change == OfficerChange():
            self.message.emit(self.tr("Không có thay đổi nào để lưu."), False)
            return
        name = self.edit_name.text().strip()

        def done(released: int) -> str:
            text = self.tr("Đã lưu thay đổi của {name}.").format(name=name)
            if released:
                text += " " + self.tr(
                    "{n} vụ việc của cán bộ này được trả lại để giao cho người khác."
                ).format(n=released)
            return text

        self.act(self._officers.change(self.ctx.officer_id, row.id, change), done)

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None:
            return
        name = row.display_name

        def done(released: int) -> str:
            if row.active:
                text = self.tr("Đã vô hiệu hóa tài khoản của {name}.").format(name=name)
            else:
                text = self.tr("Đã kích hoạt lại tài khoản của {name}.").format(name=name)
            if released:
                text += " " + self.tr(
                    "{n} vụ việc của cán bộ này được trả lại để giao cho người khác."
                ).format(n=released)
            return text

        change = OfficerChange(active=not row.active)
        self.act(self._officers.change(self.ctx.officer_id, row.id, change), done)

    def unlock(self) -> None:
        row = self.selected()
        if row is None:
            return
        name = row.display_name
        self.act(
            self._officers.unlock(self.ctx.officer_id, row.id),
            lambda _none: self.tr("Đã mở khóa tài khoản của {name}.").format(name=name),
        )

    def set_password(self) -> None:
        row = self.selected()
        if row is None:
            return
        password, confirm = self.reset_password.text(), self.reset_confirm.text()
        if password != confirm:
            self.message.emit(self.tr("Hai lần nhập mật khẩu không khớp."), True)
            return
        self.reset_password.clear()
        self.reset_confirm.clear()
        name = row.display_name
        self.act(
            self._officers.reset_password(self.ctx.officer_id, row.id, password),
            lambda _none: self.tr("Đã đặt mật khẩu mới cho {name}.").format(name=name),
        )
