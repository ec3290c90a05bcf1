"""The workstation's main window: the banner, the inbox beside the thread pane, a status bar."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from desktop.services.overview import StoreOverview
from desktop.views.widgets import plain_label

if TYPE_CHECKING:
    from desktop.views.inbox_view import InboxView
    from desktop.views.thread_pane import ThreadPane

__all__ = ["ClassificationBanner", "MainWindow", "OverviewLoader", "plain_label"]

OverviewLoader = Callable[[], Awaitable[StoreOverview]]


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
        thread_pane: ThreadPane | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("DutyDesk — Bàn trực mạng xã hội"))
        self.resize(1280, 800)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = ClassificationBanner(central)
        layout.addWidget(self.banner)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, central)
        self.splitter.setObjectName("workspace")
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        self.inbox = inbox
        self.thread_pane = thread_pane
        if inbox is not None:
            self.splitter.addWidget(inbox)
        if thread_pane is not None:
            self.splitter.addWidget(thread_pane)
        if inbox is not None and thread_pane is not None:
            inbox.thread_selected.connect(thread_pane.show_thread)
            self.splitter.setStretchFactor(0, 3)
            self.splitter.setStretchFactor(1, 2)
        self.setCentralWidget(central)

        self.summary = plain_label(self.tr("Đang mở kho dữ liệu…"), self)
        self.summary.setObjectName("storeSummary")
        self.statusBar().addWidget(self.summary, 1)
        self.sync_status = plain_label("", self)
        self.sync_status.setObjectName("syncStatus")
        self.statusBar().addWidget(self.sync_status)
        self.store_status = plain_label(store_label, self)
        self.store_status.setObjectName("storeStatus")
        self.statusBar().addPermanentWidget(self.store_status)
        self.closing: Callable[[], None] | None = None

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

    def show_store_error(self, message: str) -> None:
        self.summary.setText(message)
        if self.thread_pane is not None:
            self.thread_pane.title.setText(message)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.closing is not None:
            self.closing()
        super().closeEvent(event)
