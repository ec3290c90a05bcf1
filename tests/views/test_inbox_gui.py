"""The inbox and thread pane over a real temporary store, through InboxService."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from desktop.domain.enums import Channel, Direction, ItemKind
from desktop.services.inbox import InboxFilter, InboxService, ItemView
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.models import Thread
from desktop.views.inbox_model import Column, InboxModel, ThreadIdRole
from desktop.views.inbox_view import InboxView
from desktop.views.main_window import MainWindow
from desktop.views.thread_pane import ThreadPane
from tests.factories import T0, comment, message, setup_accounts
from tests.views.helpers import emitted, wait_until

RICH = '<b>x</b><img src="http://evil/x.png">'
COMMENT_THREADS = 90
MESSENGER_THREADS = 20
ZALO_THREADS = 15
THREADS = COMMENT_THREADS + MESSENGER_THREADS + ZALO_THREADS + 1


@dataclass
class Store:
    db: Database
    service: InboxService
    rich_root: str


@pytest.fixture
def store(db: Database) -> Store:
    """126 threads, 344 items: comments with replies, Messenger and Zalo chats, one rich text."""
    setup_accounts(db)
    items: list[Any] = []
    for n in range(COMMENT_THREADS):
        root = comment(f"hỏi làm căn cước số {n}", minutes=n)
        items += [root, comment(f"trả lời {n}", thread=root.external_id, minutes=n + 1)]
    for n in range(MESSENGER_THREADS):
        items += [message(f"tin nhắn {n}.{k}", thread=f"t_{n}", minutes=n + k) for k in range(3)]
    for n in range(ZALO_THREADS):
        items += [
            message(f"zalo {n}.{k}", channel=Channel.ZALO_MESSAGE, thread=f"u{n}", minutes=n + k)
            for k in range(4)
        ]
    rich = comment("bình luận gốc", minutes=500)
    items += [
        rich,
        comment("bị ẩn", thread=rich.external_id, minutes=501, is_hidden=True),
        comment("đã xoá", thread=rich.external_id, minutes=502, is_deleted=True),
        comment(RICH, thread=rich.external_id, minutes=503, author_name=RICH, author="70009"),
    ]
    db.write_blocking(lambda s: ingest_items(s, items=items, search=db.search))
    return Store(db, InboxService(db, page_size=40), rich.external_id)


def workspace(store: Store, qtbot: QtBot) -> tuple[MainWindow, InboxView, ThreadPane]:
    view = InboxView(InboxModel(store.service.page))
    pane = ThreadPane(store.service.thread_items)
    window = MainWindow("/tmp/x.sqlite3", inbox=view, thread_pane=pane)
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    return window, view, pane


@pytest.mark.asyncio
async def test_service_pages_through_every_thread_once(store: Store) -> None:
    service = store.service
    assert await service.count(InboxFilter()) == THREADS
    seen: list[int] = []
    page = await service.page(InboxFilter(), None)
    seen += [r.id for r in page.rows]
    while page.next_cursor is not None:
        page = await service.page(InboxFilter(), page.next_cursor)
        seen += [r.id for r in page.rows]
    assert len(seen) == len(set(seen)) == THREADS
    assert await service.count(InboxFilter(channels=frozenset({Channel.ZALO_MESSAGE}))) == 15


@pytest.mark.asyncio
async def test_thread_items_come_in_time_order_with_their_marks(store: Store) -> None:
    first = await store.service.page(InboxFilter(), None)
    items = await store.service.thread_items(first.rows[0].id)
    assert [i.text for i in items] == ["bình luận gốc", "bị ẩn", "đã xoá", RICH]
    assert [(i.is_hidden, i.is_deleted) for i in items] == [
        (False, False),
        (True, False),
        (False, True),
        (False, False),
    ]
    assert items[0].created_at == T0 + timedelta(minutes=500)
    assert items[-1].author == RICH and items[-1].direction is Direction.INBOUND
    assert await store.service.thread_items(10**9) == []


@pytest.mark.asyncio
async def test_clicking_a_thread_shows_its_items_as_literal_text(
    store: Store, qtbot: QtBot
) -> None:
    window, view, pane = workspace(store, qtbot)
    async with emitted(view.model.page_loaded):
        view.model.set_filter(InboxFilter())
    assert view.model.rowCount() == 40
    preview = view.model.index(0, Column.PREVIEW)
    assert preview.data() == RICH
    assert view.model.index(0, Column.AUTHOR).data() == RICH

    await wait_until(lambda: view.table.visualRect(preview).isValid())
    async with emitted(pane.loaded) as loaded:
        with qtbot.waitSignal(view.thread_selected, timeout=2000) as selected:
            qtbot.mouseClick(
                view.table.viewport(),
                Qt.MouseButton.LeftButton,
                pos=view.table.visualRect(preview).center(),
            )
    assert selected.args == [preview.data(ThreadIdRole)] == loaded
    shown = pane.text.toPlainText()
    assert RICH in shown
    assert "[đã ẩn]\nbị ẩn" in shown
    assert "[đã xoá trên nền tảng]\nđã xoá" in shown
    assert pane.title.textFormat() is Qt.TextFormat.PlainText
    assert "4 mục" in pane.title.text()
    assert window.splitter.widget(0) is view and window.splitter.widget(1) is pane


@pytest.mark.asyncio
async def test_scrolling_down_fetches_the_next_pages(store: Store, qtbot: QtBot) -> None:
    _window, view, _pane = workspace(store, qtbot)
    async with emitted(view.model.page_loaded):
        view.model.set_filter(InboxFilter())
    for _ in range(10):
        if not view.model.canFetchMore(QModelIndex()):
            break
        rows = view.model.rowCount()
        view.table.scrollToBottom()
        await wait_until(lambda rows=rows: view.model.rowCount() > rows)  # type: ignore[misc]
    await wait_until(lambda: not view.model.loading)
    ids = [view.model.index(r, 0).data(ThreadIdRole) for r in range(view.model.rowCount())]
    assert len(ids) == len(set(ids)) == THREADS


@pytest.mark.asyncio
async def test_search_urgent_and_channel_controls_filter_the_inbox(
    store: Store, qtbot: QtBot
) -> None:
    _window, view, _pane = workspace(store, qtbot)
    model = view.model
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())

    async with emitted(model.page_loaded):
        view.search.setText("căn cước số 7")  # debounced: applied a moment later
        assert model.filter.text == ""
    assert model.filter.text == "căn cước số 7"
    assert 0 < model.rowCount() < 40
    previews = {model.index(r, Column.PREVIEW).data() for r in range(model.rowCount())}
    assert all(p.startswith("trả lời 7") for p in previews)

    async with emitted(model.page_loaded):
        view.search.clear()
    store.db.write_blocking(
        lambda s: s.execute(update(Thread).where(Thread.id.in_([3, 5, 8])).values(urgent=True))
    )
    async with emitted(model.page_loaded):
        view.urgent.setChecked(True)
    assert sorted(model.index(r, 0).data(ThreadIdRole) for r in range(model.rowCount())) == [
        3,
        5,
        8,
    ]

    async with emitted(model.page_loaded):
        view.urgent.setChecked(False)
    async with emitted(model.page_loaded):
        view.channel.setCurrentIndex(view.channel.findText("Zalo"))
    assert model.filter.channels == frozenset({Channel.ZALO_MESSAGE})
    assert model.rowCount() == ZALO_THREADS
    assert {model.index(r, Column.CHANNEL).data() for r in range(15)} == {"Zalo"}


@pytest.mark.asyncio
async def test_thread_pane_latest_request_wins(qtbot: QtBot) -> None:
    gate = asyncio.Event()
    cancelled: list[int] = []

    def item(text: str) -> ItemView:
        return ItemView("A", Direction.INBOUND, ItemKind.MESSAGE, text, T0, False, False)

    async def loader(thread_id: int) -> list[ItemView]:
        if thread_id == 1:
            try:
                await gate.wait()
            except asyncio.CancelledError:
                cancelled.append(thread_id)
                raise
        return [item(f"vụ {thread_id}")]

    pane = ThreadPane(loader)
    qtbot.addWidget(pane)
    pane.show_thread(1)
    await asyncio.sleep(0.01)
    async with emitted(pane.loaded) as loaded:
        pane.show_thread(2)
    gate.set()
    await asyncio.sleep(0.02)
    assert loaded == [2] and cancelled == [1]
    assert pane.text.toPlainText().endswith("vụ 2")


def test_items_are_formatted_with_their_marks(qtbot: QtBot) -> None:
    async def never(_thread_id: int) -> list[ItemView]:
        return []

    pane = ThreadPane(never)
    qtbot.addWidget(pane)
    note = ItemView("Lê Hùng", Direction.INTERNAL, ItemKind.NOTE, "gọi lại", T0, False, False)
    reply = ItemView("Trang", Direction.OUTBOUND, ItemKind.REPLY, "đã nhận", T0, True, False)
    assert pane.format_item(note).startswith("▌ GHI CHÚ NỘI BỘ ▌ Lê Hùng — ")
    assert pane.format_item(note).endswith("\ngọi lại")
    assert pane.format_item(reply).startswith("↳ Trả lời: Trang — ")
    assert "[đã ẩn]" in pane.format_item(reply)
