"""The "Chuyển đơn vị" dialog: the receiving unit from the unit tree, a deadline, instructions.

The dialog only asks: ``submitted`` carries the choice and the case panel calls the forwarding
service, then closes the dialog (``finish``) or shows the refusal in it (``show_error``). Open it
with ``open()`` (never ``exec()``: a nested loop would stall the qasync loop).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.views.widgets import plain_label

if TYPE_CHECKING:
    from desktop.store.cases import UnitRow

Clock = Callable[[], datetime]
MAX_INSTRUCTIONS = 4000
DEFAULT_DEADLINE = timedelta(hours=24)
QUICK_HOURS = (4, 24, 72)
UnitIdRole = Qt.ItemDataRole.UserRole + 1


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)


class ForwardDialog(QDialog):
    submitted = Signal(int, object, str)  # unit id, deadline (aware UTC datetime), instructions

    def __init__(
        self,
        units: Sequence[UnitRow],
        *,
        case_unit_id: int | None,
        preselect: int | None = None,
        clock: Clock = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("forwardDialog")
        self.setWindowTitle(self.tr("Chuyển đơn vị xử lý"))
        self._clock = clock
        self._case_unit_id = case_unit_id

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("forwardUnits")
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumHeight(220)
        self._items: dict[int, QTreeWidgetItem] = {}
        self._fill(units)
        self.deadline = QDateTimeEdit(self)
        self.deadline.setObjectName("forwardDeadline")
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.deadline.setDateTime(to_qdatetime(clock() + DEFAULT_DEADLINE))
        quick = QHBoxLayout()
        quick.addWidget(self.deadline, 1)
        for hours in QUICK_HOURS:
            button = QPushButton(self.tr("+{n} giờ").format(n=hours), self)
            button.setObjectName(f"deadline_{hours}h")
            button.clicked.connect(
                lambda _=False, h=hours: self.set_deadline(self._clock() + timedelta(hours=h))
            )
            quick.addWidget(button)
        self.instructions = QPlainTextEdit(self)
        self.instructions.setObjectName("forwardInstructions")
        self.instructions.setPlaceholderText(
            self.tr("Nội dung chỉ đạo: cần xác minh gì, báo cáo kết quả thế nào (văn bản thuần)…")
        )
        self.error = plain_label("", self)
        self.error.setObjectName("forwardError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("#forwardError { color: #b3261e; }")
        self.error.hide()
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(self.tr("Chuyển"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("forwardSubmit")
        cancel = self.buttons.addButton(self.tr("Huỷ"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self._submit)
        cancel.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(plain_label(self.tr("Hạn báo cáo kết quả"), self), quick)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("Đơn vị nhận"), self))
        layout.addWidget(self.tree, 1)
        layout.addLayout(form)
        layout.addWidget(plain_label(self.tr("Chỉ đạo"), self))
        layout.addWidget(self.instructions)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, 560)
        if preselect is not None:
            self.select_unit(preselect)

    def _fill(self, units: Sequence[UnitRow]) -> None:
        for unit in units:  # parents come before their children
            parent = self._items.get(unit.parent_id) if unit.parent_id is not None else None
            item = QTreeWidgetItem([unit.name])
            item.setData(0, UnitIdRole, unit.id)
            if unit.id == self._case_unit_id:
                item.setText(0, self.tr("{name} (đơn vị hiện tại)").format(name=unit.name))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            self._items[unit.id] = item
        for item in self._items.values():
            if item.parent() is None:
                item.setExpanded(True)

    # -- state -----------------------------------------------------------------------------------
    def select_unit(self, unit_id: int) -> None:
        item = self._items.get(unit_id)
        if item is not None and unit_id != self._case_unit_id:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)

    def unit_id(self) -> int | None:
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            return None
        value = item.data(0, UnitIdRole)
        return value if isinstance(value, int) else None

    def set_deadline(self, moment: datetime) -> None:
        self.deadline.setDateTime(to_qdatetime(moment))

    def deadline_at(self) -> datetime:
        return from_qdatetime(self.deadline.dateTime())

    # -- asking ----------------------------------------------------------------------------------
    def _submit(self) -> None:
        unit_id = self.unit_id()
        text = self.instructions.toPlainText().strip()
        if unit_id is None or unit_id == self._case_unit_id:
            self.show_error(self.tr("Chọn đơn vị nhận (khác đơn vị hiện tại của vụ việc)."))
            return
        if self.deadline_at() <= self._clock():
            self.show_error(self.tr("Hạn báo cáo phải ở tương lai."))
            return
        if not text:
            self.show_error(self.tr("Ghi nội dung chỉ đạo cho đơn vị nhận."))
            return
        if len(text) > MAX_INSTRUCTIONS:
            self.show_error(
                self.tr("Nội dung chỉ đạo dài quá {n} ký tự.").format(n=MAX_INSTRUCTIONS)
            )
            return
        self.set_busy(True)
        self.error.hide()
        self.submitted.emit(unit_id, self.deadline_at(), text)

    def set_busy(self, busy: bool) -> None:
        self.ok.setEnabled(not busy)

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.error.setText(text)
        self.error.show()

    def finish(self) -> None:
        """The forward was recorded."""
        self.set_busy(False)
        self.accept()
