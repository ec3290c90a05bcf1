"""``dutydesk simulator [--port P] [--rate R] [--accounts-file F]``: the platform simulator,
standalone, so several workstations (or a training room) can share one."""

from __future__ import annotations

import argparse
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.commands.common import say
from desktop.config import Config


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sim = sub.add_parser("simulator", help="run the Facebook/Zalo simulator on 127.0.0.1")
    sim.add_argument("--port", type=int, default=8765)
    sim.add_argument("--rate", type=float, default=30.0, help="new items per minute")
    sim.add_argument("--seed", type=int, default=None)
    sim.add_argument(
        "--accounts-file",
        type=Path,
        default=None,
        help="write the simulated Pages/OAs as a TOML file for 'accounts import'",
    )
    sim.set_defaults(run=run)


def accounts_toml(accounts: list[dict[str, Any]]) -> str:
    """The manifest's accounts in the ``accounts import`` format (json.dumps quotes TOML-safe)."""
    lines = ["# Simulated accounts (fake tokens). Import: dutydesk accounts import FILE", ""]
    for acc in accounts:
        keys = ["platform", "external_id", "name", "unit_code"]
        secret = (
            ["access_token"]
            if acc["platform"] == "facebook"
            else ["access_token", "refresh_token", "app_id", "secret_key"]
        )
        lines.append("[[accounts]]")
        for key in keys + secret:
            name = {"external_id": "id", "unit_code": "unit"}.get(key, key)
            if acc["platform"] == "facebook" and key == "access_token":
                name = "token"
            lines.append(f"{name} = {json.dumps(str(acc[key]), ensure_ascii=False)}")
        expires = acc.get("access_token_expires_at")
        if acc["platform"] == "zalo" and expires is not None:  # else: refreshed before first use
            moment = datetime.fromtimestamp(float(expires), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            lines.append(f"expires_at = {moment}")
        lines.append("")
    return "\n".join(lines)


def run(config: Config, args: argparse.Namespace) -> int:
    from desktop.simulator.server import Simulator
    from desktop.simulator.standalone import run_standalone

    def started(sim: Simulator) -> None:
        if args.accounts_file is None:
            return
        manifest = sim.accounts_manifest()
        fd = os.open(args.accounts_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(accounts_toml(manifest))
        say(f"wrote {len(manifest)} simulated accounts to {args.accounts_file}")

    run_standalone(args.port, args.rate, seed=args.seed, on_started=started)
    _ = config
    return 0
