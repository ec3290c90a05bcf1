"""The inbox table model: pages of threads fetched lazily through an injected async loader.

The model never touches the store: the composition root gives it a ``PageLoader`` (for example
``InboxService.page``). Loads run as asyncio tasks on the qasync loop; one is in flight at a time
and a filter change cancels it and discards its result ("latest request wins").
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop.services.inbox import InboxCursor, InboxFilter, InboxPage, ThreadRow
from desktop.views.labels import category_label, channel_label, short_time, status_label

log = logging.getLogger(__name__)

PageLoader = Callable[[InboxFilter, InboxCursor | None], Awaitable[InboxPage]]
AnyIndex = QModelIndex | QPersistentModelIndex

ThreadRowRole = Qt.ItemDataRole.UserRole + 1  # the raw ThreadRow
ThreadIdRole = Qt.ItemDataRole.UserRole + 2  # the thread id (int)


class Column(IntEnum):
    CHANNEL = 0
    ACCOUNT = 1
    AUTHOR = 2
    PREVIEW = 3
    CATEGORY = 4
    URGENT = 5
    STATUS = 6
    LAST_ACTIVITY = 7


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


class InboxModel(QAbstractTableModel):
    page_loaded = Signal()  # after rows of a page were applied (or the filter came back empty)
    load_failed = Signal(str)

    def __init__(self, loader: PageLoader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._filter = InboxFilter()
        self._rows: list[ThreadRow] = []
        self._ids: set[int] = set()
        self._cursor: InboxCursor | None = None
        self._exhausted = True  # inactive until the first set_filter / refresh
        self._task: asyncio.Task[None] | None = None
        self._generation = 0  # bumped on every reset: older loads are ignored
        self._headers = [
            self.tr("Kênh"),
            self.tr("Tài khoản"),
            self.tr("Người gửi"),
            self.tr("Nội dung"),
            self.tr("Phân loại"),
            self.tr("Khẩn"),
            self.tr("Trạng thái"),
            self.tr("Cập nhật"),
        ]

    # -- state -------------------------------------------------------------------------------
    @property
    def filter(self) -> InboxFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._task is not None

    def row_at(self, row: int) -> ThreadRow:
        return self._rows[row]

    def set_filter(self, flt: InboxFilter) -> None:
        """Show ``flt`` from its first page; an in-flight load is cancelled and ignored."""
        self._cancel()
        self._generation += 1
        self.beginResetModel()
        self._filter = flt
        self._rows = []
        self._ids = set()
        self._cursor = None
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        """Reload the first page of the current filter (later pages load again on scroll)."""
        self.set_filter(self._filter)

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    # -- lazy paging -----------------------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._task is not None:
            return
        task = asyncio.ensure_future(self._load(self._generation, self._filter, self._cursor))
        self._task = task
        task.add_done_callback(self._finished)

    async def _load(self, generation: int, flt: InboxFilter, after: InboxCursor | None) -> None:
        page = await self._loader(flt, after)
        if generation != self._generation:
            return  # a newer request replaced this one
        fresh = [row for row in page.rows if row.id not in self._ids]
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self._ids.update(row.id for row in fresh)
            self.endInsertRows()
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None

    def _finished(self, task: asyncio.Task[None]) -> None:
        if self._task is task:
            self._task = None
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            log.error("inbox page failed to load", exc_info=error)
            self.load_failed.emit(str(error))
        elif self._task is None:
            self.page_loaded.emit()

    # -- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ThreadRowRole:
            return row
        if role == ThreadIdRole:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, Column(index.column()))
        return None

    def _display(self, row: ThreadRow, column: Column) -> str:
        if column is Column.CHANNEL:
            return channel_label(row.channel)
        if column is Column.ACCOUNT:
            return row.account_name
        if column is Column.AUTHOR:
            return row.last_author_name or ""
        if column is Column.PREVIEW:
            return first_line(row.last_preview)
        if column is Column.CATEGORY:
            return category_label(row.category)
        if column is Column.URGENT:
            return self.tr("Khẩn") if row.urgent else ""
        if column is Column.STATUS:
            return status_label(row.status)
        return short_time(row.last_activity_at)
