"""The seed command fills a store with realistic, labelled, well-spread data."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.domain.enums import CaseStatus, Category, CategorySource, Channel, Platform
from desktop.services.seeding import seed_store
from desktop.store.database import Database
from desktop.store.models import Account, Contact, Item, Officer, Post, Thread
from desktop.text.folding import strip_diacritics

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = Database(tmp_path_factory.mktemp("seed") / "s.sqlite3")
    db.open()
    summary = seed_store(db, items=4000, accounts=12, seed=5, now=NOW)
    assert summary.items == 4000 and summary.accounts == 12
    yield db  # type: ignore[misc]
    db.close()


def test_counts_and_spread(seeded: Database) -> None:
    def counts(s):  # type: ignore[no-untyped-def]
        return {
            "items": s.execute(select(func.count()).select_from(Item)).scalar_one(),
            "threads": s.execute(select(func.count()).select_from(Thread)).scalar_one(),
            "accounts": s.execute(select(func.count()).select_from(Account)).scalar_one(),
            "officers": s.execute(select(func.count()).select_from(Officer)).scalar_one(),
            "posts": s.execute(select(func.count()).select_from(Post)).scalar_one(),
            "contacts": s.execute(select(func.count()).select_from(Contact)).scalar_one(),
            "platforms": Counter(s.execute(select(Account.platform)).scalars()),
            "channels": Counter(s.execute(select(Thread.channel)).scalars()),
            "per_account": s.execute(
                select(func.count(func.distinct(Thread.account_id)))
            ).scalar_one(),
            "hidden": s.execute(select(func.count()).where(Item.is_hidden)).scalar_one(),
        }

    c = seeded.read_blocking(counts)
    assert c["items"] == 4000
    assert 1000 < c["threads"] < 4000  # several items per thread on average
    assert c["accounts"] == 12 and c["platforms"] == {Platform.FACEBOOK: 6, Platform.ZALO: 6}
    assert c["per_account"] == 12  # every account got threads
    assert set(c["channels"]) == set(Channel)
    assert c["channels"][Channel.FB_COMMENT] > c["channels"][Channel.ZALO_MESSAGE]
    assert c["officers"] >= 12 and c["posts"] >= 6 and c["contacts"] > 500
    assert c["hidden"] > 0


def test_every_category_labelled_honestly_with_urgent_ones(seeded: Database) -> None:
    rows = seeded.read_blocking(
        lambda s: s.execute(select(Thread.category, Thread.category_source, Thread.urgent)).all()
    )
    assert {r.category for r in rows} == set(Category)
    assert {r.category_source for r in rows} == {CategorySource.SEED}
    urgent = sum(r.urgent for r in rows)
    assert 0.01 * len(rows) < urgent < 0.10 * len(rows)


def test_case_states_look_like_a_running_desk(seeded: Database) -> None:
    statuses = Counter(
        seeded.read_blocking(lambda s: list(s.execute(select(Thread.status)).scalars()))
    )
    assert statuses[CaseStatus.RESOLVED] > 0 and statuses[CaseStatus.NEW] > 0
    assert statuses[CaseStatus.IN_PROGRESS] > 0
    assigned = seeded.read_blocking(
        lambda s: s.execute(
            select(func.count()).where(Thread.assignee_id.is_not(None))
        ).scalar_one()
    )
    assert assigned > 0


def test_styles_present_in_the_texts(seeded: Database) -> None:
    texts = seeded.read_blocking(lambda s: list(s.execute(select(Item.text)).scalars()))
    unaccented = [t for t in texts if t == strip_diacritics(t) and len(t) > 20]
    accented = [t for t in texts if t != strip_diacritics(t)]
    assert len(unaccented) > 100 and len(accented) > 1000
    assert any(any(ord(ch) > 0x1F000 for ch in t) for t in texts)  # emoji
    assert any(t.isupper() and len(t) > 15 for t in texts)  # ALL CAPS
    assert any(len(t) < 25 for t in texts) and any(len(t) > 400 for t in texts)
    teencode = {"ko", "k", "dc", "đc", "mn", "ae", "sdt", "ib", "j", "z", "r"}
    assert sum(bool(teencode & set(t.lower().split())) for t in texts) > 50


def test_same_seed_same_data(tmp_path: Path) -> None:
    def texts(path: Path) -> list[str]:
        db = Database(path)
        db.open()
        seed_store(db, items=300, accounts=4, seed=9, now=NOW)
        out = db.read_blocking(
            lambda s: list(s.execute(select(Item.text).order_by(Item.id)).scalars())
        )
        db.close()
        return out

    assert texts(tmp_path / "a.sqlite3") == texts(tmp_path / "b.sqlite3")


def test_seed_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("DUTYDESK_HOME", str(home))
    assert main(["seed", "--items", "600", "--accounts", "4", "--seed", "3"]) == 0
    assert "seeded 600 items" in capsys.readouterr().out
    with sqlite3.connect(home / "dutydesk.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM items").fetchone() == (600,)


def test_seed_command_refuses_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["seed", "--items", "10", "--accounts", "0"]) == 2
    with pytest.raises(SystemExit):
        main(["seed", "--items", "-5"])
    assert "must be zero or more" in capsys.readouterr().err


def test_seed_command_on_a_newer_store_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("DUTYDESK_HOME", str(home))
    assert main(["seed", "--items", "1", "--accounts", "1"]) == 0
    with sqlite3.connect(home / "dutydesk.sqlite3") as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'from-the-future'")
    assert main(["seed", "--items", "1"]) == 3
    assert "newer DutyDesk" in capsys.readouterr().err
