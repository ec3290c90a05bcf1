"""The store's one writer and its readers.

Every write runs on a single dedicated thread in a ``BEGIN IMMEDIATE`` transaction, so SQLite
never sees two writers and the GUI thread never waits for the disk. Reads run on a small pool of
reader threads (WAL lets them proceed while the writer works). Callers get a
``concurrent.futures.Future`` or, from asyncio code, an awaitable.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from desktop.store.engine import create_sqlite_engine, optimize_statistics
from desktop.store.migrate import MigrationReport, migrate
from desktop.store.search import SearchBackend
from desktop.store.search_sqlite import SqliteSearch

log = logging.getLogger(__name__)

T = TypeVar("T")


class Database:
    """Owns the engines and the writer thread of one store file."""

    def __init__(self, path: Path, *, backup_dir: Path | None = None, readers: int = 2) -> None:
        self.path = path
        self.backup_dir = backup_dir or path.parent / "backups"
        self.search: SearchBackend = SqliteSearch()
        self._writer_engine: Engine = create_sqlite_engine(path, writer=True)
        self._reader_engine: Engine = create_sqlite_engine(path, writer=False)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db-writer")
        self._readers = ThreadPoolExecutor(max_workers=readers, thread_name_prefix="db-reader")
        self._closed = False

    # -- lifecycle -------------------------------------------------------------------------
    def open(self) -> MigrationReport:
        """Migrate (with a backup) on the writer thread; raises ``StoreError`` subclasses."""
        return self._writer.submit(
            migrate, self._writer_engine, self.path, self.backup_dir
        ).result()

    async def open_async(self) -> MigrationReport:
        return await asyncio.wrap_future(
            self._writer.submit(migrate, self._writer_engine, self.path, self.backup_dir)
        )

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._writer.shutdown(wait=True)
        self._readers.shutdown(wait=True)
        self._writer_engine.dispose()
        self._reader_engine.dispose()

    def optimize(self) -> None:
        """Refresh the query planner's statistics after a large load."""
        self.write_blocking(lambda session: optimize_statistics(session.connection()))

    # -- writes ------------------------------------------------------------------------------
    def submit_write(self, work: Callable[[Session], T]) -> Future[T]:
        """Run ``work`` in one write transaction on the writer thread; commit unless it raises."""
        if self._closed:
            raise RuntimeError("the database is closed")
        return self._writer.submit(self._run_write, work)

    async def write(self, work: Callable[[Session], T]) -> T:
        return await asyncio.wrap_future(self.submit_write(work))

    def write_blocking(self, work: Callable[[Session], T]) -> T:
        """For headless commands and tests: the same writer thread, waited for."""
        return self.submit_write(work).result()

    def _run_write(self, work: Callable[[Session], T]) -> T:
        with Session(self._writer_engine, expire_on_commit=False) as session, session.begin():
            return work(session)

    # -- reads -------------------------------------------------------------------------------
    def submit_read(self, work: Callable[[Session], T]) -> Future[T]:
        if self._closed:
            raise RuntimeError("the database is closed")
        return self._readers.submit(self.read_blocking, work)

    async def read(self, work: Callable[[Session], T]) -> T:
        return await asyncio.wrap_future(self.submit_read(work))

    def read_blocking(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in a read transaction in the calling thread (never the GUI thread)."""
        with Session(self._reader_engine, expire_on_commit=False) as session, session.begin():
            return work(session)
