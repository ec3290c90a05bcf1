"""Answering and moderating: the reply kinds the channel allows, the reply window counting down,
templates, the editor, hide/unhide/delete/block, and the state of every outgoing action.

The countdown ticks on a timer from what was loaded (no database query); once the window has
closed the send button is off and the reason is shown. The pane asks, the case panel acts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Category, OutboxKind, OutboxState
from desktop.services.access import Action
from desktop.services.outbox import MAX_TEXT
from desktop.views.case_labels import (
    outbox_advice,
    outbox_kind_label,
    outbox_state_label,
    window_closed_label,
    window_text,
)
from desktop.views.labels import short_time
from desktop.views.widgets import plain_label

if TYPE_CHECKING:
    from desktop.services.cases import CaseDetail
    from desktop.services.reply_templates import ReplyTemplate
    from desktop.store.outbox import OutboxRow

TemplatesFor = Callable[[OutboxKind, Category | None], list["ReplyTemplate"]]
Render = Callable[["ReplyTemplate", "CaseDetail"], str]
Clock = Callable[[], datetime]

TICK_MS = 1000
PREVIEW_CHARS = 60
STATE_COLOURS = {
    OutboxState.QUEUED: "#8a5a00",
    OutboxState.SENDING: "#1f4e79",
    OutboxState.SENT: "#2e7d32",
    OutboxState.FAILED: "#b3261e",
    OutboxState.UNKNOWN: "#6a1b9a",
    OutboxState.PENDING_APPROVAL: "#8a5a00",
    OutboxState.REJECTED: "#b3261e",
}


def _preview(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= PREVIEW_CHARS else one_line[:PREVIEW_CHARS] + "…"


class ReplyPane(QGroupBox):
    send_requested = Signal(object, str, object)  # OutboxKind, text, item id | None
    moderate_requested = Signal(object, object)  # OutboxKind, item id | None

    def __init__(
        self,
        templates_for: TemplatesFor,
        render: Render,
        clock: Clock = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Trả lời và xử lý"), parent)
        self.setObjectName("replyPane")
        self._templates_for = templates_for
        self._render = render
        self._clock = clock
        self._detail: CaseDetail | None = None
        self._drafts: dict[int, str] = {}
        self._build_editor()
        self._build_moderation()
        self._lay_out()
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self._set_enabled(False)

    def _build_editor(self) -> None:
        self.kind_group = QButtonGroup(self)
        self.kind_row = QHBoxLayout()
        self.kind_buttons: dict[OutboxKind, QRadioButton] = {}
        self.kind_group.idToggled.connect(self._kind_toggled)
        self.window_label = plain_label("", self)
        self.window_label.setObjectName("replyWindow")
        self.window_label.setWordWrap(True)

        self.target = QComboBox(self)
        self.target.setObjectName("replyTarget")
        self.target.currentIndexChanged.connect(self._target_changed)
        self.target_label = plain_label(self.tr("Bình luận:"), self)

        self.templates = QComboBox(self)
        self.templates.setObjectName("templates")
        self.insert_template = QPushButton(self.tr("Chèn mẫu"), self)
        self.insert_template.setObjectName("insertTemplate")
        self.insert_template.clicked.connect(self._insert_template)

        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("replyEditor")
        self.editor.setPlaceholderText(self.tr("Nội dung trả lời (văn bản thuần)…"))
        self.editor.setMinimumHeight(72)
        self.editor.setMaximumHeight(110)
        self.editor.textChanged.connect(self._text_changed)
        self.count = plain_label("", self)
        self.count.setObjectName("replyCount")
        self.send = QPushButton(self.tr("Gửi (Ctrl+Enter)"), self)
        self.send.setObjectName("sendReply")
        self.send.clicked.connect(self._send)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.editor)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self._send)

    def _build_moderation(self) -> None:
        self.moderation: dict[OutboxKind, QPushButton] = {}
        self.moderation_row = QHBoxLayout()
        for kind, text in (
            (OutboxKind.HIDE, self.tr("Ẩn")),
            (OutboxKind.UNHIDE, self.tr("Hiện lại")),
            (OutboxKind.DELETE, self.tr("Xoá")),
            (OutboxKind.BLOCK, self.tr("Chặn người này")),
        ):
            button = QPushButton(text, self)
            button.setObjectName(f"moderate_{kind.value}")
            button.clicked.connect(lambda _=False, k=kind: self._moderate(k))
            self.moderation[kind] = button
            self.moderation_row.addWidget(button)
        self.moderation_row.addStretch(1)

        self.actions_title = plain_label(self.tr("Thao tác gửi đi"), self)
        self.action_list = QListWidget(self)
        self.action_list.setObjectName("outboxActions")
        self.action_list.setMaximumHeight(110)
        self.action_list.setWordWrap(True)

    def _lay_out(self) -> None:
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_label)
        target_row.addWidget(self.target, 1)
        template_row = QHBoxLayout()
        template_row.addWidget(self.templates, 1)
        template_row.addWidget(self.insert_template)
        send_row = QHBoxLayout()
        send_row.addWidget(self.count, 1)
        send_row.addWidget(self.send)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.kind_row)
        layout.addWidget(self.window_label)
        layout.addLayout(target_row)
        layout.addLayout(template_row)
        layout.addWidget(self.editor)
        layout.addLayout(send_row)
        layout.addLayout(self.moderation_row)
        layout.addWidget(self.actions_title)
        layout.addWidget(self.action_list)

    # -- showing a case ------------------------------------------------------------------------
    def show_case(self, detail: CaseDetail) -> None:
        previous = self._detail
        same_thread = previous is not None and previous.thread_id == detail.thread_id
        if previous is not None and not same_thread:
            self._drafts[previous.thread_id] = self.editor.toPlainText()
        kind = self.kind() if same_thread else None
        target = self.target_item() if same_thread else None
        self._detail = detail
        self._set_enabled(True)
        self._apply_policy(detail)
        self._build_kinds(detail.reply_kinds, kind)
        self._fill_targets(detail, target)
        for button_kind, button in self.moderation.items():
            button.setVisible(button_kind in detail.moderation_kinds)
        self._target_changed()
        if not same_thread:
            self.editor.setPlainText(self._drafts.pop(detail.thread_id, ""))
        self.show_actions(detail.actions)
        self._fill_templates()
        self.tick()

    def clear_case(self) -> None:
        self._detail = None
        self._set_enabled(False)
        self.window_label.clear()
        self.action_list.clear()

    def show_actions(self, actions: tuple[OutboxRow, ...] | list[OutboxRow]) -> None:
        self.action_list.clear()
        for row in reversed(actions):  # newest first
            text = row.payload.get("message")
            what = outbox_kind_label(row.kind)
            if isinstance(text, str):
                what += f" “{_preview(text)}”"
            line = f"{outbox_state_label(row.state)} · {short_time(row.created_at)} · {what}"
            advice = outbox_advice(row)
            if advice:
                line += f"\n    {advice}"
            entry = QListWidgetItem(line)
            entry.setData(Qt.ItemDataRole.UserRole, row.id)
            entry.setForeground(_colour(row.state))
            self.action_list.addItem(entry)
        self.actions_title.setText(self.tr("Thao tác gửi đi ({n})").format(n=len(actions)))
        self.action_list.setVisible(bool(actions))

    def sent(self) -> None:
        """The reply was queued: the editor is emptied for the next one."""
        self.editor.clear()

    # -- state -----------------------------------------------------------------------------------
    def kind(self) -> OutboxKind | None:
        checked = self.kind_group.checkedButton()
        for kind, button in self.kind_buttons.items():
            if button is checked:
                return kind
        return None

    def target_item(self) -> int | None:
        data = self.target.currentData()
        return data if isinstance(data, int) else None

    def tick(self) -> None:
        """Recompute the window from the loaded case and the clock (no database)."""
        detail, kind = self._detail, self.kind()
        if detail is None or kind is None:
            self.window_label.clear()
            self.send.setEnabled(False)
            return
        now = self._clock()
        item = self.target_item() if kind is OutboxKind.PRIVATE_REPLY else None
        window = detail.window(kind, now, item_id=item)
        text = window_text(
            kind,
            detail.case.channel,
            open_=window.open,
            closes_at=window.closes_at,
            human_agent=window.human_agent,
            now=now,
        )
        if not window.open and window.reason is not None:
            closed = window_closed_label(window.reason)
            text = f"{text} · {closed}" if text else closed  # expired: since when, and why
        self.window_label.setText(text)
        colour = "#2e7d32" if window.open and not window.human_agent else "#8a5a00"
        if not window.open:
            colour = "#b3261e"
        self.window_label.setStyleSheet(f"#replyWindow {{ color: {colour}; font-weight: bold; }}")
        may_reply = detail.may(Action.REPLY)
        self.send.setEnabled(may_reply and window.open and bool(self.editor.toPlainText().strip()))

    # -- building --------------------------------------------------------------------------------
    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.editor, self.templates, self.insert_template, self.target):
            widget.setEnabled(enabled)
        for button in self.moderation.values():
            button.setEnabled(enabled)
        if not enabled:
            self.send.setEnabled(False)

    def _apply_policy(self, detail: CaseDetail) -> None:
        """What the officer's role allows on this case (the service checks again)."""
        may_reply = detail.may(Action.REPLY)
        for widget in (self.editor, self.templates, self.insert_template):
            widget.setEnabled(may_reply)
        if not detail.may(Action.MODERATE):
            for button in self.moderation.values():
                button.setEnabled(False)

    def _build_kinds(self, kinds: tuple[OutboxKind, ...], keep: OutboxKind | None) -> None:
        if tuple(self.kind_buttons) != kinds:
            for button in self.kind_buttons.values():
                self.kind_group.removeButton(button)
                self.kind_row.removeWidget(button)
                button.deleteLater()
            self.kind_buttons = {}
            for n, kind in enumerate(kinds):
                button = QRadioButton(outbox_kind_label(kind), self)
                button.setObjectName(f"kind_{kind.value}")
                self.kind_group.addButton(button, n)
                self.kind_row.addWidget(button)
                self.kind_buttons[kind] = button
        chosen = keep if keep in self.kind_buttons else (kinds[0] if kinds else None)
        if chosen is not None:
            self.kind_buttons[chosen].setChecked(True)

    def _fill_targets(self, detail: CaseDetail, keep: int | None) -> None:
        self.target.blockSignals(True)
        self.target.clear()
        for item in detail.moderation_targets:
            marks = ""
            if item.is_hidden:
                marks += self.tr(" [đã ẩn]")
            if item.is_deleted:
                marks += self.tr(" [đã xoá]")
            self.target.addItem(
                f"{short_time(item.created_at)} {item.author}{marks}: {_preview(item.text)}",
                item.item_id,
            )
        wanted = keep if keep is not None else detail.case.root_item_id
        index = self.target.findData(wanted)
        self.target.setCurrentIndex(max(index, 0))
        self.target.blockSignals(False)
        has_targets = self.target.count() > 0
        self.target.setVisible(has_targets)
        self.target_label.setVisible(has_targets)

    def _target_changed(self, _index: int = 0) -> None:
        """Offer only what makes sense for the chosen comment (hide a visible one, …)."""
        detail = self._detail
        item = detail.comment(self.target_item()) if detail is not None else None
        if item is not None and detail is not None and detail.may(Action.MODERATE):
            self.moderation[OutboxKind.HIDE].setEnabled(not item.is_hidden and not item.is_deleted)
            self.moderation[OutboxKind.UNHIDE].setEnabled(item.is_hidden and not item.is_deleted)
            self.moderation[OutboxKind.DELETE].setEnabled(not item.is_deleted)
        self.tick()

    def _fill_templates(self) -> None:
        self.templates.clear()
        detail, kind = self._detail, self.kind()
        if detail is None or kind is None:
            return
        self.templates.addItem(self.tr("— Mẫu trả lời —"), None)
        for template in self._templates_for(kind, detail.case.category):
            self.templates.addItem(template.title, template)

    def _kind_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._fill_templates()
            self.tick()

    def _insert_template(self) -> None:
        template = self.templates.currentData()
        if self._detail is None or template is None:
            return
        self.editor.setPlainText(self._render(template, self._detail))
        self.editor.setFocus()
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)

    def _text_changed(self) -> None:
        n = len(self.editor.toPlainText())
        self.count.setText(self.tr("{n}/{max} ký tự").format(n=n, max=MAX_TEXT))
        self.tick()

    # -- asking ----------------------------------------------------------------------------------
    def _send(self) -> None:
        kind = self.kind()
        if self._detail is None or kind is None:
            return
        item = self.target_item() if kind is OutboxKind.PRIVATE_REPLY else None
        self.send_requested.emit(kind, self.editor.toPlainText(), item)

    def _moderate(self, kind: OutboxKind) -> None:
        if self._detail is None:
            return
        item = self.target_item() if kind is not OutboxKind.BLOCK or self.target.count() else None
        self.moderate_requested.emit(kind, item)


def _colour(state: OutboxState) -> QColor:
    return QColor(STATE_COLOURS[state])
