"""The campaign bar: plain-text samples, a confirmation before any bulk hide, the case list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.enums import Channel
from desktop.services.campaigns import CampaignRow, CampaignThread
from desktop.views.campaign_bar import CampaignBar, CampaignCasesDialog
from tests.factories import T0

SAMPLE = '<img src="http://x/y.png"><b>Chế độ</b> sắp sụp đổ, chia sẻ ngay!'


def _campaign() -> CampaignRow:
    return CampaignRow(7, "abc", SAMPLE, T0, T0, 12, 5, "open")


def test_bar_shows_the_campaign_as_plain_text(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    bar = CampaignBar(host)
    host.show()
    bar.show_campaign(_campaign())
    assert bar.isVisible()
    assert bar.text.textFormat() is Qt.TextFormat.PlainText
    assert "5 trang" in bar.text.text() and SAMPLE in bar.text.text()
    bar.show_campaign(None)
    assert not bar.isVisible()


def test_bulk_hide_asks_first_and_no_means_nothing(qtbot: QtBot) -> None:
    bar = CampaignBar()
    qtbot.addWidget(bar)
    bar.show_campaign(_campaign())
    asked: list[int] = []
    bar.bulk_hide_requested.connect(asked.append)
    bar.hide_button.click()
    box = bar._box
    assert isinstance(box, QMessageBox) and box.textFormat() is Qt.TextFormat.PlainText
    box.done(QMessageBox.StandardButton.No)
    assert asked == []
    bar.hide_button.click()
    assert bar._box is not None
    bar._box.done(QMessageBox.StandardButton.Yes)
    assert asked == [7] and not bar.hide_button.isEnabled()
    bar.show_result(11)
    assert "11 lệnh ẩn" in bar.text.text()


def test_case_list_opens_a_case(qtbot: QtBot) -> None:
    threads = [
        CampaignThread(41, 1, "CA Sầm Sơn", Channel.FB_COMMENT, T0, SAMPLE),
        CampaignThread(42, 2, "CA tỉnh", Channel.FB_COMMENT, T0, "khác"),
    ]
    dialog = CampaignCasesDialog(threads)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 2
    first = dialog.list.item(0)
    assert first is not None and "CA Sầm Sơn" in first.text()
    with qtbot.waitSignal(dialog.open_case) as opened:
        dialog.list.itemActivated.emit(first)
    assert opened.args == [41]
