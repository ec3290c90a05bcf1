"""Who holds the case (an officer and/or a unit), its status and its priority.

Picking a value asks for the change at once; the case panel performs it and reloads. Values set
from a loaded case never ask for anything (only ``activated``, the officer's pick, does).

With forwarding on (``use_forwarding``), picking another unit asks to forward the case there
(``forward_requested``: the panel opens the forward dialog with that unit chosen) instead of
moving the case's unit without a forward record; the chooser goes back to the case's unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QWidget

from desktop.domain.enums import CaseStatus, UnitLevel
from desktop.services.access import Action
from desktop.views.case_labels import priority_label
from desktop.views.labels import status_label
from desktop.views.widgets import plain_label

if TYPE_CHECKING:
    from desktop.services.cases import CaseDetail, OfficerRow, UnitRow

PRIORITIES = (0, 1, 2)
_INDENT = {UnitLevel.PROVINCE: "", UnitLevel.DISTRICT: "  ", UnitLevel.COMMUNE: "    "}


class AssignmentPane(QGroupBox):
    assign_requested = Signal(object, object)  # officer id | None, unit id | None (keep)
    status_requested = Signal(object)  # CaseStatus
    priority_requested = Signal(int)
    forward_requested = Signal(int)  # unit id: forward the case there (deadline, instructions)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Giao việc"), parent)
        self.setObjectName("assignmentPane")
        self.assignee = QComboBox(self)
        self.assignee.setObjectName("assignee")
        self.unit = QComboBox(self)
        self.unit.setObjectName("unit")
        self.status = QComboBox(self)
        self.status.setObjectName("status")
        for status in CaseStatus:
            self.status.addItem(status_label(status), status)
        self.priority = QComboBox(self)
        self.priority.setObjectName("priority")
        for priority in PRIORITIES:
            self.priority.addItem(priority_label(priority), priority)
        self.assignee.activated.connect(self._assignee_picked)
        self.unit.activated.connect(self._unit_picked)
        self.status.activated.connect(
            lambda index: self.status_requested.emit(CaseStatus(self.status.itemData(index)))
        )
        self.priority.activated.connect(
            lambda index: self.priority_requested.emit(int(self.priority.itemData(index)))
        )
        self._officer_units: dict[int, int | None] = {}
        self._unit_id: int | None = None
        self._forwarding = False
        form = QFormLayout(self)
        form.setContentsMargins(6, 6, 6, 6)
        form.addRow(plain_label(self.tr("Cán bộ xử lý"), self), self.assignee)
        form.addRow(plain_label(self.tr("Đơn vị"), self), self.unit)
        form.addRow(plain_label(self.tr("Trạng thái"), self), self.status)
        form.addRow(plain_label(self.tr("Ưu tiên"), self), self.priority)

    def set_choices(self, officers: Sequence[OfficerRow], units: Sequence[UnitRow]) -> None:
        self.assignee.clear()
        self.assignee.addItem(self.tr("— Chưa giao —"), None)
        for officer in officers:
            where = f" — {officer.unit_name}" if officer.unit_name else ""
            self.assignee.addItem(f"{officer.display_name}{where}", officer.id)
        self._officer_units = {o.id: o.unit_id for o in officers}
        self.unit.clear()
        for unit in units:
            self.unit.addItem(_INDENT.get(unit.level, "") + unit.name, unit.id)

    def show_case(self, detail: CaseDetail) -> None:
        case = detail.case
        self._unit_id = case.unit_id
        self._select(self.assignee, case.assignee_id)
        if case.assignee_id is not None and self.assignee.currentData() != case.assignee_id:
            # An officer no longer active still holds the case: show him.
            self.assignee.addItem(case.assignee_name or f"#{case.assignee_id}", case.assignee_id)
            self._select(self.assignee, case.assignee_id)
        self._select(self.unit, case.unit_id)
        self._select(self.status, case.status)
        self._select(self.priority, case.priority)
        # What the officer's role allows (the service checks again).
        self.assignee.setEnabled(detail.may(Action.ASSIGN) or detail.may(Action.TAKE_CASE))
        self.unit.setEnabled(detail.may(Action.FORWARD if self._forwarding else Action.ASSIGN))
        self.status.setEnabled(detail.may(Action.RESOLVE))
        self.priority.setEnabled(detail.may(Action.SET_PRIORITY))

    def use_forwarding(self, enabled: bool) -> None:
        self._forwarding = enabled

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(index)

    def _assignee_picked(self, index: int) -> None:
        officer_id = self.assignee.itemData(index)
        self.assign_requested.emit(officer_id, None)

    def _unit_picked(self, index: int) -> None:
        unit_id = self.unit.itemData(index)
        if unit_id == self._unit_id:
            return
        if self._forwarding:
            self._select(self.unit, self._unit_id)  # until the forward is recorded
            self.forward_requested.emit(unit_id)
            return
        # Forwarded to another unit: its officer, if he belongs there, keeps it.
        officer_id = self.assignee.currentData()
        keep = officer_id if self._officer_units.get(officer_id) == unit_id else None
        self.assign_requested.emit(keep, unit_id)
