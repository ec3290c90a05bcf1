"""The shift leader's workload tab: each officer of his units (on shift, open, urgent and overdue
cases against his capacity) and the open cases past an SLA target (double click opens one)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from desktop.services.assignment import WorkloadRow
from desktop.services.sla import SlaBreach
from desktop.views.duty_labels import resolution_text, response_text, role_label
from desktop.views.labels import category_label, status_label
from desktop.views.leader_common import (
    BreachActions,
    LeaderContext,
    LeaderTab,
    WorkloadActions,
    fill_table,
    make_table,
    row_id,
)
from desktop.views.widgets import plain_label


class WorkloadTab(LeaderTab):
    officers_loaded = Signal(list)  # list[WorkloadRow]: the roster's officer chooser
    open_case = Signal(int)

    def __init__(
        self,
        ctx: LeaderContext,
        workload: WorkloadActions,
        sla: BreachActions | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("workloadTab")
        self._workload = workload
        self._sla = sla
        self.unit_names: dict[int, str] = {}
        self.rows: list[WorkloadRow] = []
        self.breaches: list[SlaBreach] = []
        self.officers = make_table(
            self,
            "workloadTable",
            [
                self.tr("Cán bộ"),
                self.tr("Vai trò"),
                self.tr("Đơn vị"),
                self.tr("Trong ca"),
                self.tr("Đang xử lý / định mức"),
                self.tr("Khẩn"),
                self.tr("Quá hạn"),
            ],
        )
        self.breach_title = plain_label("", self)
        self.breach_title.setObjectName("breachTitle")
        self.breach_table = make_table(
            self,
            "breachTable",
            [
                self.tr("Vụ việc"),
                self.tr("Phân loại"),
                self.tr("Trạng thái"),
                self.tr("Đơn vị"),
                self.tr("Cán bộ xử lý"),
                self.tr("Phản hồi đầu"),
                self.tr("Giải quyết"),
            ],
        )
        self.breach_table.cellDoubleClicked.connect(self._open)
        self.breach_table.cellActivated.connect(self._open)
        lower = QWidget(self)
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.breach_title)
        column.addWidget(self.breach_table)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.officers)
        split.addWidget(lower)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        lower.setVisible(sla is not None)

    def set_unit_names(self, names: Mapping[int, str]) -> None:
        self.unit_names = dict(names)

    async def load(self) -> None:
        me = self.ctx.officer_id
        if self._sla is not None:
            rows, breaches = await asyncio.gather(
                self._workload.workload(me), self._sla.breaches(me)
            )
        else:
            rows, breaches = await self._workload.workload(me), []
        self.show_rows(rows, breaches)

    def show_rows(self, rows: list[WorkloadRow], breaches: list[SlaBreach]) -> None:
        self.rows, self.breaches = rows, breaches
        on, off = self.tr("✔ đang trực"), self.tr("—")
        fill_table(
            self.officers,
            [
                [
                    r.display_name,
                    role_label(r.role),
                    self.unit_names.get(r.unit_id, "") if r.unit_id is not None else "",
                    on if r.on_shift else off,
                    f"{r.open_cases} / {r.capacity}",
                    str(r.urgent_cases),
                    str(r.overdue_cases),
                ]
                for r in rows
            ],
            [r.officer_id for r in rows],
            [r.overdue_cases > 0 or r.open_cases >= r.capacity for r in rows],
        )
        now = self.ctx.clock()
        fill_table(
            self.breach_table,
            [
                [
                    (self.tr("⚠ #{id}") if b.urgent else "#{id}").format(id=b.thread_id),
                    category_label(b.category),
                    status_label(b.status),
                    b.unit_name or "",
                    b.assignee_name or self.tr("(chưa giao)"),
                    response_text(b.clock, now),
                    resolution_text(b.clock, now),
                ]
                for b in breaches
            ],
            [b.thread_id for b in breaches],
            [True] * len(breaches),
        )
        self.breach_title.setText(
            self.tr("Vụ việc quá chỉ tiêu thời gian xử lý ({n}) — nhấn đúp để mở").format(
                n=len(breaches)
            )
        )
        self.officers_loaded.emit(rows)

    def _open(self, row: int, _column: int) -> None:
        thread_id = row_id(self.breach_table, row)
        if thread_id is not None:
            self.open_case.emit(thread_id)
