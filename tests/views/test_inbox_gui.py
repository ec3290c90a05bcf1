"""The inbox widget over a real temporary store, through InboxService: list, keyboard, refreshes
that keep the officer's place, saved views with counts, the filter panel."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QSplitter
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from desktop.domain.enums import CaseStatus, Channel, Direction, ItemKind
from desktop.services.inbox import InboxFilter, InboxService, ItemView
from desktop.services.saved_views import OPEN_STATUSES, SavedViewStore
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.models import Officer, Thread, Unit
from desktop.views.inbox_model import Column, InboxModel, ThreadIdRole
from desktop.views.inbox_view import InboxView
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
    officer: int


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

    def officer(session: Any) -> int:
        row = Officer(username="hung", display_name="Lê Hùng", role="duty_officer")
        session.add(row)
        session.flush()
        return row.id

    return Store(db, InboxService(db, page_size=40), rich.external_id, db.write_blocking(officer))


def inbox(store: Store, qtbot: QtBot, **kw: Any) -> InboxView:
    service = store.service
    view = InboxView(InboxModel(service.page, rows_loader=service.rows), **kw)
    qtbot.addWidget(view)
    view.resize(760, 700)
    view.show()
    return view


def full_inbox(store: Store, qtbot: QtBot, path: Path) -> InboxView:
    s = store.service
    return inbox(
        store,
        qtbot,
        saved_views=SavedViewStore(path),
        officer_id=store.officer,
        counter=s.counts,
        units=s.units,
        accounts=s.accounts,
        officers=s.officers,
    )


def ids(view: InboxView) -> list[int]:
    return [view.model.index(r, 0).data(ThreadIdRole) for r in range(view.model.rowCount())]


def write(store: Store, work: Any) -> Any:
    return store.db.write_blocking(work)


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
    assert await service.counts([InboxFilter(), InboxFilter(urgent_only=True)]) == [THREADS, 0]
    assert [r.id for r in await service.rows(InboxFilter(), [seen[3], seen[1]])] == [
        seen[1],
        seen[3],
    ]
    assert await service.rows(InboxFilter(), []) == []


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
    view = InboxView(InboxModel(store.service.page))  # the constructor as before
    pane = ThreadPane(store.service.thread_items)
    split = QSplitter()
    split.addWidget(view)
    split.addWidget(pane)
    view.thread_selected.connect(pane.show_thread)
    qtbot.addWidget(split)
    split.resize(1200, 700)
    split.show()
    async with emitted(view.model.page_loaded):
        view.model.set_filter(InboxFilter())
    assert view.model.rowCount() == 40
    preview = view.model.index(0, Column.PREVIEW)
    assert preview.data() == RICH
    assert view.model.index(0, Column.AUTHOR).data() == RICH

    await wait_until(lambda: view.list.visualRect(view.model.index(0, 0)).isValid())
    async with emitted(pane.loaded) as loaded:
        with qtbot.waitSignal(view.thread_selected, timeout=2000) as selected:
            qtbot.mouseClick(
                view.list.viewport(),
                Qt.MouseButton.LeftButton,
                pos=view.list.visualRect(view.model.index(0, 0)).center(),
            )
    assert selected.args == [preview.data(ThreadIdRole)] == loaded
    assert view.current_thread_id() == loaded[0]
    shown = pane.text.toPlainText()
    assert RICH in shown
    assert "bị ẩn" in shown and "đã xoá" in shown


@pytest.mark.asyncio
async def test_scrolling_down_fetches_the_next_pages(store: Store, qtbot: QtBot) -> None:
    view = inbox(store, qtbot)
    async with emitted(view.model.page_loaded):
        view.model.set_filter(InboxFilter())
    for _ in range(10):
        if not view.model.canFetchMore(QModelIndex()):
            break
        rows = view.model.rowCount()
        view.list.scrollToBottom()
        await wait_until(lambda rows=rows: view.model.rowCount() > rows)  # type: ignore[misc]
    await wait_until(lambda: not view.model.loading)
    assert len(ids(view)) == len(set(ids(view))) == THREADS


@pytest.mark.asyncio
async def test_search_urgent_and_channel_controls_filter_the_inbox(
    store: Store, qtbot: QtBot
) -> None:
    view = inbox(store, qtbot)
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
        view.search.setText("can cuoc so 7")  # without diacritics, applied at once
        view.apply_filter()
    assert {model.index(r, Column.PREVIEW).data() for r in range(model.rowCount())} == previews

    async with emitted(model.page_loaded):
        view.search.clear()
    write(
        store,
        lambda s: s.execute(update(Thread).where(Thread.id.in_([3, 5, 8])).values(urgent=True)),
    )
    async with emitted(model.page_loaded):
        view.urgent.setChecked(True)
    assert sorted(ids(view)) == [3, 5, 8]

    async with emitted(model.page_loaded):
        view.urgent.setChecked(False)
    async with emitted(model.page_loaded):
        view.channel.setCurrentIndex(view.channel.findText("Zalo"))
    assert model.filter.channels == frozenset({Channel.ZALO_MESSAGE})
    assert model.rowCount() == ZALO_THREADS
    assert {model.index(r, Column.CHANNEL).data() for r in range(15)} == {"Zalo"}


@pytest.mark.asyncio
async def test_keyboard_moves_the_selection_and_enter_opens(store: Store, qtbot: QtBot) -> None:
    view = inbox(store, qtbot)
    async with emitted(view.model.page_loaded):
        view.model.set_filter(InboxFilter())
    order = ids(view)
    selected: list[int] = []
    opened: list[int] = []
    view.thread_selected.connect(selected.append)
    view.thread_opened.connect(opened.append)
    view.focus_list()
    assert view.current_thread_id() is None
    qtbot.keyClick(view.list, Qt.Key.Key_J)
    qtbot.keyClick(view.list, Qt.Key.Key_J)
    qtbot.keyClick(view.list, Qt.Key.Key_K)
    qtbot.keyClick(view.list, Qt.Key.Key_Down)
    qtbot.keyClick(view.list, Qt.Key.Key_Down)
    assert selected == [order[0], order[1], order[0], order[1], order[2]]
    qtbot.keyClick(view.list, Qt.Key.Key_Return)
    assert opened == [order[2]] and view.current_thread_id() == order[2]
    view.select_previous()
    assert view.current_thread_id() == order[1]

    view.select_row(view.model.rowCount() - 1)
    async with emitted(view.model.page_loaded):
        view.select_next()  # at the last loaded row: the next page comes
    view.select_next()
    assert view.current_thread_id() == ids(view)[40]

    view.search.setText("abc")
    view.focus_search()
    assert view.search.hasFocus() and view.search.selectedText() == "abc"


@pytest.mark.asyncio
async def test_a_sync_pass_keeps_the_selection_and_the_scroll_position(
    store: Store, qtbot: QtBot
) -> None:
    view = inbox(store, qtbot)
    model = view.model
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())
    chosen = ids(view)[25]
    view.select_thread(chosen)
    view.list.scrollTo(model.index(20, 0), view.list.ScrollHint.PositionAtTop)
    await asyncio.sleep(0.05)
    top_before = view.list.indexAt(QPoint(1, 1)).data(ThreadIdRole)
    assert view.list.verticalScrollBar().value() > 0
    switched: list[int] = []
    view.thread_selected.connect(switched.append)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    moved = ids(view)[30]
    new = [comment(f"tin mới {n}", minutes=900 + n) for n in range(3)]
    root = write(store, lambda s: s.get(Thread, moved).external_id)
    again = [comment("viết thêm", thread=root, minutes=950)]
    result = write(store, lambda s: ingest_items(s, items=new + again, search=store.db.search))
    async with emitted(model.refreshed):
        view.sync_pass_done(result.new_thread_ids | {moved})
    await wait_until(lambda: not model.loading)
    await asyncio.sleep(0.05)

    assert ids(view)[0] == moved and set(ids(view)[1:4]) == set(result.new_thread_ids)
    assert switched == [] and resets == []
    assert view.current_thread_id() == chosen
    assert view.list.indexAt(QPoint(1, 1)).data(ThreadIdRole) == top_before


@pytest.mark.asyncio
async def test_a_case_leaving_the_filter_is_removed_without_switching(
    store: Store, qtbot: QtBot
) -> None:
    view = inbox(store, qtbot)
    model = view.model
    write(store, lambda s: s.execute(update(Thread).values(urgent=True)))
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter(urgent_only=True))
    chosen = ids(view)[2]
    view.select_thread(chosen)
    switched: list[int] = []
    view.thread_selected.connect(switched.append)
    write(
        store, lambda s: s.execute(update(Thread).where(Thread.id == chosen).values(urgent=False))
    )
    async with emitted(model.refreshed):
        view.refresh_thread(chosen)  # CasePanel.case_changed
    assert chosen not in ids(view) and model.rowCount() == 39
    assert switched == [] and view.current_thread_id() is None
    write(store, lambda s: s.execute(update(Thread).where(Thread.id == chosen).values(urgent=True)))
    async with emitted(model.refreshed):
        view.refresh_thread(chosen)
    assert ids(view)[2] == chosen


@pytest.mark.asyncio
async def test_views_with_counts_persist_between_runs(
    store: Store, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "views.json"
    ids_ = write(store, lambda s: [i for (i,) in s.execute(select(Thread.id).order_by(Thread.id))])
    write(
        store,
        lambda s: s.execute(
            update(Thread)
            .where(Thread.id.in_(ids_[:4]))
            .values(urgent=True, assignee_id=store.officer, status=CaseStatus.IN_PROGRESS)
        ),
    )
    write(
        store,
        lambda s: s.execute(
            update(Thread).where(Thread.id == ids_[0]).values(status=CaseStatus.RESOLVED)
        ),
    )
    view = full_inbox(store, qtbot, path)
    bar = view.filters
    tabs = [bar.views.tabText(i) for i in range(bar.views.count())]
    assert tabs == ["Tất cả", "Khẩn cấp", "Chưa phân loại", "Của tôi", "Chưa giao", "Đang mở"]
    async with emitted(bar.counts_changed):
        view.activate()
    await wait_until(lambda: bar.count_of("open") is not None)
    await wait_until(lambda: not bar.counting)
    tabs = [bar.views.tabText(i) for i in range(bar.views.count())]
    assert tabs == [
        f"Tất cả ({THREADS})",
        "Khẩn cấp (3)",
        f"Chưa phân loại ({THREADS})",
        "Của tôi (3)",
        f"Chưa giao ({THREADS - 4})",
        f"Đang mở ({THREADS - 1})",
    ]
    assert bar.total.text() == f"{THREADS} vụ việc"

    async with emitted(view.model.page_loaded):
        bar.apply_view("mine")
    assert view.model.filter == InboxFilter(
        assignee_ids=frozenset({store.officer}), statuses=OPEN_STATUSES
    )
    assert sorted(ids(view)) == ids_[1:4]
    async with emitted(view.model.page_loaded):
        view.channel.setCurrentIndex(view.channel.findData(Channel.FB_COMMENT.value))
    assert bar.views.tabText(3).endswith(" *")  # changed since chosen
    bar.save_current_as("Bình luận của tôi")
    assert bar.views.tabText(bar.views.currentIndex()).startswith("Bình luận của tôi")
    await wait_until(lambda: not bar.counting)

    again = full_inbox(store, qtbot, path)  # the next run
    names = [again.filters.views.tabText(i) for i in range(again.filters.views.count())]
    assert names[-1] == "Bình luận của tôi"
    assert again.filters.current_view() is not None
    assert again.filters.current_view().name == "Bình luận của tôi"  # type: ignore[union-attr]
    async with emitted(again.model.page_loaded):
        again.activate()
    assert again.model.filter.channels == frozenset({Channel.FB_COMMENT})
    assert again.model.filter.assignee_ids == frozenset({store.officer})
    assert again.filters.delete_view.isEnabled()
    async with emitted(again.model.page_loaded):
        again.filters.delete_view.click()
    assert again.filters.views.count() == 6 and again.model.filter == InboxFilter()
    assert "Bình luận của tôi" not in path.read_text(encoding="utf-8")


@pytest.mark.asyncio
async def test_filter_panel_units_officers_categories_and_dates(
    store: Store, qtbot: QtBot, tmp_path: Path
) -> None:
    view = full_inbox(store, qtbot, tmp_path / "views.json")
    bar = view.filters
    async with emitted(view.model.page_loaded):
        view.activate()
    await wait_until(lambda: bar.scope.count() > 1 and bar.assignee.count() > 3)
    samson = write(
        store,
        lambda s: s.execute(select(Unit.id).where(Unit.code == "TH-SAMSON")).scalar_one(),
    )
    bar.more.setChecked(True)
    assert bar.panel.isVisible() and not bar.since.isVisible()

    async with emitted(view.model.page_loaded):
        bar.scope.setCurrentIndex(bar.scope.findData(f"u:{samson}"))
    assert samson in view.model.filter.unit_ids and len(view.model.filter.unit_ids) == 3
    async with emitted(view.model.page_loaded):
        bar.scope.setCurrentIndex(0)

    assert [bar.assignee.itemText(i) for i in range(4)] == [
        "Mọi người",
        "Của tôi",
        "Chưa giao",
        "Lê Hùng",
    ]
    async with emitted(view.model.page_loaded):
        bar.assignee.setCurrentIndex(1)
    assert view.model.filter.assignee_ids == frozenset({store.officer})
    async with emitted(view.model.page_loaded):
        bar.assignee.setCurrentIndex(2)
    assert view.model.filter.unassigned and view.model.rowCount() == 40
    async with emitted(view.model.page_loaded):
        bar.category.setCurrentIndex(bar.category.findData("unclassified"))
    assert view.model.filter.unclassified and not view.model.filter.categories
    async with emitted(view.model.page_loaded):
        bar.status.setCurrentIndex(bar.status.findData("open"))
    assert view.model.filter.statuses == OPEN_STATUSES

    async with emitted(view.model.page_loaded):
        bar.period.setCurrentIndex(bar.period.findData("custom"))
    assert bar.since.isVisible() and bar.until.isVisible()
    async with emitted(view.model.page_loaded):
        bar.since.setDate(bar.since.date().fromString("01/11/2026", "dd/MM/yyyy"))
    async with emitted(view.model.page_loaded):
        bar.until.setDate(bar.until.date().fromString("01/11/2026", "dd/MM/yyyy"))
    flt = view.model.filter
    assert flt.since is not None and flt.until is not None
    assert flt.until - flt.since == timedelta(days=1)
    assert flt.since <= T0 < flt.until and view.model.rowCount() == 40

    async with emitted(view.model.page_loaded):
        bar.reset.click()
    assert view.model.filter == InboxFilter() and bar.assignee.currentIndex() == 0


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
