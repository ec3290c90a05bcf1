"""``dutydesk seed --items N [--accounts M] [--seed S]``."""

from __future__ import annotations

import argparse
import time

from desktop.commands.common import open_store, say, warn
from desktop.config import Config
from desktop.services.seeding import seed_store


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    seed = sub.add_parser("seed", help="fill the local store with realistic Vietnamese seed data")
    seed.add_argument("--items", type=_count, required=True, help="how many items to add")
    seed.add_argument(
        "--accounts",
        type=_count,
        default=56,
        help="how many Pages/OAs to spread them over (default 56: 28 units × 2)",
    )
    seed.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    seed.set_defaults(run=run)


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return number


def run(config: Config, args: argparse.Namespace) -> int:
    if args.accounts == 0:
        warn("seed: --accounts must be at least 1")
        return 2
    with open_store(config) as db:
        started = time.perf_counter()
        shown = [0]

        def progress(done: int) -> None:
            if done - shown[0] >= args.items / 10 or done == args.items:
                shown[0] = done
                warn(f"  {done:>9,} / {args.items:,} items")

        summary = seed_store(
            db, items=args.items, accounts=args.accounts, seed=args.seed, progress=progress
        )
        elapsed = time.perf_counter() - started
    say(
        f"seeded {summary.items:,} items in {summary.threads:,} new threads over "
        f"{summary.accounts} accounts in {elapsed:.1f} s → {config.paths.database}"
    )
    return 0
