"""The forward queue: cases forwarded to the officer's units, earliest deadline first, with the
time left or the delay (overdue rows in red). Enter or a double click opens the case.

Rows come from ``ForwardingService.queue_view`` (the officer's scope; instructions and previews
masked as the service decided). Cells are plain text (``QTableWidgetItem``, no tooltips).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.views.async_tasks import TaskSet
from desktop.views.duty_labels import due_text
from desktop.views.labels import category_label, display_line, short_time
from desktop.views.widgets import plain_label

if TYPE_CHECKING:
    from desktop.services.forwarding import ForwardView

Clock = Callable[[], datetime]
QueueLoader = Callable[[], Awaitable[list["ForwardView"]]]
REFRESH_MS = 60_000
TICK_MS = 30_000
OVERDUE = QColor("#b3261e")
ThreadIdRole = Qt.ItemDataRole.UserRole + 1


class ForwardQueueView(QWidget):
    open_requested = Signal(int)  # thread id
    loaded = Signal(int)  # rows shown

    COLUMNS = ("case", "category", "from", "to", "deadline", "state", "instructions")

    def __init__(
        self,
        load: QueueLoader,
        clock: Clock = lambda: datetime.now(UTC),
        *,
        refresh_ms: int = REFRESH_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("forwardQueue")
        self.setWindowTitle(self.tr("Vụ việc chuyển đến đơn vị"))
        self._load = load
        self._clock = clock
        self._tasks = TaskSet()
        self._loading = False
        self.views: list[ForwardView] = []
        self.title = plain_label("", self)
        self.title.setObjectName("forwardQueueTitle")
        self.message = plain_label("", self)
        self.message.setObjectName("forwardQueueMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.refresh_button = QPushButton(self.tr("Làm mới"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("forwardQueueTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Vụ việc"),
                self.tr("Phân loại"),
                self.tr("Từ đơn vị"),
                self.tr("Đơn vị nhận"),
                self.tr("Hạn"),
                self.tr("Tình trạng"),
                self.tr("Chỉ đạo"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.cellActivated.connect(self._activated)
        self.table.cellDoubleClicked.connect(self._activated)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(refresh_ms)
        self.refresh_timer.timeout.connect(self.refresh)
        self.refresh_timer.start()
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(TICK_MS)
        self.tick_timer.timeout.connect(self.tick)
        self.tick_timer.start()
        self.show_rows([])

    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        self._tasks.start(self._refresh(), self._failed)

    async def _refresh(self) -> None:
        try:
            rows = await self._load()
        finally:
            self._loading = False
        self.message.hide()
        self.show_rows(rows)

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        text = str(error) if isinstance(error, PermissionError) else type(error).__name__
        self.message.setText(self.tr("Không tải được danh sách: {e}").format(e=text))
        self.message.show()

    def show_rows(self, views: Sequence[ForwardView]) -> None:
        self.views = list(views)
        self.table.setRowCount(len(views))
        for row, view in enumerate(views):
            case = f"#{view.thread_id}"
            if view.urgent:
                case = self.tr("⚠ {case}").format(case=case)
            if view.masked:
                case += " 🔒"
            cells = (
                case,
                category_label(view.category),
                view.from_unit_name or "",
                view.to_unit_name,
                short_time(view.deadline_at),
                "",
                display_line(view.forward.instructions),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ThreadIdRole, view.thread_id)
                self.table.setItem(row, column, item)
        self.tick()
        self.loaded.emit(len(views))

    def tick(self) -> None:
        """Time left or overdue, from what was loaded and the clock (no database)."""
        now = self._clock()
        late = 0
        for row, view in enumerate(self.views):
            overdue = view.is_open and now > view.deadline_at
            late += overdue
            text = due_text(view.deadline_at, now)
            item = self.table.item(row, self.COLUMNS.index("state"))
            if item is None:
                continue
            item.setText(text.upper() if overdue else text)
            brush = QBrush(OVERDUE) if overdue else QBrush()
            for column in range(len(self.COLUMNS)):
                cell = self.table.item(row, column)
                if cell is not None:
                    cell.setForeground(brush)
        self.title.setText(
            self.tr("Vụ việc chuyển đến đơn vị: {n} đang chờ kết quả, {late} quá hạn").format(
                n=len(self.views), late=late
            )
        )

    def state_text(self, row: int) -> str:
        item = self.table.item(row, self.COLUMNS.index("state"))
        return item.text() if item is not None else ""

    def _activated(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        thread_id = item.data(ThreadIdRole) if item is not None else None
        if isinstance(thread_id, int):
            self.open_requested.emit(thread_id)

    def shutdown(self) -> None:
        self.refresh_timer.stop()
        self.tick_timer.stop()
        self._tasks.cancel_all()
