"""Inbox queries at scale: first page, each filter, combinations, text searches.

    python bench/store_queries.py --items 1000000 [--db /tmp/dd-1m.sqlite3]

With --db, an existing store of the right size is reused (seeding 1M items takes minutes).
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _common import machine, peak_rss_mb, timed
from sqlalchemy import func, select

from desktop.domain.enums import CaseStatus, Category, Channel
from desktop.services.seeding import seed_store
from desktop.store.database import Database
from desktop.store.inbox import InboxFilter, count_threads, inbox_page, unit_subtree_ids
from desktop.store.models import Account, Item, Officer, Thread, Unit

NOW = datetime(2026, 11, 29, tzinfo=UTC)


def _pick_terms(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, threads_fts, row)"
    )
    total = conn.execute("SELECT count(*) FROM threads_fts").fetchone()[0]
    common = conn.execute("SELECT term, doc FROM temp.v ORDER BY doc DESC LIMIT 1").fetchone()
    rare = conn.execute(
        "SELECT term, doc FROM temp.v WHERE doc BETWEEN 3 AND 30 AND length(term) >= 6 "
        "AND term GLOB '[a-z]*' ORDER BY doc DESC LIMIT 1"
    ).fetchone()
    phone = conn.execute(
        "SELECT term FROM temp.v WHERE term GLOB '09[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]' "
        "LIMIT 1"
    ).fetchone()
    conn.close()
    print(
        f"threads indexed: {total:,}; most common term {common[0]!r} in {common[1]:,} threads; "
        f"rare term {rare[0]!r} in {rare[1]} threads"
    )
    return {"common": common[0], "rare": rare[0], "phone": phone[0] if phone else "0912345678"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/dutydesk-bench-1m.sqlite3"))
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    db = Database(args.db)
    db.open()
    have = db.read_blocking(lambda s: s.execute(select(func.max(Item.id))).scalar() or 0)
    if have < args.items:
        t0 = time.perf_counter()
        seed_store(db, items=args.items - have, accounts=56, seed=11, now=NOW)
        elapsed = time.perf_counter() - t0
        print(
            f"seeded {args.items - have:,} items in {elapsed:.0f} s "
            f"({(args.items - have) / elapsed:,.0f} items/s)"
        )
    db.close()
    size_mb = sum(p.stat().st_size for p in args.db.parent.glob(args.db.name + "*")) / 2**20

    db = Database(args.db)
    db.open()

    def lookups(s: Any) -> dict[str, Any]:
        units = {c: i for c, i in s.execute(select(Unit.code, Unit.id))}
        return {
            "threads": s.execute(select(func.count()).select_from(Thread)).scalar_one(),
            "district": unit_subtree_ids(s, [units["TH-TPTH"]]),
            "account": s.execute(select(Account.id).order_by(Account.id).limit(1)).scalar_one(),
            "officer": s.execute(select(Officer.id).order_by(Officer.id).limit(1)).scalar_one(),
        }

    ref = db.read_blocking(lookups)
    terms = _pick_terms(args.db)
    print(f"machine: {machine()}")
    print(f"store: {args.items:,} items, {ref['threads']:,} threads, {size_mb:,.0f} MB on disk")

    filters: list[tuple[str, InboxFilter]] = [
        ("first page, no filter", InboxFilter()),
        ("unit (district subtree)", InboxFilter(unit_ids=ref["district"])),
        ("account", InboxFilter(account_ids=frozenset({ref["account"]}))),
        ("channel = Zalo", InboxFilter(channels=frozenset({Channel.ZALO_MESSAGE}))),
        ("category = crime_tip", InboxFilter(categories=frozenset({Category.CRIME_TIP}))),
        ("status = new", InboxFilter(statuses=frozenset({CaseStatus.NEW}))),
        ("assignee = one officer", InboxFilter(assignee_ids=frozenset({ref["officer"]}))),
        ("unassigned", InboxFilter(unassigned=True)),
        ("urgent only", InboxFilter(urgent_only=True)),
        (
            "date range (7 to 3 days ago)",
            InboxFilter(since=NOW - timedelta(days=7), until=NOW - timedelta(days=3)),
        ),
        (
            "combo: unit + crime_tip + new",
            InboxFilter(
                unit_ids=ref["district"],
                categories=frozenset({Category.CRIME_TIP}),
                statuses=frozenset({CaseStatus.NEW}),
            ),
        ),
        (
            "combo: urgent + Messenger + unassigned",
            InboxFilter(
                urgent_only=True, channels=frozenset({Channel.FB_MESSAGE}), unassigned=True
            ),
        ),
        (
            "combo: hostile + hidden-prone channel + 7 days",
            InboxFilter(
                categories=frozenset({Category.HOSTILE}),
                channels=frozenset({Channel.FB_COMMENT}),
                since=NOW - timedelta(days=7),
            ),
        ),
        (f"text: common word {terms['common']!r}", InboxFilter(text=terms["common"])),
        (f"text: rare word {terms['rare']!r}", InboxFilter(text=terms["rare"])),
        ("text: 'lua dao' (no diacritics)", InboxFilter(text="lua dao")),
        ("text: 'lừa đảo' (with diacritics)", InboxFilter(text="lừa đảo")),
        (f"text: phone {terms['phone']}", InboxFilter(text=terms["phone"])),
        (
            "text + filter: 'can cuoc' + unit",
            InboxFilter(text="can cuoc", unit_ids=ref["district"]),
        ),
        ("text: hostile syntax '\"AND (* -:'", InboxFilter(text='"AND (* -:')),
    ]
    print(f"\n{'query (page of 50 threads)':<48} {'median ms':>10} {'p95 ms':>8} {'rows':>5}")
    for name, flt in filters:
        rows = db.read_blocking(lambda s, f=flt: len(inbox_page(s, f, db.search).rows))
        med, p95 = timed(
            lambda f=flt: db.read_blocking(lambda s: inbox_page(s, f, db.search)), args.runs
        )
        print(f"{name:<48} {med:>10.1f} {p95:>8.1f} {rows:>5}")

    # Deep paging: the 20th page via keyset.
    def page20(s: Any) -> None:
        cursor = None
        for _ in range(20):
            page = inbox_page(s, InboxFilter(), db.search, after=cursor)
            cursor = page.next_cursor

    med, p95 = timed(lambda: db.read_blocking(page20), max(5, args.runs // 3))
    print(f"{'20 pages in a row (keyset)':<48} {med:>10.1f} {p95:>8.1f}")
    for name, flt in [
        ("count: all threads", InboxFilter()),
        ("count: urgent", InboxFilter(urgent_only=True)),
        ("count: text 'lua dao'", InboxFilter(text="lua dao")),
    ]:
        med, p95 = timed(
            lambda f=flt: db.read_blocking(lambda s: count_threads(s, f, db.search)),
            max(5, args.runs // 3),
        )
        print(f"{name:<48} {med:>10.1f} {p95:>8.1f}")
    db.close()
    print(f"\npeak RSS of this process: {peak_rss_mb():.0f} MB (pid {os.getpid()})")
    _ = random


if __name__ == "__main__":
    main()
