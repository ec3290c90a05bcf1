"""Shared pieces of the shift leader's window: what it needs of the services (Protocols of their
async methods), the tab base class (background loads and actions, refusals reported), tables.

Every cell is plain text (``QTableWidgetItem`` through the default delegate, no tooltips).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.domain.enums import OfficerRole
from desktop.services.access import Action, allowed
from desktop.services.assignment import AutoAssignment, WorkloadRow
from desktop.services.forwarding import ForwardView
from desktop.services.sla import SlaBreach
from desktop.store.cases import UnitRow
from desktop.store.forwarding import ForwardRow
from desktop.store.shifts import HandoverRow, ShiftRow
from desktop.views.async_tasks import TaskSet

Clock = Callable[[], datetime]
RowIdRole = Qt.ItemDataRole.UserRole + 1
LATE = QColor("#b3261e")


class WorkloadActions(Protocol):
    async def workload(self, actor_id: int) -> list[WorkloadRow]: ...


class BreachActions(Protocol):
    async def breaches(self, actor_id: int) -> list[SlaBreach]: ...


class OverdueActions(Protocol):
    async def overdue_view(self, actor_id: int) -> list[ForwardView]: ...
    async def escalate(self, actor_id: int, forward_id: int, note: str) -> ForwardRow: ...


class ShiftActions(Protocol):
    async def units(self, actor_id: int) -> list[UnitRow]: ...
    async def roster(
        self, actor_id: int, unit_id: int, since: datetime, until: datetime
    ) -> list[ShiftRow]: ...
    async def schedule(
        self,
        actor_id: int,
        officer_id: int,
        unit_id: int,
        starts_at: datetime,
        ends_at: datetime,
        is_leader: bool = False,
    ) -> int: ...
    async def end_shift(self, actor_id: int, officer_id: int) -> list[AutoAssignment]: ...
    async def handovers(
        self, actor_id: int, unit_id: int, limit: int = 20
    ) -> list[HandoverRow]: ...
    async def preview(self, actor_id: int, unit_id: int) -> dict[str, Any]: ...
    async def sign_handover(self, actor_id: int, unit_id: int, note: str) -> int: ...
    async def acknowledge(self, actor_id: int, handover_id: int) -> HandoverRow: ...


@dataclass(frozen=True, slots=True)
class LeaderContext:
    """The signed-in officer the window acts for."""

    officer_id: int
    role: OfficerRole
    clock: Clock

    def may(self, action: Action) -> bool:
        """What the role allows (to enable controls; the services check again)."""
        return allowed(self.role, action)


def error_text(error: BaseException) -> str:
    """Refusals carry a message for the officer; anything else is named only."""
    if isinstance(error, PermissionError | ValueError | LookupError):
        return str(error)
    return QCoreApplication.translate("leader_common", "Lỗi hệ thống: {e}").format(
        e=type(error).__name__
    )


class LeaderTab(QWidget):
    """A tab that loads in the background; ``message`` reports results and refusals."""

    message = Signal(str, bool)  # text, is an error
    loaded = Signal()

    def __init__(self, ctx: LeaderContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tasks = TaskSet()
        self.loading = False
        self._again = False
        self.unit_id: int | None = None

    def set_unit(self, unit_id: int | None) -> None:
        self.unit_id = unit_id

    def refresh(self) -> None:
        """Reload; asked while a load runs (another unit chosen), it loads again after it."""
        if self.loading:
            self._again = True
            return
        self.loading = True
        self._again = False
        self.tasks.start(self._refresh(), self._load_failed)

    async def _refresh(self) -> None:
        try:
            await self.load()
        finally:
            self.loading = False
        if self._again:
            self.refresh()
            return
        self.loaded.emit()

    async def load(self) -> None:
        raise NotImplementedError

    def _load_failed(self, error: BaseException) -> None:
        self.loading = False
        if self._again:
            self.refresh()
            return
        self.message.emit(self.describe_error(error), True)

    def describe_error(self, error: BaseException) -> str:
        """The words shown for a refusal or failure (a subclass may name its own errors)."""
        return error_text(error)

    def act(
        self,
        work: Coroutine[Any, Any, Any],
        done: Callable[[Any], str],
    ) -> None:
        """Run an action; ``done(result)`` gives the message; then reload the tab."""

        async def run() -> None:
            result = await work
            self.message.emit(done(result), False)
            self.refresh()

        self.tasks.start(run(), lambda error: self.message.emit(self.describe_error(error), True))


def make_table(parent: QWidget, name: str, headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def fill_table(
    table: QTableWidget,
    rows: Sequence[Sequence[str]],
    ids: Sequence[int],
    late: Sequence[bool] | None = None,
) -> None:
    """Plain-text rows; ``ids`` in each row's cells (``RowIdRole``); late rows in red."""
    selected = selected_id(table)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        brush = QBrush(LATE) if late is not None and late[r] else QBrush()
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(RowIdRole, ids[r])
            item.setForeground(brush)
            table.setItem(r, c, item)
    if selected is not None and selected in ids:
        table.selectRow(list(ids).index(selected))


def selected_id(table: QTableWidget) -> int | None:
    return row_id(table, table.currentRow())


def row_id(table: QTableWidget, row: int) -> int | None:
    item = table.item(row, 0) if row >= 0 else None
    value = item.data(RowIdRole) if item is not None else None
    return value if isinstance(value, int) else None


def cell_texts(table: QTableWidget, row: int) -> list[str]:
    return [
        (item.text() if (item := table.item(row, c)) is not None else "")
        for c in range(table.columnCount())
    ]
