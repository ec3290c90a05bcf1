"""Saved inbox views: built-ins, turning a view into a store filter, the JSON file."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from desktop.domain.enums import CaseStatus, Category, Channel
from desktop.services.saved_views import (
    OPEN_STATUSES,
    Assignee,
    Period,
    SavedViewsState,
    SavedViewStore,
    StatusChoice,
    ViewSpec,
    all_views,
    builtin_views,
    find_view,
    new_view,
    spec_from_json,
    spec_to_json,
    to_filter,
    with_view,
    without_view,
)
from desktop.store.inbox import InboxFilter

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=UTC)
HANOI = timezone(timedelta(hours=7))


def flt(spec: ViewSpec, officer_id: int | None = 7, **kw: object) -> InboxFilter:
    return to_filter(spec, officer_id=officer_id, now=NOW, tz=HANOI, **kw)  # type: ignore[arg-type]


def test_builtin_views_and_their_filters() -> None:
    views = {v.key: v for v in builtin_views(officer_id=7)}
    assert [v.name for v in views.values()] == [
        "Tất cả",
        "Khẩn cấp",
        "Chưa phân loại",
        "Của tôi",
        "Chưa giao",
        "Đang mở",
    ]
    assert all(v.builtin for v in views.values())
    assert flt(views["all"].spec) == InboxFilter()
    assert flt(views["urgent"].spec) == InboxFilter(urgent_only=True, statuses=OPEN_STATUSES)
    assert flt(views["unclassified"].spec) == InboxFilter(unclassified=True)
    assert flt(views["mine"].spec) == InboxFilter(
        assignee_ids=frozenset({7}), statuses=OPEN_STATUSES
    )
    assert flt(views["unassigned"].spec) == InboxFilter(unassigned=True, statuses=OPEN_STATUSES)
    assert flt(views["open"].spec) == InboxFilter(statuses=OPEN_STATUSES)
    assert CaseStatus.RESOLVED not in OPEN_STATUSES and len(OPEN_STATUSES) == 4


def test_mine_without_a_known_officer_is_hidden_and_never_everyones() -> None:
    assert "mine" not in {v.key for v in builtin_views(officer_id=None)}
    mine = flt(ViewSpec(assignee=Assignee.MINE), officer_id=None)
    assert mine.assignee_ids == frozenset({-1}) and not mine.unassigned


def test_each_control_maps_to_the_filter() -> None:
    subtrees = {3: frozenset({3, 30, 31})}
    spec = ViewSpec(
        unit_id=3,
        channel=Channel.ZALO_MESSAGE,
        category=Category.CRIME_TIP,
        status=CaseStatus.FORWARDED,
        assignee=Assignee.OFFICER,
        officer_id=12,
        urgent_only=True,
        text="  lừa đảo ",
    )
    assert flt(spec, unit_subtrees=subtrees) == InboxFilter(
        unit_ids=frozenset({3, 30, 31}),
        channels=frozenset({Channel.ZALO_MESSAGE}),
        categories=frozenset({Category.CRIME_TIP}),
        statuses=frozenset({CaseStatus.FORWARDED}),
        assignee_ids=frozenset({12}),
        urgent_only=True,
        text="lừa đảo",
    )
    assert flt(ViewSpec(unit_id=4)).unit_ids == frozenset({4})  # tree not loaded yet
    assert flt(ViewSpec(account_id=5)).account_ids == frozenset({5})


def test_periods_relative_and_whole_local_days() -> None:
    assert flt(ViewSpec(period=Period.DAY)).since == NOW - timedelta(hours=24)
    assert flt(ViewSpec(period=Period.WEEK)).since == NOW - timedelta(days=7)
    assert flt(ViewSpec(period=Period.MONTH)).since == NOW - timedelta(days=30)
    custom = flt(ViewSpec(period=Period.CUSTOM, since=date(2026, 11, 1), until=date(2026, 11, 2)))
    # 1 Nov 00:00 in Hà Nội is 31 Oct 17:00 UTC; the last day is included.
    assert custom.since == datetime(2026, 10, 31, 17, 0, tzinfo=UTC)
    assert custom.until == datetime(2026, 11, 2, 17, 0, tzinfo=UTC)
    assert flt(ViewSpec(period=Period.ALL, since=date(2026, 11, 1))).since is None


def test_spec_json_round_trip_is_small() -> None:
    spec = ViewSpec(
        unit_id=3,
        category=Category.SPAM,
        status=StatusChoice.OPEN,
        assignee=Assignee.UNASSIGNED,
        period=Period.CUSTOM,
        since=date(2026, 11, 1),
        text="căn cước",
    )
    data = spec_to_json(spec)
    assert data == {
        "unit_id": 3,
        "category": "spam",
        "status": "open",
        "assignee": "unassigned",
        "period": "custom",
        "since": "2026-11-01",
        "text": "căn cước",
    }
    assert spec_from_json(json.loads(json.dumps(data))) == spec
    assert spec_from_json({}) == ViewSpec()
    assert spec_from_json({"status": "resolved"}).status is CaseStatus.RESOLVED
    for bad in ({"unit_id": "3"}, {"channel": "telegram"}, {"urgent_only": 1}, []):
        with pytest.raises((ValueError, TypeError)):
            spec_from_json(bad)


def test_views_persist_between_runs(tmp_path: Path) -> None:
    path = tmp_path / "home" / "views.json"
    store = SavedViewStore(path)
    assert store.load() == SavedViewsState()  # no file yet: defaults
    mine = new_view("  Lừa đảo Sầm Sơn ", ViewSpec(category=Category.SCAM_REPORT, unit_id=3))
    state = with_view(SavedViewsState(), mine)
    store.save(state)
    assert [p.name for p in path.parent.iterdir()] == ["views.json"]  # no temporary left
    again = SavedViewStore(path).load()
    assert again == state and again.selected == mine.key
    assert again.views[0].name == "Lừa đảo Sầm Sơn"
    assert find_view(all_views(again, 7), mine.key) == mine
    assert [v.key for v in all_views(again, None)][-1] == mine.key
    emptied = without_view(again, mine.key)
    assert emptied.views == () and emptied.selected == "all"
    renamed = with_view(again, mine.__class__(mine.key, "Tên mới", mine.spec))
    assert [v.name for v in renamed.views] == ["Tên mới"]


def test_a_corrupt_file_gives_defaults_and_is_kept_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "views.json"
    path.write_text("{ not json", encoding="utf-8")
    store = SavedViewStore(path)
    with caplog.at_level(logging.WARNING, logger="desktop.services.saved_views"):
        assert store.load() == SavedViewsState()
    assert "not a valid views file" in caplog.text and store.last_error
    assert not path.exists() and (tmp_path / "views.json.corrupt").read_text() == "{ not json"
    store.save(SavedViewsState())  # the next save writes a good file
    assert json.loads(path.read_text())["views"] == []


def test_bad_entries_are_skipped_and_the_rest_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "views.json"
    path.write_text(
        json.dumps(
            {
                "version": 1,
                "selected": 42,
                "views": [
                    {"key": "u-1", "name": "Tốt", "spec": {"urgent_only": True}},
                    {"key": "u-2", "name": "Xấu", "spec": {"channel": "telegram"}},
                    {"key": "all", "name": "Trùng khoá dựng sẵn", "spec": {}},
                    {"key": "u-1", "name": "Trùng", "spec": {}},
                    {"name": "Không khoá"},
                    "rác",
                ],
            }
        ),
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="desktop.services.saved_views"):
        state = SavedViewStore(path).load()
    assert [(v.key, v.name) for v in state.views] == [("u-1", "Tốt")]
    assert state.views[0].spec == ViewSpec(urgent_only=True)
    assert state.selected == "all"
    skipped = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert len(skipped) == 5 and "'telegram' is not a valid Channel" in skipped[0]
    assert path.exists()  # readable file: left in place


def test_a_wrong_shape_is_handled_like_corruption(tmp_path: Path) -> None:
    path = tmp_path / "views.json"
    path.write_text('["a", "list"]', encoding="utf-8")
    assert SavedViewStore(path).load() == SavedViewsState()
    assert (tmp_path / "views.json.corrupt").exists()
