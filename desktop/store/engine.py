"""Engines for the SQLite store: WAL, foreign keys, a busy timeout, explicit transactions.

pysqlite's own transaction handling is switched off (``isolation_level=None``) so that SQLAlchemy's
``begin`` event can issue ``BEGIN IMMEDIATE`` on the writer engine (take the write lock up front,
no deadlocking lock upgrades) and a plain deferred ``BEGIN`` on reader engines.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

BUSY_TIMEOUT_MS = 10_000


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
    cur = dbapi_conn.cursor()
    try:
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous=NORMAL")  # durable across app crashes in WAL mode
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.execute("PRAGMA cache_size=-32000")  # 32 MB page cache per connection
    finally:
        cur.close()


def create_sqlite_engine(path: Path, *, writer: bool) -> Engine:
    """An engine for the store file. The writer engine holds one connection and begins IMMEDIATE."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        sqlite_url(path),
        poolclass=QueuePool,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        pool_size=1 if writer else 4,
        max_overflow=0 if writer else 4,
    )
    event.listen(engine, "connect", _on_connect)
    begin_sql = "BEGIN IMMEDIATE" if writer else "BEGIN"

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql(begin_sql)

    return engine


def optimize_statistics(connection: Connection) -> None:
    """Refresh the statistics the planner uses (sampled: about a second at a million rows)."""
    connection.exec_driver_sql("PRAGMA analysis_limit=1000")
    connection.exec_driver_sql("ANALYZE")
