"""The unit admin's window ("Quản trị"): the officers of his units, the auto-assignment rules, the
SLA targets and which categories' replies wait for a shift leader.

A separate top-level window (``show()``, never ``exec()``) built by the composition root with the
services' async methods (Protocols in ``admin_common``); nothing here touches the store. The
services check every action against the access policy and audit it; the window only disables
what the role cannot do, and shows a refusal as a plain message.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop.domain.enums import OfficerRole
from desktop.store.cases import UnitRow
from desktop.views.admin_common import (
    AdminTab,
    OfficerAdminActions,
    RuleActions,
    SlaTargetActions,
    admin_error_text,
)
from desktop.views.admin_officers import OfficersTab
from desktop.views.admin_reply_policy import ReplyPolicyActions, ReplyPolicyTab
from desktop.views.admin_rules import RulesTab
from desktop.views.admin_sla import SlaTab
from desktop.views.async_tasks import TaskSet
from desktop.views.leader_common import Clock, LeaderContext
from desktop.views.widgets import plain_label


class AdminWindow(QWidget):
    ready = Signal()  # the units are loaded and every tab asked to load

    def __init__(
        self,
        officer_id: int,
        role: OfficerRole,
        *,
        officers: OfficerAdminActions,
        rules: RuleActions,
        sla: SlaTargetActions,
        replies: ReplyPolicyActions,
        clock: Clock = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setObjectName("adminWindow")
        self.setWindowTitle(self.tr("DutyDesk — Quản trị"))
        self.ctx = LeaderContext(officer_id, role, clock)
        self._officers = officers
        self._tasks = TaskSet()
        self.units: list[UnitRow] = []
        self.refresh_button = QPushButton(self.tr("Làm mới"), self)
        self.refresh_button.setObjectName("adminRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.message = plain_label("", self)
        self.message.setObjectName("adminMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.officers = OfficersTab(self.ctx, officers, self)
        self.rules = RulesTab(self.ctx, rules, self)
        self.sla = SlaTab(self.ctx, sla, self)
        self.replies = ReplyPolicyTab(self.ctx, replies, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("adminTabs")
        self.tabs.addTab(self.officers, self.tr("Cán bộ"))
        self.tabs.addTab(self.rules, self.tr("Giao việc tự động"))
        self.tabs.addTab(self.sla, self.tr("Thời hạn xử lý"))
        self.tabs.addTab(self.replies, self.tr("Duyệt trả lời"))
        for tab in self.all_tabs():
            tab.message.connect(self.show_message)

        top = QHBoxLayout()
        top.addWidget(
            plain_label(self.tr("Cán bộ, quy tắc giao việc và chỉ tiêu thời gian xử lý."), self), 1
        )
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self.resize(1100, 760)

    def all_tabs(self) -> list[AdminTab]:
        return [self.officers, self.rules, self.sla, self.replies]

    # -- loading ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Load the units of the admin's scope (the choosers), then every tab."""
        self._tasks.start(self._start(), self._failed)

    async def _start(self) -> None:
        units = await self._officers.units(self.ctx.officer_id)
        self.units = units
        self.officers.set_units(units)
        self.rules.set_units(units)
        for tab in self.all_tabs():
            tab.refresh()
        self.ready.emit()

    def refresh(self) -> None:
        """Reload the units and every tab (another admin may have changed them)."""
        self.message.hide()
        self.start()

    def _failed(self, error: BaseException) -> None:
        self.show_message(admin_error_text(error), True)

    def show_message(self, text: str, error: bool) -> None:
        colour = "#8c1d18; background: #fbe0de" if error else "#1b5e20; background: #e3f1e4"
        self.message.setStyleSheet(f"#adminMessage {{ color: {colour}; padding: 4px; }}")
        self.message.setText(text)
        self.message.show()

    def shutdown(self) -> None:
        self._tasks.cancel_all()
        for tab in self.all_tabs():
            tab.tasks.cancel_all()
