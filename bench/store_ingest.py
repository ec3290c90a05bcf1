"""Ingest throughput: the real upsert path (with FTS) beside raw sqlite3.executemany.

python bench/store_ingest.py --items 100000
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from functools import partial
from itertools import islice
from pathlib import Path

from _common import machine, peak_rss_mb

from desktop.domain.records import canonical_json
from desktop.domain.units import thanh_hoa_units
from desktop.services.seed.world import SeedWorld, account_specs
from desktop.store.database import Database
from desktop.store.directory import ensure_account, ensure_units, unit_names
from desktop.store.ingest import ingest_items

BATCH = 5000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    args = parser.parse_args()
    import random

    specs = account_specs(56, random.Random(1))
    now = datetime(2026, 11, 29, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.sqlite3")
        db.open()

        def setup(session):  # type: ignore[no-untyped-def]
            ensure_units(session, thanh_hoa_units())
            for s in specs:
                ensure_account(session, s.platform, s.external_id, s.name, s.unit_code)
            return unit_names(session)

        names = db.write_blocking(setup)
        world = SeedWorld(specs, names, seed=3, now=now)
        t0 = time.perf_counter()
        items = list(world.items(args.items))
        gen_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        stream = iter(items)
        while batch := list(islice(stream, BATCH)):
            db.write_blocking(partial(ingest_items, items=batch, search=db.search))
        real_s = time.perf_counter() - t0
        db.close()

        # The same rows, raw: one table shaped like items, executemany in one transaction.
        raw_path = Path(tmp) / "raw.sqlite3"
        conn = sqlite3.connect(raw_path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(
            "CREATE TABLE items (id INTEGER PRIMARY KEY, thread_key TEXT, platform TEXT, "
            "external_id TEXT, parent_external_id TEXT, kind TEXT, direction TEXT, "
            "author_name TEXT, text TEXT, created_at TEXT, is_hidden INT, is_deleted INT, "
            "permalink TEXT, raw_json TEXT, content_hash TEXT, UNIQUE(platform, external_id))"
        )
        rows = [
            (
                i.thread_external_id,
                i.platform.value,
                i.external_id,
                i.parent_external_id,
                i.kind.value,
                i.direction.value,
                i.author_name,
                i.text,
                i.created_at.isoformat(),
                i.is_hidden,
                i.is_deleted,
                i.permalink,
                canonical_json(i.raw),
                i.content_hash,
            )
            for i in items
        ]
        t0 = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO items (thread_key, platform, external_id, parent_external_id, kind, "
            "direction, author_name, text, created_at, is_hidden, is_deleted, permalink, "
            "raw_json, content_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        conn.execute("COMMIT")
        raw_s = time.perf_counter() - t0
        conn.close()

    n = len(items)
    print(f"machine: {machine()}")
    print(f"items: {n:,} (generated in {gen_s:.1f} s, not counted)")
    print(
        f"real ingest (upsert + threads + contacts + FTS, batches of {BATCH}): "
        f"{real_s:.2f} s = {n / real_s:,.0f} items/s"
    )
    print(
        f"raw sqlite3.executemany (items table only, one transaction): "
        f"{raw_s:.2f} s = {n / raw_s:,.0f} items/s"
    )
    print(f"ratio real/raw: {raw_s / real_s:.2f}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
