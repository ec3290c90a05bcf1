"""The unified inbox: the filter bar above a virtualised list of two-line thread rows.

No SQL here: the model pages rows through its loaders, the filter bar counts through its
counter, and the composition root injects both. One row per thread, painted by
``InboxDelegate``; j/k and the arrows move the selection, Enter opens the thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QVBoxLayout, QWidget

from desktop.services.saved_views import SavedViewStore
from desktop.views.inbox_delegate import InboxDelegate, utc_now
from desktop.views.inbox_filters import (
    AccountsLoader,
    Counter,
    InboxFilterBar,
    OfficersLoader,
    UnitsLoader,
)
from desktop.views.inbox_model import InboxModel, ThreadIdRole

TICK_MS = 30_000  # repaint the countdowns this often


class InboxList(QListView):
    """The list itself: uniform rows, j/k navigation, Enter opens, an empty-state text."""

    open_requested = Signal()
    next_requested = Signal()
    previous_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_text = ""
        self.focusing = False  # inside focusInEvent: Qt may pick a current row by itself

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Focus alone opens nothing: Qt's automatic current row is taken back."""
        selection = self.selectionModel()
        had_current = self.currentIndex().isValid()
        self.focusing = True
        try:
            super().focusInEvent(event)
            if not had_current and selection is not None:
                selection.clearCurrentIndex()
        finally:
            self.focusing = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and key == Qt.Key.Key_J:
            self.next_requested.emit()
        elif plain and key == Qt.Key.Key_K:
            self.previous_requested.emit()
        elif plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_requested.emit()
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.empty_text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect(),
                int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                self.empty_text,
            )
            painter.end()


class InboxView(QWidget):
    thread_selected = Signal(int)
    thread_opened = Signal(int)

    def __init__(
        self,
        model: InboxModel,
        parent: QWidget | None = None,
        *,
        saved_views: SavedViewStore | None = None,
        officer_id: int | None = None,
        counter: Counter | None = None,
        units: UnitsLoader | None = None,
        accounts: AccountsLoader | None = None,
        officers: OfficersLoader | None = None,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._selected: int | None = None
        self._merging = False
        self._anchor: tuple[int, int, int] | None = None  # (thread id, row, scroll value)

        self.filters = InboxFilterBar(
            self,
            store=saved_views,
            officer_id=officer_id,
            counter=counter,
            units=units,
            accounts=accounts,
            officers=officers,
            clock=clock,
        )
        # The controls, under the names the rest of the app and the tests know.
        self.search = self.filters.search
        self.urgent = self.filters.urgent
        self.channel = self.filters.channel

        self.delegate = InboxDelegate(self, clock=clock)
        self.list = InboxList(self)
        self.list.setObjectName("inboxList")
        self.list.setModel(model)
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(True)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setMouseTracking(True)
        self.list.empty_text = self.tr("Không có vụ việc nào khớp bộ lọc.")
        self.table = self.list  # the name the main window used for the earlier table

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filters)
        layout.addWidget(self.list, 1)

        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self.list.viewport().update)
        self._tick.start()

        self.filters.filter_changed.connect(self._filter_changed)
        self.list.selectionModel().currentRowChanged.connect(self._current_changed)
        self.list.next_requested.connect(self.select_next)
        self.list.previous_requested.connect(self.select_previous)
        self.list.open_requested.connect(self.open_current)
        self.list.doubleClicked.connect(lambda *_: self.open_current())
        model.rowsInserted.connect(self._restore_selection)
        model.modelReset.connect(self._model_reset)
        model.about_to_merge.connect(self._before_merge)
        model.merged.connect(self._after_merge)

    # -- what the composition root calls --------------------------------------------------------
    def activate(self) -> None:
        """Once the store is open: show the selected view, then load the choices and count.

        The first page goes first; the filter choices and the counts follow once it is in.
        """
        self.model.set_filter(self.filters.current_filter())

        def then(*_args: object) -> None:
            self.model.page_loaded.disconnect(then)
            self.model.load_failed.disconnect(then)
            self.filters.load_choices()
            self.filters.refresh_counts()

        self.model.page_loaded.connect(then)
        self.model.load_failed.connect(then)

    def sync_pass_done(self, touched_thread_ids: Iterable[int] = ()) -> None:
        """After a sync pass: merge the top of the list and the touched threads, recount."""
        self.model.refresh()
        self.model.refresh_threads(touched_thread_ids)
        self.filters.refresh_counts()

    def refresh_thread(self, thread_id: int) -> None:
        """After an officer changed a case (``CasePanel.case_changed``)."""
        self.model.refresh_thread(thread_id)
        self.filters.refresh_counts()

    def apply_filter(self, *_args: object) -> None:
        """Apply the controls now (pending search text included, no debounce)."""
        self.filters.apply_now()

    def _filter_changed(self) -> None:
        """Give the model the filter bar's filter (a no-op when nothing changed)."""
        flt = self.filters.current_filter()
        if flt != self.model.filter or not self.model.active:
            self.model.set_filter(flt)

    # -- keyboard and selection -------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_thread_id(self) -> int | None:
        index = self.list.currentIndex()
        value = index.data(ThreadIdRole) if index.isValid() else None
        return value if isinstance(value, int) else None

    def select_next(self) -> None:
        self._step(1)

    def select_previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        rows = self.model.rowCount()
        if rows == 0:
            return
        current = self.list.currentIndex()
        row = 0 if not current.isValid() else min(max(current.row() + delta, 0), rows - 1)
        if row == rows - 1 and self.model.canFetchMore(QModelIndex()):
            self.model.fetchMore(QModelIndex())
        self.select_row(row)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        if index.isValid():
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index)

    def select_thread(self, thread_id: int) -> bool:
        """Select ``thread_id`` if it is loaded."""
        row = self.model.row_of(thread_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def open_current(self) -> None:
        thread_id = self.current_thread_id()
        if thread_id is not None:
            self.thread_opened.emit(thread_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._merging or self.list.focusing or not current.isValid():
            return  # a merge keeps the officer's thread: never switch it from under them
        thread_id = current.data(ThreadIdRole)
        if isinstance(thread_id, int) and thread_id != self._selected:
            self._selected = thread_id
            self.thread_selected.emit(thread_id)

    def _model_reset(self) -> None:
        self._anchor = None

    def _restore_selection(self, _parent: QModelIndex, first: int, last: int) -> None:
        """After a new filter, keep the officer's thread selected if it is loaded again."""
        if self._merging or self._selected is None or self.list.currentIndex().isValid():
            return
        for row in range(first, last + 1):
            if self.model.index(row, 0).data(ThreadIdRole) == self._selected:
                self.list.setCurrentIndex(self.model.index(row, 0))
                return

    # -- keeping the place across merges ----------------------------------------------------------
    def _before_merge(self) -> None:
        self._merging = True
        bar = self.list.verticalScrollBar()
        self._anchor = None
        if bar.value() > 0:  # at the very top, new threads simply appear above
            top = self.list.indexAt(QPoint(1, 1))
            thread_id = top.data(ThreadIdRole) if top.isValid() else None
            if isinstance(thread_id, int):
                self._anchor = (thread_id, top.row(), bar.value())

    def _after_merge(self) -> None:
        self._merging = False
        self.list.doItemsLayout()  # the scroll range must know the new rows before we move
        if self._anchor is not None:
            thread_id, old_row, value = self._anchor
            self._anchor = None
            new_row = self.model.row_of(thread_id)
            if new_row is not None:
                self.list.verticalScrollBar().setValue(value + new_row - old_row)
        if self._selected is None:
            return
        row = self.model.row_of(self._selected)
        selection = self.list.selectionModel()
        if row is None:
            selection.clearSelection()  # the thread left the filter: select nothing
            selection.setCurrentIndex(QModelIndex(), selection.SelectionFlag.NoUpdate)
        elif self.list.currentIndex().row() != row:
            index = self.model.index(row, 0)
            selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
