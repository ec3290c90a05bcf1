"""The roster tab: who is on duty for the chosen unit (and its subtree) from half a day ago to
three days ahead, adding a shift, and ending a running one now (its open cases are handed to
those still on shift by the service)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import OfficerRole
from desktop.services.access import Action
from desktop.services.assignment import AutoAssignment, WorkloadRow
from desktop.store.cases import UnitRow
from desktop.store.shifts import ShiftRow
from desktop.views.duty_labels import role_label
from desktop.views.forward_dialog import from_qdatetime, to_qdatetime
from desktop.views.labels import short_time
from desktop.views.leader_common import (
    LeaderContext,
    LeaderTab,
    ShiftActions,
    fill_table,
    make_table,
    selected_id,
)
from desktop.views.widgets import plain_label

LOOK_BACK = timedelta(hours=12)
LOOK_AHEAD = timedelta(days=3)
DEFAULT_LENGTH = timedelta(hours=8)


class RosterTab(LeaderTab):
    def __init__(
        self, ctx: LeaderContext, shifts: ShiftActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("rosterTab")
        self._shifts = shifts
        self.rows: list[ShiftRow] = []
        self.unit_names: dict[int, str] = {}
        self._roles: dict[int, OfficerRole] = {}
        self.table = make_table(
            self,
            "rosterTable",
            [
                self.tr("Cán bộ"),
                self.tr("Vai trò"),
                self.tr("Đơn vị"),
                self.tr("Bắt đầu"),
                self.tr("Kết thúc"),
                self.tr("Trực chỉ huy"),
                self.tr("Tình trạng"),
            ],
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.end_button = QPushButton(self.tr("Kết thúc ca này ngay"), self)
        self.end_button.setObjectName("endShift")
        self.end_button.clicked.connect(self._end)
        self.officer = QComboBox(self)
        self.officer.setObjectName("shiftOfficer")
        self.unit = QComboBox(self)
        self.unit.setObjectName("shiftUnit")
        self.starts = QDateTimeEdit(self)
        self.starts.setObjectName("shiftStarts")
        self.ends = QDateTimeEdit(self)
        self.ends.setObjectName("shiftEnds")
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.leader = QCheckBox(self.tr("Trực chỉ huy (lãnh đạo ca)"), self)
        self.leader.setObjectName("shiftLeader")
        self.add_button = QPushButton(self.tr("Thêm ca trực"), self)
        self.add_button.setObjectName("addShift")
        self.add_button.clicked.connect(self._add)
        self.reset_times()
        form = QFormLayout()
        form.addRow(plain_label(self.tr("Cán bộ"), self), self.officer)
        form.addRow(plain_label(self.tr("Đơn vị"), self), self.unit)
        times = QHBoxLayout()
        times.addWidget(self.starts)
        times.addWidget(plain_label("→", self))
        times.addWidget(self.ends)
        form.addRow(plain_label(self.tr("Thời gian"), self), times)
        form.addRow(self.leader)
        form.addRow(self.add_button)
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(plain_label(self.tr("Xếp ca mới"), self))
        layout.addLayout(form)
        manage = ctx.may(Action.MANAGE_ROSTER)
        for widget in (self.officer, self.unit, self.starts, self.ends, self.leader):
            widget.setEnabled(manage)
        self.add_button.setEnabled(manage)
        self.end_button.setEnabled(False)

    def reset_times(self) -> None:
        start = self.ctx.clock().replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        self.starts.setDateTime(to_qdatetime(start))
        self.ends.setDateTime(to_qdatetime(start + DEFAULT_LENGTH))

    def set_units(self, units: Sequence[UnitRow]) -> None:
        self.unit_names = {u.id: u.name for u in units}
        self.unit.clear()
        for u in units:
            self.unit.addItem(u.name, u.id)

    def set_unit(self, unit_id: int | None) -> None:
        super().set_unit(unit_id)
        index = self.unit.findData(unit_id)
        if index >= 0:
            self.unit.setCurrentIndex(index)

    def set_officers(self, rows: Sequence[WorkloadRow]) -> None:
        keep = self.officer.currentData()
        self.officer.clear()
        for r in rows:
            self.officer.addItem(f"{r.display_name} — {role_label(r.role)}", r.officer_id)
        if keep is not None and self.officer.findData(keep) >= 0:
            self.officer.setCurrentIndex(self.officer.findData(keep))
        self._roles = {r.officer_id: r.role for r in rows}

    async def load(self) -> None:
        if self.unit_id is None:
            return
        now = self.ctx.clock()
        rows = await self._shifts.roster(
            self.ctx.officer_id, self.unit_id, now - LOOK_BACK, now + LOOK_AHEAD
        )
        self.show_rows(rows)

    def status_of(self, row: ShiftRow, now: datetime) -> str:
        if row.ended_early_at is not None:
            return self.tr("Kết thúc sớm lúc {t}").format(t=short_time(row.ended_early_at))
        if row.starts_at <= now < row.ends_at:
            return self.tr("Đang trực")
        if now < row.starts_at:
            return self.tr("Sắp tới")
        return self.tr("Đã hết ca")

    def show_rows(self, rows: list[ShiftRow]) -> None:
        self.rows = rows
        now = self.ctx.clock()
        fill_table(
            self.table,
            [
                [
                    r.officer_name,
                    role_label(r.role),
                    self.unit_names.get(r.unit_id, f"#{r.unit_id}"),
                    short_time(r.starts_at),
                    short_time(r.ends_at),
                    self.tr("✔") if r.is_leader else "",
                    self.status_of(r, now),
                ]
                for r in rows
            ],
            [r.id for r in rows],
        )
        self._selection_changed()

    def _selected(self) -> ShiftRow | None:
        wanted = selected_id(self.table)
        return next((r for r in self.rows if r.id == wanted), None)

    def _selection_changed(self) -> None:
        row, now = self._selected(), self.ctx.clock()
        running = row is not None and row.starts_at <= now < row.ends_at
        own = row is not None and row.officer_id == self.ctx.officer_id
        may = self.ctx.may(Action.MANAGE_ROSTER) or (own and self.ctx.may(Action.END_OWN_SHIFT))
        self.end_button.setEnabled(running and may)

    def _add(self) -> None:
        officer_id, unit_id = self.officer.currentData(), self.unit.currentData()
        starts, ends = from_qdatetime(self.starts.dateTime()), from_qdatetime(self.ends.dateTime())
        if not isinstance(officer_id, int) or not isinstance(unit_id, int):
            self.message.emit(self.tr("Chọn cán bộ và đơn vị."), True)
            return
        if ends <= starts:
            self.message.emit(self.tr("Ca trực phải kết thúc sau khi bắt đầu."), True)
            return
        leader = self.leader.isChecked()
        if leader and self._roles.get(officer_id) is not OfficerRole.SHIFT_LEADER:
            self.message.emit(self.tr("Chỉ lãnh đạo ca mới được xếp làm trực chỉ huy."), True)
            return
        name = self.officer.currentText()
        self.act(
            self._shifts.schedule(self.ctx.officer_id, officer_id, unit_id, starts, ends, leader),
            lambda _id: self.tr("Đã xếp ca trực: {who}, {start} → {end}.").format(
                who=name, start=short_time(starts), end=short_time(ends)
            ),
        )

    def _end(self) -> None:
        row = self._selected()
        if row is None:
            return

        def done(moved: list[AutoAssignment]) -> str:
            return self.tr("Đã kết thúc ca của {who}; chia lại {n} vụ việc.").format(
                who=row.officer_name, n=len(moved)
            )

        self.act(self._shifts.end_shift(self.ctx.officer_id, row.officer_id), done)
