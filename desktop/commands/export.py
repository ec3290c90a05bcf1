"""``dutydesk export --jsonl PATH [--unmasked]``: one JSON object per item.

Personal data in the text is masked unless ``--unmasked`` is given.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from desktop.commands.common import open_store, say, warn
from desktop.config import Config
from desktop.store.export import export_rows
from desktop.text.pii import mask_pii


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser("export", help="export cached items as JSON Lines")
    export.add_argument("--jsonl", type=Path, required=True, help="where to write ('-': stdout)")
    export.add_argument(
        "--unmasked", action="store_true", help="keep personal data (need-to-know only)"
    )
    export.set_defaults(run=run)


def run(config: Config, args: argparse.Namespace) -> int:
    count = 0
    to_stdout = str(args.jsonl) == "-"
    try:
        if to_stdout:
            out = os.fdopen(os.dup(1), "w", encoding="utf-8")
        else:
            args.jsonl.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(args.jsonl, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            out = os.fdopen(fd, "w", encoding="utf-8")
    except OSError as exc:
        warn(f"export: cannot write {args.jsonl}: {exc.strerror}")
        return 2
    with out, open_store(config) as db:

        def write_all(session):  # type: ignore[no-untyped-def]
            nonlocal count
            for row in export_rows(session):
                if not args.unmasked:
                    row["text"] = mask_pii(row["text"])
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1

        db.read_blocking(write_all)
    if not to_stdout:
        say(f"exported {count:,} items to {args.jsonl}" + ("" if args.unmasked else " (masked)"))
    return 0
