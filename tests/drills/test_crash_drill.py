"""Crash drill: a child process syncs ~20k items while it is killed at random moments (≥ 50
times). After a final sync: every platform item is stored exactly once and SQLite is intact."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.commands.simulator import accounts_toml
from desktop.simulator import SimSettings, SimulatorThread, WorldSize

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

KILLS = 50
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def world() -> Iterator[SimulatorThread]:
    size = WorldSize(
        posts_per_page=10,
        comments_per_post=25,
        replies_per_comment=0.6,
        conversations_per_page=60,
        messages_per_conversation=5,
        zalo_users_per_oa=60,
        zalo_chatting_users_per_oa=50,
        zalo_messages_per_chat=5,
        history_days=10.0,
        unit_limit=22,
    )
    # The world's clock starts now: the clients use the real clock, and Zalo tokens "issued" in
    # a past world would be refreshed on every pass — a kill in the middle of a refresh rightly
    # leaves the OA needing re-authorisation (its single-use refresh token may be spent), which
    # is not what this drill is about (tests/platforms covers the refresh's crash safety).
    runner = SimulatorThread(SimSettings(size=size, frozen_clock=True, start_time=time.time()))
    runner.start()
    try:
        yield runner
    finally:
        runner.stop()


def _platform_items(sim: SimulatorThread) -> int:
    stats = sim.control.stats()
    return int(stats["comments"] + stats["replies"] + stats["messages"] + stats["zalo_messages"])


def test_killed_fifty_times_then_everything_exactly_once(
    world: SimulatorThread, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _platform_items(world)
    assert expected >= 20_000
    urls = world.urls
    env = {
        **os.environ,
        "DUTYDESK_HOME": str(tmp_path / "home"),
        "DUTYDESK_GRAPH_URL": urls.graph,
        "DUTYDESK_ZALO_URL": urls.zalo,
        "DUTYDESK_ZALO_OAUTH_URL": urls.zalo_oauth,
        "DUTYDESK_ALLOW_INSECURE_KEYRING": "1",
    }
    for key, value in env.items():
        if key.startswith("DUTYDESK_"):
            monkeypatch.setenv(key, value)
    accounts = tmp_path / "accounts.toml"
    accounts.write_text(accounts_toml(world.control.manifest()["accounts"]), encoding="utf-8")
    assert main(["accounts", "import", str(accounts)]) == 0

    rng = random.Random(2026)
    child = [
        sys.executable,
        "-c",
        "import sys; from desktop.cli import main; sys.exit(main(['sync', '--once']))",
    ]
    killed = finished = 0
    while killed < KILLS:
        proc = subprocess.Popen(
            child, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + rng.uniform(0.4, 2.5)
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        if proc.poll() is None:
            proc.kill()  # SIGKILL: no cleanup, no finally blocks
            killed += 1
        else:
            finished += 1
        proc.wait()
    # The last, uninterrupted pass completes the store.
    final = subprocess.run(child, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert final.returncode == 0, final.stdout[-2000:] + final.stderr[-2000:]

    db = tmp_path / "home" / "dutydesk.sqlite3"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.execute("INSERT INTO threads_fts(threads_fts) VALUES('integrity-check')")
        total, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT platform || ':' || external_id) FROM items"
        ).fetchone()
        orphans = conn.execute(
            "SELECT count(*) FROM threads t WHERE NOT EXISTS "
            "(SELECT 1 FROM items i WHERE i.thread_id = t.id)"
        ).fetchone()[0]
        counts_ok = conn.execute(
            "SELECT count(*) FROM threads t WHERE item_count != "
            "(SELECT count(*) FROM items i WHERE i.thread_id = t.id AND i.kind != 'note')"
        ).fetchone()[0]
    assert killed >= KILLS
    assert total == distinct == expected, (total, distinct, expected, finished)
    assert orphans == 0 and counts_ok == 0
