"""Inbox queries: every filter alone, combinations, keyset paging and counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from desktop.domain.enums import CaseStatus, Category, Channel
from desktop.store.database import Database
from desktop.store.inbox import (
    InboxFilter,
    account_options,
    count_each,
    count_threads,
    inbox_page,
    inbox_rows,
    officer_options,
    page_statement,
    unit_options,
    unit_subtree_ids,
)
from desktop.store.ingest import ingest_items
from desktop.store.models import Campaign, Officer, Thread, Unit
from tests.factories import OA, PAGE, PAGE2, T0, comment, message, setup_accounts


@pytest.fixture
def inbox(db: Database) -> dict[str, Any]:
    accounts = setup_accounts(db)
    items = [
        comment("trộm xe máy ở Sầm Sơn", minutes=1, page=PAGE2),  # t1
        comment("hỏi làm căn cước", minutes=2),  # t2
        message("em bị lừa 10 triệu", thread="t_a", minutes=3),  # t3
        message("cảm ơn OA", channel=Channel.ZALO_MESSAGE, thread="u1", minutes=4),  # t4
        comment("quảng cáo vay tiền", minutes=5),  # t5
    ]
    db.write_blocking(lambda s: ingest_items(s, items=items, search=db.search))

    def classify(session: Any) -> dict[str, int]:
        officer = Officer(username="hung", display_name="Lê Hùng", role="duty_officer")
        session.add(officer)
        session.flush()
        ids = {t.last_preview: t.id for t in session.execute(select(Thread)).scalars()}
        marks = {
            "trộm xe máy ở Sầm Sơn": dict(
                category=Category.CRIME_TIP,
                urgent=True,
                assignee_id=officer.id,
                status=CaseStatus.IN_PROGRESS,
            ),
            "hỏi làm căn cước": dict(category=Category.ADMIN_QUESTION),
            "em bị lừa 10 triệu": dict(category=Category.SCAM_REPORT, urgent=True),
            "quảng cáo vay tiền": dict(category=Category.SPAM, status=CaseStatus.RESOLVED),
        }
        for preview, values in marks.items():
            session.execute(update(Thread).where(Thread.id == ids[preview]).values(**values))
        return {"officer": officer.id, **ids}

    ids = db.write_blocking(classify)
    return {"db": db, "accounts": accounts, "ids": ids}


def _previews(inbox: dict[str, Any], **filters: Any) -> list[str]:
    db: Database = inbox["db"]
    page = db.read_blocking(lambda s: inbox_page(s, InboxFilter(**filters), db.search))
    count = db.read_blocking(lambda s: count_threads(s, InboxFilter(**filters), db.search))
    assert count == len(page.rows)
    return [r.last_preview for r in page.rows]


def test_no_filter_is_newest_first(inbox: dict[str, Any]) -> None:
    assert _previews(inbox) == [
        "quảng cáo vay tiền",
        "cảm ơn OA",
        "em bị lừa 10 triệu",
        "hỏi làm căn cước",
        "trộm xe máy ở Sầm Sơn",
    ]


def test_each_filter_alone(inbox: dict[str, Any]) -> None:
    db: Database = inbox["db"]
    acc = inbox["accounts"]
    samson = db.read_blocking(
        lambda s: s.execute(select(Unit.id).where(Unit.code == "TH-SAMSON")).scalar_one()
    )
    officer = inbox["ids"]["officer"]
    assert _previews(inbox, unit_ids=frozenset({samson})) == ["trộm xe máy ở Sầm Sơn"]
    assert _previews(inbox, account_ids=frozenset({acc[OA]})) == ["cảm ơn OA"]
    assert _previews(inbox, channels=frozenset({Channel.FB_MESSAGE})) == ["em bị lừa 10 triệu"]
    assert _previews(inbox, categories=frozenset({Category.SPAM})) == ["quảng cáo vay tiền"]
    assert _previews(inbox, unclassified=True) == ["cảm ơn OA"]
    assert _previews(inbox, statuses=frozenset({CaseStatus.NEW})) == [
        "cảm ơn OA",
        "em bị lừa 10 triệu",
        "hỏi làm căn cước",
    ]
    assert _previews(inbox, assignee_ids=frozenset({officer})) == ["trộm xe máy ở Sầm Sơn"]
    assert len(_previews(inbox, unassigned=True)) == 4
    assert _previews(inbox, urgent_only=True) == ["em bị lừa 10 triệu", "trộm xe máy ở Sầm Sơn"]
    assert _previews(inbox, since=T0 + timedelta(minutes=4)) == ["quảng cáo vay tiền", "cảm ơn OA"]
    assert _previews(inbox, until=T0 + timedelta(minutes=2)) == ["trộm xe máy ở Sầm Sơn"]
    assert _previews(inbox, text="lua") == ["em bị lừa 10 triệu"]


def test_combinations(inbox: dict[str, Any]) -> None:
    acc = inbox["accounts"]
    officer = inbox["ids"]["officer"]
    assert _previews(inbox, urgent_only=True, channels=frozenset({Channel.FB_COMMENT})) == [
        "trộm xe máy ở Sầm Sơn"
    ]
    assert _previews(inbox, categories=frozenset({Category.ADMIN_QUESTION}), unclassified=True) == [
        "cảm ơn OA",
        "hỏi làm căn cước",
    ]
    assert _previews(
        inbox, assignee_ids=frozenset({officer}), unassigned=True, urgent_only=True
    ) == ["em bị lừa 10 triệu", "trộm xe máy ở Sầm Sơn"]
    assert _previews(
        inbox,
        account_ids=frozenset({acc[PAGE]}),
        statuses=frozenset({CaseStatus.NEW}),
        text="can cuoc",
        since=T0,
        until=T0 + timedelta(hours=1),
    ) == ["hỏi làm căn cước"]
    assert _previews(inbox, urgent_only=True, text="quang cao") == []


def test_keyset_paging_visits_every_thread_once(db: Database) -> None:
    setup_accounts(db)
    # Several threads share one timestamp: the id breaks ties, so none is skipped or repeated.
    items = [comment(f"tin {i}", minutes=i // 3) for i in range(23)]
    db.write_blocking(lambda s: ingest_items(s, items=items, search=db.search))
    seen: list[int] = []
    cursor = None
    while True:
        page = db.read_blocking(
            lambda s, after=cursor: inbox_page(s, InboxFilter(), db.search, after=after, limit=5)
        )
        seen += [r.id for r in page.rows]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert len(seen) == len(set(seen)) == 23
    times = db.read_blocking(
        lambda s: {i: t for i, t in s.execute(select(Thread.id, Thread.last_activity_at))}
    )
    keys = [(times[i], i) for i in seen]
    assert keys == sorted(keys, reverse=True)


def test_unit_subtree(inbox: dict[str, Any]) -> None:
    db: Database = inbox["db"]

    def ids(session: Any) -> tuple[frozenset[int], int, int]:
        codes = {c: i for c, i in session.execute(select(Unit.code, Unit.id))}
        return (
            unit_subtree_ids(session, [codes["TH-SAMSON"]]),
            codes["TH-SAMSON-BACSON"],
            codes["TH"],
        )

    subtree, bacson, province = db.read_blocking(ids)
    assert bacson in subtree and province not in subtree and len(subtree) == 3


def test_rows_carry_campaign_assignee_and_unit_names(inbox: dict[str, Any]) -> None:
    db: Database = inbox["db"]
    ids = inbox["ids"]

    def mark(session: Any) -> None:
        campaign = Campaign(
            signature="abc",
            sample_text="x",
            first_seen_at=T0,
            last_seen_at=T0,
            item_count=3,
            account_count=3,
        )
        session.add(campaign)
        session.flush()
        session.execute(
            update(Thread)
            .where(Thread.id == ids["hỏi làm căn cước"])
            .values(campaign_id=campaign.id)
        )

    db.write_blocking(mark)
    rows = {
        r.last_preview: r
        for r in db.read_blocking(lambda s: inbox_page(s, InboxFilter(), db.search).rows)
    }
    theft = rows["trộm xe máy ở Sầm Sơn"]
    assert theft.assignee_name == "Lê Hùng" and theft.unit_name == "Công an TP Sầm Sơn"
    assert rows["hỏi làm căn cước"].campaign_id is not None
    assert rows["cảm ơn OA"].unit_name == "Công an tỉnh Thanh Hóa"
    assert rows["cảm ơn OA"].assignee_name is None and rows["cảm ơn OA"].campaign_id is None


def test_rows_by_id_keep_only_those_the_filter_keeps(inbox: dict[str, Any]) -> None:
    db: Database = inbox["db"]
    ids = inbox["ids"]
    wanted = [ids["trộm xe máy ở Sầm Sơn"], ids["em bị lừa 10 triệu"], ids["cảm ơn OA"], 10**9]
    urgent = db.read_blocking(
        lambda s: inbox_rows(s, InboxFilter(urgent_only=True), db.search, wanted)
    )
    assert [r.last_preview for r in urgent] == ["em bị lừa 10 triệu", "trộm xe máy ở Sầm Sơn"]
    found = db.read_blocking(lambda s: inbox_rows(s, InboxFilter(text="cam on"), db.search, wanted))
    assert [r.id for r in found] == [ids["cảm ơn OA"]]
    assert db.read_blocking(lambda s: inbox_rows(s, InboxFilter(), db.search, [])) == []


def test_count_each_counts_every_filter(inbox: dict[str, Any]) -> None:
    db: Database = inbox["db"]
    filters = [InboxFilter(), InboxFilter(urgent_only=True), InboxFilter(unclassified=True)]
    assert db.read_blocking(lambda s: count_each(s, filters, db.search)) == [5, 2, 1]


def test_choices_for_the_filter_controls(inbox: dict[str, Any]) -> None:
    db: Database = inbox["db"]
    units = db.read_blocking(unit_options)
    assert units[0].name == "Công an tỉnh Thanh Hóa" and units[0].depth == 0
    assert units[0].subtree == frozenset(u.id for u in units)  # the province holds them all
    samson = next(u for u in units if u.name == "Công an TP Sầm Sơn")
    below = units[units.index(samson) + 1 : units.index(samson) + 3]
    assert [u.depth for u in below] == [2, 2] and samson.subtree == {samson.id} | {
        u.id for u in below
    }
    accounts = db.read_blocking(account_options)
    assert [a.name for a in accounts] == ["CA Sầm Sơn", "CA tỉnh", "OA tỉnh"]
    assert [o.display_name for o in db.read_blocking(officer_options)] == ["Lê Hùng"]


def test_page_query_joins_only_the_page(inbox: dict[str, Any]) -> None:
    """The filter walk picks ids by index; names are joined by primary key for those ids only."""
    db: Database = inbox["db"]
    officer = inbox["ids"]["officer"]
    for flt in (
        InboxFilter(),
        InboxFilter(urgent_only=True),
        InboxFilter(assignee_ids=frozenset({officer}), statuses=frozenset({CaseStatus.NEW})),
    ):

        def plan(s: Any, f: InboxFilter = flt) -> list[str]:
            stmt = page_statement(s, f, db.search)
            sql = str(stmt.compile(s.get_bind(), compile_kwargs={"literal_binds": True}))
            return [row[3] for row in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]

        steps = db.read_blocking(plan)
        assert not [s for s in steps if s.startswith("SCAN") and "INDEX" not in s], steps
        for table in ("accounts", "officers", "units"):
            joins = [s for s in steps if f" {table}" in s]
            assert joins and all("PRIMARY KEY" in s for s in joins), steps


@pytest.mark.asyncio
async def test_the_service_keeps_an_officer_inside_his_units(inbox: dict[str, Any]) -> None:
    """A Sầm Sơn officer's inbox lists Sầm Sơn's cases only, whatever filter the view sends."""
    from desktop.services.inbox import InboxService

    db: Database = inbox["db"]

    def scope_of(code: str) -> frozenset[int]:
        def read(session: Any) -> frozenset[int]:
            codes = {c: i for c, i in session.execute(select(Unit.code, Unit.id))}
            return unit_subtree_ids(session, [codes[code]])

        return db.read_blocking(read)

    samson, province = scope_of("TH-SAMSON"), scope_of("TH")
    service = InboxService(db)
    await service.restrict_to(samson)
    page = await service.page(InboxFilter())
    assert [r.last_preview for r in page.rows] == ["trộm xe máy ở Sầm Sơn"]
    # asking for the province's units gives nothing outside Sầm Sơn
    outside = province - samson
    assert (await service.page(InboxFilter(unit_ids=outside))).rows == []
    assert await service.count(InboxFilter(unit_ids=outside)) == 0
    assert await service.counts([InboxFilter(), InboxFilter(urgent_only=True)]) == [1, 1]
    rows = await service.rows(InboxFilter(), list(inbox["ids"].values()))
    assert [r.last_preview for r in rows] == ["trộm xe máy ở Sầm Sơn"]
    # the province's scope covers every unit: no restriction at all
    await service.restrict_to(province)
    assert service.scope is None
    assert len((await service.page(InboxFilter())).rows) == 5
