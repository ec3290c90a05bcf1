"""``dutydesk sync --once`` (one pass, exit 0 only if every account synced) and
``dutydesk sync`` (continuous: sync passes and the outbox, until Ctrl-C)."""

from __future__ import annotations

import argparse
import asyncio
import signal
import time

from desktop.commands.common import credential_store, open_store, platform_services, say
from desktop.config import Config
from desktop.services.sync.outcome import SyncSummary


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = sub.add_parser("sync", help="sync every account with the platforms")
    sync.add_argument("--once", action="store_true", help="one full pass, then exit")
    sync.set_defaults(run=run)


def print_summary(summary: SyncSummary, seconds: float) -> None:
    for o in summary.outcomes:
        mark = "ok " if o.ok else "ERR"
        say(
            f"{mark} {o.name}: +{o.inserted} new, {o.updated} updated, {o.deleted} deleted"
            + ("" if o.ok else f" — {o.health.value}: {o.detail}")
        )
    bad = sum(1 for o in summary.outcomes if not o.ok)
    say(
        f"{len(summary.outcomes)} accounts, {summary.inserted} new items, "
        f"{summary.updated} updated, {bad} failed, {seconds:.1f} s"
    )


async def _once(config: Config) -> int:
    credentials = credential_store(config)
    with open_store(config) as db:
        async with platform_services(config, db, credentials) as services:
            await services.recover()
            started = time.perf_counter()
            summary = await services.sync.sync_once()
            print_summary(summary, time.perf_counter() - started)
    return 0 if summary.ok and summary.outcomes else 1


async def _forever(config: Config) -> int:
    credentials = credential_store(config)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    with open_store(config) as db:
        async with platform_services(config, db, credentials) as services:
            services.sync.listeners.append(lambda s: print_summary(s, 0.0))
            await services.recover()
            await asyncio.gather(services.sync.run(stop), services.outbox.run(stop))
    return 0


def run(config: Config, args: argparse.Namespace) -> int:
    return asyncio.run(_once(config) if args.once else _forever(config))
