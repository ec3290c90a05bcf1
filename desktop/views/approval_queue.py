"""Replies waiting for the shift leader ("Chờ duyệt"): sensitive replies written by duty officers
of his units, the oldest first. He reads the whole reply, opens the case if he needs the context,
then approves it (it joins the outbox and is sent) or rejects it with a reason the officer sees.

Rows come from ``ReplyApprovals.pending`` (the leader's scope); the services check every
decision again. Every text is plain: table cells through the default delegate, the reply in a
read-only ``QPlainTextEdit`` (never rich text), no tooltips.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.views.async_tasks import TaskSet
from desktop.views.case_labels import outbox_kind_label
from desktop.views.labels import category_label, display_line, short_time
from desktop.views.leader_common import error_text, fill_table, make_table, selected_id
from desktop.views.widgets import plain_label

if TYPE_CHECKING:
    from desktop.store.outbox import OutboxRow
    from desktop.store.reply_approval import PendingReply

Clock = Callable[[], datetime]
PendingLoader = Callable[[], Awaitable[list["PendingReply"]]]
Approve = Callable[[int], Awaitable["OutboxRow"]]
Reject = Callable[[int, str], Awaitable["OutboxRow"]]
REFRESH_MS = 15_000  # a citizen is waiting for the answer
MAX_REASON = 500


class ApprovalQueueView(QWidget):
    open_requested = Signal(int)  # thread id
    count_changed = Signal(int)  # replies waiting

    def __init__(
        self,
        load: PendingLoader,
        approve: Approve,
        reject: Reject,
        clock: Clock = lambda: datetime.now(UTC),
        *,
        refresh_ms: int = REFRESH_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvalQueue")
        self._load, self._approve, self._reject, self._clock = load, approve, reject, clock
        self._tasks = TaskSet()
        self._loading = False
        self._busy = False
        self.rows: list[PendingReply] = []
        self.title = plain_label("", self)
        self.title.setObjectName("approvalTitle")
        self.message = plain_label("", self)
        self.message.setObjectName("approvalMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.refresh_button = QPushButton(self.tr("Làm mới"), self)
        self.refresh_button.clicked.connect(self.refresh)

        self.table = self._make_table()
        self._make_controls()

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        decide = QHBoxLayout()
        decide.addWidget(self.reason, 1)
        decide.addWidget(self.open_button)
        decide.addWidget(self.reject_button)
        decide.addWidget(self.approve_button)
        below = QWidget(self)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.reply, 1)
        below_layout.addLayout(decide)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)

        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(refresh_ms)
        self.refresh_timer.timeout.connect(self.refresh)
        self.refresh_timer.start()
        self.show_rows([])

    def _make_table(self) -> QTableWidget:
        table = make_table(
            self,
            "approvalTable",
            [
                self.tr("Vụ việc"),
                self.tr("Phân loại"),
                self.tr("Đơn vị"),
                self.tr("Cán bộ viết"),
                self.tr("Kiểu"),
                self.tr("Viết lúc"),
                self.tr("Nội dung"),
            ],
        )
        table.setWordWrap(False)  # one line a reply; the whole text shows below
        table.itemSelectionChanged.connect(self._selection_changed)
        table.cellDoubleClicked.connect(lambda _r, _c: self._open())
        return table

    def _make_controls(self) -> None:
        self.reply = QPlainTextEdit(self)
        self.reply.setObjectName("approvalReply")
        self.reply.setReadOnly(True)
        self.reply.setPlaceholderText(self.tr("Chọn một trả lời để đọc toàn văn."))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("rejectReason")
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setPlaceholderText(self.tr("Lý do từ chối (bắt buộc khi từ chối)"))
        self.open_button = QPushButton(self.tr("Mở vụ việc"), self)
        self.open_button.setObjectName("approvalOpen")
        self.open_button.clicked.connect(self._open)
        self.approve_button = QPushButton(self.tr("Duyệt và gửi"), self)
        self.approve_button.setObjectName("approveReply")
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button = QPushButton(self.tr("Từ chối"), self)
        self.reject_button.setObjectName("rejectReply")
        self.reject_button.clicked.connect(self.reject_selected)
        self.reason.textChanged.connect(lambda _t: self._selection_changed())

    # -- loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        self._tasks.start(self._refresh(), self._load_failed)

    async def _refresh(self) -> None:
        try:
            rows = await self._load()
        finally:
            self._loading = False
        self.show_rows(rows)

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        self.say(self.tr("Không tải được danh sách: {e}").format(e=error_text(error)), error=True)

    def show_rows(self, rows: Sequence[PendingReply]) -> None:
        self.rows = list(rows)
        fill_table(
            self.table,
            [
                [
                    (self.tr("⚠ {case}") if row.urgent else "{case}").format(
                        case=f"#{row.thread_id}"
                    ),
                    category_label(row.category),
                    row.unit_name or "",
                    row.written_by or "",
                    outbox_kind_label(row.kind),
                    short_time(row.written_at),
                    display_line(row.text),
                ]
                for row in self.rows
            ],
            [row.action_id for row in self.rows],
        )  # keeps the chosen reply selected
        if self.selected() is None and self.rows:
            self.table.selectRow(0)
        self.title.setText(self.tr("Trả lời chờ lãnh đạo ca duyệt: {n}").format(n=len(self.rows)))
        self._selection_changed()
        self.count_changed.emit(len(self.rows))

    # -- deciding --------------------------------------------------------------------------------
    def selected(self) -> PendingReply | None:
        if not self.table.selectedItems():
            return None
        wanted = selected_id(self.table)
        return next((row for row in self.rows if row.action_id == wanted), None)

    def _selection_changed(self) -> None:
        row = self.selected()
        self.reply.setPlainText(row.text if row is not None else "")
        chosen = row is not None and not self._busy
        self.open_button.setEnabled(row is not None)
        self.approve_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen and bool(self.reason.text().strip()))

    def _open(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_requested.emit(row.thread_id)

    def approve_selected(self) -> None:
        row = self.selected()
        if row is None or self._busy:
            return
        self._decide(
            self._approve(row.action_id),
            self.tr("Đã duyệt trả lời vụ việc #{id}: đang gửi.").format(id=row.thread_id),
        )

    def reject_selected(self) -> None:
        row = self.selected()
        reason = self.reason.text().strip()
        if row is None or self._busy or not reason:
            return
        self._decide(
            self._reject(row.action_id, reason),
            self.tr("Đã từ chối trả lời vụ việc #{id}; cán bộ sẽ thấy lý do.").format(
                id=row.thread_id
            ),
        )

    def _decide(self, work: Awaitable[OutboxRow], done: str) -> None:
        self._busy = True
        self._selection_changed()

        async def run() -> None:
            try:
                await work
            finally:
                self._busy = False
            self.reason.clear()
            self.say(done, error=False)
            self.refresh()

        def failed(error: BaseException) -> None:
            self._busy = False
            self._selection_changed()
            self.say(error_text(error), error=True)
            self.refresh()

        self._tasks.start(run(), failed)

    def say(self, text: str, *, error: bool) -> None:
        colour = "#8c1d18; background: #fbe0de" if error else "#1b5e20; background: #e3f1e4"
        self.message.setStyleSheet(f"#approvalMessage {{ color: {colour}; padding: 4px; }}")
        self.message.setText(text)
        self.message.show()

    def shutdown(self) -> None:
        self.refresh_timer.stop()
        self._tasks.cancel_all()
