"""The settings dialog: interface language, retraining the classifier, auto-moderation rules.

It gets what it needs from the composition root as ``SettingsActions`` (async callables and the
rules backend); nothing here reads files, the store or the model. Open it with ``open()`` or
``show()`` (never ``exec()``: a nested event loop would stall the qasync loop) and keep the one
instance: a retraining started in it goes on while it is closed and its result is shown when it
is opened again. ``shutdown()`` stops its background work (the training process included).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.retraining import RetrainResult, Scores
from desktop.views.async_tasks import TaskSet
from desktop.views.rules_editor import RulesBackend, RulesEditor
from desktop.views.widgets import plain_label

# Each language is named in itself, whatever the interface language.
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


@dataclass(frozen=True, slots=True)
class SettingsActions:
    language: str  # the saved interface language
    save_language: Callable[[str], Awaitable[object]]
    retrain: Callable[[], Awaitable[RetrainResult]] | None = None
    rules: RulesBackend | None = None
    running_language: str | None = None  # the language of this session (default: ``language``)
    idle_lock_minutes: int = 10
    save_idle_lock: Callable[[int], Awaitable[object]] | None = None  # None: not offered


class LanguagePage(QWidget):
    saved = Signal(str)
    failed = Signal(str)

    def __init__(
        self, actions: SettingsActions, tasks: TaskSet, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._save = actions.save_language
        self._tasks = tasks
        self._running = actions.running_language or actions.language
        self.choice = QComboBox(self)
        self.choice.setObjectName("languageChoice")
        for code, name in LANGUAGE_NAMES.items():
            self.choice.addItem(name, code)
        self.choice.setCurrentIndex(max(0, self.choice.findData(actions.language)))
        self.note = plain_label("", self)
        self.note.setObjectName("languageNote")
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Ngôn ngữ giao diện"), self.choice)
        self._save_idle = actions.save_idle_lock
        self.idle = QSpinBox(self)
        self.idle.setObjectName("idleLockMinutes")
        self.idle.setRange(1, 60)
        self.idle.setValue(actions.idle_lock_minutes)
        self.idle.setSuffix(self.tr(" phút"))
        if self._save_idle is not None:
            form.addRow(self.tr("Khoá màn hình sau khi không thao tác"), self.idle)
            self.idle.editingFinished.connect(self._idle_chosen)
        else:
            self.idle.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.choice.activated.connect(self._chosen)

    def _idle_chosen(self) -> None:
        if self._save_idle is not None:
            self._tasks.start(self._store_idle(self.idle.value()), self._error)

    async def _store_idle(self, minutes: int) -> None:
        assert self._save_idle is not None
        await self._save_idle(minutes)
        self.note.setText(self.tr("Đã lưu. Thời gian khoá màn hình áp dụng từ lần đăng nhập sau."))

    def _chosen(self, _index: int) -> None:
        language = str(self.choice.currentData())
        self._tasks.start(self._store(language), self._error)

    async def _store(self, language: str) -> None:
        await self._save(language)
        if language == self._running:
            self.note.setText("")
        else:
            self.note.setText(
                self.tr("Đã lưu. Ngôn ngữ mới có hiệu lực khi khởi động lại DutyDesk.")
            )
        self.saved.emit(language)

    def _error(self, error: BaseException) -> None:
        self.note.setText(self.tr("Không lưu được cài đặt: {error}").format(error=error))
        self.failed.emit(str(error))


class ModelPage(QWidget):
    """Retrain the category and urgency model; show the scores before and after."""

    finished = Signal()
    failed = Signal(str)

    def __init__(
        self,
        retrain: Callable[[], Awaitable[RetrainResult]] | None,
        tasks: TaskSet,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._retrain = retrain
        self._tasks = tasks
        self.result: RetrainResult | None = None
        intro = plain_label(
            self.tr(
                "Huấn luyện lại mô hình phân loại từ dữ liệu gốc cùng các chỉnh sửa phân loại của "
                "cán bộ. Mô hình mới chỉ được dùng nếu không kém hơn mô hình hiện tại trên tập "
                "kiểm tra (macro-F1 và độ nhạy tin khẩn), từ lần khởi động sau."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.button = QPushButton(self.tr("Huấn luyện lại"), self)
        self.button.setObjectName("retrainButton")
        self.button.setEnabled(retrain is not None)
        self.status = plain_label("", self)
        self.status.setObjectName("retrainStatus")
        self.status.setWordWrap(True)
        self.scores = QTableWidget(2, 2, self)
        self.scores.setObjectName("retrainScores")
        self.scores.setHorizontalHeaderLabels([self.tr("Mô hình hiện tại"), self.tr("Mô hình mới")])
        self.scores.setVerticalHeaderLabels([self.tr("Macro-F1"), self.tr("Độ nhạy tin khẩn")])
        self.scores.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.scores.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.scores.hide()
        self.decision = plain_label("", self)
        self.decision.setObjectName("retrainDecision")
        self.decision.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.scores)
        layout.addWidget(self.decision)
        layout.addStretch(1)
        self.button.clicked.connect(self.start)

    def start(self) -> None:
        if self._retrain is None or not self.button.isEnabled():
            return
        self.button.setEnabled(False)
        self.scores.hide()
        self.decision.setText("")
        self.status.setText(
            self.tr(
                "Đang huấn luyện… việc này có thể mất vài phút; trong lúc đó vẫn làm việc bình "
                "thường được."
            )
        )
        self._tasks.start(self._run(self._retrain), self._error)

    async def _run(self, retrain: Callable[[], Awaitable[RetrainResult]]) -> None:
        result = await retrain()
        self.button.setEnabled(True)
        self.show_result(result)
        self.finished.emit()

    def show_result(self, result: RetrainResult) -> None:
        self.result = result
        self.status.setText(
            self.tr(
                "Đã huấn luyện với {corrections} chỉnh sửa của cán bộ ({examples} mẫu, "
                "{seconds} giây)."
            ).format(
                corrections=result.corrections,
                examples=result.examples,
                seconds=f"{result.train_seconds:.0f}",
            )
        )
        self._put(0, result.before, lambda s: s.macro_f1)
        self._put(1, result.before, lambda s: s.urgent_recall)
        self.scores.setItem(0, 1, QTableWidgetItem(f"{result.after.macro_f1:.3f}"))
        self.scores.setItem(1, 1, QTableWidgetItem(f"{result.after.urgent_recall:.3f}"))
        self.scores.resizeRowsToContents()
        self.scores.setFixedHeight(
            self.scores.horizontalHeader().height()
            + sum(self.scores.rowHeight(r) for r in range(self.scores.rowCount()))
            + 2 * self.scores.frameWidth()
        )
        self.scores.show()
        if result.swapped:
            self.decision.setText(
                self.tr(
                    "Mô hình mới không kém hơn nên được giữ lại; nó được dùng từ lần khởi động sau."
                )
            )
        else:
            self.decision.setText(
                self.tr(
                    "Mô hình mới kém hơn trên tập kiểm tra nên không được dùng; mô hình "
                    "hiện tại được giữ nguyên."
                )
            )

    def _put(self, row: int, before: Scores | None, pick: Callable[[Scores], float]) -> None:
        text = "—" if before is None else f"{pick(before):.3f}"
        self.scores.setItem(row, 0, QTableWidgetItem(text))

    def _error(self, error: BaseException) -> None:
        self.button.setEnabled(self._retrain is not None)
        self.status.setText(
            self.tr("Huấn luyện lại thất bại; mô hình hiện tại được giữ nguyên. ({error})").format(
                error=error
            )
        )
        self.failed.emit(str(error))


class SettingsDialog(QDialog):
    def __init__(self, actions: SettingsActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Cài đặt"))
        self.resize(1100, 760)
        self.tasks = TaskSet()
        self.tabs = QTabWidget(self)
        self.language = LanguagePage(actions, self.tasks, self)
        self.model_page = ModelPage(actions.retrain, self.tasks, self)
        self.tabs.addTab(self.language, self.tr("Chung"))
        self.tabs.addTab(self.model_page, self.tr("Mô hình phân loại"))
        self.rules: RulesEditor | None = None
        if actions.rules is not None:
            self.rules = RulesEditor(actions.rules, self)
            self.tabs.addTab(self.rules, self.tr("Tự động kiểm duyệt"))
        close = QPushButton(self.tr("Đóng"), self)
        close.setObjectName("closeSettings")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.rules is not None:
            self.rules.load()  # rules and hits may have changed since last time

    def hideEvent(self, event: QHideEvent) -> None:
        if self.rules is not None:
            self.rules.stop_dry_run()  # a retraining goes on: its result waits in the dialog
        super().hideEvent(event)

    def shutdown(self) -> None:
        """Stop everything the dialog started (at application exit)."""
        self.tasks.cancel_all()
        if self.rules is not None:
            self.rules.tasks.cancel_all()
