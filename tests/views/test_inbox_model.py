"""The inbox model without widgets: lazy paging, the in-flight guard, latest request wins."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from desktop.domain.enums import CaseStatus, Category, Channel
from desktop.services.inbox import InboxCursor, InboxFilter, InboxPage, ThreadRow
from desktop.views.inbox_model import Column, InboxModel, ThreadIdRole, ThreadRowRole
from desktop.views.labels import short_time
from tests.factories import T0
from tests.views.helpers import emitted, wait_until

PAGE_SIZE = 10
RICH = '<b>x</b><img src="http://evil/x.png">'


def make_row(n: int, **changes: object) -> ThreadRow:
    row = ThreadRow(
        id=n,
        account_id=1,
        account_name="CA tỉnh",
        channel=Channel.FB_COMMENT,
        unit_id=None,
        status=CaseStatus.NEW,
        category=None,
        confidence=None,
        urgent=False,
        priority=0,
        assignee_id=None,
        last_activity_at=T0 + timedelta(minutes=n),
        last_citizen_at=None,
        last_preview=f"nội dung {n}",
        last_author_name="Nguyễn Văn A",
        item_count=1,
        unread=True,
        version=1,
    )
    return replace(row, **changes) if changes else row  # type: ignore[arg-type]


class FakeLoader:
    """Serves newest-first pages of ``rows``; with ``gate`` set, each call waits for it."""

    def __init__(self, count: int) -> None:
        self.rows = [make_row(n) for n in range(count, 0, -1)]
        self.calls: list[tuple[InboxFilter, InboxCursor | None]] = []
        self.cancelled = 0
        self.gate: asyncio.Event | None = None

    async def __call__(self, flt: InboxFilter, after: InboxCursor | None) -> InboxPage:
        self.calls.append((flt, after))
        try:
            if self.gate is not None:
                await self.gate.wait()
            else:
                await asyncio.sleep(0)
        except asyncio.CancelledError:
            self.cancelled += 1
            raise
        rows = [r for r in self.rows if not flt.urgent_only or r.urgent]
        if after is not None:
            rows = [r for r in rows if r.cursor < after]
        page = rows[:PAGE_SIZE]
        more = len(rows) > PAGE_SIZE
        return InboxPage(page, page[-1].cursor if more else None)


def ids(model: InboxModel) -> list[int]:
    return [model.index(r, 0).data(ThreadIdRole) for r in range(model.rowCount())]


@pytest.mark.asyncio
async def test_model_is_idle_until_a_filter_is_set(qtbot: QtBot) -> None:
    loader = FakeLoader(25)
    model = InboxModel(loader)
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    await asyncio.sleep(0.01)
    assert loader.calls == [] and model.rowCount() == 0


@pytest.mark.asyncio
async def test_pages_load_lazily_once_each_without_duplicates(qtbot: QtBot) -> None:
    loader = FakeLoader(25)
    model = InboxModel(loader)
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())
    assert ids(model) == list(range(25, 15, -1))
    assert model.canFetchMore(QModelIndex())

    loader.gate = asyncio.Event()
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # in flight: ignored
    await wait_until(lambda: len(loader.calls) == 2)
    await asyncio.sleep(0.02)
    assert len(loader.calls) == 2 and model.loading
    async with emitted(model.page_loaded):
        loader.gate.set()
    assert ids(model) == list(range(25, 5, -1))
    assert loader.calls[1][1] == make_row(16).cursor

    loader.gate = None
    async with emitted(model.page_loaded):
        model.fetchMore(QModelIndex())
    assert ids(model) == list(range(25, 0, -1))
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    await asyncio.sleep(0.02)
    assert len(loader.calls) == 3
    assert len(set(ids(model))) == 25


@pytest.mark.asyncio
async def test_rows_already_shown_are_not_inserted_twice(qtbot: QtBot) -> None:
    loader = FakeLoader(15)
    model = InboxModel(loader)
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())
    loader.rows.insert(10, make_row(14))  # a thread that moved while the officer scrolled
    async with emitted(model.page_loaded):
        model.fetchMore(QModelIndex())
    assert ids(model) == list(range(15, 0, -1))


@pytest.mark.asyncio
async def test_filter_change_cancels_the_load_in_flight_and_resets(qtbot: QtBot) -> None:
    loader = FakeLoader(30)
    for i, row in enumerate(loader.rows):
        loader.rows[i] = replace(row, urgent=row.id % 3 == 0)
    model = InboxModel(loader)
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())
    loader.gate = asyncio.Event()
    model.fetchMore(QModelIndex())
    await wait_until(lambda: len(loader.calls) == 2)

    async with emitted(model.modelReset):
        model.set_filter(InboxFilter(urgent_only=True))
    assert model.rowCount() == 0
    await wait_until(lambda: loader.cancelled == 1)
    async with emitted(model.page_loaded):
        loader.gate.set()
    assert ids(model) == list(range(30, 0, -3))
    assert all(model.index(r, 0).data(ThreadRowRole).urgent for r in range(model.rowCount()))
    assert loader.calls[-1] == (InboxFilter(urgent_only=True), None)


@pytest.mark.asyncio
async def test_a_stale_result_is_ignored_even_if_it_arrives(qtbot: QtBot) -> None:
    loader = FakeLoader(12)
    model = InboxModel(loader)
    model.set_filter(InboxFilter())
    model.refresh()  # before the first load finished: the first one must not apply
    async with emitted(model.page_loaded):
        pass
    await asyncio.sleep(0.02)
    assert ids(model) == list(range(12, 2, -1))


@pytest.mark.asyncio
async def test_a_failed_load_is_reported_and_can_be_retried(qtbot: QtBot) -> None:
    loader = FakeLoader(5)
    failures = [RuntimeError("đĩa hỏng")]

    async def flaky(flt: InboxFilter, after: InboxCursor | None) -> InboxPage:
        if failures:
            raise failures.pop()
        return await loader(flt, after)

    model = InboxModel(flaky)
    async with emitted(model.load_failed) as blocker:
        model.set_filter(InboxFilter())
    assert blocker == ["đĩa hỏng"]
    assert not model.loading and model.canFetchMore(QModelIndex())
    async with emitted(model.page_loaded):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 5


@pytest.mark.asyncio
async def test_columns_show_plain_data(qtbot: QtBot) -> None:
    loader = FakeLoader(0)
    loader.rows = [
        make_row(
            7,
            channel=Channel.ZALO_MESSAGE,
            category=Category.SCAM_REPORT,
            urgent=True,
            status=CaseStatus.IN_PROGRESS,
            last_preview=f"{RICH}\ndòng thứ hai",
            last_author_name=RICH,
        )
    ]
    model = InboxModel(loader)
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())
    shown = [model.index(0, c).data() for c in Column]
    assert shown == [
        "Zalo",
        "CA tỉnh",
        RICH,
        RICH,
        "Báo lừa đảo",
        "Khẩn",
        "Đang xử lý",
        short_time(T0 + timedelta(minutes=7)),
    ]
    assert model.index(0, Column.PREVIEW).data(ThreadRowRole) is loader.rows[0]
    header = model.headerData(Column.PREVIEW, Qt.Orientation.Horizontal)
    assert header == "Nội dung"
    assert model.columnCount() == 8
