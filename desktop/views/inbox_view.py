"""The unified inbox: search, quick filters and the thread table (no SQL: the model loads)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Channel
from desktop.views.inbox_model import Column, InboxModel, ThreadIdRole
from desktop.views.labels import channel_label

SEARCH_DEBOUNCE_MS = 300
ROW_HEIGHT = 24


class InboxView(QWidget):
    thread_selected = Signal(int)

    def __init__(self, model: InboxModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._selected: int | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("inboxSearch")
        self.search.setPlaceholderText(self.tr("Tìm theo nội dung, tên, số điện thoại…"))
        self.search.setClearButtonEnabled(True)
        self.urgent = QCheckBox(self.tr("Chỉ khẩn cấp"), self)
        self.urgent.setObjectName("inboxUrgentOnly")
        self.channel = QComboBox(self)
        self.channel.setObjectName("inboxChannel")
        self.channel.addItem(self.tr("Tất cả"), None)
        for channel in Channel:
            self.channel.addItem(channel_label(channel), channel.value)

        self.table = QTableView(self)
        self.table.setObjectName("inboxTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.hide()
        horizontal = self.table.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setSectionResizeMode(Column.PREVIEW, QHeaderView.ResizeMode.Stretch)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.urgent)
        bar.addWidget(self.channel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        self.urgent.toggled.connect(self.apply_filter)
        self.channel.currentIndexChanged.connect(self.apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        model.rowsInserted.connect(self._restore_selection)

    def apply_filter(self, *_args: object) -> None:
        """Turn the controls into the model's filter (a no-op when nothing changed)."""
        self._debounce.stop()
        value = self.channel.currentData()
        channels = frozenset() if value is None else frozenset({Channel(value)})
        flt = replace(
            self.model.filter,
            text=self.search.text().strip(),
            urgent_only=self.urgent.isChecked(),
            channels=channels,
        )
        if flt != self.model.filter:
            self.model.set_filter(flt)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        thread_id = current.data(ThreadIdRole)
        if isinstance(thread_id, int) and thread_id != self._selected:
            self._selected = thread_id
            self.thread_selected.emit(thread_id)

    def _restore_selection(self, _parent: QModelIndex, first: int, last: int) -> None:
        """After a refresh, keep the officer's thread selected if it is loaded again."""
        if self._selected is None or self.table.currentIndex().isValid():
            return
        for row in range(first, last + 1):
            index = self.model.index(row, 0)
            if index.data(ThreadIdRole) == self._selected:
                self.table.selectRow(row)
                return
