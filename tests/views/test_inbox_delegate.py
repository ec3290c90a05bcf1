"""The inbox row delegate: what a row says, the reply-window countdown, untrusted text drawn as
plain text (HTML, right-to-left, huge payloads), escaped tooltips."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QRect
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from desktop.domain.enums import CaseStatus, Category, Channel
from desktop.services.inbox import InboxFilter, ThreadRow
from desktop.views.inbox_delegate import InboxDelegate
from desktop.views.inbox_model import InboxModel
from desktop.views.labels import (
    WindowLevel,
    compact_duration,
    display_line,
    relative_time,
    reply_window_badge,
)
from tests.views.helpers import emitted
from tests.views.test_inbox_model import FakeLoader, make_row

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
RICH = '<b>x</b><img src="http://evil/x.png"><a href="http://evil">bấm</a>'
RTL = "\u202eabc مرحبا بالعالم שלום\u202c"
HUGE = "rất dài " * 200_000  # 1.6 MB


def row(**changes: object) -> ThreadRow:
    return make_row(1, last_activity_at=NOW - timedelta(minutes=5), **changes)


@pytest.mark.parametrize(
    ("channel", "ago", "text", "level"),
    [
        (Channel.FB_MESSAGE, timedelta(hours=2), "Còn 22 giờ", WindowLevel.OPEN),
        (Channel.FB_MESSAGE, timedelta(hours=22), "Còn 2 giờ", WindowLevel.SOON),
        (Channel.FB_MESSAGE, timedelta(hours=23, minutes=50), "Còn 10 phút", WindowLevel.SOON),
        (Channel.FB_MESSAGE, timedelta(days=2), "Còn 5 ngày (HA)", WindowLevel.HUMAN_AGENT),
        (Channel.FB_MESSAGE, timedelta(days=8), "Hết hạn trả lời", WindowLevel.CLOSED),
        (Channel.ZALO_MESSAGE, timedelta(days=1), "Còn 6 ngày", WindowLevel.OPEN),
        (Channel.ZALO_MESSAGE, timedelta(days=6, hours=22), "Còn 2 giờ", WindowLevel.SOON),
        (Channel.ZALO_MESSAGE, timedelta(days=7), "Hết hạn trả lời", WindowLevel.CLOSED),
    ],
)
def test_reply_window_countdown(
    channel: Channel, ago: timedelta, text: str, level: WindowLevel
) -> None:
    badge = reply_window_badge(channel, NOW - ago, NOW)
    assert badge is not None and (badge.text, badge.level) == (text, level)
    assert badge.explanation


def test_no_countdown_for_comments_or_before_the_citizen_wrote() -> None:
    assert reply_window_badge(Channel.FB_COMMENT, NOW, NOW) is None
    assert reply_window_badge(Channel.FB_MESSAGE, None, NOW) is None


def test_small_formatters() -> None:
    assert compact_duration(timedelta(seconds=5)) == "1 phút"
    assert compact_duration(timedelta(hours=47, minutes=59)) == "47 giờ"
    assert compact_duration(timedelta(days=3, hours=5)) == "3 ngày"
    now = datetime.now(UTC)
    assert relative_time(now, now) == now.astimezone().strftime("%H:%M")
    long_ago = now.replace(year=now.year - 2)
    assert relative_time(long_ago, now) == long_ago.astimezone().strftime("%d/%m/%y")
    assert display_line("\n  \n dòng một \t cột\x00\ndòng hai") == "dòng một   cột "
    assert len(display_line(HUGE)) == 300 and display_line("") == ""


def test_a_row_says_everything_as_literal_text(qtbot: QtBot) -> None:
    delegate = InboxDelegate(clock=lambda: NOW)
    texts = delegate.texts(
        row(
            channel=Channel.FB_MESSAGE,
            urgent=True,
            category=Category.SCAM_REPORT,
            status=CaseStatus.IN_PROGRESS,
            last_citizen_at=NOW - timedelta(hours=3),
            last_preview=f"{RICH}\nsau",
            last_author_name=RICH,
            unit_name="Công an TP Sầm Sơn",
            assignee_name="Lê Hùng",
            campaign_id=4,
        ),
        NOW,
    )
    assert texts == {
        "urgent": "‼ KHẨN",  # a text mark, not only a colour
        "channel": "Messenger",
        "unit": "Công an TP Sầm Sơn",
        "author": RICH,
        "window": "Còn 21 giờ",
        "time": relative_time(NOW - timedelta(minutes=5), NOW),
        "unread": "●",
        "preview": RICH,
        "campaign": "⚑ Chiến dịch",
        "category": "Báo lừa đảo",
        "assignee": "→ Lê Hùng",
        "status": "Đang xử lý",
    }
    calm = delegate.texts(row(unread=False, status=CaseStatus.RESOLVED), NOW)
    assert calm["urgent"] == calm["unread"] == calm["campaign"] == ""
    assert calm["status"] == "Đã xong"
    assert calm["category"] == "Chưa phân loại" and calm["assignee"] == "Chưa giao"
    assert calm["unit"] == "CA tỉnh"  # no unit: the account's name
    closed = delegate.texts(
        row(channel=Channel.ZALO_MESSAGE, status=CaseStatus.RESOLVED, last_citizen_at=NOW), NOW
    )
    assert closed["window"] == ""  # a resolved case shows no countdown


def test_tooltips_escape_untrusted_text(qtbot: QtBot) -> None:
    delegate = InboxDelegate(clock=lambda: NOW)
    tip = delegate.tooltip(
        row(
            channel=Channel.FB_MESSAGE,
            last_citizen_at=NOW - timedelta(days=2),
            last_preview=RICH,
            last_author_name=RICH,
            account_name=RICH,
            campaign_id=9,
        ),
        NOW,
    )
    assert tip.startswith("<p style='white-space:pre-wrap'>") and "<b>" not in tip
    doc = QTextDocument()
    doc.setHtml(tip)
    shown = doc.toPlainText()
    assert shown.count(RICH) == 3 and "HUMAN_AGENT" in shown and "#9" in shown


@pytest.mark.asyncio
async def test_hostile_payloads_paint_as_plain_text(qtbot: QtBot) -> None:
    loader = FakeLoader(0)
    loader.rows = [
        replace(r, last_activity_at=NOW - timedelta(minutes=r.id))
        for r in [
            make_row(1, last_preview=RICH, last_author_name=RICH, urgent=True),
            make_row(2, last_preview=RTL, last_author_name=RTL, unit_name=RTL),
            make_row(3, last_preview=HUGE, last_author_name=HUGE[:200], assignee_name=HUGE[:200]),
            make_row(4, last_preview="", last_author_name=None, campaign_id=1),
            make_row(5, channel=Channel.ZALO_MESSAGE, last_citizen_at=NOW, category=Category.SPAM),
        ]
    ]
    model = InboxModel(loader)
    view = QListView()
    delegate = InboxDelegate(view, clock=lambda: NOW)
    view.setItemDelegate(delegate)
    view.setModel(model)
    qtbot.addWidget(view)
    view.resize(520, 400)
    view.show()
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())
    view.setCurrentIndex(model.index(1, 0))
    image = view.grab().toImage()  # every row painted (an exception would fail the test)
    assert image.width() >= 500

    # Each row is drawn once into an image: HTML shows as its characters, not as markup.
    option = QStyleOptionViewItem()
    option.initFrom(view)
    height = delegate.sizeHint(option, QModelIndex()).height()
    for r in range(model.rowCount()):
        canvas = QImage(520, height, QImage.Format.Format_ARGB32)
        canvas.fill(QColor("white"))
        painter = QPainter(canvas)
        option.rect = QRect(0, 0, 520, height)
        delegate.paint(painter, option, model.index(r, 0))
        painter.end()
        inked = sum(
            1
            for x in range(0, 520, 4)
            for y in range(0, height, 2)
            if canvas.pixelColor(x, y) != QColor("white")
        )
        assert inked > 50, r


def test_the_default_font_draws_vietnamese(qtbot: QtBot) -> None:
    view = QListView()
    qtbot.addWidget(view)
    metrics = QFontMetrics(view.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "ạảấầẩẫậắằẳẵặđĐơưỡỹ‼●→")


def test_the_qt_binding_does_not_leak_references_to_none(qtbot: QtBot) -> None:
    """PySide6 6.12.0 on CPython 3.11 dropped a reference to None on every void call; a shift
    of painting rows used the count up and the interpreter aborted ("deallocating None").
    pyproject pins 6.11.3, which does not: an upgrade that brings the leak back fails here."""
    if sys.version_info >= (3, 12):
        pytest.skip("None is immortal")
    probe = QPoint()
    before = sys.getrefcount(None)
    for _ in range(1000):
        probe.setX(1)
    assert sys.getrefcount(None) - before > -100
