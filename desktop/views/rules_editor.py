"""The auto-moderation rules editor: the rules, one rule's form, its dry run, recent hits.

The editor never touches the store: it gets a ``RulesBackend`` (``RulesAdmin`` in the
composition root). Rule names and citizens' texts are untrusted and always shown as plain text
(table cells through the default delegate, a read-only ``QPlainTextEdit``, plain labels).
"""

from __future__ import annotations

import asyncio
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Category, ModerationCondition, OutboxKind, OutboxState
from desktop.services.moderation.rules_admin import (
    AccountChoice,
    DryRunReport,
    HitView,
    Progress,
    RuleDraft,
    RuleError,
    RuleRow,
)
from desktop.views.async_tasks import TaskSet
from desktop.views.labels import category_label, short_time
from desktop.views.widgets import plain_label

HITS_SHOWN = 50
DEFAULT_MIN_CONFIDENCE = 0.9


class RulesBackend(Protocol):
    """What the editor needs (``desktop.services.moderation.rules_admin.RulesAdmin``)."""

    async def rules(self) -> list[RuleRow]: ...

    async def accounts(self) -> list[AccountChoice]: ...

    async def create(self, draft: RuleDraft) -> RuleRow: ...

    async def update(self, rule_id: int, draft: RuleDraft) -> RuleRow: ...

    async def set_enabled(self, rule_id: int, enabled: bool) -> RuleRow: ...

    async def dry_run(
        self,
        rule: RuleDraft | RuleRow,
        *,
        limit: int | None = None,
        progress: Progress | None = None,
        sample_size: int = 20,
    ) -> DryRunReport: ...

    async def recent_hits(self, limit: int = 50) -> list[HitView]: ...


def _cell(text: str, data: object = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


class RulesEditor(QWidget):
    loaded = Signal()  # rules, accounts and hits are shown
    rule_saved = Signal(int)  # the saved rule's id (a new id when a rule that fired was replaced)
    dry_run_finished = Signal()
    hits_loaded = Signal()
    failed = Signal(str)

    def __init__(self, backend: RulesBackend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.tasks = TaskSet()
        self._rules: list[RuleRow] = []
        self._accounts: dict[int, str] = {}
        self._editing: int | None = None  # the rule in the form (None: a new rule)
        self._dry_run: asyncio.Task[object] | None = None
        self.last_report: DryRunReport | None = None

        top = QHBoxLayout()
        top.addWidget(self._rules_box(), 3)
        top.addWidget(self._form_box(), 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self._dry_run_box(), 1)
        bottom.addWidget(self._hits_box(), 1)
        self.status = plain_label("", self)
        self.status.setObjectName("rulesStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(bottom, 1)
        layout.addWidget(self.status)

        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.new_button.clicked.connect(self.new_rule)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.save_button.clicked.connect(self.save)
        self.dry_run_button.clicked.connect(self.start_dry_run)
        self.stop_button.clicked.connect(self.stop_dry_run)
        self.refresh_hits_button.clicked.connect(self.load_hits)
        self.condition.currentIndexChanged.connect(self._condition_changed)
        self.use_min_confidence.toggled.connect(self._condition_changed)
        self._condition_changed()

    def _rules_box(self) -> QGroupBox:
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("rulesTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Tên quy tắc"),
                self.tr("Phạm vi"),
                self.tr("Điều kiện"),
                self.tr("Xử lý"),
                self.tr("Trạng thái"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.new_button = QPushButton(self.tr("Quy tắc mới"), self)
        self.new_button.setObjectName("newRule")
        self.toggle_button = QPushButton(self.tr("Bật / tắt"), self)
        self.toggle_button.setObjectName("toggleRule")
        self.toggle_button.setEnabled(False)
        rules_buttons = QHBoxLayout()
        rules_buttons.addWidget(self.new_button)
        rules_buttons.addWidget(self.toggle_button)
        rules_buttons.addStretch(1)
        rules_box = QGroupBox(self.tr("Quy tắc tự động kiểm duyệt"), self)
        rules_layout = QVBoxLayout(rules_box)
        rules_layout.addWidget(self.table, 1)
        rules_layout.addLayout(rules_buttons)
        return rules_box

    def _form_box(self) -> QGroupBox:
        self.name = QLineEdit(self)
        self.name.setObjectName("ruleName")
        self.name.setMaxLength(200)
        self.scope = QComboBox(self)
        self.scope.setObjectName("ruleScope")
        self.condition = QComboBox(self)
        self.condition.setObjectName("ruleCondition")
        for condition in ModerationCondition:
            self.condition.addItem(self.condition_label(condition), condition.value)
        self.category = QComboBox(self)
        self.category.setObjectName("ruleCategory")
        for category in Category:
            self.category.addItem(category_label(category), category.value)
        self.category.setCurrentIndex(self.category.findData(Category.SPAM.value))
        self.use_min_confidence = QCheckBox(self.tr("Độ tin cậy tối thiểu"), self)
        self.use_min_confidence.setObjectName("ruleUseMinConfidence")
        self.use_min_confidence.setChecked(True)
        self.min_confidence = QDoubleSpinBox(self)
        self.min_confidence.setObjectName("ruleMinConfidence")
        self.min_confidence.setRange(0.0, 1.0)
        self.min_confidence.setSingleStep(0.05)
        self.min_confidence.setDecimals(2)
        self.min_confidence.setValue(DEFAULT_MIN_CONFIDENCE)
        confidence_row = QHBoxLayout()
        confidence_row.addWidget(self.use_min_confidence)
        confidence_row.addWidget(self.min_confidence)
        self.action = QComboBox(self)
        self.action.setObjectName("ruleAction")
        for kind in (OutboxKind.HIDE, OutboxKind.DELETE):
            self.action.addItem(self.action_label(kind), kind.value)
        self.form_title = plain_label(self.tr("Quy tắc mới"), self)
        self.form_title.setObjectName("ruleFormTitle")
        form = QFormLayout()
        form.addRow(self.tr("Tên"), self.name)
        form.addRow(self.tr("Áp dụng cho"), self.scope)
        form.addRow(self.tr("Điều kiện"), self.condition)
        form.addRow(self.tr("Loại nội dung"), self.category)
        form.addRow("", confidence_row)
        form.addRow(self.tr("Xử lý"), self.action)
        form_box = QGroupBox(self.tr("Quy tắc"), self)
        form_layout = QVBoxLayout(form_box)
        form_layout.addWidget(self.form_title)
        form_layout.addLayout(form)
        form_layout.addLayout(self._form_buttons())
        form_layout.addStretch(1)
        return form_box

    def _form_buttons(self) -> QHBoxLayout:
        self.save_button = QPushButton(self.tr("Lưu quy tắc"), self)
        self.save_button.setObjectName("saveRule")
        self.dry_run_button = QPushButton(self.tr("Chạy thử trên dữ liệu đã lưu"), self)
        self.dry_run_button.setObjectName("dryRun")
        self.stop_button = QPushButton(self.tr("Dừng"), self)
        self.stop_button.setObjectName("stopDryRun")
        self.stop_button.setEnabled(False)
        form_buttons = QHBoxLayout()
        form_buttons.addWidget(self.save_button)
        form_buttons.addWidget(self.dry_run_button)
        form_buttons.addWidget(self.stop_button)
        form_buttons.addStretch(1)
        return form_buttons

    def _dry_run_box(self) -> QGroupBox:
        self.dry_run_summary = plain_label(
            self.tr(
                "Chạy thử cho biết quy tắc sẽ xử lý những gì trong dữ liệu đã lưu, "
                "không gửi gì lên nền tảng."
            ),
            self,
        )
        self.dry_run_summary.setObjectName("dryRunSummary")
        self.dry_run_summary.setWordWrap(True)
        self.dry_run_samples = QPlainTextEdit(self)
        self.dry_run_samples.setObjectName("dryRunSamples")
        self.dry_run_samples.setReadOnly(True)
        dry_box = QGroupBox(self.tr("Chạy thử"), self)
        dry_layout = QVBoxLayout(dry_box)
        dry_layout.addWidget(self.dry_run_summary)
        dry_layout.addWidget(self.dry_run_samples, 1)
        return dry_box

    def _hits_box(self) -> QGroupBox:
        self.hits = QTableWidget(0, 4, self)
        self.hits.setObjectName("recentHits")
        self.hits.setHorizontalHeaderLabels(
            [self.tr("Thời điểm"), self.tr("Quy tắc"), self.tr("Nội dung"), self.tr("Kết quả")]
        )
        self.hits.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hits.setWordWrap(False)
        self.hits.verticalHeader().hide()
        self.hits.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.refresh_hits_button = QPushButton(self.tr("Làm mới"), self)
        self.refresh_hits_button.setObjectName("refreshHits")
        hits_box = QGroupBox(self.tr("Lần kích hoạt gần đây"), self)
        hits_layout = QVBoxLayout(hits_box)
        hits_layout.addWidget(self.hits, 1)
        hits_buttons = QHBoxLayout()
        hits_buttons.addStretch(1)
        hits_buttons.addWidget(self.refresh_hits_button)
        hits_layout.addLayout(hits_buttons)
        return hits_box

    # -- labels ------------------------------------------------------------------------------
    def condition_label(self, condition: ModerationCondition) -> str:
        return {
            ModerationCondition.PHONE: self.tr("Có số điện thoại"),
            ModerationCondition.LINK: self.tr("Có đường link"),
            ModerationCondition.BETTING: self.tr("Quảng cáo cá cược"),
            ModerationCondition.CATEGORY: self.tr("Được phân loại là…"),
        }[condition]

    def action_label(self, kind: OutboxKind) -> str:
        if kind is OutboxKind.DELETE:
            return self.tr("Xoá bình luận")
        return self.tr("Ẩn bình luận")

    def state_label(self, state: OutboxState | None) -> str:
        if state is None:
            return self.tr("Chưa xếp hàng")
        return {
            OutboxState.QUEUED: self.tr("Đang chờ gửi"),
            OutboxState.SENDING: self.tr("Đang gửi"),
            OutboxState.SENT: self.tr("Đã thực hiện"),
            OutboxState.FAILED: self.tr("Thất bại"),
            OutboxState.UNKNOWN: self.tr("Chưa rõ kết quả"),
            OutboxState.PENDING_APPROVAL: self.tr("Chờ lãnh đạo ca duyệt"),
            OutboxState.REJECTED: self.tr("Bị từ chối"),
        }[state]

    def describe(self, rule: RuleRow | RuleDraft) -> str:
        if rule.condition is not ModerationCondition.CATEGORY or rule.category is None:
            return self.condition_label(rule.condition)
        if rule.min_confidence is None:
            return self.tr("Phân loại: {category}").format(category=category_label(rule.category))
        return self.tr("Phân loại: {category}, tin cậy ≥ {confidence}").format(
            category=category_label(rule.category), confidence=f"{rule.min_confidence:.2f}"
        )

    def scope_label(self, account_id: int | None) -> str:
        if account_id is None:
            return self.tr("Mọi trang")
        return self._accounts.get(account_id, self.tr("Trang #{id}").format(id=account_id))

    # -- loading -----------------------------------------------------------------------------
    def load(self) -> None:
        """Fetch the accounts, the rules and the recent hits."""
        self.tasks.start(self._load(), self._report_error)

    async def _load(self) -> None:
        accounts = await self.backend.accounts()
        self._accounts = {a.id: a.name for a in accounts}
        current = self.scope.currentData()
        self.scope.clear()
        self.scope.addItem(self.tr("Mọi trang"), None)
        for account in accounts:
            self.scope.addItem(account.name, account.id)
        self.scope.setCurrentIndex(max(0, self.scope.findData(current)))
        await self._reload_rules(select=self._editing)
        await self._load_hits()
        self.loaded.emit()

    async def _reload_rules(self, select: int | None) -> None:
        self._rules = await self.backend.rules()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._rules))
        for row, rule in enumerate(self._rules):
            self.table.setItem(row, 0, _cell(rule.name, rule.id))
            self.table.setItem(row, 1, _cell(self.scope_label(rule.account_id)))
            self.table.setItem(row, 2, _cell(self.describe(rule)))
            self.table.setItem(row, 3, _cell(self.action_label(rule.action)))
            enabled = self.tr("Đang bật") if rule.enabled else self.tr("Đã tắt")
            self.table.setItem(row, 4, _cell(enabled))
        self.table.blockSignals(False)
        found = next((n for n, r in enumerate(self._rules) if r.id == select), None)
        if found is None:
            self.table.clearSelection()
            self._selection_changed()
        else:
            self.table.selectRow(found)

    def load_hits(self) -> None:
        self.tasks.start(self._load_hits(), self._report_error)

    async def _load_hits(self) -> None:
        hits = await self.backend.recent_hits(HITS_SHOWN)
        self.hits.setRowCount(len(hits))
        for row, hit in enumerate(hits):
            self.hits.setItem(row, 0, _cell(short_time(hit.created_at), hit.hit_id))
            self.hits.setItem(row, 1, _cell(hit.rule_name))
            self.hits.setItem(row, 2, _cell(" ".join(hit.text.split())))
            self.hits.setItem(row, 3, _cell(self.state_label(hit.action_state)))
        self.hits_loaded.emit()

    # -- the form ----------------------------------------------------------------------------
    def selected_rule(self) -> RuleRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        index = rows[0].row()
        return self._rules[index] if 0 <= index < len(self._rules) else None

    def _selection_changed(self) -> None:
        rule = self.selected_rule()
        self.toggle_button.setEnabled(rule is not None)
        if rule is None:
            self._editing = None
            self.form_title.setText(self.tr("Quy tắc mới"))
            return
        self._editing = rule.id
        self.form_title.setText(self.tr("Sửa quy tắc #{id}").format(id=rule.id))
        self.name.setText(rule.name)
        self.scope.setCurrentIndex(max(0, self.scope.findData(rule.account_id)))
        self.condition.setCurrentIndex(self.condition.findData(rule.condition.value))
        if rule.category is not None:
            self.category.setCurrentIndex(self.category.findData(rule.category.value))
        self.use_min_confidence.setChecked(rule.min_confidence is not None)
        if rule.min_confidence is not None:
            self.min_confidence.setValue(rule.min_confidence)
        self.action.setCurrentIndex(self.action.findData(rule.action.value))

    def _condition_changed(self, *_args: object) -> None:
        by_category = self.condition.currentData() == ModerationCondition.CATEGORY.value
        self.category.setEnabled(by_category)
        self.use_min_confidence.setEnabled(by_category)
        self.min_confidence.setEnabled(by_category and self.use_min_confidence.isChecked())

    def new_rule(self) -> None:
        self.table.clearSelection()
        self._editing = None
        self.form_title.setText(self.tr("Quy tắc mới"))
        self.name.clear()
        self.scope.setCurrentIndex(0)
        self.condition.setCurrentIndex(0)
        self.action.setCurrentIndex(0)
        self.name.setFocus()

    def draft(self) -> RuleDraft | None:
        """The form as a rule, or None (with the reason shown) if it is incomplete."""
        name = self.name.text().strip()
        if not name:
            self.show_status(self.tr("Hãy đặt tên cho quy tắc."))
            return None
        condition = ModerationCondition(self.condition.currentData())
        category = None
        min_confidence = None
        if condition is ModerationCondition.CATEGORY:
            category = Category(self.category.currentData())
            if self.use_min_confidence.isChecked():
                min_confidence = round(self.min_confidence.value(), 2)
        account = self.scope.currentData()
        return RuleDraft(
            name,
            condition,
            account_id=account if isinstance(account, int) else None,
            category=category,
            min_confidence=min_confidence,
            action=OutboxKind(self.action.currentData()),
        )

    # -- actions -----------------------------------------------------------------------------
    def save(self) -> None:
        draft = self.draft()
        if draft is not None:
            self.tasks.start(self._save(self._editing, draft), self._report_error)

    async def _save(self, rule_id: int | None, draft: RuleDraft) -> None:
        self.save_button.setEnabled(False)
        try:
            if rule_id is None:
                saved = await self.backend.create(draft)
                self.show_status(self.tr("Đã thêm quy tắc “{name}”.").format(name=saved.name))
            else:
                saved = await self.backend.update(rule_id, draft)
                if saved.id != rule_id:
                    self.show_status(
                        self.tr(
                            "Quy tắc #{old} đã từng xử lý bình luận nên được thay bằng quy tắc "
                            "#{new}; các lần xử lý cũ vẫn gắn với định nghĩa cũ."
                        ).format(old=rule_id, new=saved.id)
                    )
                else:
                    self.show_status(self.tr("Đã lưu quy tắc “{name}”.").format(name=saved.name))
        except RuleError as refused:
            self.show_status(self.tr("Không lưu được quy tắc: {reason}").format(reason=refused))
            return
        finally:
            self.save_button.setEnabled(True)
        self._editing = saved.id
        await self._reload_rules(select=saved.id)
        self.rule_saved.emit(saved.id)

    def toggle_selected(self) -> None:
        rule = self.selected_rule()
        if rule is not None:
            self.tasks.start(self._toggle(rule), self._report_error)

    async def _toggle(self, rule: RuleRow) -> None:
        changed = await self.backend.set_enabled(rule.id, not rule.enabled)
        if changed.enabled:
            self.show_status(self.tr("Đã bật quy tắc “{name}”.").format(name=changed.name))
        else:
            self.show_status(self.tr("Đã tắt quy tắc “{name}”.").format(name=changed.name))
        await self._reload_rules(select=changed.id)
        self.rule_saved.emit(changed.id)

    def start_dry_run(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        self.stop_dry_run()
        self.dry_run_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.dry_run_samples.clear()
        self.dry_run_summary.setText(self.tr("Đang chạy thử…"))
        self._dry_run = self.tasks.start(self._run_dry(draft), self._dry_run_error)

    def stop_dry_run(self) -> None:
        if self._dry_run is not None and not self._dry_run.done():
            self._dry_run.cancel()
            self.dry_run_summary.setText(self.tr("Đã dừng chạy thử."))
        self._dry_run = None
        self.dry_run_button.setEnabled(True)
        self.stop_button.setEnabled(False)

    async def _run_dry(self, draft: RuleDraft) -> None:
        def progress(report: DryRunReport) -> None:
            self.dry_run_summary.setText(
                self.tr("Đang chạy thử… đã xét {scanned} bình luận, {matched} khớp").format(
                    scanned=report.scanned, matched=report.matched
                )
            )

        try:
            report = await self.backend.dry_run(draft, progress=progress)
        except RuleError as refused:
            self.dry_run_summary.setText(
                self.tr("Không chạy thử được: {reason}").format(reason=refused)
            )
            return
        finally:
            self.dry_run_button.setEnabled(True)
            self.stop_button.setEnabled(False)
        self.show_report(report)
        self.dry_run_finished.emit()

    def show_report(self, report: DryRunReport) -> None:
        self.last_report = report
        self.dry_run_summary.setText(
            self.tr(
                "Đã xét {scanned} bình luận: {matched} khớp quy tắc, trong đó {would_act} sẽ bị "
                "xử lý, {hidden} đã ẩn sẵn, {moderated} đã được quy tắc khác xử lý."
            ).format(
                scanned=report.scanned,
                matched=report.matched,
                would_act=report.would_act,
                hidden=report.already_hidden,
                moderated=report.already_moderated,
            )
        )
        lines = []
        for sample in report.samples:
            mark = self.tr(" [đã ẩn]") if sample.is_hidden else ""
            head = self.tr("#{item} — {page} — thấy: {evidence}").format(
                item=sample.item_id,
                page=self.scope_label(sample.account_id),
                evidence=sample.evidence,
            )
            lines.append(f"{head}{mark}\n{sample.preview}")
        self.dry_run_samples.setPlainText("\n\n".join(lines))

    # -- errors ------------------------------------------------------------------------------
    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def _dry_run_error(self, error: BaseException) -> None:
        self.dry_run_summary.setText(self.tr("Chạy thử thất bại: {error}").format(error=error))
        self.dry_run_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self.failed.emit(str(error))

    def _report_error(self, error: BaseException) -> None:
        self.show_status(self.tr("Có lỗi: {error}").format(error=error))
        self.failed.emit(str(error))
