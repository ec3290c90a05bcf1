"""A private, migrated copy of the 1,000,000-item benchmark store for the UI benchmark.

The shared store (``/tmp/dutydesk-bench-1m.sqlite3``, made by ``store_queries.py``) may be at an
older schema, and opening a store migrates it in place; so the UI benchmark copies it (SQLite's
online backup API: safe while another process reads it) and migrates the copy once per schema
head. If the copy's tables still lack columns of today's models (the store was made before an
unreleased migration was edited in place), the copy is dropped and a new store is seeded the
way ``store_queries.py`` seeds it (same counts and random seed; several minutes).

The copy is upgraded with foreign-key enforcement off, because batch migrations rebuild
tables that other tables reference (``DROP TABLE threads`` fails with ``foreign_keys=ON`` on a
populated store), and without the migration's backup of the copy.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import _common  # noqa: F401  (puts the repository on sys.path)
from alembic import command
from sqlalchemy import create_engine, text

from desktop.store.database import Database
from desktop.store.migrate import alembic_config, head_revision

DEFAULT_SOURCE = Path("/tmp/dutydesk-bench-1m.sqlite3")
DEFAULT_WORKDIR = Path("/tmp/dutydesk-ui-bench")
SEED_ITEMS = 1_000_000


def _revision(path: Path) -> str | None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return None if row is None else str(row[0])


def _missing_columns(path: Path) -> list[str]:
    from desktop.store.models import Base

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        missing = []
        for table in Base.metadata.sorted_tables:
            have = {row[1] for row in conn.execute(f"PRAGMA table_info({table.name})")}
            missing += [f"{table.name}.{c.name}" for c in table.columns if c.name not in have]
        return missing
    finally:
        conn.close()


def _seed(target: Path) -> None:
    from datetime import UTC, datetime

    from desktop.services.seeding import seed_store

    started = time.perf_counter()
    db = Database(target)
    try:
        db.open()
        seed_store(
            db, items=SEED_ITEMS, accounts=56, seed=11, now=datetime(2026, 11, 29, tzinfo=UTC)
        )
        db.optimize()
    finally:
        db.close()
    print(f"seeded {SEED_ITEMS:,} items into {target} in {time.perf_counter() - started:.0f} s")


def prepared_home(source: Path = DEFAULT_SOURCE, workdir: Path = DEFAULT_WORKDIR) -> Path:
    """A ``DUTYDESK_HOME`` folder whose ``dutydesk.sqlite3`` is the migrated 1M-item store."""
    seeded = workdir / "seeded-1m.sqlite3"
    if seeded.exists():  # made here earlier because ``source`` was stale
        source = seeded
    if not source.exists():
        raise SystemExit(
            f"{source} is missing: build it first with "
            f"`python bench/store_queries.py --items 1000000 --db {source}` (takes minutes)"
        )
    head = head_revision()
    home = workdir / f"home-1m-{head}"
    target = home / "dutydesk.sqlite3"
    if target.exists() and _revision(target) == head and not _missing_columns(target):
        return home
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    started = time.perf_counter()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    copied = time.perf_counter() - started
    before = _revision(target)
    engine = create_engine(f"sqlite:///{target}")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
            broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
            if broken:
                raise SystemExit(f"foreign keys broken after the migration: {broken[:5]}")
    finally:
        engine.dispose()
    missing = _missing_columns(target)
    if missing:
        print(f"{source} predates edits of its migrations (missing {', '.join(missing[:4])}…)")
        shutil.rmtree(home)
        if source == seeded:
            raise SystemExit(f"{seeded} is stale too: delete it to seed again")
        _seed(seeded)
        return prepared_home(source, workdir)
    db = Database(target)
    try:
        db.open()  # nothing left to migrate: checks the schema like the app
        db.optimize()
    finally:
        db.close()
    for old in workdir.glob("home-1m-*"):
        if old != home:
            shutil.rmtree(old, ignore_errors=True)
    print(
        f"prepared {target}: copied in {copied:.0f} s, migrated {before} -> {head} in "
        f"{time.perf_counter() - started - copied:.0f} s"
    )
    return home


if __name__ == "__main__":
    print(prepared_home())
