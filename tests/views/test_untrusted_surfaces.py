"""Untrusted text on every surface of the assembled desk (issue 5's quality bar).

A store holds citizen texts and names full of rich-text payloads: a remote image, a link, a
style, right-to-left overrides and a very long string. The real desk (``open_desk``: inbox, case
panel, alerts, tray notification, status bar) shows each case in turn. Every label is plain
text, the thread shows the text exactly as written, no tooltip or title carries live markup,
and the image's server is never asked for anything.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QTextEdit, QWidget

from desktop.config import load_config
from desktop.domain.enums import Category, Channel
from desktop.gui.background import start_background
from desktop.gui.desk import open_desk
from desktop.gui.settings import SettingsOpener
from desktop.services.alerts import UrgentCase
from desktop.services.demo_roster import demo_officer_id
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.views.inbox_model import ThreadRowRole
from tests.factories import comment, message, setup_accounts
from tests.views.helpers import wait_until

pytestmark = pytest.mark.asyncio(loop_scope="function")


class _Counter(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture
def image_server() -> Iterator[str]:
    _Counter.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _payloads(base: str) -> list[str]:
    return [
        f'<img src="{base}/pixel.png" width=400>Xem ảnh',
        f'<a href="{base}/phish">Bấm vào đây</a> để nhận quà',
        '<style>body{color:red}</style><b style="font-size:72pt">TO ĐẬM</b>',
        "\u202etrộm xe\u202c ở chợ \u200f<i>nghiêng</i>",
        "<h1>" + "rất dài " * 1500 + "</h1>",
    ]


def _no_images(document: QTextDocument) -> bool:
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isImageFormat():
                return False
            it += 1
        block = block.next()
    return True


async def test_every_surface_shows_citizen_text_literally_and_fetches_nothing(
    tmp_path: Path, image_server: str, qtbot: object
) -> None:
    config = load_config()
    db = Database(config.paths.database, backup_dir=config.paths.backups)
    await db.open_async()
    stop = asyncio.Event()
    background = await start_background(config, db, stop)  # no keyring: sync stays off
    payloads = _payloads(image_server)
    setup_accounts(db)
    items = [
        comment(text, minutes=i, author_name=f"<b>Kẻ {i}</b>\u202e", author=f"70000000000001{i}")
        for i, text in enumerate(payloads)
    ] + [message(payloads[0], thread="t_hostile", minutes=9)]
    db.write_blocking(lambda s: ingest_items(s, items=items, search=db.search))
    officer = await demo_officer_id(db)
    settings = SettingsOpener(lambda _officer: pytest.fail("settings not opened here"))
    desk = await open_desk(config, db, background, settings, officer_id=officer)
    try:
        window, inbox, panel = desk.window, desk.inbox, desk.panel
        await wait_until(lambda: inbox.model.rowCount() == len(items), timeout=10)
        hostile_name = payloads[1]
        window.alerts.add(
            [UrgentCase(1, hostile_name, Channel.FB_COMMENT, Category.CRIME_TIP, datetime.now(UTC))]
        )
        shown_texts: list[str] = []
        for row in range(inbox.model.rowCount()):
            thread_id: int = inbox.model.index(row, 0).data(ThreadRowRole).id
            inbox.select_row(row)
            await wait_until(lambda: panel.thread_id == thread_id, timeout=5)  # noqa: B023
            await asyncio.sleep(0.3)  # let the case finish loading and paint
            window.repaint()
            for edit in window.findChildren(QTextEdit):
                assert _no_images(edit.document()), edit.objectName()
                shown_texts.append(edit.toPlainText())
            for label in window.findChildren(QLabel):
                assert label.textFormat() is Qt.TextFormat.PlainText, label.objectName()
            for widget in window.findChildren(QWidget):
                tip = widget.toolTip()
                assert "<img" not in tip and "<a " not in tip and "<style" not in tip
            for view in window.findChildren(QAbstractItemView):
                view.viewport().repaint()
        for text in payloads:
            assert any(text in shown for shown in shown_texts), text[:40]
        assert window.alerts.text.text().endswith(f"{hostile_name} (Bình luận Facebook)")
        for top in QApplication.topLevelWidgets():
            assert "<" not in top.windowTitle()
        await asyncio.sleep(0.5)
        assert _Counter.hits == []  # no remote image, no link was ever fetched
    finally:
        await desk.close()
        stop.set()
        await background.aclose()
        db.close()
