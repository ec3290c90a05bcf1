"""The shift leader's window ("Trưởng ca"): workload and SLA breaches, the roster, the shift
handover and overdue forwards, for the units of his scope.

A separate top-level window (``show()``, never ``exec()``) built by the composition root with
the services' async methods (Protocols in ``leader_common``); nothing here touches the store.
Opening a case from a list asks the main window (``open_case``). The services check every action
against the access policy; the window only disables what the role cannot do.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import OfficerRole
from desktop.store.cases import UnitRow
from desktop.views.async_tasks import TaskSet
from desktop.views.leader_common import (
    BreachActions,
    Clock,
    LeaderContext,
    LeaderTab,
    OverdueActions,
    ShiftActions,
    WorkloadActions,
    error_text,
)
from desktop.views.leader_handover import HandoverTab
from desktop.views.leader_overdue import OverdueTab
from desktop.views.leader_roster import RosterTab
from desktop.views.leader_workload import WorkloadTab
from desktop.views.widgets import plain_label

REFRESH_MS = 60_000


class LeaderWindow(QWidget):
    open_case = Signal(int)
    ready = Signal()  # the units are loaded and every tab asked to load

    def __init__(
        self,
        officer_id: int,
        role: OfficerRole,
        *,
        assignment: WorkloadActions,
        shifts: ShiftActions,
        forwarding: OverdueActions,
        sla: BreachActions | None = None,
        clock: Clock = lambda: datetime.now(UTC),
        refresh_ms: int = REFRESH_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("leaderWindow")
        self.setWindowTitle(self.tr("DutyDesk — Trưởng ca"))
        self.ctx = LeaderContext(officer_id, role, clock)
        self._shifts = shifts
        self._tasks = TaskSet()
        self.units: list[UnitRow] = []
        self.unit = QComboBox(self)
        self.unit.setObjectName("leaderUnit")
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.refresh_button = QPushButton(self.tr("Làm mới"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.message = plain_label("", self)
        self.message.setObjectName("leaderMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.workload = WorkloadTab(self.ctx, assignment, sla, self)
        self.roster = RosterTab(self.ctx, shifts, self)
        self.handover = HandoverTab(self.ctx, shifts, self)
        self.overdue = OverdueTab(self.ctx, forwarding, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("leaderTabs")
        self.tabs.addTab(self.workload, self.tr("Khối lượng công việc"))
        self.tabs.addTab(self.roster, self.tr("Lịch trực"))
        self.tabs.addTab(self.handover, self.tr("Bàn giao ca"))
        self.tabs.addTab(self.overdue, self.tr("Chuyển đơn vị quá hạn"))
        self.tabs.currentChanged.connect(lambda _i: self.current_tab().refresh())
        for tab in self.all_tabs():
            tab.message.connect(self.show_message)
        self.workload.officers_loaded.connect(self.roster.set_officers)
        self.workload.open_case.connect(self.open_case.emit)
        self.overdue.open_case.connect(self.open_case.emit)

        top = QHBoxLayout()
        top.addWidget(plain_label(self.tr("Đơn vị:"), self))
        top.addWidget(self.unit, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.resize(1000, 680)
        self.timer = QTimer(self)
        self.timer.setInterval(refresh_ms)
        self.timer.timeout.connect(lambda: self.current_tab().refresh())

    def all_tabs(self) -> list[LeaderTab]:
        return [self.workload, self.roster, self.handover, self.overdue]

    def current_tab(self) -> LeaderTab:
        tab = self.tabs.currentWidget()
        return tab if isinstance(tab, LeaderTab) else self.workload

    # -- loading ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Load the units of the officer's scope, then every tab; refresh the shown one often."""
        self._tasks.start(self._start(), self._failed)
        self.timer.start()

    async def _start(self) -> None:
        units = await self._shifts.units(self.ctx.officer_id)
        self.units = units
        names = {u.id: u.name for u in units}
        self.workload.set_unit_names(names)
        self.roster.set_units(units)
        self.unit.blockSignals(True)
        self.unit.clear()
        depth: dict[int, int] = {}
        for u in units:  # parents first: indent by depth within the officer's scope
            depth[u.id] = depth[u.parent_id] + 1 if u.parent_id in depth else 0
            self.unit.addItem("  " * depth[u.id] + u.name, u.id)
        self.unit.blockSignals(False)
        self._unit_changed()
        for tab in self.all_tabs():
            tab.refresh()
        self.ready.emit()

    def refresh(self) -> None:
        self.message.hide()
        for tab in self.all_tabs():
            tab.refresh()

    def _unit_changed(self, _index: int = 0) -> None:
        unit_id = self.unit.currentData()
        unit = unit_id if isinstance(unit_id, int) else None
        for tab in (self.roster, self.handover):
            tab.set_unit(unit)
            tab.refresh()

    def _failed(self, error: BaseException) -> None:
        self.show_message(error_text(error), True)

    def show_message(self, text: str, error: bool) -> None:
        colour = "#8c1d18; background: #fbe0de" if error else "#1b5e20; background: #e3f1e4"
        self.message.setStyleSheet(f"#leaderMessage {{ color: {colour}; padding: 4px; }}")
        self.message.setText(text)
        self.message.show()

    def shutdown(self) -> None:
        self.timer.stop()
        self._tasks.cancel_all()
        for tab in self.all_tabs():
            tab.tasks.cancel_all()
