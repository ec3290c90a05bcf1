"""``dutydesk export --jsonl PATH --officer USERNAME [--unmasked] [--password-stdin]``.

One JSON object per item. The officer signs in (password asked with ``getpass``, or one line on
stdin): the export is his action, refused unless his role may export (``--unmasked`` needs a
shift leader's need-to-know), and recorded in the audit log with the row count. Personal data in
the text is masked unless ``--unmasked``.
"""

from __future__ import annotations

import argparse
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from sqlalchemy.orm import Session

from desktop.commands.common import open_store, say, warn
from desktop.commands.officers import password_source
from desktop.config import Config
from desktop.services.access import Action, PermissionDenied, load_actor, require
from desktop.services.audit import record_export
from desktop.services.auth import SignInFailed, SignInStatus, sign_in_blocking
from desktop.store.export import export_rows
from desktop.text.pii import mask_pii


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = sub.add_parser("export", help="export cached items as JSON Lines")
    export.add_argument("--jsonl", type=Path, required=True, help="where to write ('-': stdout)")
    export.add_argument("--officer", required=True, help="who exports (signs in; audited)")
    export.add_argument(
        "--unmasked", action="store_true", help="keep personal data (need-to-know only)"
    )
    export.add_argument(
        "--password-stdin", action="store_true", help="read the officer's password from stdin"
    )
    export.set_defaults(run=run)


def _open_output(target: Path) -> tuple[TextIO, bool] | None:
    try:
        if str(target) == "-":
            return os.fdopen(os.dup(1), "w", encoding="utf-8"), True
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        return os.fdopen(fd, "w", encoding="utf-8"), False
    except OSError as exc:
        warn(f"export: cannot write {target}: {exc.strerror}")
        return None


def run(config: Config, args: argparse.Namespace) -> int:
    ask = password_source(args.password_stdin)
    if ask is None:
        return 2
    password = ask(f"Mật khẩu của {args.officer}: ")
    action = Action.EXPORT_UNMASKED if args.unmasked else Action.EXPORT
    with open_store(config) as db:
        now = datetime.now(UTC)
        outcome = db.write_blocking(
            lambda s: sign_in_blocking(s, username=args.officer, password=password, now=now)
        )
        if outcome.status is not SignInStatus.OK or outcome.officer is None:
            warn(f"export: {SignInFailed(outcome)}")
            return 1
        officer_id = outcome.officer.officer_id
        try:
            db.read_blocking(lambda s: require(load_actor(s, officer_id), action))
        except PermissionDenied as exc:
            warn(f"export: {exc}")
            return 1
        opened = _open_output(args.jsonl)
        if opened is None:
            return 2
        out, to_stdout = opened
        count = 0

        def write_all(session: Session) -> None:
            nonlocal count
            for row in export_rows(session):
                if not args.unmasked:
                    row["text"] = mask_pii(row["text"])
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1

        with out:
            db.read_blocking(write_all)
        scope = {"target": "stdout" if to_stdout else "file"}
        db.write_blocking(
            lambda s: record_export(
                s,
                actor_id=officer_id,
                unmasked=args.unmasked,
                rows=count,
                scope=scope,
                now=datetime.now(UTC),
            )
        )
    if not to_stdout:
        say(f"exported {count:,} items to {args.jsonl}" + ("" if args.unmasked else " (masked)"))
    return 0
