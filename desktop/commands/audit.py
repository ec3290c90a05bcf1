"""``dutydesk audit verify [--expect-head HASH]``: check the audit log's hash chain.

Exit code 0 only when every event checks out (and, with ``--expect-head``, the last event's hash
is the one noted down earlier: the only way to notice the newest events were cut off); 1 when
the chain is broken, naming the first broken event.
"""

from __future__ import annotations

import argparse

from desktop.commands.common import open_store, say, warn
from desktop.config import Config
from desktop.store.audit import verify_chain


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = sub.add_parser("audit", help="the audit log: verify its hash chain")
    verbs = audit.add_subparsers(dest="verb", required=True)
    verify = verbs.add_parser("verify", help="check every event's hash; exit 0 only when intact")
    verify.add_argument(
        "--expect-head",
        metavar="HASH",
        help="the last event's hash as noted before (detects events cut off at the end)",
    )
    verify.set_defaults(run=run_verify)


def run_verify(config: Config, args: argparse.Namespace) -> int:
    with open_store(config) as db:
        result = db.read_blocking(verify_chain)
    if not result.ok:
        warn(f"audit log BROKEN at event {result.broken_id}: {result.reason}")
        warn(f"events checked: {result.count:,}; the chain is intact up to the event before")
        return 1
    if args.expect_head and args.expect_head.strip().lower() != result.head_hash:
        warn(
            "audit log: every event checks out, but the last hash is not the expected one: "
            "events were added since, or the newest events were removed"
        )
        say(f"events: {result.count:,}  head: {result.head_hash}")
        return 1
    say(f"audit log intact: {result.count:,} events; head {result.head_hash}")
    return 0
