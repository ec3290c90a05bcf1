"""End-to-end sync from the simulator over loopback, and the cost of a quiet poll.

    python bench/sync_bench.py              # 100k items; quiet polls at 28, 56 and 600 accounts

The simulator runs in a child process; this process runs the real sync engine into a fresh
store, counting HTTP requests with an httpx hook.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from _common import machine, peak_rss_mb

from desktop.composition import build_platform_services
from desktop.config import Config, Paths, PlatformUrls
from desktop.platforms.credentials import CredentialStore
from desktop.platforms.memory_keyring import MemoryKeyring
from desktop.services.accounts import from_manifest, import_accounts
from desktop.store.database import Database

HERE = Path(__file__).resolve().parent


def start_simulator(
    size: dict[str, Any], tmp: Path
) -> tuple[subprocess.Popen[bytes], dict[str, Any]]:
    manifest_path = tmp / f"manifest-{time.monotonic_ns()}.json"
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "_sim_child.py"), str(manifest_path), json.dumps(size)]
    )
    while not manifest_path.exists():
        if proc.poll() is not None:
            raise RuntimeError("simulator child died")
        time.sleep(0.2)
    return proc, json.loads(manifest_path.read_text(encoding="utf-8"))


async def run_sync(
    manifest: dict[str, Any], tmp: Path, passes: int
) -> list[tuple[float, int, Any]]:
    db = Database(tmp / f"store-{time.monotonic_ns()}.sqlite3")
    db.open()
    credentials = CredentialStore(backend=MemoryKeyring())
    import_accounts(db, credentials, from_manifest(manifest["accounts"]))
    urls = manifest["bench_urls"]
    config = Config(Paths(tmp), PlatformUrls(urls["graph"], urls["zalo"], urls["oauth"]))
    requests: list[int] = [0]

    async def count(_request: httpx.Request) -> None:
        requests[0] += 1

    results = []
    async with httpx.AsyncClient(event_hooks={"request": [count]}, timeout=60) as client:
        services = build_platform_services(config, db, client, credentials)
        for _ in range(passes):
            requests[0] = 0
            started = time.perf_counter()
            summary = await services.sync.sync_once()
            results.append((time.perf_counter() - started, requests[0], summary))
    db.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        if not args.skip_throughput:
            big = {"unit_limit": 20}  # the default per-unit history: about 100k items
            proc, manifest = start_simulator(big, tmp)
            try:
                stats = manifest["bench_stats"]
                items = (
                    stats["comments"]
                    + stats["replies"]
                    + stats["messages"]
                    + stats["zalo_messages"]
                )
                (first, reqs, summary), (quiet, qreqs, qsummary) = asyncio.run(
                    run_sync(manifest, tmp, 2)
                )
                assert summary.ok and summary.inserted == items, (summary.inserted, items)
                print(
                    f"\nfull sync of {items:,} items over {len(summary.outcomes)} accounts: "
                    f"{first:.1f} s = {items / first:,.0f} items/s, {reqs:,} HTTP requests"
                )
                print(
                    f"then a quiet pass: {quiet:.2f} s, {qreqs} requests, {qsummary.inserted} new"
                )
                print(f"peak RSS of the syncing process: {peak_rss_mb():.0f} MB")
            finally:
                proc.kill()
        small = {
            "posts_per_page": 2,
            "comments_per_post": 2,
            "replies_per_comment": 0.3,
            "conversations_per_page": 2,
            "messages_per_conversation": 2,
            "zalo_users_per_oa": 3,
            "zalo_chatting_users_per_oa": 2,
            "zalo_messages_per_chat": 2,
            "history_days": 5.0,
        }
        print(f"\n{'accounts':>8} {'quiet-pass requests':>20} {'per account':>12} {'seconds':>8}")
        for label, extra in (
            ("28", {"unit_limit": 14}),
            ("56", {}),
            ("600", {"unit_limit": 25, "channels_per_unit": 12}),
        ):
            proc, manifest = start_simulator({**small, **extra}, tmp)
            try:
                results = asyncio.run(run_sync(manifest, tmp, 2))
                seconds, reqs, summary = results[1]
                accounts = len(summary.outcomes)
                assert summary.ok and accounts == int(label)
                print(f"{accounts:>8} {reqs:>20} {reqs / accounts:>12.2f} {seconds:>8.2f}")
            finally:
                proc.kill()


if __name__ == "__main__":
    main()
