"""``dutydesk demo``: the workstation against the built-in simulator, with live traffic.

The demo keeps its own store (``DUTYDESK_HOME`` if set, else the per-user data folder
``DutyDesk-demo``) and its simulated tokens in a plain file there: demo tokens are fake.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from pathlib import Path

from platformdirs import user_data_dir

from desktop.config import Config, Paths


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = sub.add_parser("demo", help="the workstation with the built-in simulator (live)")
    demo.add_argument("--rate", type=float, default=20.0, help="new items per minute")
    demo.set_defaults(run=run)


def demo_config(config: Config) -> Config:
    home = (
        config.paths.home
        if os.environ.get("DUTYDESK_HOME")
        else Path(user_data_dir("DutyDesk-demo", appauthor=False))
    )
    return replace(config, paths=Paths(home), allow_insecure_keyring=True)


def run(config: Config, args: argparse.Namespace) -> int:
    from desktop.app import DemoOptions, run_gui

    return run_gui(demo_config(config), DemoOptions(rate_per_minute=args.rate))
