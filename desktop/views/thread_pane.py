"""The selected thread's items as plain text (untrusted text is never interpreted)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from desktop.domain.enums import Direction
from desktop.services.inbox import ItemView
from desktop.views.labels import long_time
from desktop.views.widgets import plain_label

log = logging.getLogger(__name__)

ItemsLoader = Callable[[int], Awaitable[list[ItemView]]]


class ThreadPane(QWidget):
    loaded = Signal(int)  # the thread id whose items are now shown
    load_failed = Signal(str)

    def __init__(self, loader: ItemsLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._task: asyncio.Task[None] | None = None
        self.thread_id: int | None = None
        self.title = plain_label(self.tr("Chọn một vụ việc trong hộp thư"), self)
        self.title.setObjectName("threadTitle")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("threadText")
        self.text.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)

    def show_thread(self, thread_id: int) -> None:
        """Load ``thread_id``; a load still running for another thread is cancelled."""
        if self._task is not None:
            self._task.cancel()
        self.thread_id = thread_id
        self.title.setText(self.tr("Vụ việc #{id} — đang tải…").format(id=thread_id))
        task = asyncio.ensure_future(self._load(thread_id))
        self._task = task
        task.add_done_callback(self._finished)

    async def _load(self, thread_id: int) -> None:
        items = await self._loader(thread_id)
        if thread_id != self.thread_id:
            return
        self.title.setText(self.tr("Vụ việc #{id} — {n} mục").format(id=thread_id, n=len(items)))
        self.text.setPlainText("\n\n".join(self.format_item(item) for item in items))
        self.loaded.emit(thread_id)

    def _finished(self, task: asyncio.Task[None]) -> None:
        if self._task is task:
            self._task = None
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            log.error("thread items failed to load", exc_info=error)
            self.title.setText(self.tr("Không tải được vụ việc"))
            self.load_failed.emit(str(error))

    def format_item(self, item: ItemView) -> str:
        marks = []
        if item.is_hidden:
            marks.append(self.tr("[đã ẩn]"))
        if item.is_deleted:
            marks.append(self.tr("[đã xoá trên nền tảng]"))
        head = f"{item.author or self.tr('(không rõ)')} — {long_time(item.created_at)}"
        if item.direction is Direction.INTERNAL:
            head = self.tr("▌ GHI CHÚ NỘI BỘ ▌ ") + head
        elif item.direction is Direction.OUTBOUND:
            head = self.tr("↳ Trả lời: ") + head
        if marks:
            head += " " + " ".join(marks)
        return f"{head}\n{item.text}"
