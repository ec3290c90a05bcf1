"""The workstation's main window: banner, urgent alerts, the inbox beside the case panel,
keyboard shortcuts and a status bar that tells the desk's health.

The window wires its children together (selection → case panel, case changes → inbox row) and
installs the triage shortcuts; it gets everything it shows from the composition root.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.health import HealthReport
from desktop.services.overview import StoreOverview
from desktop.views import shortcuts
from desktop.views.alerts import UrgentAlertBar
from desktop.views.health_bar import HealthBar
from desktop.views.widgets import plain_label

if TYPE_CHECKING:
    from desktop.views.inbox_view import InboxView

__all__ = ["CaseShortcuts", "ClassificationBanner", "MainWindow", "plain_label"]


class CaseShortcuts(Protocol):
    """What the case panel offers the keyboard (the panel itself is a QWidget)."""

    def show_case(self, thread_id: int) -> None: ...
    def classify_shortcut(self, digit: int) -> None: ...
    def toggle_urgent(self) -> None: ...
    def start_assign(self) -> None: ...
    def start_reply(self) -> None: ...
    def hide_current(self) -> None: ...
    def resolve_current(self) -> None: ...


class ClassificationBanner(QLabel):
    """The permanent reminder that this internet-connected workstation holds no state secrets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("classificationBanner")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setText(
            self.tr(
                "CHỈ XỬ LÝ THÔNG TIN KHÔNG MẬT — không lưu, không nhập bí mật nhà nước "
                "trên máy kết nối Internet"
            )
        )
        self.setStyleSheet(
            "#classificationBanner { background: #7a1f1f; color: white; font-weight: bold;"
            " padding: 4px; }"
        )


class MainWindow(QMainWindow):
    def __init__(
        self,
        store_label: str,
        parent: QWidget | None = None,
        *,
        inbox: InboxView | None = None,
        case_panel: QWidget | None = None,
        case_actions: CaseShortcuts | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("DutyDesk — Bàn trực mạng xã hội"))
        self.resize(1440, 860)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = ClassificationBanner(central)
        layout.addWidget(self.banner)
        self.alerts = UrgentAlertBar(central)
        layout.addWidget(self.alerts)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("workspace")
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        self.inbox = inbox
        self.case_panel: QWidget | None = None
        self.case_actions: CaseShortcuts | None = None
        self.left = QTabWidget(self.splitter)  # the inbox, then other queues (forwards to us)
        self.left.setObjectName("queues")
        self.left.setDocumentMode(True)
        self.left.tabBar().setAutoHide(True)  # one queue only: no tab bar
        self.splitter.addWidget(self.left)
        if inbox is not None:
            self.left.addTab(inbox, self.tr("Hộp thư chung"))
            inbox.thread_selected.connect(self.open_case)
        self.alerts.open_case.connect(self.open_case)
        if case_panel is not None and case_actions is not None:
            self.set_case_panel(case_panel, case_actions)
        self.lock_notice = plain_label(
            self.tr("Màn hình đã khoá. Nhập mật khẩu để tiếp tục."), central
        )
        self.lock_notice.setObjectName("lockNotice")
        self.lock_notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lock_notice.hide()
        layout.addWidget(self.lock_notice, 1)
        self.locked = False
        self.setCentralWidget(central)

        self._status_bar(store_label)
        self.closing: Callable[[], None] | None = None
        self.open_settings: Callable[[], None] | None = None

        self.bindings = self._bindings()
        self._shortcuts = shortcuts.install(self, self.bindings)
        self._menus()

    def _status_bar(self, store_label: str) -> None:
        self.summary = plain_label(self.tr("Đang mở kho dữ liệu…"), self)
        self.summary.setObjectName("storeSummary")
        self.statusBar().addWidget(self.summary, 1)
        self.sync_status = plain_label("", self)
        self.sync_status.setObjectName("syncStatus")
        self.statusBar().addWidget(self.sync_status)
        self.health = HealthBar(self)
        self.statusBar().addPermanentWidget(self.health)
        self.store_status = plain_label(store_label, self)
        self.store_status.setObjectName("storeStatus")
        self.statusBar().addPermanentWidget(self.store_status)

    # -- keyboard ------------------------------------------------------------------------------
    def _bindings(self) -> list[shortcuts.Binding]:
        rows: list[shortcuts.Binding] = []
        inbox = self.inbox
        if inbox is not None:
            rows += [
                shortcuts.Binding(
                    ("J",), self.tr("Vụ tiếp theo (hoặc mũi tên xuống)"), inbox.select_next
                ),
                shortcuts.Binding(
                    ("K",), self.tr("Vụ trước (hoặc mũi tên lên)"), inbox.select_previous
                ),
                shortcuts.Binding(("/", "Ctrl+F"), self.tr("Tìm kiếm"), inbox.focus_search),
            ]
        rows += [shortcuts.Binding((str(d),), "", self._classifier(d)) for d in range(1, 10)]
        rows += [
            shortcuts.Binding(("U",), self.tr("Bật/tắt khẩn cấp"), self._case("toggle_urgent")),
            shortcuts.Binding(("A",), self.tr("Giao việc"), self._case("start_assign")),
            shortcuts.Binding(("R",), self.tr("Trả lời"), self._case("start_reply")),
            shortcuts.Binding(
                ("H",), self.tr("Ẩn bình luận (có xác nhận)"), self._case("hide_current")
            ),
            shortcuts.Binding(("E",), self.tr("Đánh dấu đã xong"), self._case("resolve_current")),
            shortcuts.Binding(("Esc",), self.tr("Về danh sách vụ việc"), self.focus_inbox),
            shortcuts.Binding(("?", "F1"), self.tr("Bảng phím tắt"), self.show_shortcuts),
        ]
        return rows

    def _case(self, method: str) -> Callable[[], None]:
        """A shortcut that reaches the case panel once it is there (it attaches after start-up)."""

        def run() -> None:
            if self.case_actions is not None:
                getattr(self.case_actions, method)()

        return run

    def _classifier(self, digit: int) -> Callable[[], None]:
        def run() -> None:
            if self.case_actions is not None:
                self.case_actions.classify_shortcut(digit)

        return run

    def set_case_panel(self, panel: QWidget, actions: CaseShortcuts) -> None:
        """Attach the case panel (built once the platform services exist)."""
        self.case_panel, self.case_actions = panel, actions
        self.splitter.addWidget(panel)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([5_000, 6_000])  # proportions; Qt scales them to the width
        if self.inbox is not None:
            current = self.inbox.current_thread_id()
            if current is not None:
                actions.show_case(current)

    def sheet_rows(self) -> list[tuple[str, str]]:
        rows = [(shortcuts.key_text(b.keys), b.label) for b in self.bindings if b.label]
        if self.inbox is not None:
            rows.insert(2, (shortcuts.key_text(("Return",)), self.tr("Mở vụ đang chọn")))
        rows.insert(
            3 if self.inbox is not None else 0,
            ("1 … 9", self.tr("Phân loại theo số ghi trong khung phân loại")),
        )
        return rows

    def show_shortcuts(self) -> None:
        shortcuts.ShortcutSheet(self.sheet_rows(), self).open()

    def focus_inbox(self) -> None:
        if self.inbox is not None:
            self.left.setCurrentWidget(self.inbox)
            self.inbox.focus_list()

    def open_case(self, thread_id: int) -> None:
        if self.case_actions is not None:
            self.case_actions.show_case(thread_id)

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Tệp"))
        settings = QAction(self.tr("Cài đặt…"), self)
        settings.setObjectName("actionSettings")
        settings.triggered.connect(self._settings)
        file_menu.addAction(settings)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("Thoát"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&Xem"))
        health = QAction(self.tr("Tình trạng đồng bộ các tài khoản"), self)
        health.triggered.connect(self.health.show_details)
        view_menu.addAction(health)
        self.view_menu = view_menu
        self.desk_menu = self.menuBar().addMenu(self.tr("&Ca trực"))
        self.desk_menu.menuAction().setVisible(False)  # shown once an action is added
        help_menu = self.menuBar().addMenu(self.tr("Trợ &giúp"))
        sheet = QAction(self.tr("Phím tắt"), self)
        sheet.triggered.connect(self.show_shortcuts)
        help_menu.addAction(sheet)

    def add_desk_action(self, text: str, run: Callable[[], None], *, name: str) -> QAction:
        """An entry of the "Ca trực" menu (shift leader's window, audit log...) for roles that
        may use it; the composition root decides which are added."""
        action = QAction(text, self)
        action.setObjectName(name)
        action.triggered.connect(run)
        self.desk_menu.addAction(action)
        self.desk_menu.menuAction().setVisible(True)
        return action

    def add_queue(self, widget: QWidget, title: str) -> None:
        """Another list beside the inbox (e.g. cases forwarded to the officer's units)."""
        self.left.addTab(widget, title)

    def set_queue_title(self, widget: QWidget, title: str) -> None:
        index = self.left.indexOf(widget)
        if index >= 0:
            self.left.setTabText(index, title)

    def _settings(self) -> None:
        if self.open_settings is not None:
            self.open_settings()

    # -- what the composition root pushes in -----------------------------------------------------
    def show_overview(self, overview: StoreOverview) -> None:
        self.summary.setText(
            self.tr(
                "Hộp thư chung: {threads} vụ việc ({open} đang mở, {urgent} khẩn cấp), "
                "{items} mục, {accounts} tài khoản"
            ).format(
                threads=f"{overview.threads:,}".replace(",", "."),
                open=f"{overview.open_threads:,}".replace(",", "."),
                urgent=f"{overview.urgent_open:,}".replace(",", "."),
                items=f"{overview.items:,}".replace(",", "."),
                accounts=overview.accounts,
            )
        )

    def show_sync_status(self, text: str) -> None:
        self.sync_status.setText(text)

    def show_sync_pass(self, at: datetime, ok: int, total: int, inserted: int) -> None:
        self.sync_status.setText(
            self.tr("Đồng bộ lúc {time}: {ok}/{total} tài khoản ổn định, +{new} mục mới").format(
                time=at.astimezone().strftime("%H:%M:%S"), ok=ok, total=total, new=inserted
            )
        )

    def show_health(self, report: HealthReport) -> None:
        self.health.show_report(report)

    def set_locked(self, locked: bool) -> None:
        """Hide every case (inbox, panel, alerts) while the screen is locked."""
        self.locked = locked
        self.splitter.setVisible(not locked)
        self.lock_notice.setVisible(locked)
        if locked:
            self.alerts.hide()
        elif self.alerts.cases:
            self.alerts.show()
        self.menuBar().setEnabled(not locked)
        for shortcut in self._shortcuts:
            shortcut.setEnabled(not locked)

    def show_store_error(self, message: str) -> None:
        self.summary.setText(message)
        self.sync_status.setText(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.closing is not None:
            self.closing()
        super().closeEvent(event)
