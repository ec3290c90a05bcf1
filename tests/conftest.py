"""Test set-up: offscreen Qt, a fresh temporary store per test, and no real keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import gc
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.database import Database

_tests = itertools.count(1)
FULL_COLLECTION_EVERY = 50  # tests


@pytest.fixture(scope="session", autouse=True)
def _garbage_on_the_main_thread() -> Iterator[None]:
    """As the workstation does (desktop/views/gc_guard.py): no automatic collection, which could
    run on a database thread and free a test's widgets there (Qt then crashes on their timers);
    instead the main thread collects after every test."""
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    if was_enabled:
        gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    """The young generations after each test (cheap), everything every 50 tests (a full
    collection of this suite's heap takes seconds late in the run)."""
    yield
    gc.collect(2 if next(_tests) % FULL_COLLECTION_EVERY == 0 else 1)


@pytest.fixture(autouse=True)
def _no_real_keyring() -> None:
    """Never touch the developer's real keyring: start every test with none available."""
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    keyring.set_keyring(NoKeyring())


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own DUTYDESK_HOME so nothing touches a real store."""
    home = tmp_path / "home"
    monkeypatch.setenv("DUTYDESK_HOME", str(home))
    monkeypatch.delenv("DUTYDESK_ALLOW_INSECURE_KEYRING", raising=False)
    return home


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(tmp_path / "store" / "dutydesk.sqlite3")
    database.open()
    try:
        yield database
    finally:
        database.close()
