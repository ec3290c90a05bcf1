"""Internal notes: the case panel's note editor (``@username`` completion) and the officer's
"Nhắc đến tôi" button (notes that mention him, newest first; picking one opens its case).

Notes are officers' text and names are typed by admins: both are shown as plain text (the editor
is a ``QPlainTextEdit``; menu entries escape ``&`` so nothing is read as a mnemonic). Saved notes
appear in the thread pane set apart (internal items).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.views.async_tasks import TaskSet
from desktop.views.labels import short_time
from desktop.views.widgets import plain_label

if TYPE_CHECKING:
    from desktop.services.notes import Mentionable, MentionRow

MAX_NOTE = 4000
MENTIONS_POLL_MS = 60_000
_PREFIX = re.compile(r"(?<![\w@.])@([A-Za-z0-9._-]*)$")
_SEPARATOR = " — "


class MentionEditor(QPlainTextEdit):
    """A plain-text editor that completes ``@user`` from the officers' usernames."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self.insert_completion)

    def set_officers(self, officers: Sequence[Mentionable]) -> None:
        self.model.setStringList([f"{o.username}{_SEPARATOR}{o.display_name}" for o in officers])

    def mention_prefix(self) -> str | None:
        """The ``@name`` being typed at the cursor (without ``@``), or None."""
        cursor = self.textCursor()
        block = cursor.block().text()[: cursor.positionInBlock()]
        match = _PREFIX.search(block)
        return match.group(1) if match else None

    def insert_completion(self, completion: str) -> None:
        prefix = self.mention_prefix()
        if prefix is None:
            return
        username = completion.split(_SEPARATOR, 1)[0]
        cursor = self.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix)
        )
        cursor.insertText(username + " ")
        self.setTextCursor(cursor)
        self._popup().hide()

    def _popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # a completer always has its popup
        return popup

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self._popup()
        if popup.isVisible() and event.key() in (
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Escape,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
        ):
            event.ignore()  # the completer's popup takes these
            return
        super().keyPressEvent(event)
        self.update_completion()

    def update_completion(self) -> None:
        prefix = self.mention_prefix()
        popup = self._popup()
        if prefix is None or self.model.rowCount() == 0:
            popup.hide()
            return
        self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount() == 0:
            popup.hide()
            return
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        rect = self.cursorRect()
        rect.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 8)
        self.completer.complete(rect)


class NotesPane(QGroupBox):
    note_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Ghi chú nội bộ"), parent)
        self.setObjectName("notesPane")
        self.editor = MentionEditor(self)
        self.editor.setObjectName("noteEditor")
        self.editor.setPlaceholderText(
            self.tr("Ghi chú chỉ cán bộ thấy; gõ @ để nhắc một cán bộ (văn bản thuần)…")
        )
        self.editor.setMaximumHeight(80)
        self.editor.textChanged.connect(self._changed)
        self.count = plain_label("", self)
        self.count.setObjectName("noteCount")
        self.save = QPushButton(self.tr("Lưu ghi chú (Ctrl+Enter)"), self)
        self.save.setObjectName("saveNote")
        self.save.clicked.connect(self._submit)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.editor)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self._submit)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.editor)
        layout.addLayout(row)
        self._drafts: dict[int, str] = {}
        self._thread_id: int | None = None
        self._may_write = False
        self._changed()

    def set_officers(self, officers: Sequence[Mentionable]) -> None:
        self.editor.set_officers(officers)

    def show_case(self, thread_id: int, *, may_write: bool) -> None:
        if thread_id != self._thread_id:
            if self._thread_id is not None:
                self._drafts[self._thread_id] = self.editor.toPlainText()
            self.editor.setPlainText(self._drafts.pop(thread_id, ""))
            self._thread_id = thread_id
        self._may_write = may_write
        self.editor.setEnabled(may_write)
        self._changed()

    def saved(self) -> None:
        self.editor.clear()

    def _changed(self) -> None:
        n = len(self.editor.toPlainText())
        self.count.setText(self.tr("{n}/{max} ký tự").format(n=n, max=MAX_NOTE))
        text = self.editor.toPlainText().strip()
        self.save.setEnabled(self._may_write and bool(text) and len(text) <= MAX_NOTE)

    def _submit(self) -> None:
        text = self.editor.toPlainText().strip()
        if self.save.isEnabled() and text:
            self.save.setEnabled(False)  # until the panel says it was saved or refused
            self.note_requested.emit(text)

    def refused(self) -> None:
        self._changed()


MentionsLoader = Callable[[], Awaitable[list["MentionRow"]]]


class MentionsButton(QToolButton):
    """ "@ Nhắc đến tôi (n)": the notes that mention the officer and he has not seen yet."""

    open_requested = Signal(int)  # thread id

    def __init__(
        self,
        load: MentionsLoader,
        *,
        poll_ms: int = MENTIONS_POLL_MS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mentionsButton")
        self._load = load
        self._tasks = TaskSet()
        self._loading = False
        self.mentions: list[MentionRow] = []
        self.list_menu = QMenu(self)
        self.list_menu.setObjectName("mentionsMenu")
        self.setMenu(self.list_menu)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.show_mentions([])

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
        self.show_mentions(rows)

    def _failed(self, _error: BaseException) -> None:
        self._loading = False

    def show_mentions(self, rows: Sequence[MentionRow]) -> None:
        self.mentions = list(rows)
        self.setText(self.tr("@ Nhắc đến tôi ({n})").format(n=len(rows)))
        self.setStyleSheet("#mentionsButton { font-weight: bold; color: #8a5a00; }" if rows else "")
        self.list_menu.clear()
        if not rows:
            empty = self.list_menu.addAction(self.tr("Không có ghi chú mới nhắc đến đồng chí"))
            empty.setEnabled(False)
        for row in rows:
            text = self.tr("#{id} · {author} · {when}").format(
                id=row.thread_id, author=row.author_name, when=short_time(row.created_at)
            )
            if row.preview:
                text += f" — {row.preview}"
            action = self.list_menu.addAction(text.replace("&", "&&"))
            action.triggered.connect(lambda _=False, t=row.thread_id: self.open_requested.emit(t))

    def shutdown(self) -> None:
        self.timer.stop()
        self._tasks.cancel_all()
