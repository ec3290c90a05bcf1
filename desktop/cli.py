"""The ``dutydesk`` command (and ``python main.py``): the GUI by default, headless subcommands.

Subcommands open the store themselves; they never start Qt.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence

from desktop.config import Config, load_config
from desktop.store.migrate import StoreError

log = logging.getLogger("dutydesk")


def _positive(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be zero or more")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dutydesk",
        description="DutyDesk — Bàn trực mạng xã hội. Without a command, starts the workstation.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command")
    seed = sub.add_parser("seed", help="fill the local store with realistic Vietnamese seed data")
    seed.add_argument("--items", type=_positive, required=True, help="how many items to add")
    seed.add_argument(
        "--accounts",
        type=_positive,
        default=56,
        help="how many Pages/OAs to spread them over (default 56: 28 units × 2)",
    )
    seed.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    return parser


def _cmd_seed(config: Config, args: argparse.Namespace) -> int:
    from desktop.services.seeding import seed_store
    from desktop.store.database import Database

    if args.accounts == 0:
        print("seed: --accounts must be at least 1", file=sys.stderr)
        return 2
    db = Database(config.paths.database, backup_dir=config.paths.backups)
    try:
        db.open()
        started = time.perf_counter()
        shown = [0]

        def progress(done: int) -> None:
            if done - shown[0] >= args.items / 10 or done == args.items:
                shown[0] = done
                print(f"  {done:>9,} / {args.items:,} items", file=sys.stderr)

        summary = seed_store(
            db, items=args.items, accounts=args.accounts, seed=args.seed, progress=progress
        )
        elapsed = time.perf_counter() - started
    finally:
        db.close()
    print(
        f"seeded {summary.items:,} items in {summary.threads:,} new threads over "
        f"{summary.accounts} accounts in {elapsed:.1f} s → {config.paths.database}"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        logging.getLogger("alembic").setLevel(logging.WARNING)
    config = load_config()
    try:
        if args.command == "seed":
            return _cmd_seed(config, args)
        from desktop.app import run_gui

        return run_gui(config)
    except StoreError as exc:
        print(f"dutydesk: {exc}", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
