"""The status bar's health indicators: network, outbox, accounts — and the account health sheet
that says what to do about each problem."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import AccountHealth, Platform
from desktop.services.health import AccountRow, HealthReport
from desktop.views.labels import long_time
from desktop.views.widgets import plain_label


def health_label(health: AccountHealth) -> str:
    return {
        AccountHealth.UNKNOWN: QCoreApplication.translate("health", "Chưa đồng bộ"),
        AccountHealth.OK: QCoreApplication.translate("health", "Ổn định"),
        AccountHealth.DEGRADED: QCoreApplication.translate("health", "Chậm / tạm lỗi"),
        AccountHealth.TOKEN_EXPIRED: QCoreApplication.translate("health", "Mã truy cập hết hạn"),
        AccountHealth.PERMISSION_MISSING: QCoreApplication.translate("health", "Thiếu quyền"),
        AccountHealth.ERROR: QCoreApplication.translate("health", "Lỗi"),
    }[health]


def health_advice(health: AccountHealth, platform: Platform) -> str:
    """What the officer (or the unit administrator) should do about an account's state."""
    if health is AccountHealth.TOKEN_EXPIRED:
        if platform is Platform.ZALO:
            return QCoreApplication.translate(
                "health",
                "Mã Zalo OA hết hạn hoặc bị thu hồi: quản trị đơn vị cấp quyền lại cho ứng dụng "
                "trên Zalo OA rồi nhập mã mới (main.py accounts import). Tin đã lưu vẫn xem được.",
            )
        return QCoreApplication.translate(
            "health",
            "Mã Trang Facebook hết hạn hoặc bị thu hồi (đổi mật khẩu, gỡ quyền quản trị): quản "
            "trị đơn vị tạo mã Trang mới và nhập lại (main.py accounts import).",
        )
    if health is AccountHealth.PERMISSION_MISSING:
        return QCoreApplication.translate(
            "health",
            "Ứng dụng thiếu quyền trên tài khoản này: quản trị đơn vị cấp lại quyền đọc và quản "
            "lý bình luận, tin nhắn rồi nhập lại mã.",
        )
    if health is AccountHealth.DEGRADED:
        return QCoreApplication.translate(
            "health",
            "Nền tảng đang giới hạn tốc độ hoặc lỗi tạm thời: hệ thống tự thử lại, không cần "
            "thao tác.",
        )
    if health is AccountHealth.ERROR:
        return QCoreApplication.translate(
            "health", "Lỗi không tự khắc phục được: báo quản trị đơn vị, gửi kèm nhật ký."
        )
    if health is AccountHealth.UNKNOWN:
        return QCoreApplication.translate(
            "health", "Chưa có lần đồng bộ nào: chờ lượt đồng bộ tiếp theo."
        )
    return ""


class HealthBar(QWidget):
    """Three compact indicators; the accounts button opens the per-account sheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = HealthReport()
        self.network = plain_label("", self)
        self.network.setObjectName("networkStatus")
        self.outbox = plain_label("", self)
        self.outbox.setObjectName("outboxStatus")
        self.accounts = QPushButton(self)
        self.accounts.setObjectName("accountsStatus")
        self.accounts.setFlat(True)
        self.accounts.clicked.connect(self.show_details)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.network)
        layout.addWidget(self.outbox)
        layout.addWidget(self.accounts)
        self.show_report(self.report)

    def show_report(self, report: HealthReport) -> None:
        self.report = report
        conn = report.connectivity
        if conn is None or conn.online is None:
            self.network.setText(self.tr("◌ Chưa kết nối"))
            self.network.setStyleSheet("")
        elif conn.online:
            self.network.setText(self.tr("● Trực tuyến"))
            self.network.setStyleSheet("color: #1b6e20;")
        else:
            since = long_time(conn.since) if conn.since else ""
            self.network.setText(
                self.tr(
                    "○ MẤT KẾT NỐI từ {since}: làm việc trên dữ liệu đã lưu, thao tác được "
                    "xếp hàng và tự gửi khi có mạng"
                ).format(since=since)
            )
            self.network.setStyleSheet("color: #9a1b1b; font-weight: bold;")
        text = self.tr("Hộp gửi: {n} đang chờ").format(n=report.waiting)
        if report.failed:
            text += self.tr(", {n} lỗi cần xử lý").format(n=report.failed)
        self.outbox.setText(text)
        enabled = report.enabled
        problems = report.problems
        label = self.tr("Tài khoản: {ok}/{n} ổn định").format(ok=report.healthy, n=len(enabled))
        if problems:
            label += self.tr(" — {n} cần xử lý").format(n=len(problems))
        self.accounts.setText(label)
        self.accounts.setStyleSheet("color: #9a1b1b; font-weight: bold;" if problems else "")

    def show_details(self) -> None:
        AccountHealthDialog(self.report.accounts, self).open()


class AccountHealthDialog(QDialog):
    """One row per account: state, last sync, the technical reason, and what to do."""

    def __init__(self, accounts: list[AccountRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tình trạng đồng bộ các tài khoản"))
        self.resize(980, 520)
        ordered = sorted(accounts, key=lambda a: (a.health is AccountHealth.OK, a.name))
        self.table = QTableWidget(len(ordered), 5, self)
        self.table.setObjectName("accountHealthTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Tài khoản"),
                self.tr("Trạng thái"),
                self.tr("Đồng bộ gần nhất"),
                self.tr("Chi tiết"),
                self.tr("Cách xử lý"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for row, account in enumerate(ordered):
            cells = [
                account.name,
                health_label(account.health) if account.enabled else self.tr("Đã tắt"),
                long_time(account.last_sync_at) if account.last_sync_at else "—",
                account.health_detail or "",
                health_advice(account.health, account.platform) if account.enabled else "",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)  # items display plain text; no tooltips
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        note = QLabel(self)
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        note.setText(
            self.tr(
                "Mã truy cập được giữ trong kho khoá của hệ điều hành, không bao giờ hiện ở đây."
            )
        )
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
