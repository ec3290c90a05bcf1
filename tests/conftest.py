"""Test set-up: offscreen Qt, a fresh temporary store per test, and no real keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.database import Database


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
