"""The case panel's forwarding section: the case's forwards (receiving unit, deadline counting
down or overdue, instructions, result), the "Chuyển đơn vị…" button, and — for an officer of the
receiving unit — the result editor.

Instructions and results are officers' text: shown plain (``QPlainTextEdit``), as the service
masked them for this officer. The pane only shows and asks; the case panel acts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.views.duty_labels import due_text
from desktop.views.labels import long_time, short_time
from desktop.views.widgets import plain_label

if TYPE_CHECKING:
    from desktop.services.forwarding import ForwardView

Clock = Callable[[], datetime]
TICK_MS = 30_000
MAX_RESULT = 4000


class ForwardPane(QGroupBox):
    forward_clicked = Signal()
    result_requested = Signal(int, str)  # forward id, result text

    def __init__(
        self, clock: Clock = lambda: datetime.now(UTC), parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Chuyển đơn vị"), parent)
        self.setObjectName("forwardPane")
        self._clock = clock
        self._views: list[ForwardView] = []
        self.forward_button = QPushButton(self.tr("Chuyển đơn vị…"), self)
        self.forward_button.setObjectName("forwardButton")
        self.forward_button.clicked.connect(self.forward_clicked.emit)
        self.summary = plain_label("", self)
        self.summary.setObjectName("forwardSummary")
        self.summary.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("forwardText")
        self.text.setReadOnly(True)
        self.text.setMaximumHeight(140)
        self.text.hide()
        self.result_target = QComboBox(self)
        self.result_target.setObjectName("forwardResultTarget")
        self.result_editor = QPlainTextEdit(self)
        self.result_editor.setObjectName("forwardResult")
        self.result_editor.setPlaceholderText(
            self.tr("Kết quả xác minh, xử lý của đơn vị (văn bản thuần)…")
        )
        self.result_editor.setMaximumHeight(70)
        self.result_editor.textChanged.connect(self._result_changed)
        self.result_button = QPushButton(self.tr("Ghi kết quả"), self)
        self.result_button.setObjectName("forwardResultButton")
        self.result_button.clicked.connect(self._submit_result)
        self.result_box = QWidget(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(plain_label(self.tr("Ghi kết quả cho:"), self.result_box))
        row.addWidget(self.result_target, 1)
        row.addWidget(self.result_button)
        box = QVBoxLayout(self.result_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.result_editor)
        self.result_box.hide()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.forward_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addWidget(self.result_box)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self._result_changed()

    # -- showing ---------------------------------------------------------------------------------
    def show_forwards(self, views: Sequence[ForwardView], *, may_forward: bool) -> None:
        same = [v.id for v in views] == [v.id for v in self._views]
        self._views = list(views)
        self.forward_button.setEnabled(may_forward)
        recordable = [v for v in views if v.can_record]
        keep = self.result_target.currentData() if same else None
        self.result_target.clear()
        for view in recordable:
            self.result_target.addItem(
                self.tr("{unit} — hạn {when}").format(
                    unit=view.to_unit_name, when=short_time(view.deadline_at)
                ),
                view.id,
            )
        if keep is not None and self.result_target.findData(keep) >= 0:
            self.result_target.setCurrentIndex(self.result_target.findData(keep))
        if not same:
            self.result_editor.clear()
        self.result_box.setVisible(bool(recordable))
        self.tick()

    def clear(self) -> None:
        self._views = []
        self.text.clear()
        self.text.hide()
        self.summary.clear()
        self.result_box.hide()

    def tick(self) -> None:
        """Recompute the deadlines' wording from what was loaded and the clock (no database)."""
        now = self._clock()
        views = self._views
        waiting = [v for v in views if v.is_open]
        if not views:
            self.summary.setText(self.tr("Chưa chuyển đơn vị nào."))
        elif waiting:
            first = min(waiting, key=lambda v: v.deadline_at)
            self.summary.setText(
                self.tr("Đang chờ {n} đơn vị báo kết quả; sớm nhất: {unit}, {due}").format(
                    n=len(waiting), unit=first.to_unit_name, due=due_text(first.deadline_at, now)
                )
            )
        else:
            self.summary.setText(self.tr("Các đơn vị đã báo kết quả ({n}).").format(n=len(views)))
        late = any(v.is_open and now > v.deadline_at for v in views)
        self.summary.setStyleSheet(
            "#forwardSummary { color: #b3261e; font-weight: bold; }" if late else ""
        )
        self.text.setPlainText("\n\n".join(self.format_view(v, now) for v in views))
        self.text.setVisible(bool(views))

    def format_view(self, view: ForwardView, now: datetime) -> str:
        """One forward as plain text (what the pane shows)."""
        f = view.forward
        if not view.is_open:
            state = self.tr("đã có kết quả")
        elif now > f.deadline_at:
            state = due_text(f.deadline_at, now).upper()  # overdue stands out
        else:
            state = due_text(f.deadline_at, now)
        lines = [
            self.tr("→ {unit} · hạn {when} · {state}").format(
                unit=view.to_unit_name, when=long_time(f.deadline_at), state=state
            ),
            self.tr("Chuyển bởi {who} lúc {when}").format(
                who=view.by_officer_name, when=long_time(f.created_at)
            ),
            self.tr("Chỉ đạo: {text}").format(text=f.instructions or self.tr("(không ghi)")),
        ]
        if f.result is not None and f.result_at is not None:
            late = self.tr(", sau hạn") if f.result_at > f.deadline_at else ""
            lines.append(
                self.tr("Kết quả ({who}, {when}{late}): {text}").format(
                    who=view.result_by_name or "",
                    when=long_time(f.result_at),
                    late=late,
                    text=f.result,
                )
            )
        if f.escalated_at is not None:
            lines.append(
                self.tr("Đã báo cáo vượt cấp lúc {when}").format(when=long_time(f.escalated_at))
            )
        if view.masked:
            lines.append(self.tr("🔒 thông tin cá nhân đã che"))
        return "\n".join(lines)

    # -- asking ----------------------------------------------------------------------------------
    def _result_changed(self) -> None:
        text = self.result_editor.toPlainText().strip()
        self.result_button.setEnabled(bool(text) and len(text) <= MAX_RESULT)

    def _submit_result(self) -> None:
        forward_id = self.result_target.currentData()
        text = self.result_editor.toPlainText().strip()
        if isinstance(forward_id, int) and text:
            self.result_requested.emit(forward_id, text)

    def result_saved(self) -> None:
        self.result_editor.clear()
