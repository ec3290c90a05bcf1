"""The workstation shell: it starts, opens the store off the GUI thread and shows what it holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.app import run_gui
from desktop.config import load_config
from desktop.services.inbox import InboxFilter, InboxPage, ItemView
from desktop.services.overview import StoreOverview
from desktop.views.inbox_model import InboxModel
from desktop.views.inbox_view import InboxView
from desktop.views.main_window import MainWindow
from desktop.views.thread_pane import ThreadPane


def _window() -> MainWindow | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)


def test_main_window_shows_the_classification_banner(qtbot: QtBot) -> None:
    window = MainWindow("/tmp/x.sqlite3")
    qtbot.addWidget(window)
    window.show()
    assert window.banner.isVisible()
    assert "KHÔNG MẬT" in window.banner.text()
    assert window.banner.textFormat() is Qt.TextFormat.PlainText


def test_overview_is_shown_with_vietnamese_number_grouping(qtbot: QtBot) -> None:
    window = MainWindow("/tmp/x.sqlite3")
    qtbot.addWidget(window)
    window.show_overview(
        StoreOverview(
            accounts=56, threads=250_000, open_threads=1200, urgent_open=7, items=1_000_000
        )
    )
    text = window.summary.text()
    assert "250.000 vụ việc" in text and "1.000.000 mục" in text and "7 khẩn cấp" in text


def test_every_label_is_plain_text(qtbot: QtBot) -> None:
    async def no_page(_flt: InboxFilter, _after: object) -> InboxPage:
        return InboxPage()

    async def no_items(_thread_id: int) -> list[ItemView]:
        return []

    window = MainWindow(
        "<b>/tmp/x</b>",
        inbox=InboxView(InboxModel(no_page)),
        thread_pane=ThreadPane(no_items),
    )
    qtbot.addWidget(window)
    labels = window.findChildren(QLabel)
    assert window.thread_pane is not None and window.thread_pane.title in labels
    for label in labels:
        assert label.textFormat() is Qt.TextFormat.PlainText, label.objectName()


def test_summary_lives_in_the_status_bar(qtbot: QtBot) -> None:
    window = MainWindow("/tmp/x.sqlite3")
    qtbot.addWidget(window)
    assert window.summary.parent() is window.statusBar()
    window.show_store_error("kho hỏng")
    assert window.summary.text() == "kho hỏng"


@pytest.mark.usefixtures("qapp")
def test_gui_starts_opens_the_store_and_quits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUTYDESK_HOME", str(tmp_path / "home"))
    seen: list[str] = []
    workspace: list[bool] = []

    def look() -> None:
        window = _window()
        if window is not None and "vụ việc" in window.summary.text():
            seen.append(window.summary.text())
            assert window.inbox is not None and window.thread_pane is not None
            workspace.append(window.inbox.model.filter == InboxFilter())
            window.close()
            QApplication.quit()
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    QTimer.singleShot(15_000, QApplication.quit)  # never hang the suite
    assert run_gui(load_config()) == 0
    assert seen and seen[0].startswith("Hộp thư chung: 0 vụ việc")
    assert workspace == [True]
    assert (tmp_path / "home" / "dutydesk.sqlite3").exists()
