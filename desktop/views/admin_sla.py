"""The SLA targets tab of the admin's window: per category, the time to the first response (and
to the first response of an urgent case) and to resolution; a province admin changes them, other
unit admins see them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Category
from desktop.services.sla import MAX_TARGET_MINUTES, SlaTargetRow, SlaTargets
from desktop.store.sla import Target
from desktop.views.admin_common import AdminTab, SlaTargetActions
from desktop.views.labels import category_label
from desktop.views.leader_common import LeaderContext, fill_table, make_table, selected_id
from desktop.views.widgets import plain_label

CATEGORIES = list(Category)


class DurationEdit(QWidget):
    """Hours and minutes."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.hours = QSpinBox(self)
        self.hours.setObjectName(f"{name}Hours")
        self.hours.setRange(0, MAX_TARGET_MINUTES // 60)
        self.hours.setSuffix(self.tr(" giờ"))
        self.minutes = QSpinBox(self)
        self.minutes.setObjectName(f"{name}Minutes")
        self.minutes.setRange(0, 59)
        self.minutes.setSuffix(self.tr(" phút"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hours)
        layout.addWidget(self.minutes)
        layout.addStretch(1)

    def total_minutes(self) -> int:
        return self.hours.value() * 60 + self.minutes.value()

    def set_total_minutes(self, minutes: int) -> None:
        self.hours.setValue(minutes // 60)
        self.minutes.setValue(minutes % 60)


class SlaTab(AdminTab):
    def __init__(
        self, ctx: LeaderContext, sla: SlaTargetActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("adminSlaTab")
        self._sla = sla
        self.view: SlaTargets | None = None
        self.table = make_table(
            self,
            "adminSla",
            [
                self.tr("Loại vụ việc"),
                self.tr("Phản hồi đầu"),
                self.tr("Phản hồi đầu (tin khẩn)"),
                self.tr("Giải quyết"),
                self.tr("Nguồn"),
            ],
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.note = plain_label("", self)
        self.note.setObjectName("slaNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self._form_box())
        self._set_editable(False)

    def _form_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Chỉ tiêu của loại vụ việc đang chọn"), self)
        self.category = plain_label("", box)
        self.category.setObjectName("slaCategory")
        self.response = DurationEdit("slaResponse", box)
        self.urgent_response = DurationEdit("slaUrgentResponse", box)
        self.resolution = DurationEdit("slaResolution", box)
        self.defaults_button = QPushButton(self.tr("Điền giá trị mặc định"), box)
        self.defaults_button.setObjectName("slaDefaults")
        self.defaults_button.clicked.connect(self.fill_defaults)
        self.save_button = QPushButton(self.tr("Lưu chỉ tiêu"), box)
        self.save_button.setObjectName("saveSla")
        self.save_button.clicked.connect(self.save)
        form = QFormLayout(box)
        form.addRow(self.tr("Loại vụ việc"), self.category)
        form.addRow(self.tr("Phản hồi đầu"), self.response)
        form.addRow(self.tr("Phản hồi đầu (tin khẩn)"), self.urgent_response)
        form.addRow(self.tr("Giải quyết"), self.resolution)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.defaults_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        return box

    def _set_editable(self, editable: bool) -> None:
        for widget in (
            self.response,
            self.urgent_response,
            self.resolution,
            self.defaults_button,
            self.save_button,
        ):
            widget.setEnabled(editable and self.selected() is not None)

    def duration_text(self, minutes: int) -> str:
        """An exact duration: "1 ngày 2 giờ", "1 giờ 30 phút", "45 phút"."""
        days, rest = divmod(minutes, 24 * 60)
        hours, mins = divmod(rest, 60)
        parts = []
        if days:
            parts.append(self.tr("{n} ngày").format(n=days))
        if hours:
            parts.append(self.tr("{n} giờ").format(n=hours))
        if mins or not parts:
            parts.append(self.tr("{n} phút").format(n=mins))
        return " ".join(parts)

    async def load(self) -> None:
        self.show_targets(await self._sla.targets(self.ctx.officer_id))

    def show_targets(self, view: SlaTargets) -> None:
        self.view = view
        fill_table(
            self.table,
            [
                [
                    category_label(r.category),
                    self.duration_text(r.target.response_minutes),
                    self.duration_text(r.target.urgent_response_minutes),
                    self.duration_text(r.target.resolution_minutes),
                    self.tr("Đã đặt") if r.customised else self.tr("Mặc định"),
                ]
                for r in view.rows
            ],
            [CATEGORIES.index(r.category) for r in view.rows],
        )
        if view.editable:
            self.note.setText(
                self.tr(
                    "Thời hạn tính từ lúc vụ việc đến (hoặc được mở lại). Thay đổi áp dụng ngay "
                    "cho mọi vụ việc đang mở của loại đó."
                )
            )
        else:
            self.note.setText(
                self.tr("Chỉ quản trị cấp tỉnh được thay đổi chỉ tiêu; ở đây chỉ xem được.")
            )
        if self.selected() is None and view.rows:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> SlaTargetRow | None:
        index = selected_id(self.table)
        if self.view is None or index is None:
            return None
        return next((r for r in self.view.rows if CATEGORIES.index(r.category) == index), None)

    def _selection_changed(self) -> None:
        row = self.selected()
        if row is not None:
            self.category.setText(category_label(row.category))
            self.show_target(row.target)
        self._set_editable(self.view is not None and self.view.editable)

    def show_target(self, target: Target) -> None:
        self.response.set_total_minutes(target.response_minutes)
        self.urgent_response.set_total_minutes(target.urgent_response_minutes)
        self.resolution.set_total_minutes(target.resolution_minutes)

    def fill_defaults(self) -> None:
        row = self.selected()
        if row is not None:
            self.show_target(row.default)

    def save(self) -> None:
        row = self.selected()
        if row is None:
            return
        target = Target(
            response_minutes=self.response.total_minutes(),
            resolution_minutes=self.resolution.total_minutes(),
            urgent_response_minutes=self.urgent_response.total_minutes(),
        )
        if min(target.response_minutes, target.resolution_minutes) < 1 or (
            target.urgent_response_minutes < 1
        ):
            self.message.emit(self.tr("Mỗi chỉ tiêu phải ít nhất 1 phút."), True)
            return
        if target.resolution_minutes < target.response_minutes:
            self.message.emit(
                self.tr("Thời hạn giải quyết không được ngắn hơn thời hạn phản hồi đầu."), True
            )
            return
        if target.urgent_response_minutes > target.response_minutes:
            self.message.emit(
                self.tr("Thời hạn phản hồi tin khẩn không được dài hơn thời hạn phản hồi đầu."),
                True,
            )
            return
        label = category_label(row.category)
        self.act(
            self._sla.set_target(self.ctx.officer_id, row.category, target),
            lambda _none: self.tr("Đã lưu chỉ tiêu thời gian xử lý cho loại {category}.").format(
                category=label
            ),
        )
