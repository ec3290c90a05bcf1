"""Overdue forwards: forwards of the leader's units past their deadline without a result, how
late, and escalating one (recorded, the case's priority raised). Double click opens the case.

Instructions are shown as the service masked them for this officer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.services.access import Action
from desktop.services.forwarding import ForwardView
from desktop.store.forwarding import ForwardRow
from desktop.views.duty_labels import due_text
from desktop.views.labels import category_label, display_line, short_time
from desktop.views.leader_common import (
    LeaderContext,
    LeaderTab,
    OverdueActions,
    fill_table,
    make_table,
    row_id,
    selected_id,
)
from desktop.views.widgets import plain_label

MAX_NOTE = 4000


class OverdueTab(LeaderTab):
    open_case = Signal(int)

    def __init__(
        self, ctx: LeaderContext, forwarding: OverdueActions, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("overdueTab")
        self._forwarding = forwarding
        self.views: list[ForwardView] = []
        self.title = plain_label("", self)
        self.title.setObjectName("overdueTitle")
        self.table = make_table(
            self,
            "overdueTable",
            [
                self.tr("Vụ việc"),
                self.tr("Phân loại"),
                self.tr("Đơn vị nhận"),
                self.tr("Hạn"),
                self.tr("Tình trạng"),
                self.tr("Vượt cấp"),
                self.tr("Chỉ đạo"),
            ],
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.cellDoubleClicked.connect(self._open)
        self.note = QLineEdit(self)
        self.note.setObjectName("escalationNote")
        self.note.setMaxLength(MAX_NOTE)
        self.note.setPlaceholderText(self.tr("Ghi chú báo cáo vượt cấp (không bắt buộc)"))
        self.escalate_button = QPushButton(self.tr("Báo cáo vượt cấp"), self)
        self.escalate_button.setObjectName("escalate")
        self.escalate_button.clicked.connect(self._escalate)
        row = QHBoxLayout()
        row.addWidget(self.note, 1)
        row.addWidget(self.escalate_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.note.setEnabled(ctx.may(Action.ESCALATE))
        self.escalate_button.setEnabled(False)

    async def load(self) -> None:
        self.show_rows(await self._forwarding.overdue_view(self.ctx.officer_id))

    def show_rows(self, views: list[ForwardView]) -> None:
        self.views = views
        now = self.ctx.clock()
        fill_table(
            self.table,
            [
                [
                    (self.tr("⚠ #{id}") if v.urgent else "#{id}").format(id=v.thread_id)
                    + (" 🔒" if v.masked else ""),
                    category_label(v.category),
                    v.to_unit_name,
                    short_time(v.deadline_at),
                    due_text(v.deadline_at, now).upper(),
                    short_time(v.forward.escalated_at) if v.forward.escalated_at else "",
                    display_line(v.forward.instructions),
                ]
                for v in views
            ],
            [v.id for v in views],
            [True] * len(views),
        )
        self.title.setText(
            self.tr("Chuyển đơn vị quá hạn chưa có kết quả: {n} — nhấn đúp để mở vụ việc").format(
                n=len(views)
            )
        )
        self._selection_changed()

    def _selected(self) -> ForwardView | None:
        wanted = selected_id(self.table)
        return next((v for v in self.views if v.id == wanted), None)

    def _selection_changed(self) -> None:
        view = self._selected()
        self.escalate_button.setEnabled(view is not None and view.can_escalate)

    def _open(self, row: int, _column: int) -> None:
        forward_id = row_id(self.table, row)
        view = next((v for v in self.views if v.id == forward_id), None)
        if view is not None:
            self.open_case.emit(view.thread_id)

    def _escalate(self) -> None:
        view = self._selected()
        if view is None:
            return
        note = self.note.text()

        def done(_row: ForwardRow) -> str:
            self.note.clear()
            return self.tr("Đã báo cáo vượt cấp vụ việc #{id} ({unit}).").format(
                id=view.thread_id, unit=view.to_unit_name
            )

        self.act(self._forwarding.escalate(self.ctx.officer_id, view.id, note), done)
