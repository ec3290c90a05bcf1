"""The inbox model without widgets: lazy paging, the in-flight guard, latest request wins."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from desktop.domain.enums import CaseStatus, Category, Channel
from desktop.services.inbox import InboxCursor, InboxFilter, InboxPage, ThreadRow
from desktop.views.inbox_model import REREAD_CAP, Column, InboxModel, ThreadIdRole, ThreadRowRole
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


def model_tester(model: InboxModel) -> QAbstractItemModelTester:
    """Qt's own check of every signal and answer of the model (failures are Qt warnings)."""
    mode = QAbstractItemModelTester.FailureReportingMode.Warning
    return QAbstractItemModelTester(model, mode, model)


def no_tester_failures(qtlog: Any) -> None:
    failures = [r.message for r in qtlog.records if "FAIL" in r.message]
    assert failures == []


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
        "",
        "",
    ]
    assert model.index(0, Column.PREVIEW).data(ThreadRowRole) is loader.rows[0]
    header = model.headerData(Column.PREVIEW, Qt.Orientation.Horizontal)
    assert header == "Nội dung"
    assert model.columnCount() == 10


# -- refreshing without a reset -----------------------------------------------------------------


class Recorder:
    """Replays the model's row signals on a shadow list of ids and counts them."""

    def __init__(self, model: InboxModel) -> None:
        self.model = model
        self.shadow = ids(model)
        self.events: list[str] = []
        model.rowsAboutToBeRemoved.connect(self._removing)
        model.rowsInserted.connect(self._inserted)
        model.rowsAboutToBeMoved.connect(self._moving)
        model.dataChanged.connect(lambda a, b, *_: self.events.append(f"changed {a.row()}"))
        model.modelReset.connect(lambda: self.events.append("reset"))

    def _removing(self, _parent: QModelIndex, first: int, last: int) -> None:
        self.events.append(f"removed {first}-{last}")
        del self.shadow[first : last + 1]

    def _inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        self.events.append(f"inserted {first}-{last}")
        self.shadow[first:first] = [
            self.model.index(r, 0).data(ThreadIdRole) for r in range(first, last + 1)
        ]

    def _moving(self, _p: QModelIndex, start: int, end: int, _d: QModelIndex, dst: int) -> None:
        self.events.append(f"moved {start} to {dst}")
        block = self.shadow[start : end + 1]
        del self.shadow[start : end + 1]
        at = dst if dst < start else dst - (end - start + 1)
        self.shadow[at:at] = block


class RowsLoader:
    """``InboxService.rows`` over a FakeLoader's rows."""

    def __init__(self, pages: FakeLoader) -> None:
        self.pages = pages
        self.calls: list[list[int]] = []

    async def __call__(self, flt: InboxFilter, thread_ids: Sequence[int]) -> list[ThreadRow]:
        self.calls.append(list(thread_ids))
        await asyncio.sleep(0)
        rows = [
            r
            for r in self.pages.rows
            if r.id in set(thread_ids) and (not flt.urgent_only or r.urgent)
        ]
        return sorted(rows, key=lambda r: r.cursor, reverse=True)


def bump(loader: FakeLoader, thread_id: int, minutes: int, **changes: object) -> None:
    """Give a thread new activity (or other changes) and keep the loader's order."""
    for i, row in enumerate(loader.rows):
        if row.id == thread_id:
            at = T0 + timedelta(minutes=minutes) if minutes else row.last_activity_at
            loader.rows[i] = replace(row, last_activity_at=at, **changes)  # type: ignore[arg-type]
    loader.rows.sort(key=lambda r: r.cursor, reverse=True)


@pytest.mark.asyncio
async def test_refresh_merges_new_moved_changed_and_gone_threads(qtbot: QtBot, qtlog: Any) -> None:
    loader = FakeLoader(25)
    model = InboxModel(loader)
    _tester = model_tester(model)
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())
    assert ids(model) == list(range(25, 15, -1))
    followed = QPersistentModelIndex(model.index(ids(model).index(20), 0))
    recorder = Recorder(model)

    loader.rows += [make_row(101, last_activity_at=T0 + timedelta(minutes=200))]
    loader.rows += [make_row(102, last_activity_at=T0 + timedelta(minutes=201))]
    bump(loader, 20, 300)  # a citizen wrote again: to the top
    bump(loader, 22, 0, status=CaseStatus.IN_PROGRESS)  # an officer took it
    loader.rows = [r for r in loader.rows if r.id != 18]  # left the filter
    loader.rows.sort(key=lambda r: r.cursor, reverse=True)

    async with emitted(model.refreshed):
        model.refresh()
    assert ids(model) == [20, 102, 101, 25, 24, 23, 22, 21, 19, 17, 16]
    assert recorder.shadow == ids(model)
    assert "reset" not in recorder.events
    assert any(e.startswith("moved") for e in recorder.events)
    assert recorder.events[:3] == ["removed 7-7", "moved 5 to 0", "inserted 1-2"]
    assert f"changed {ids(model).index(22)}" in recorder.events
    assert followed.isValid() and followed.row() == 0  # the selection would follow it
    assert model.row_at(ids(model).index(22)).status is CaseStatus.IN_PROGRESS
    assert model.canFetchMore(QModelIndex())  # rows below the old end load on scroll

    async with emitted(model.page_loaded):
        model.fetchMore(QModelIndex())
    assert ids(model)[11:] == list(range(15, 5, -1))

    recorder.events.clear()
    async with emitted(model.refreshed):
        model.refresh()  # nothing changed: no signal at all
    assert recorder.events == []
    no_tester_failures(qtlog)


@pytest.mark.asyncio
async def test_refresh_of_a_short_list_reaches_its_end(qtbot: QtBot) -> None:
    loader = FakeLoader(6)
    model = InboxModel(loader)
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())
    recorder = Recorder(model)
    loader.rows = [r for r in loader.rows if r.id not in {1, 4}]
    loader.rows.insert(0, make_row(50))
    async with emitted(model.refreshed):
        model.refresh()
    assert ids(model) == [50, 6, 5, 3, 2] == recorder.shadow
    assert not model.canFetchMore(QModelIndex())


@pytest.mark.asyncio
async def test_refresh_threads_rereads_only_those(qtbot: QtBot, qtlog: Any) -> None:
    loader = FakeLoader(25)
    for i, row in enumerate(loader.rows):
        loader.rows[i] = replace(row, urgent=row.id % 2 == 1)
    rows = RowsLoader(loader)
    model = InboxModel(loader, rows_loader=rows)
    _tester = model_tester(model)
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter(urgent_only=True))
    assert ids(model) == [25, 23, 21, 19, 17, 15, 13, 11, 9, 7]
    recorder = Recorder(model)

    bump(loader, 17, 0, assignee_id=4, assignee_name="Lê Hùng")  # changed in place
    bump(loader, 21, 0, urgent=False)  # no longer urgent: leaves this filter
    bump(loader, 3, 100)  # not loaded, now newest: comes in at the top
    bump(loader, 5, 0, status=CaseStatus.RESOLVED)  # not loaded and still below: stays out
    async with emitted(model.refreshed):
        model.refresh_threads([17, 21, 3, 5, 10**6])
    assert rows.calls == [[3, 5, 17, 21, 10**6]]
    assert ids(model) == [3, 25, 23, 19, 17, 15, 13, 11, 9, 7] == recorder.shadow
    assert model.row_at(4).assignee_name == "Lê Hùng"
    assert "reset" not in recorder.events

    async with emitted(model.refreshed):
        model.refresh_thread(17)
    assert ids(model) == recorder.shadow and rows.calls[-1] == [17]
    no_tester_failures(qtlog)


@pytest.mark.asyncio
async def test_a_backfill_rereads_only_the_loaded_threads(qtbot: QtBot) -> None:
    """Thousands touched at once (a first sync): the loaded rows are re-read, not all."""
    loader = FakeLoader(30)
    rows = RowsLoader(loader)
    model = InboxModel(loader, rows_loader=rows)
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())
    loaded = set(ids(model))
    bump(loader, 25, 0, assignee_id=4, assignee_name="Lê Hùng")
    async with emitted(model.refreshed):
        model.refresh_threads(range(1, REREAD_CAP + 100))
    assert len(rows.calls) == 1 and set(rows.calls[0]) == loaded & set(range(1, REREAD_CAP + 100))
    assert model.row_at(ids(model).index(25)).assignee_name == "Lê Hùng"


@pytest.mark.asyncio
async def test_refresh_without_a_rows_loader_falls_back_to_the_top(qtbot: QtBot) -> None:
    loader = FakeLoader(5)
    model = InboxModel(loader)
    model.refresh_thread(3)  # inactive: nothing to do
    await asyncio.sleep(0.01)
    assert loader.calls == []
    model.refresh()  # inactive: starts the current filter, as before
    async with emitted(model.page_loaded):
        pass
    bump(loader, 2, 0, status=CaseStatus.FORWARDED)
    async with emitted(model.refreshed):
        model.refresh_thread(2)
    assert model.row_at(ids(model).index(2)).status is CaseStatus.FORWARDED


@pytest.mark.asyncio
async def test_a_filter_change_drops_a_refresh_in_flight(qtbot: QtBot) -> None:
    loader = FakeLoader(12)
    model = InboxModel(loader)
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())
    loader.gate = asyncio.Event()
    loader.rows.insert(0, make_row(99))
    model.refresh()
    await wait_until(lambda: len(loader.calls) == 2)
    merged: list[bool] = []
    model.merged.connect(lambda: merged.append(True))
    model.set_filter(InboxFilter(urgent_only=True))
    loader.gate.set()
    async with emitted(model.page_loaded):
        pass
    assert merged == [] and ids(model) == [] and loader.cancelled == 1


@pytest.mark.asyncio
async def test_refresh_waits_for_a_page_in_flight_and_more_follows(qtbot: QtBot) -> None:
    loader = FakeLoader(30)
    model = InboxModel(loader)
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())
    loader.gate = asyncio.Event()
    model.fetchMore(QModelIndex())
    model.refresh()  # queued behind the page
    await wait_until(lambda: len(loader.calls) == 2)
    assert model.loading
    loader.gate.set()
    async with emitted(model.refreshed):
        pass
    assert ids(model) == list(range(30, 10, -1))
    loader.gate = asyncio.Event()
    model.refresh()
    await wait_until(lambda: len(loader.calls) == 4)
    model.fetchMore(QModelIndex())  # asked during the refresh: done right after it
    loader.gate.set()
    await wait_until(lambda: model.rowCount() == 30)


@pytest.mark.asyncio
async def test_random_merges_signal_every_change_exactly(qtbot: QtBot, qtlog: Any) -> None:
    """Whatever the old and new lists, the signals replay to the same list."""
    rng = random.Random(5)
    loader = FakeLoader(0)
    model = InboxModel(loader, rows_loader=RowsLoader(loader))
    _tester = model_tester(model)
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())
    for _ in range(60):
        old = rng.sample(range(1, 40), rng.randint(0, 25))
        model._merge([make_row(n) for n in old], None, True)
        recorder = Recorder(model)
        keep = [n for n in old if rng.random() < 0.7]
        new = keep + rng.sample([n for n in range(40, 80)], rng.randint(0, 6))
        rng.shuffle(new)
        target = [make_row(n, priority=rng.randint(0, 1)) for n in new]
        model._merge(target, None, True)
        assert ids(model) == new == recorder.shadow
        assert [model.row_at(r) for r in range(model.rowCount())] == target
    no_tester_failures(qtlog)


def test_tooltip_is_escaped_and_the_summary_plain(qtbot: QtBot) -> None:
    model = InboxModel(FakeLoader(0))
    row = make_row(1, last_preview=f"{RICH} 'x' & \"y\"", last_author_name=RICH, urgent=True)
    tip = model.tooltip(row)
    assert tip.startswith("<p style='white-space:pre-wrap'>") and "<b>" not in tip
    doc = QTextDocument()
    doc.setHtml(tip)
    assert f"{RICH} 'x' & \"y\"" in doc.toPlainText() and RICH in doc.toPlainText()
    summary = model.summary(row)
    assert summary.startswith("KHẨN CẤP, chưa đọc, Bình luận Facebook") and RICH in summary


@pytest.mark.asyncio
async def test_a_burst_larger_than_the_reread_restarts_the_list(qtbot: QtBot) -> None:
    loader = FakeLoader(15)
    model = InboxModel(loader, refresh_pages=2)
    async with emitted(model.page_loaded):
        model.set_filter(InboxFilter())
    async with emitted(model.page_loaded):
        model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())
    loader.rows[:0] = [make_row(n) for n in range(300, 250, -1)]  # 50 new threads
    recorder = Recorder(model)
    async with emitted(model.refreshed):
        model.refresh()
    assert ids(model) == list(range(300, 280, -1)) == recorder.shadow
    assert model.canFetchMore(QModelIndex())  # no gap: the rest pages in in order
    while model.canFetchMore(QModelIndex()):
        async with emitted(model.page_loaded):
            model.fetchMore(QModelIndex())
    assert ids(model) == list(range(300, 250, -1)) + list(range(15, 0, -1))
