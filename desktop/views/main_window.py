"""The workstation's main window (the shell that later panes plug into)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from desktop.services.overview import StoreOverview

OverviewLoader = Callable[[], Awaitable[StoreOverview]]


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never interprets its text as rich text (untrusted text is always plain)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


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
    def __init__(self, store_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("DutyDesk — Bàn trực mạng xã hội"))
        self.resize(1280, 800)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = ClassificationBanner(central)
        layout.addWidget(self.banner)
        self.summary = plain_label(self.tr("Đang mở kho dữ liệu…"), central)
        self.summary.setObjectName("storeSummary")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.summary, 1)
        self.setCentralWidget(central)
        self.sync_status = plain_label("", self)
        self.sync_status.setObjectName("syncStatus")
        self.statusBar().addWidget(self.sync_status, 1)
        self.store_status = plain_label(store_label, self)
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

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.closing is not None:
            self.closing()
        super().closeEvent(event)
