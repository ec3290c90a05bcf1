"""``dutydesk officers create-admin | add | list``: people who sign in on the workstation.

Passwords are never taken from the command line (they would land in the shell history and the
process list): they are asked for with ``getpass`` on a terminal, or read one per line from
standard input with ``--password-stdin`` (for ``add``: the admin's password first, then the new
officer's).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.commands.common import open_store, say, warn
from desktop.config import Config
from desktop.domain.enums import OfficerRole
from desktop.domain.units import thanh_hoa_units
from desktop.services.access import PermissionDenied
from desktop.services.auth import (
    AlreadyInitialised,
    SignInFailed,
    SignInStatus,
    add_officer,
    create_first_admin,
    sign_in_blocking,
)
from desktop.services.passwords import PasswordPolicyError, check_policy, hash_password
from desktop.store.directory import ensure_units
from desktop.store.models import Unit
from desktop.store.officers import DuplicateUsername, UnknownUnit, list_officers, unit_id_by_code

PasswordSource = Callable[[str], str]


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    officers = sub.add_parser("officers", help="officers who sign in: first admin, add, list")
    verbs = officers.add_subparsers(dest="verb", required=True)

    admin = verbs.add_parser("create-admin", help="the first unit admin (only on a new store)")
    admin.add_argument("--username", required=True)
    admin.add_argument("--name", required=True, help="display name")
    admin.add_argument("--unit", default="TH", help="unit code (default TH: the province)")
    admin.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    admin.set_defaults(run=run_create_admin)

    add = verbs.add_parser("add", help="a unit admin adds an officer")
    add.add_argument("--admin", required=True, help="the unit admin's username")
    add.add_argument("--username", required=True)
    add.add_argument("--name", required=True, help="display name")
    add.add_argument("--role", required=True, choices=[r.value for r in OfficerRole])
    add.add_argument("--unit", required=True, help="unit code, e.g. TH-SAMSON")
    add.add_argument("--capacity", type=int, default=10, help="open cases at most (default 10)")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the admin's password, then the new officer's, one per line from stdin",
    )
    add.set_defaults(run=run_add)

    lst = verbs.add_parser("list", help="every officer with role, unit and lock state")
    lst.set_defaults(run=run_list)


def password_source(from_stdin: bool) -> PasswordSource | None:
    if from_stdin:
        return lambda _prompt: sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        warn("officers: no terminal to ask for a password; use --password-stdin")
        return None
    return getpass.getpass


def _new_password(ask: PasswordSource, from_stdin: bool, prompt: str) -> str | None:
    password = ask(prompt)
    try:
        check_policy(password)
    except PasswordPolicyError as exc:
        warn(f"officers: {exc}")
        return None
    if not from_stdin and ask("Nhập lại mật khẩu: ") != password:
        warn("officers: the two passwords differ")
        return None
    return password


def run_create_admin(config: Config, args: argparse.Namespace) -> int:
    ask = password_source(args.password_stdin)
    if ask is None:
        return 2
    password = _new_password(ask, args.password_stdin, "Mật khẩu quản trị mới: ")
    if password is None:
        return 2
    digest = hash_password(password)
    now = datetime.now(UTC)
    with open_store(config) as db:

        def work(session: Session) -> int:
            ensure_units(session, thanh_hoa_units())
            unit_id = unit_id_by_code(session, args.unit)
            return create_first_admin(
                session,
                username=args.username,
                display_name=args.name,
                password_hash=digest,
                unit_id=unit_id,
                now=now,
            )

        try:
            officer_id = db.write_blocking(work)
        except AlreadyInitialised:
            warn("officers create-admin: this store has officers already; use 'officers add'")
            return 1
        except (UnknownUnit, DuplicateUsername, ValueError) as exc:
            warn(f"officers create-admin: {exc}")
            return 2
    say(f"created unit admin {args.username.strip().lower()} (id {officer_id})")
    return 0


def run_add(config: Config, args: argparse.Namespace) -> int:
    ask = password_source(args.password_stdin)
    if ask is None:
        return 2
    admin_password = ask(f"Mật khẩu của {args.admin}: ")
    password = _new_password(ask, args.password_stdin, f"Mật khẩu cho {args.username}: ")
    if password is None:
        return 2
    digest = hash_password(password)
    now = datetime.now(UTC)
    with open_store(config) as db:
        outcome = db.write_blocking(
            lambda s: sign_in_blocking(s, username=args.admin, password=admin_password, now=now)
        )
        if outcome.status is not SignInStatus.OK or outcome.officer is None:
            warn(f"officers add: {SignInFailed(outcome)}")
            return 1
        admin_id = outcome.officer.officer_id

        def work(session: Session) -> int:
            return add_officer(
                session,
                actor_id=admin_id,
                username=args.username,
                display_name=args.name,
                role=OfficerRole(args.role),
                unit_id=unit_id_by_code(session, args.unit),
                password_hash=digest,
                capacity=args.capacity,
                now=now,
            )

        try:
            officer_id = db.write_blocking(work)
        except PermissionDenied as exc:
            warn(f"officers add: {exc}")
            return 1
        except (UnknownUnit, DuplicateUsername, ValueError) as exc:
            warn(f"officers add: {exc}")
            return 2
    say(f"added {args.role} {args.username.strip().lower()} (id {officer_id})")
    return 0


def run_list(config: Config, args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    with open_store(config) as db:
        rows = db.read_blocking(list_officers)
        units = db.read_blocking(_unit_codes)
    if not rows:
        say("no officers yet: dutydesk officers create-admin --username ... --name ...")
        return 0
    say(f"{'username':<20} {'role':<13} {'unit':<22} {'state':<8} name")
    for row in rows:
        state = "active" if row.active else "inactive"
        if row.locked_until is not None and row.locked_until > now:
            state = "locked"
        unit = units.get(row.unit_id, "-") if row.unit_id is not None else "-"
        say(f"{row.username:<20} {row.role.value:<13} {unit:<22} {state:<8} {row.display_name}")
    return 0


def _unit_codes(session: Session) -> dict[int, str]:
    return {uid: code for uid, code in session.execute(select(Unit.id, Unit.code))}
