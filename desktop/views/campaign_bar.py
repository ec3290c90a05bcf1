"""A coordinated campaign on the open case: what it is, its cases, and hiding it in bulk.

The bar shows when the case belongs to a campaign (the same or nearly the same text on several
Pages within hours). "Ẩn tất cả" asks first, then the composition root queues one audited hide
per comment through the outbox. Sample texts are citizens' words: plain text everywhere.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.campaigns import CampaignRow, CampaignThread
from desktop.views.labels import channel_label, short_time
from desktop.views.widgets import plain_label

SAMPLE_CHARS = 90


def _sample(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SAMPLE_CHARS else line[: SAMPLE_CHARS - 1] + "…"


class CampaignBar(QFrame):
    bulk_hide_requested = Signal(int)  # campaign id, after the officer confirmed
    list_requested = Signal(int)  # campaign id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignBar")
        self.setStyleSheet(
            "#campaignBar { background: #eef1ff; border: 1px solid #5561a8; }"
            " #campaignBar QLabel { color: #22285a; }"
        )
        self.campaign: CampaignRow | None = None
        self.text = plain_label("", self)
        self.text.setObjectName("campaignText")
        self.text.setWordWrap(True)
        self.list_button = QPushButton(self.tr("Xem các vụ"), self)
        self.hide_button = QPushButton(self.tr("Ẩn tất cả…"), self)
        self.list_button.clicked.connect(self._list)
        self.hide_button.clicked.connect(self._confirm_hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.list_button)
        layout.addWidget(self.hide_button)
        self._box: QMessageBox | None = None
        self.hide()

    def show_campaign(self, campaign: CampaignRow | None) -> None:
        self.campaign = campaign
        if campaign is None:
            self.hide()
            return
        self.text.setText(
            self.tr(
                "⧉ Chiến dịch phối hợp: cùng nội dung trên {accounts} trang, {items} mục, "
                "từ {first} đến {last} — «{sample}»"
            ).format(
                accounts=campaign.account_count,
                items=campaign.item_count,
                first=short_time(campaign.first_seen_at),
                last=short_time(campaign.last_seen_at),
                sample=_sample(campaign.sample_text),
            )
        )
        self.hide_button.setEnabled(True)
        self.show()

    def show_result(self, queued: int) -> None:
        self.text.setText(
            self.text.text()
            + "\n"
            + self.tr("Đã xếp {n} lệnh ẩn vào hộp gửi (bằng chứng đã lưu).").format(n=queued)
        )

    def _list(self) -> None:
        if self.campaign is not None:
            self.list_requested.emit(self.campaign.id)

    def _confirm_hide(self) -> None:
        campaign = self.campaign
        if campaign is None:
            return
        box = QMessageBox(self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Ẩn cả chiến dịch"))
        box.setText(
            self.tr(
                "Ẩn mọi bình luận còn hiện của chiến dịch này trên {accounts} trang? Nội dung "
                "đã được lưu làm bằng chứng; có thể bỏ ẩn từng bình luận sau."
            ).format(accounts=campaign.account_count)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda result: self._decided(campaign.id, result))
        self._box = box
        box.open()

    def _decided(self, campaign_id: int, result: int) -> None:
        if result == QMessageBox.StandardButton.Yes:
            self.hide_button.setEnabled(False)
            self.bulk_hide_requested.emit(campaign_id)


class CampaignCasesDialog(QDialog):
    """The campaign's cases, newest first; double-click (or Enter) opens one."""

    open_case = Signal(int)

    def __init__(self, threads: list[CampaignThread], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Các vụ của chiến dịch"))
        self.resize(760, 420)
        self.list = QListWidget(self)
        self.list.setObjectName("campaignCases")
        for thread in threads:
            item = QListWidgetItem(
                f"{short_time(thread.last_activity_at)} · {thread.account_name} · "
                f"{channel_label(thread.channel)} — {_sample(thread.last_preview)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, thread.thread_id)
            self.list.addItem(item)
        self.list.itemActivated.connect(self._open)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def _open(self, item: QListWidgetItem) -> None:
        thread_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(thread_id, int):
            self.open_case.emit(thread_id)
