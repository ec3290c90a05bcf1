"""The single writer: writes run on one thread, take the write lock at BEGIN, and readers go on."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import select, text

from desktop.store.database import Database
from desktop.store.models import Unit


def test_writes_run_on_one_dedicated_thread(db: Database) -> None:
    names = {db.write_blocking(lambda s: threading.current_thread().name) for _ in range(5)}
    assert len(names) == 1 and next(iter(names)).startswith("db-writer")
    assert names != {threading.current_thread().name}


def test_a_write_transaction_holds_the_write_lock_from_its_begin(db: Database) -> None:
    inside = threading.Event()
    release = threading.Event()

    def work(session):  # type: ignore[no-untyped-def]
        session.execute(text("SELECT 1"))  # no write yet: only BEGIN IMMEDIATE has run
        inside.set()
        release.wait(5)

    future = db.submit_write(work)
    assert inside.wait(5)
    other = sqlite3.connect(db.path, timeout=0, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        # WAL: a reader is not blocked by the writer.
        assert other.execute("SELECT count(*) FROM units").fetchone() == (0,)
    finally:
        other.close()
        release.set()
        future.result()


def test_a_failing_write_rolls_back_everything(db: Database) -> None:
    def work(session):  # type: ignore[no-untyped-def]
        session.add(Unit(code="X", name="x", level="province"))
        session.flush()
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        db.write_blocking(work)
    assert db.read_blocking(lambda s: s.execute(select(Unit)).all()) == []


def test_closed_database_refuses_work(db: Database) -> None:
    db.close()
    with pytest.raises(RuntimeError, match="closed"):
        db.submit_write(lambda s: None)
