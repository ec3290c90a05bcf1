"""The Zalo watermark: messages sharing the newest millisecond are neither missed nor re-read."""

from __future__ import annotations

from desktop.services.sync.zalo import Watermark


def row(ms: int, mid: str) -> dict[str, object]:
    return {"time": ms, "message_id": mid}


def test_rows_at_the_mark_are_told_apart_by_id() -> None:
    mark = Watermark().advanced([row(1000, "a"), row(1000, "b"), row(900, "c")])
    assert mark == Watermark(1000, frozenset({"a", "b"}))
    assert mark.covers(row(1000, "a")) and mark.covers(row(999, "z"))
    assert not mark.covers(row(1000, "d"))  # same millisecond, not seen yet
    assert not mark.covers(row(1001, "e"))
    later = mark.advanced([row(1000, "d")])
    assert later == Watermark(1000, frozenset({"a", "b", "d"}))
    assert mark.advanced([row(1200, "f")]) == Watermark(1200, frozenset({"f"}))


def test_round_trip_and_the_old_format() -> None:
    mark = Watermark(1234, frozenset({"x", "y"}))
    assert Watermark.parse(mark.dump()) == mark
    assert Watermark.parse("1234") == Watermark(1234)
    assert Watermark.parse(None) == Watermark() and not Watermark().covers(row(1, "a"))
