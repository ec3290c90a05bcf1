"""The shell's own widgets: health indicators, the account health sheet, urgent alerts."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.enums import AccountHealth, Category, Channel, OutboxState, Platform
from desktop.platforms.connectivity import ConnectivityState
from desktop.services.alerts import UrgentCase
from desktop.services.health import AccountRow, HealthReport
from desktop.views.alerts import TrayNotifier, UrgentAlertBar
from desktop.views.health_bar import AccountHealthDialog, HealthBar
from tests.factories import T0

HOSTILE = '<img src="http://evil.example/x.png"><a href="http://x">bấm</a>\u202e<b>đậm</b>'


def _account(i: int, health: AccountHealth, name: str = "") -> AccountRow:
    return AccountRow(
        id=i,
        platform=Platform.FACEBOOK if i % 2 else Platform.ZALO,
        external_id=str(i),
        name=name or f"Công an huyện {i}",
        unit_id=None,
        enabled=True,
        health=health,
        health_detail="token rejected: (190)" if health is AccountHealth.TOKEN_EXPIRED else None,
        last_sync_at=T0,
    )


def test_health_bar_says_offline_and_counts(qtbot: QtBot) -> None:
    bar = HealthBar()
    qtbot.addWidget(bar)
    report = HealthReport(
        accounts=[_account(1, AccountHealth.OK), _account(2, AccountHealth.TOKEN_EXPIRED)],
        outbox={OutboxState.QUEUED: 3, OutboxState.UNKNOWN: 1, OutboxState.FAILED: 2},
        connectivity=ConnectivityState(False, T0, T0 - timedelta(minutes=5), "ConnectError"),
    )
    bar.show_report(report)
    assert "MẤT KẾT NỐI" in bar.network.text()
    assert "4 đang chờ" in bar.outbox.text() and "2 lỗi" in bar.outbox.text()
    assert "1/2 ổn định" in bar.accounts.text() and "1 cần xử lý" in bar.accounts.text()
    bar.show_report(
        HealthReport(accounts=report.accounts, connectivity=ConnectivityState(True, T0, T0))
    )
    assert "Trực tuyến" in bar.network.text() and "lỗi" not in bar.outbox.text()


def test_account_sheet_explains_what_to_do_and_shows_names_as_plain_text(qtbot: QtBot) -> None:
    accounts = [
        _account(1, AccountHealth.OK),
        _account(2, AccountHealth.TOKEN_EXPIRED, name=HOSTILE),
        _account(4, AccountHealth.DEGRADED),
    ]
    dialog = AccountHealthDialog(accounts)
    qtbot.addWidget(dialog)
    table = dialog.table

    def cell(row: int, col: int) -> str:
        item = table.item(row, col)
        assert item is not None
        return item.text()

    assert cell(0, 0) == HOSTILE  # problems first, the name verbatim
    assert "accounts import" in cell(0, 4)
    assert cell(0, 3) == "token rejected: (190)"
    assert "tự thử lại" in cell(1, 4)
    for label in dialog.findChildren(QLabel):
        assert label.textFormat() is Qt.TextFormat.PlainText


def test_urgent_alert_bar_names_the_case_without_citizen_text(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    bar = UrgentAlertBar(host)
    host.show()
    assert not bar.isVisible()
    cases = [
        UrgentCase(7, HOSTILE, Channel.FB_MESSAGE, Category.CRIME_TIP, T0),
        UrgentCase(5, "CA Sầm Sơn", Channel.FB_COMMENT, None, T0),
    ]
    bar.add(cases)
    assert bar.isVisible()
    assert "2 vụ mới" in bar.text.text() and HOSTILE in bar.text.text()
    assert bar.text.textFormat() is Qt.TextFormat.PlainText
    with qtbot.waitSignal(bar.open_case) as opened:
        bar.open_button.click()
    assert opened.args == [7]
    bar.ack_button.click()
    assert not bar.isVisible() and bar.cases == []


def test_tray_notification_never_carries_markup(qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    notifier = TrayNotifier(QIcon(), host)
    notifier.notify(
        [UrgentCase(i, HOSTILE, Channel.ZALO_MESSAGE, Category.SCAM_REPORT, T0) for i in range(5)]
    )
    ((title, body),) = notifier.sent
    assert "khẩn cấp" in title
    assert "<" not in body and ">" not in body and "&" not in body
    assert "và 2 vụ khác" in body
