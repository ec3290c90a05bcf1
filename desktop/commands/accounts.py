"""``dutydesk accounts import FILE.toml`` and ``dutydesk accounts list``."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from desktop.commands.common import credential_store, open_store, say, warn
from desktop.config import Config
from desktop.services.accounts import (
    AccountFileError,
    accounts_with_health,
    import_accounts,
    parse_accounts,
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    accounts = sub.add_parser("accounts", help="Pages and OAs: import with tokens, list health")
    verbs = accounts.add_subparsers(dest="verb", required=True)
    imp = verbs.add_parser("import", help="add or update accounts from a TOML file (README)")
    imp.add_argument("file", type=Path)
    imp.set_defaults(run=run_import)
    lst = verbs.add_parser("list", help="every account with its sync health")
    lst.set_defaults(run=run_list)


def run_import(config: Config, args: argparse.Namespace) -> int:
    try:
        entries = parse_accounts(args.file.read_text(encoding="utf-8"))
    except OSError as exc:
        warn(f"accounts import: cannot read {args.file}: {exc.strerror}")
        return 2
    except AccountFileError as exc:
        warn(f"accounts import: {args.file}: {exc}")
        return 2
    credentials = credential_store(config)
    with open_store(config) as db:
        import_accounts(db, credentials, entries)
    say(f"imported {len(entries)} accounts; their tokens are in the keyring")
    return 0


def run_list(config: Config, args: argparse.Namespace) -> int:
    with open_store(config) as db:
        rows = asyncio.run(accounts_with_health(db))
    if not rows:
        say("no accounts yet: dutydesk accounts import FILE.toml")
        return 0
    say(f"{'platform':<9} {'id':<20} {'health':<19} {'last sync (UTC)':<20} name")
    for row in rows:
        last = row.last_sync_at.strftime("%Y-%m-%d %H:%M:%S") if row.last_sync_at else "never"
        say(
            f"{row.platform.value:<9} {row.external_id:<20} {row.health.value:<19} "
            f"{last:<20} {row.name}"
        )
        if row.health_detail:
            say(f"{'':<9} └ {row.health_detail}")
    return 0
