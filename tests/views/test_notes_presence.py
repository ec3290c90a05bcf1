"""Internal notes and @mentions in the case panel, the "Nhắc đến tôi" button, the collision
indicator between two workstations, and the SLA line of the case."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.enums import CaseStatus
from desktop.store.database import Database
from desktop.store.presence import PresenceRow
from desktop.views.presence_bar import PresenceBar
from tests.views.duty_desk import PAYLOAD, PHONE, DutyDesk, build_desk, show
from tests.views.helpers import emitted, wait_until


@pytest.fixture
def desk(db: Database) -> DutyDesk:
    return build_desk(db)


@pytest.mark.asyncio
async def test_a_note_with_mentions_is_saved_and_shown_literally(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    tid = desk.cases["question"]
    panel = desk.panel(qtbot, "duty")
    await show(panel, tid)
    notes = panel.notes_pane
    assert notes is not None and notes.editor.isEnabled() and not notes.save.isEnabled()
    notes.editor.setPlainText(f"@leader @khongco xem giúp: {PAYLOAD}")
    assert notes.save.isEnabled()
    async with emitted(panel.case_changed):
        notes.save.click()
    await wait_until(lambda: "GHI CHÚ NỘI BỘ" in panel.thread_pane.text.toPlainText())
    assert notes.editor.toPlainText() == ""
    text = panel.thread_pane.text.toPlainText()
    assert f"@leader @khongco xem giúp: {PAYLOAD}" in text
    assert "▌ GHI CHÚ NỘI BỘ ▌ Duty — " in text
    assert panel.notice.text() == (
        "Đã lưu ghi chú nội bộ. Đã nhắc 1 cán bộ. Không có cán bộ: @khongco."
    )
    # The leader's "Nhắc đến tôi" lists it; opening it shows the case and marks it seen.
    leader = desk.panel(qtbot, "leader", workstation="PC-2")
    mentions = leader.mentions
    assert mentions is not None
    mentions.refresh()
    await wait_until(lambda: len(mentions.mentions) == 1)
    assert mentions.text() == "@ Nhắc đến tôi (1)"
    (action,) = mentions.list_menu.actions()
    assert action.text().startswith(f"#{tid} · Duty · ")
    assert action.text().endswith(f"@leader @khongco xem giúp: {PAYLOAD}".replace("&", "&&"))
    async with emitted(leader.case_loaded) as loaded:
        action.trigger()
    assert loaded == [tid]
    await wait_until(lambda: not mentions.mentions)
    assert mentions.text() == "@ Nhắc đến tôi (0)"


@pytest.mark.asyncio
async def test_at_completes_usernames(desk: DutyDesk, qtbot: QtBot) -> None:
    panel = desk.panel(qtbot, "duty")
    await show(panel, desk.cases["question"])
    notes = panel.notes_pane
    assert notes is not None
    editor = notes.editor
    panel.activateWindow()
    editor.setFocus()
    qtbot.keyClicks(editor, "nho @ss_d")  # QTest types ASCII only
    assert editor.mention_prefix() == "ss_d"
    popup = editor.completer.popup()
    assert popup is not None
    await wait_until(popup.isVisible)
    shown = [
        editor.completer.completionModel().index(r, 0).data()
        for r in range(editor.completer.completionCount())
    ]
    assert shown == ["ss_duty — Ss Duty", "ss_duty2 — Ss Duty2"]
    editor.insert_completion(shown[1])
    assert editor.toPlainText() == "nho @ss_duty2 "
    assert not popup.isVisible() and editor.mention_prefix() is None
    qtbot.keyClicks(editor, "va email a@b")  # not a mention
    assert editor.mention_prefix() is None


@pytest.mark.asyncio
async def test_a_crime_tips_note_is_masked_for_the_unassigned(desk: DutyDesk, qtbot: QtBot) -> None:
    tid = desk.cases["tip"]
    writer = desk.panel(qtbot, "leader")
    await show(writer, tid)
    assert writer.notes_pane is not None
    writer.notes_pane.editor.setPlainText(f"@duty người báo tin gọi {PHONE}")
    async with emitted(writer.case_changed):
        writer.notes_pane.save.click()
    reader = desk.panel(qtbot, "duty", workstation="PC-2")
    mentions = reader.mentions
    assert mentions is not None
    mentions.refresh()
    await wait_until(lambda: len(mentions.mentions) == 1)
    (action,) = mentions.list_menu.actions()
    assert action.text().endswith("@duty người báo tin gọi [SĐT 09••••••••]")
    await show(reader, tid)
    text = reader.thread_pane.text.toPlainText()
    assert "GHI CHÚ NỘI BỘ" in text and PHONE not in text
    await wait_until(lambda: not mentions.mentions)  # opening the case marked it seen


@pytest.mark.asyncio
async def test_two_workstations_see_each_other(desk: DutyDesk, qtbot: QtBot) -> None:
    tid = desk.cases["question"]
    first = desk.panel(qtbot, "duty", workstation="PC-1")
    second = desk.panel(qtbot, "leader", workstation="PC-2")
    await show(first, tid)
    bar = first.presence_bar
    assert bar is not None and not bar.isVisibleTo(first)
    await show(second, tid)
    await wait_until(lambda: bar.isVisibleTo(first))
    assert bar.label.text() == "👁 Đ/c Leader đang mở vụ này"
    assert second.presence_bar is not None
    await wait_until(lambda: second.presence_bar.label.text() == "👁 Đ/c Duty đang mở vụ này")  # type: ignore[union-attr]
    # The leader starts writing a reply: told at once, and when he empties the editor.
    qtbot.keyClicks(second.reply.editor, "Chao ban")
    await wait_until(lambda: bar.label.text() == "✍ Đ/c Leader đang soạn trả lời")
    second.reply.editor.clear()
    await wait_until(lambda: bar.label.text() == "👁 Đ/c Leader đang mở vụ này")
    # He moves to another case: gone from the first one.
    await show(second, desk.cases["tip"])
    await wait_until(lambda: not bar.isVisibleTo(first))
    # The first officer closes his panel: the leader, back on the case, sees nobody.
    first.shutdown()
    await show(second, tid)
    await asyncio.sleep(0.2)
    assert not second.presence_bar.isVisibleTo(second)  # type: ignore[union-attr]


class _SlowPresence:
    """A presence service whose beat waits until released: the panel must not wait for it."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.beats: list[tuple[int, bool]] = []
        self.left: list[int | None] = []

    @property
    def heartbeat_interval(self) -> timedelta:
        return timedelta(seconds=15)

    async def beat(
        self, actor_id: int, thread_id: int, *, replying: bool = False
    ) -> list[PresenceRow]:
        self.beats.append((thread_id, replying))
        await self.release.wait()
        return []

    async def others(self, actor_id: int, thread_id: int) -> list[PresenceRow]:
        await self.release.wait()
        return []

    async def leave(self, actor_id: int, thread_id: int | None = None) -> None:
        self.left.append(thread_id)


@pytest.mark.asyncio
async def test_presence_never_blocks_and_never_doubles_a_call(desk: DutyDesk, qtbot: QtBot) -> None:
    slow = _SlowPresence()
    bar = PresenceBar(slow, desk.officer("duty"), poll_ms=10)
    qtbot.addWidget(bar)
    bar.set_case(1)
    bar.set_replying(True)  # while the first beat is still out: sent after it
    bar.set_replying(False)
    await asyncio.sleep(0.1)  # polls are skipped while a beat is out
    assert slow.beats == [(1, False)]
    slow.release.set()
    await wait_until(lambda: len(slow.beats) == 2)
    assert slow.beats[1] == (1, False)
    bar.set_case(2)
    await wait_until(lambda: slow.left == [1] and slow.beats[-1] == (2, False))
    bar.shutdown()
    await wait_until(lambda: slow.left == [1, 2])


@pytest.mark.asyncio
async def test_the_sla_line_counts_down_and_stops_when_resolved(
    desk: DutyDesk, qtbot: QtBot
) -> None:
    tid = desk.cases["question"]  # admin question: 4 h to the first response, 2 days to resolve
    panel = desk.panel(qtbot, "duty")
    await show(panel, tid)
    assert panel.sla_label.isVisibleTo(panel)
    assert panel.sla_label.text() == "Phản hồi đầu: còn 3 giờ · Giải quyết: còn 47 giờ"
    desk.clock.now += timedelta(hours=4)
    panel._tick_sla()  # what the timer does
    assert panel.sla_label.text().startswith("Phản hồi đầu: quá hạn 10 phút · ")
    assert "#b3261e" in panel.sla_label.styleSheet()
    async with emitted(panel.case_changed):
        panel.resolve_current()
    await wait_until(lambda: panel.sla_clock is not None and not panel.sla_clock.running)
    thread = desk.thread(tid)
    assert thread.status is CaseStatus.RESOLVED and thread.resolved_at == desk.clock.now
    assert panel.sla_label.text() == (
        "Phản hồi đầu: không có (đã dừng) · Giải quyết: đã dừng, mất 4 giờ (đúng hạn)"
    )
    # Reopening through the status chooser starts a new period.
    status = panel.assignment.status
    async with emitted(panel.case_changed):
        status.activated.emit(status.findData(CaseStatus.REOPENED))
    await wait_until(lambda: panel.sla_clock is not None and panel.sla_clock.running)
    assert desk.thread(tid).sla_clock_at == desk.clock.now
    assert panel.sla_label.text().startswith("Phản hồi đầu: còn 4 giờ · ")


def test_plain_text_everywhere(desk: DutyDesk, qtbot: QtBot) -> None:
    """The labels that show officers' names or texts never guess rich text."""
    bar = PresenceBar(desk.presence("PC-9"), desk.officer("duty"))
    qtbot.addWidget(bar)
    assert bar.label.textFormat() == Qt.TextFormat.PlainText
