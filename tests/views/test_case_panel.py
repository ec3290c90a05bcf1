"""The case panel over a real temporary store: each pane, the keyboard entry points, plain-text
rendering of hostile text, confirmation dialogs, stale cases and the reply window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QListWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.domain.enums import CaseStatus, Category, CategorySource, Channel, OutboxKind
from desktop.domain.records import IncomingPost
from desktop.services.cases import CaseService
from desktop.services.demo_roster import ensure_demo_officers
from desktop.services.outbox import OutboxService
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.models import Officer, OutboxAction, Thread
from desktop.views.case_panel import CasePanel
from desktop.views.classification_pane import CATEGORIES
from tests.factories import PAGE, T0, comment, message, setup_accounts
from tests.views.helpers import emitted, wait_until

RICH = '<b>x</b><img src="http://evil/x.png"><a href="http://evil">bấm</a>'


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Desk:
    db: Database
    service: CaseService
    clock: Clock
    comment: int
    rich: int
    messenger: int


@pytest.fixture
def desk(db: Database) -> Desk:
    setup_accounts(db)
    root = comment("Cho hỏi làm căn cước ở đâu ạ", minutes=0)
    reply = comment("gọi em số 0912 345 678 nhé", thread=root.external_id, minutes=5)
    rich = comment(
        RICH,
        minutes=8,
        author="7000000000000077",
        author_name=RICH,
        post=IncomingPost(f"{PAGE}_120000000000077", RICH, T0),
        attachments=({"type": "photo", "name": RICH, "url": "http://evil/<b>.png"},),
    )
    chat = [message("có người đánh nhau ở chợ", thread="t_9", minutes=m) for m in (10, 20)]
    db.write_blocking(lambda s: ingest_items(s, items=[root, reply, rich, *chat], search=db.search))
    officer = db.write_blocking(ensure_demo_officers)
    clock = Clock(T0 + timedelta(hours=1))
    outbox = OutboxService(db, None, None, None, None, clock)  # type: ignore[arg-type]
    service = CaseService(db, outbox, clock, officer_id=officer)

    def ids(session: Any) -> dict[str, int]:
        return {e: i for e, i in session.execute(select(Thread.external_id, Thread.id))}

    by_ext = db.read_blocking(ids)
    return Desk(
        db,
        service,
        clock,
        by_ext[root.external_id],
        by_ext[rich.external_id],
        by_ext["t_9"],
    )


def _thread(desk: Desk, thread_id: int) -> Thread:
    return desk.db.read_blocking(lambda s: s.get(Thread, thread_id))


def _actions(desk: Desk) -> list[tuple[int | None, OutboxKind]]:
    return desk.db.read_blocking(
        lambda s: [
            (a.thread_id, a.kind)
            for a in s.execute(select(OutboxAction).order_by(OutboxAction.id)).scalars()
        ]
    )


async def _panel(desk: Desk, qtbot: QtBot, thread_id: int) -> CasePanel:
    panel = CasePanel(desk.service, desk.clock)
    qtbot.addWidget(panel)
    panel.resize(900, 1000)
    panel.show()
    async with emitted(panel.case_loaded) as loaded:
        panel.show_case(thread_id)
    assert loaded == [thread_id]
    return panel


async def _change(panel: CasePanel, action: Any) -> None:
    async with emitted(panel.case_changed):
        action()
    await wait_until(lambda: panel.detail is not None and panel.detail.version == panel._version)


@pytest.mark.asyncio
async def test_each_pane_shows_the_case(desk: Desk, qtbot: QtBot) -> None:
    panel = await _panel(desk, qtbot, desk.comment)
    assert panel.header.text().startswith(f"#{desk.comment} · Bình luận Facebook · CA tỉnh")
    text = panel.thread_pane.text.toPlainText()
    assert "Cho hỏi làm căn cước ở đâu ạ" in text and "gọi em số 0912 345 678 nhé" in text
    assert panel.thread_pane.post.text() == "Bài viết của trang: Cảnh báo lừa đảo qua mạng"
    # The phone number is marked in the thread text.
    doc = panel.thread_pane.text.document()
    at = text.index("0912")
    cursor = QTextCursor(doc)
    cursor.setPosition(at + 1)
    fmt = cursor.charFormat()
    cursor.setPosition(at - 1)
    assert cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush
    assert fmt.background().color().name() == "#ffd8a8"
    # Classification: digits on the buttons, personal data listed.
    assert panel.classification.buttons[Category.CRIME_TIP].text().startswith("1  ")
    assert panel.classification.buttons[Category.OTHER].text().startswith("9  ")
    assert panel.classification.current.text() == "Chưa phân loại — chọn 1–9"
    pii = [
        panel.classification.pii_list.item(i).text()
        for i in range(panel.classification.pii_list.count())
    ]
    assert pii == ["Số điện thoại: 0912 345 678 — mục 2, ký tự 10–22"]
    # Assignment: the roster and the units, the case's values selected.
    assignment = panel.assignment
    assert assignment.assignee.currentText() == "— Chưa giao —"
    assert assignment.assignee.findText("Lê Văn Hùng — Công an tỉnh Thanh Hóa") > 0
    assert assignment.unit.currentText() == "Công an tỉnh Thanh Hóa"
    assert assignment.status.currentText() == "Mới"
    # Reply: public and private for a comment; public has no window; private counts down.
    reply = panel.reply
    assert list(reply.kind_buttons) == [OutboxKind.PUBLIC_REPLY, OutboxKind.PRIVATE_REPLY]
    assert reply.window_label.text() == "Không giới hạn thời gian"
    reply.kind_buttons[OutboxKind.PRIVATE_REPLY].setChecked(True)
    assert reply.window_label.text().startswith("Còn 6 ngày 23:00:00 để trả lời riêng")
    assert reply.target.currentText().endswith("Cho hỏi làm căn cước ở đâu ạ")
    assert reply.moderation[OutboxKind.HIDE].isVisibleTo(panel)
    assert reply.moderation[OutboxKind.HIDE].isEnabled()
    assert not reply.moderation[OutboxKind.UNHIDE].isEnabled()  # the comment is not hidden


@pytest.mark.asyncio
async def test_keyboard_entry_points(desk: Desk, qtbot: QtBot) -> None:
    panel = await _panel(desk, qtbot, desk.comment)
    await _change(panel, lambda: panel.classify_shortcut(2))
    thread = _thread(desk, desk.comment)
    assert thread.category is CATEGORIES[1] is Category.SCAM_REPORT
    assert thread.category_source is CategorySource.OFFICER and thread.version == 2
    assert panel.classification.current.text() == "Báo lừa đảo (cán bộ Lê Văn Hùng)"
    assert panel.classification.buttons[Category.SCAM_REPORT].isChecked()

    await _change(panel, panel.toggle_urgent)
    assert _thread(desk, desk.comment).urgent
    assert panel.classification.urgent.isChecked() and "⚠ KHẨN CẤP" in panel.header.text()

    await _change(panel, panel.resolve_current)
    assert _thread(desk, desk.comment).status is CaseStatus.RESOLVED
    assert panel.assignment.status.currentText() == "Đã xong"

    panel.activateWindow()
    panel.start_reply()
    await wait_until(lambda: QApplication.focusWidget() is panel.reply.editor)
    panel.start_assign()
    await wait_until(lambda: panel.assignment.assignee.view().isVisible())  # pick, then Enter
    panel.assignment.assignee.hidePopup()
    panel.classify_shortcut(0)  # not a category: nothing happens
    assert _thread(desk, desk.comment).version == 4


@pytest.mark.asyncio
async def test_rapid_changes_by_the_same_officer_are_not_stale(desk: Desk, qtbot: QtBot) -> None:
    panel = await _panel(desk, qtbot, desk.comment)
    notices: list[str] = []
    panel.notice_shown.connect(notices.append)
    panel.classify_shortcut(4)
    panel.classify_shortcut(1)
    panel.toggle_urgent()
    await wait_until(lambda: _thread(desk, desk.comment).version == 4)
    thread = _thread(desk, desk.comment)
    assert thread.category is Category.CRIME_TIP and thread.urgent
    assert notices == []


@pytest.mark.asyncio
async def test_assignment_pane_assigns_and_forwards(desk: Desk, qtbot: QtBot) -> None:
    panel = await _panel(desk, qtbot, desk.comment)
    combo = panel.assignment.assignee
    index = combo.findText("Nguyễn Thị Thu Hà — Công an tỉnh Thanh Hóa")
    await _change(panel, lambda: combo.activated.emit(index))
    thread = _thread(desk, desk.comment)
    assert thread.assignee_id == combo.itemData(index) and thread.status is CaseStatus.IN_PROGRESS
    assert combo.currentIndex() == index

    units = panel.assignment.unit
    samson = units.findText("  Công an TP Sầm Sơn")
    await _change(panel, lambda: units.activated.emit(samson))
    thread = _thread(desk, desk.comment)
    assert thread.assignee_id is None and thread.status is CaseStatus.FORWARDED
    assert panel.assignment.status.currentText() == "Đã chuyển"

    priority = panel.assignment.priority
    await _change(panel, lambda: priority.activated.emit(priority.findText("Cao")))
    assert _thread(desk, desk.comment).priority == 1


@pytest.mark.asyncio
async def test_a_stale_case_is_reloaded_not_overwritten(desk: Desk, qtbot: QtBot) -> None:
    panel = await _panel(desk, qtbot, desk.comment)
    # Another workstation classifies the case meanwhile.
    await desk.service.classify(desk.comment, Category.COMPLAINT, False, 1)
    async with emitted(panel.notice_shown) as notice:
        panel.classify_shortcut(8)
    assert notice == ["Người khác vừa thay đổi vụ việc này: đã tải lại, hãy quyết định lại."]
    assert panel.notice.isVisible()
    await wait_until(lambda: panel.detail is not None and panel.detail.version == 2)
    assert _thread(desk, desk.comment).category is Category.COMPLAINT
    assert panel.classification.buttons[Category.COMPLAINT].isChecked()
    # Deciding again from the reloaded case works.
    await _change(panel, lambda: panel.classify_shortcut(8))
    assert _thread(desk, desk.comment).category is Category.SPAM


@pytest.mark.asyncio
async def test_hide_asks_first_and_quotes_the_comment_as_plain_text(
    desk: Desk, qtbot: QtBot
) -> None:
    panel = await _panel(desk, qtbot, desk.rich)
    panel.hide_current()
    box = panel.confirmation
    assert box is not None and box.isVisible()
    assert box.textFormat() is Qt.TextFormat.PlainText
    assert f"“{RICH}”" in box.text() and box.text().startswith("Ẩn bình luận này trên Facebook?")
    for label in box.findChildren(QLabel):
        if RICH in label.text():
            assert label.textFormat() is Qt.TextFormat.PlainText
    cancel = next(b for b in box.buttons() if b.text() == "Huỷ")
    cancel.click()
    await wait_until(lambda: panel.confirmation is None)
    assert _actions(desk) == []

    panel.hide_current()
    box = panel.confirmation
    assert box is not None
    async with emitted(panel.case_changed):
        next(b for b in box.buttons() if b.text() == "Ẩn").click()
    assert _actions(desk) == [(desk.rich, OutboxKind.HIDE)]
    await wait_until(lambda: panel.reply.action_list.count() == 1)
    shown = panel.reply.action_list.item(0).text()
    assert shown.startswith("Chờ gửi · ") and "Ẩn bình luận" in shown


@pytest.mark.asyncio
async def test_block_and_delete_confirmations(desk: Desk, qtbot: QtBot) -> None:
    panel = await _panel(desk, qtbot, desk.rich)
    panel.reply.moderation[OutboxKind.BLOCK].click()
    box = panel.confirmation
    assert box is not None and box.textFormat() is Qt.TextFormat.PlainText
    assert box.text().startswith(f"Chặn {RICH} khỏi trang “CA tỉnh”?")
    next(b for b in box.buttons() if b.text() == "Huỷ").click()
    await wait_until(lambda: panel.confirmation is None)
    panel.reply.moderation[OutboxKind.DELETE].click()
    box = panel.confirmation
    assert box is not None and "Không thể hoàn tác" in box.text()
    async with emitted(panel.case_changed):
        next(b for b in box.buttons() if b.text() == "Xoá").click()
    assert _actions(desk) == [(desk.rich, OutboxKind.DELETE)]


@pytest.mark.asyncio
async def test_hostile_html_is_plain_text_everywhere(desk: Desk, qtbot: QtBot) -> None:
    panel = await _panel(desk, qtbot, desk.rich)
    # The same citizen has another case, listed with its (hostile) preview.
    other = comment("thêm nữa", minutes=30, author="7000000000000077", author_name=RICH)
    desk.db.write_blocking(lambda s: ingest_items(s, items=[other], search=desk.db.search))
    async with emitted(panel.case_loaded):
        panel.refresh()
    text = panel.thread_pane.text
    assert RICH in text.toPlainText()
    assert "📎 Đính kèm: photo · " + RICH in text.toPlainText()
    html = text.document().toHtml()
    assert "<img" not in html and "<a " not in html and "<b>" not in html
    assert panel.thread_pane.post.text() == f"Bài viết của trang: {RICH}"
    assert panel.thread_pane.others.count() == 1
    assert panel.thread_pane.others.item(0).text().endswith(" — thêm nữa")
    labels = panel.findChildren(QLabel)
    assert labels
    for label in labels:
        assert label.textFormat() is Qt.TextFormat.PlainText, label.text()
    for widget in panel.findChildren(QWidget):
        assert "<" not in widget.toolTip(), widget.objectName()
    # Combo boxes and lists keep citizen text as data, drawn as plain text.
    assert RICH in panel.reply.target.currentText()
    for combo in panel.findChildren(QComboBox):
        for i in range(combo.count()):
            assert "<" not in (combo.itemData(i, Qt.ItemDataRole.ToolTipRole) or "")
    for listing in panel.findChildren(QListWidget):
        for i in range(listing.count()):
            assert not listing.item(i).toolTip()
    for button in panel.findChildren(QAbstractButton):
        assert RICH not in button.text()
    # A failure message quoting hostile text is plain text too.
    panel.reply.editor.setPlainText(RICH)
    desk.clock.now = T0 + timedelta(days=30)
    panel.reply.kind_buttons[OutboxKind.PRIVATE_REPLY].setChecked(True)
    async with emitted(panel.notice_shown):
        panel.reply.send_requested.emit(OutboxKind.PRIVATE_REPLY, RICH, None)
    assert panel.notice.textFormat() is Qt.TextFormat.PlainText


@pytest.mark.asyncio
async def test_a_closed_window_refuses_clearly(desk: Desk, qtbot: QtBot) -> None:
    desk.clock.now = T0 + timedelta(days=8)
    panel = await _panel(desk, qtbot, desk.messenger)
    reply = panel.reply
    assert list(reply.kind_buttons) == [OutboxKind.MESSAGE_REPLY]
    assert reply.window_label.text().startswith("Đã hết hạn trả lời từ ")
    assert reply.window_label.text().endswith("không thể gửi nữa, chờ người dân nhắn lại")
    reply.editor.setPlainText("Chào bạn")
    assert not reply.send.isEnabled()
    async with emitted(panel.notice_shown) as notice:
        reply._send()  # what Ctrl+Enter does
    assert notice[0].startswith("Đã hết hạn trả lời: quá 7 ngày kể từ tin nhắn cuối")
    assert _actions(desk) == []
    assert reply.editor.toPlainText() == "Chào bạn"  # nothing lost
    assert not reply.moderation[OutboxKind.HIDE].isVisibleTo(panel)
    assert reply.moderation[OutboxKind.BLOCK].isVisibleTo(panel)


@pytest.mark.asyncio
async def test_the_countdown_ticks_without_the_database(
    desk: Desk, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    last = T0 + timedelta(minutes=20)
    desk.clock.now = last + timedelta(hours=2)
    panel = await _panel(desk, qtbot, desk.messenger)
    label = panel.reply.window_label
    assert label.text() == "Messenger: còn 22:00:00 (24 giờ từ tin nhắn cuối của người dân)"
    reads: list[str] = []
    real_read = desk.db.read

    def counting(work: Any) -> Any:
        reads.append("read")
        return real_read(work)

    monkeypatch.setattr(desk.db, "read", counting)
    desk.clock.now += timedelta(hours=1, seconds=5)
    await wait_until(lambda: label.text().startswith("Messenger: còn 20:59:55"))
    desk.clock.now = last + timedelta(hours=25)
    await wait_until(lambda: "HUMAN_AGENT" in label.text())
    assert label.text() == (
        "Messenger: quá 24 giờ, gửi với thẻ HUMAN_AGENT; còn 5 ngày 23:00:00 (7 ngày từ tin cuối)"
    )
    desk.clock.now = last + timedelta(days=7, seconds=1)
    await wait_until(lambda: label.text().startswith("Đã hết hạn"))
    assert reads == []


@pytest.mark.asyncio
async def test_reply_with_a_template_is_queued_and_shown(desk: Desk, qtbot: QtBot) -> None:
    panel = await _panel(desk, qtbot, desk.comment)
    await _change(panel, lambda: panel.classify_shortcut(3))  # admin question
    reply = panel.reply
    assert reply.templates.itemText(1) == "Thủ tục hành chính: Cổng dịch vụ công"
    reply.templates.setCurrentIndex(1)
    reply.insert_template.click()
    text = reply.editor.toPlainText()
    assert "https://dichvucong.bocongan.gov.vn" in text and "Công an tỉnh Thanh Hóa" in text
    assert reply.send.isEnabled()
    async with emitted(panel.case_changed):
        reply.send.click()
    assert _actions(desk) == [(desk.comment, OutboxKind.PUBLIC_REPLY)]
    assert reply.editor.toPlainText() == ""
    await wait_until(lambda: reply.action_list.count() == 1)
    assert reply.action_list.item(0).text().startswith("Chờ gửi · ")
    assert "Sẽ được gửi khi đến lượt" in reply.action_list.item(0).text()
    # The queued reply shows at the end of the thread, marked as waiting.
    assert "↳ Trả lời [Chờ gửi]" in panel.thread_pane.text.toPlainText()
    assert panel.notice.text().startswith("Đã đưa vào hàng gửi: Trả lời công khai")


@pytest.mark.asyncio
async def test_drafts_stay_with_their_case(desk: Desk, qtbot: QtBot) -> None:
    panel = await _panel(desk, qtbot, desk.comment)
    panel.reply.editor.setPlainText("nháp cho vụ 1")
    async with emitted(panel.case_loaded):
        panel.show_case(desk.messenger)
    assert panel.reply.editor.toPlainText() == ""
    async with emitted(panel.case_loaded):
        panel.show_case(desk.comment)
    assert panel.reply.editor.toPlainText() == "nháp cho vụ 1"
    count = desk.db.read_blocking(lambda s: s.execute(select(func.count(Thread.id))).scalar_one())
    assert count == 3
    assert _thread(desk, desk.messenger).channel is Channel.FB_MESSAGE


@pytest.mark.asyncio
async def test_the_citizens_other_case_opens_from_the_thread_pane(desk: Desk, qtbot: QtBot) -> None:
    other = comment("lại là tôi", minutes=40, author="7000000000000077", author_name="Khách")
    desk.db.write_blocking(lambda s: ingest_items(s, items=[other], search=desk.db.search))
    panel = await _panel(desk, qtbot, desk.rich)
    listing = panel.thread_pane.others
    assert listing.count() == 1 and listing.isVisibleTo(panel)
    async with emitted(panel.case_loaded) as loaded:
        listing.itemActivated.emit(listing.item(0))
    assert loaded != [desk.rich] and panel.thread_id == loaded[0]
    assert panel.thread_pane.text.toPlainText().endswith("lại là tôi")
    # Back on a case whose citizen has no other case, the list is hidden.
    async with emitted(panel.case_loaded):
        panel.show_case(desk.messenger)
    assert not listing.isVisibleTo(panel)


@pytest.mark.asyncio
async def test_a_crime_tip_is_masked_until_revealed(desk: Desk, qtbot: QtBot) -> None:
    panel = await _panel(desk, qtbot, desk.comment)
    assert not panel.reveal_button.isVisible()
    await _change(panel, lambda: panel.classify_shortcut(1))  # a crime tip: protected
    text = panel.thread_pane.text.toPlainText()
    assert "0912 345 678" not in text and "[SĐT 09" in text
    assert "Người báo tin — " in text and "Nguyễn Văn A" not in text
    assert "🔒 thông tin cá nhân đã che" in panel.header.text()
    pii = panel.classification.pii_list.item(0).text()
    assert pii.startswith("Số điện thoại: [SĐT 09") and pii.endswith("— mục 2")
    assert panel.reveal_button.isVisible()
    async with emitted(panel.case_loaded):
        panel.reveal_button.click()
    assert "gọi em số 0912 345 678 nhé" in panel.thread_pane.text.toPlainText()
    assert "🔓 đang xem thông tin người báo tin" in panel.header.text()
    assert not panel.reveal_button.isVisible()
    assert panel.notice.text().startswith("Đã hiện thông tin người báo tin")
    # Any reload shows it masked again: every unmasked view is a recorded reveal.
    async with emitted(panel.case_loaded):
        panel.refresh()
    assert "0912 345 678" not in panel.thread_pane.text.toPlainText()


@pytest.mark.asyncio
async def test_a_duty_officer_gets_what_his_role_allows(desk: Desk, qtbot: QtBot) -> None:
    officer = desk.db.read_blocking(
        lambda s: s.execute(
            select(Officer.id).where(Officer.username == "demo.trucban")
        ).scalar_one()
    )
    desk.service = CaseService(desk.db, desk.service.outbox, desk.clock, officer_id=officer)
    panel = await _panel(desk, qtbot, desk.comment)
    assignment = panel.assignment
    assert assignment.assignee.isEnabled() and assignment.status.isEnabled()
    assert not assignment.unit.isEnabled() and not assignment.priority.isEnabled()
    assert panel.classification.isEnabled() and panel.reply.editor.isEnabled()
    other = assignment.assignee.findText("Lê Văn Hùng — Công an tỉnh Thanh Hóa")
    async with emitted(panel.notice_shown) as notice:
        assignment.assignee.activated.emit(other)
    assert "không được phép" in notice[0]
    assert _thread(desk, desk.comment).assignee_id is None
    mine = assignment.assignee.findData(officer)
    await _change(panel, lambda: assignment.assignee.activated.emit(mine))
    assert _thread(desk, desk.comment).assignee_id == officer


@pytest.mark.asyncio
async def test_a_closed_private_reply_says_why_for_the_chosen_comment(
    desk: Desk, qtbot: QtBot
) -> None:
    await desk.service.reply(desk.comment, OutboxKind.PRIVATE_REPLY, "Bạn nhắn riêng nhé")
    panel = await _panel(desk, qtbot, desk.comment)
    reply = panel.reply
    reply.kind_buttons[OutboxKind.PRIVATE_REPLY].setChecked(True)
    reply.target.setCurrentIndex(reply.target.findData(panel.detail.case.root_item_id))
    reply.tick()
    assert reply.window_label.text() == (
        "Bình luận này đã được trả lời riêng (mỗi bình luận một lần)"
    )
    other = reply.target.findData(
        next(i.item_id for i in panel.detail.items if i.item_id != panel.detail.case.root_item_id)
    )
    reply.target.setCurrentIndex(other)  # the reply in the thread: still open
    reply.tick()
    assert reply.window_label.text().startswith("Còn ")
    desk.clock.now = T0 + timedelta(days=8)
    reply.tick()
    text = reply.window_label.text()
    assert text.startswith("Đã hết hạn trả lời từ ")
    assert text.endswith("không trả lời riêng được nữa, hãy trả lời công khai")
    assert "chờ người dân nhắn lại" not in text  # that is for messages, not comments
