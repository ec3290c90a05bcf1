"""The ``dutydesk`` command (and ``python main.py``): the GUI by default, headless subcommands.

Subcommands live in ``desktop.commands``; they open the store themselves and never start Qt.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from desktop.classify.errors import ModelUnavailable
from desktop.config import load_config
from desktop.platforms.keyring_select import NoSecureKeyringError
from desktop.store.migrate import StoreError

log = logging.getLogger("dutydesk")


def build_parser() -> argparse.ArgumentParser:
    from desktop.commands import (
        accounts,
        audit,
        classify,
        demo,
        export,
        officers,
        seed,
        simulator,
        sync,
    )

    parser = argparse.ArgumentParser(
        prog="dutydesk",
        description="DutyDesk — Bàn trực mạng xã hội. Without a command, starts the workstation.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command")
    for module in (demo, seed, accounts, officers, sync, export, simulator, classify, audit):
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Request URLs never reach the log, even with -v (defence in depth for tokens and PII).
    for quiet in ("httpx", "httpcore"):
        logging.getLogger(quiet).setLevel(logging.WARNING)
    if not args.verbose:
        for noisy in ("alembic", "aiohttp.access"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    config = load_config()
    try:
        if args.command is not None:
            return int(args.run(config, args))
        from desktop.app import run_gui

        return run_gui(config)
    except (StoreError, NoSecureKeyringError, ModelUnavailable) as exc:
        print(f"dutydesk: {exc}", file=sys.stderr)
        return 3


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
