"""The inbox model: pages of threads fetched lazily through injected async loaders.

The model never touches the store: the composition root gives it a ``PageLoader`` (for example
``InboxService.page``) and, to re-read single threads, a ``RowsLoader`` (``InboxService.rows``).
Work runs as asyncio tasks on the qasync loop, one at a time; a filter change cancels it and
discards its result ("latest request wins").

Refreshing never resets the list: ``refresh`` re-reads the first pages of the loaded range and
``refresh_threads`` re-reads given threads; both merge the answer into the rows with
``dataChanged`` (changed rows), ``beginMoveRows`` (threads whose activity moved them; the
officer's selection follows), ``beginInsertRows`` (new threads) and ``beginRemoveRows`` (threads
that left the filter). ``about_to_merge`` / ``merged`` bracket every such change so that the view
can keep its scroll position.
"""

from __future__ import annotations

import asyncio
import bisect
import html
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Sequence
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
from desktop.views.labels import (
    category_label,
    channel_label,
    display_line,
    short_time,
    status_label,
)

log = logging.getLogger(__name__)

PageLoader = Callable[[InboxFilter, InboxCursor | None], Awaitable[InboxPage]]
RowsLoader = Callable[[InboxFilter, Sequence[int]], Awaitable[list[ThreadRow]]]
AnyIndex = QModelIndex | QPersistentModelIndex

REREAD_CAP = 500  # touched threads re-read one by one; beyond this, only the loaded ones

ThreadRowRole = Qt.ItemDataRole.UserRole + 1  # the raw ThreadRow
ThreadIdRole = Qt.ItemDataRole.UserRole + 2  # the thread id (int)

REFRESH_PAGES = 4  # a refresh re-reads at most this many pages from the top


class Column(IntEnum):
    CHANNEL = 0
    ACCOUNT = 1
    AUTHOR = 2
    PREVIEW = 3
    CATEGORY = 4
    URGENT = 5
    STATUS = 6
    LAST_ACTIVITY = 7
    UNIT = 8
    ASSIGNEE = 9


def first_line(text: str) -> str:
    return display_line(text)


def _longest_increasing(seq: Sequence[int]) -> set[int]:
    """Indexes into ``seq`` of one longest strictly increasing subsequence."""
    tails: list[int] = []  # seq values ending the best run of each length
    tail_at: list[int] = []  # ...and their indexes
    back = [-1] * len(seq)
    for i, value in enumerate(seq):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[k] = value
            tail_at[k] = i
        back[i] = tail_at[k - 1] if k else -1
    keep: set[int] = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        keep.add(i)
        i = back[i]
    return keep


class InboxModel(QAbstractTableModel):
    page_loaded = Signal()  # after rows of a page were applied (or the filter came back empty)
    load_failed = Signal(str)
    about_to_merge = Signal()  # a refresh is about to change rows (the view notes its anchor)
    merged = Signal()  # ...and has changed them
    refreshed = Signal()  # a refresh (or re-read of threads) finished, changed or not

    def __init__(
        self,
        loader: PageLoader,
        parent: QObject | None = None,
        *,
        rows_loader: RowsLoader | None = None,
        refresh_pages: int = REFRESH_PAGES,
    ) -> None:
        super().__init__(parent)
        self._loader = loader
        self._rows_loader = rows_loader
        self._refresh_pages = max(1, refresh_pages)
        self._filter = InboxFilter()
        self._active = False  # idle until the first set_filter
        self._rows: list[ThreadRow] = []
        self._ids: set[int] = set()
        self._cursor: InboxCursor | None = None
        self._exhausted = True
        self._task: asyncio.Task[None] | None = None
        self._task_kind = ""  # "page" | "refresh" | "rows"
        self._generation = 0  # bumped on every reset: older loads are ignored
        self._want_refresh = False
        self._want_rows: set[int] = set()
        self._want_more = False
        self._headers = [
            self.tr("Kênh"),
            self.tr("Tài khoản"),
            self.tr("Người gửi"),
            self.tr("Nội dung"),
            self.tr("Phân loại"),
            self.tr("Khẩn"),
            self.tr("Trạng thái"),
            self.tr("Cập nhật"),
            self.tr("Đơn vị"),
            self.tr("Người xử lý"),
        ]

    # -- state -------------------------------------------------------------------------------
    @property
    def filter(self) -> InboxFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._task is not None

    @property
    def active(self) -> bool:
        return self._active

    def row_at(self, row: int) -> ThreadRow:
        return self._rows[row]

    def row_of(self, thread_id: int) -> int | None:
        """The row showing ``thread_id``, if it is loaded."""
        if thread_id not in self._ids:
            return None
        return next(i for i, r in enumerate(self._rows) if r.id == thread_id)

    def set_filter(self, flt: InboxFilter) -> None:
        """Show ``flt`` from its first page; work in flight is cancelled and ignored."""
        self._cancel()
        self._generation += 1
        self._want_refresh, self._want_rows, self._want_more = False, set(), False
        self.beginResetModel()
        self._filter = flt
        self._active = True
        self._rows = []
        self._ids = set()
        self._cursor = None
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        """Re-read the first pages of the loaded range and merge them (no reset).

        Before the first ``set_filter`` this starts the current filter instead.
        """
        if not self._active:
            self.set_filter(self._filter)
            return
        self._want_refresh = True
        self._pump()

    def refresh_thread(self, thread_id: int) -> None:
        """Re-read one thread (after an officer changed it) and merge it."""
        self.refresh_threads([thread_id])

    def refresh_threads(self, thread_ids: Iterable[int]) -> None:
        """Re-read these threads under the current filter and merge them.

        Without a rows loader this falls back to ``refresh``.
        """
        ids = set(thread_ids)
        if not ids or not self._active:
            return
        if self._rows_loader is None:
            self.refresh()
            return
        if len(ids) > REREAD_CAP:
            # A backfill touched thousands: re-read the loaded ones only; those that moved to the
            # top come with ``refresh``, the rest load in their place on scroll.
            ids &= self._ids
        self._want_rows |= ids
        self._pump()

    def _cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None
            self._task_kind = ""

    # -- scheduling ------------------------------------------------------------------------
    def _start(self, kind: str, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(work)
        self._task, self._task_kind = task, kind
        task.add_done_callback(self._finished)

    def _pump(self) -> None:
        """Start the next queued piece of work if nothing runs."""
        if self._task is not None or not self._active:
            return
        generation = self._generation
        if self._want_refresh:
            self._want_refresh = False
            self._start("refresh", self._refresh(generation, self._filter))
        elif self._want_rows:
            ids, self._want_rows = sorted(self._want_rows), set()
            self._start("rows", self._reread(generation, self._filter, ids))
        elif self._want_more:
            self._want_more = False
            self.fetchMore(QModelIndex())

    def _finished(self, task: asyncio.Task[None]) -> None:
        kind = self._task_kind if self._task is task else ""
        if self._task is task:
            self._task, self._task_kind = None, ""
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            log.error("inbox %s failed", kind or "load", exc_info=error)
            self.load_failed.emit(str(error))
        elif kind == "page":
            self.page_loaded.emit()
        elif kind in {"refresh", "rows"}:
            self.refreshed.emit()
        self._pump()

    # -- lazy paging -----------------------------------------------------------------------
    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._active and not self._exhausted

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._active or self._exhausted:
            return
        if self._task is not None:
            if self._task_kind != "page":
                self._want_more = True  # after the refresh: the view may not ask again
            return
        self._start("page", self._load(self._generation, self._filter, self._cursor))

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

    # -- refreshing --------------------------------------------------------------------------
    async def _refresh(self, generation: int, flt: InboxFilter) -> None:
        loaded_end = self._rows[-1].cursor if self._rows else None
        fresh: list[ThreadRow] = []
        after: InboxCursor | None = None
        exhausted = False
        for _ in range(self._refresh_pages):
            page = await self._loader(flt, after)
            if generation != self._generation:
                return
            fresh += page.rows
            after = page.next_cursor
            if after is None:
                exhausted = True
                break
            if loaded_end is None or after <= loaded_end:
                break  # the loaded range is covered
        if exhausted and (self._exhausted or loaded_end is None):
            self._merge(fresh, cursor=None, exhausted=True)
            return
        if loaded_end is not None and (after is None or after <= loaded_end):
            # Keep the list as long as it was: rows past the old end load again on scroll.
            self._merge([r for r in fresh if r.cursor >= loaded_end], loaded_end, False)
            return
        # More new threads than the re-read covers: the rows below cannot stay (keyset paging
        # cannot fill a gap in the middle), so the list restarts from the fresh pages.
        assert after is not None
        self._merge(fresh, after, False)

    async def _reread(self, generation: int, flt: InboxFilter, ids: list[int]) -> None:
        assert self._rows_loader is not None
        rows = await self._rows_loader(flt, ids)
        if generation != self._generation:
            return
        affected = set(ids)
        kept = [r for r in self._rows if r.id not in affected]
        if self._exhausted:
            came = rows  # the whole list is loaded: every match has its place in it
        elif self._cursor is not None:
            end = self._cursor
            came = [r for r in rows if r.cursor >= end]  # the others load on scroll
        else:
            came = []
        target = sorted(kept + came, key=lambda r: r.cursor, reverse=True)
        self._merge(target, self._cursor, self._exhausted)

    def _merge(self, target: list[ThreadRow], cursor: InboxCursor | None, exhausted: bool) -> None:
        """Turn the rows into ``target`` with remove, move, insert and change notifications."""
        self._cursor, self._exhausted = cursor, exhausted
        if [r.id for r in target] == [r.id for r in self._rows] and all(
            a is b or a == b for a, b in zip(target, self._rows, strict=True)
        ):
            return
        self.about_to_merge.emit()
        try:
            self._remove_missing({r.id for r in target})
            self._move_into_order(target)
            self._insert_new(target)
            self._update_changed(target)
        finally:
            self.merged.emit()

    def _remove_missing(self, wanted: set[int]) -> None:
        """Threads that left the list, bottom-up in runs."""
        i = len(self._rows) - 1
        while i >= 0:
            if self._rows[i].id in wanted:
                i -= 1
                continue
            j = i
            while j > 0 and self._rows[j - 1].id not in wanted:
                j -= 1
            self.beginRemoveRows(QModelIndex(), j, i)
            del self._rows[j : i + 1]
            self.endRemoveRows()
            i = j - 1
        self._ids = {r.id for r in self._rows}

    def _move_into_order(self, target: list[ThreadRow]) -> None:
        """Threads whose place changed: move all but a longest run already in order.

        Each moved thread goes right after the thread before it in ``target``; moves keep
        persistent indexes, so the officer's selection follows the thread.
        """
        root = QModelIndex()
        place = {r.id: k for k, r in enumerate(target)}
        order = [place[r.id] for r in self._rows]
        stay = {self._rows[k].id for k in _longest_increasing(order)}
        ids = [r.id for r in self._rows]
        previous: int | None = None  # the last target thread already present
        for row in target:
            if row.id not in self._ids:
                continue
            if row.id not in stay:
                src = ids.index(row.id)
                dst = 0 if previous is None else ids.index(previous) + 1
                if dst not in (src, src + 1):
                    self.beginMoveRows(root, src, src, root, dst)
                    moved = self._rows.pop(src)
                    ids.pop(src)
                    at = dst if dst < src else dst - 1
                    self._rows.insert(at, moved)
                    ids.insert(at, moved.id)
                    self.endMoveRows()
            previous = row.id

    def _insert_new(self, target: list[ThreadRow]) -> None:
        """New threads, in runs, where ``target`` has them (the rows are now in its order)."""
        k = 0
        while k < len(target):
            if target[k].id in self._ids:
                k += 1
                continue
            end = k
            while end + 1 < len(target) and target[end + 1].id not in self._ids:
                end += 1
            self.beginInsertRows(QModelIndex(), k, end)
            self._rows[k:k] = target[k : end + 1]
            self._ids.update(r.id for r in target[k : end + 1])
            self.endInsertRows()
            k = end + 1

    def _update_changed(self, target: list[ThreadRow]) -> None:
        last_column = self.columnCount() - 1
        for k, row in enumerate(target):
            old = self._rows[k]
            if old is row:
                continue
            self._rows[k] = row
            if old != row:
                self.dataChanged.emit(self.index(k, 0), self.index(k, last_column))

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
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.summary(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row)
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
        if column is Column.UNIT:
            return row.unit_name or ""
        if column is Column.ASSIGNEE:
            return row.assignee_name or ""
        return short_time(row.last_activity_at)

    def summary(self, row: ThreadRow) -> str:
        """One plain-text sentence for screen readers."""
        parts = [
            self.tr("KHẨN CẤP") if row.urgent else "",
            self.tr("chưa đọc") if row.unread else "",
            channel_label(row.channel),
            row.unit_name or row.account_name,
            row.last_author_name or "",
            category_label(row.category),
            status_label(row.status),
            row.assignee_name or self.tr("chưa giao"),
            short_time(row.last_activity_at),
            first_line(row.last_preview),
        ]
        return ", ".join(p for p in parts if p)

    def tooltip(self, row: ThreadRow) -> str:
        """The row's details as escaped text: Qt guesses rich text in tooltips."""
        lines = [
            f"{channel_label(row.channel)} — {row.account_name}",
            self.tr("Đơn vị: {unit}").format(unit=row.unit_name or "—"),
            self.tr("Người gửi: {author}").format(author=row.last_author_name or "—"),
            self.tr("Phân loại: {category} · {status}").format(
                category=category_label(row.category), status=status_label(row.status)
            ),
            self.tr("Người xử lý: {who}").format(who=row.assignee_name or self.tr("chưa giao")),
            first_line(row.last_preview),
        ]
        text = html.escape("\n".join(lines))
        return f"<p style='white-space:pre-wrap'>{text}</p>"
