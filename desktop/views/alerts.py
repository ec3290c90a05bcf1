"""Urgent-case alerts: a bar in the window that stays until acknowledged, and a desktop
notification through the system tray when the desktop has one.

Neither carries citizen text or names: a notification can be read by anyone passing the screen,
and informants' identities must not leak (domain.md). They name the account, the channel and the
category; the officer opens the case in the workstation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSystemTrayIcon, QWidget

from desktop.services.alerts import UrgentCase
from desktop.views.labels import category_label, channel_label
from desktop.views.widgets import plain_label


def _notification_safe(text: str) -> str:
    """Account names in a desktop notification: some notification servers read markup."""
    return text.replace("<", "‹").replace(">", "›").replace("&", "+")


def describe(case: UrgentCase) -> str:
    return f"{category_label(case.category)} — {case.account_name} ({channel_label(case.channel)})"


class UrgentAlertBar(QFrame):
    """Shown while unacknowledged urgent cases exist; not only a colour: a mark and words."""

    open_case = Signal(int)  # the newest alerted case
    show_urgent = Signal()  # the officer asked for the urgent view

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("urgentAlert")
        self.setStyleSheet(
            "#urgentAlert { background: #fff1c2; border: 2px solid #b26a00; }"
            " #urgentAlert QLabel { color: #5a3500; font-weight: bold; }"
        )
        self.cases: list[UrgentCase] = []
        self.text = plain_label("", self)
        self.text.setObjectName("urgentAlertText")
        self.open_button = QPushButton(self.tr("Mở vụ mới nhất"), self)
        self.list_button = QPushButton(self.tr("Xem tất cả vụ khẩn"), self)
        self.ack_button = QPushButton(self.tr("Đã nắm"), self)
        self.open_button.clicked.connect(self._open)
        self.list_button.clicked.connect(self.show_urgent)
        self.ack_button.clicked.connect(self.acknowledge)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.list_button)
        layout.addWidget(self.ack_button)
        self.hide()

    def add(self, cases: list[UrgentCase]) -> None:
        if not cases:
            return
        self.cases = cases + self.cases
        newest = self.cases[0]
        if len(self.cases) == 1:
            text = self.tr("⚠ KHẨN CẤP: 1 vụ mới — {what}").format(what=describe(newest))
        else:
            text = self.tr("⚠ KHẨN CẤP: {n} vụ mới, mới nhất — {what}").format(
                n=len(self.cases), what=describe(newest)
            )
        self.text.setText(text)
        self.show()

    def acknowledge(self) -> None:
        self.cases = []
        self.hide()

    def _open(self) -> None:
        if self.cases:
            self.open_case.emit(self.cases[0].thread_id)


class TrayNotifier:
    """A desktop notification per batch of urgent cases (skipped where there is no tray)."""

    def __init__(self, icon: QIcon, parent: QWidget) -> None:
        self.tray: QSystemTrayIcon | None = None
        self.sent: list[tuple[str, str]] = []  # (title, body) for tests and the log
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, parent)
            self.tray.setToolTip("DutyDesk")
            self.tray.show()

    def notify(self, cases: list[UrgentCase]) -> None:
        if not cases:
            return
        title = QCoreApplication.translate("TrayNotifier", "DutyDesk — vụ việc khẩn cấp")
        lines = [_notification_safe(describe(c)) for c in cases[:3]]
        if len(cases) > 3:
            lines.append(
                QCoreApplication.translate("TrayNotifier", "… và {n} vụ khác").format(
                    n=len(cases) - 3
                )
            )
        body = "\n".join(lines)
        self.sent.append((title, body))
        if self.tray is not None:
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Warning, 15_000)
