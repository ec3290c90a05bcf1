"""Officers: lookup, creation, sign-in counters, the units they are assigned to.

No policy here (that is ``desktop.services.access``) and no password hashing (that is
``desktop.services.passwords``): only rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop.domain.enums import OfficerRole
from desktop.store.inbox import unit_subtree_ids
from desktop.store.models import Officer, OfficerUnit, Unit


class DuplicateUsername(ValueError):
    pass


class UnknownUnit(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class OfficerRow:
    id: int
    username: str
    display_name: str
    role: OfficerRole
    unit_id: int | None
    active: bool
    capacity: int
    need_to_know: bool
    locked_until: datetime | None
    last_sign_in_at: datetime | None


def _row(o: Officer) -> OfficerRow:
    return OfficerRow(
        o.id,
        o.username,
        o.display_name,
        o.role,
        o.unit_id,
        o.active,
        o.capacity,
        o.need_to_know,
        o.locked_until,
        o.last_sign_in_at,
    )


def normalise_username(username: str) -> str:
    return username.strip().lower()


def officer_by_username(session: Session, username: str) -> Officer | None:
    return session.execute(
        select(Officer).where(Officer.username == normalise_username(username))
    ).scalar_one_or_none()


def unit_id_by_code(session: Session, code: str) -> int:
    uid = session.execute(select(Unit.id).where(Unit.code == code)).scalar_one_or_none()
    if uid is None:
        raise UnknownUnit(f"unknown unit code {code!r}")
    return uid


def create_officer(
    session: Session,
    *,
    username: str,
    display_name: str,
    role: OfficerRole,
    unit_id: int | None,
    password_hash: str | None,
    capacity: int = 10,
    need_to_know: bool = False,
) -> Officer:
    name = normalise_username(username)
    if not name or len(name) > 64 or not all(ch.isalnum() or ch in "._-" for ch in name):
        raise ValueError("a username is 1-64 letters, digits, '.', '_' or '-'")
    if officer_by_username(session, name) is not None:
        raise DuplicateUsername(f"the username {name!r} is taken")
    if unit_id is not None and session.get(Unit, unit_id) is None:
        raise UnknownUnit(f"unknown unit id {unit_id}")
    officer = Officer(
        username=name,
        display_name=display_name.strip() or name,
        role=role,
        unit_id=unit_id,
        active=True,
        password_hash=password_hash,
        failed_sign_ins=0,
        capacity=capacity,
        need_to_know=need_to_know,
    )
    session.add(officer)
    session.flush()
    return officer


def count_officers_with_password(session: Session) -> int:
    return int(
        session.execute(
            select(func.count()).select_from(Officer).where(Officer.password_hash.is_not(None))
        ).scalar_one()
    )


def assigned_unit_ids(session: Session, officer_id: int) -> frozenset[int]:
    """The roots of an officer's scope: his own unit and the units he is assigned to."""
    officer = session.get(Officer, officer_id)
    if officer is None:
        return frozenset()
    extra = session.execute(
        select(OfficerUnit.unit_id).where(OfficerUnit.officer_id == officer_id)
    ).scalars()
    roots = set(extra)
    if officer.unit_id is not None:
        roots.add(officer.unit_id)
    return frozenset(roots)


def set_assigned_units(session: Session, officer_id: int, unit_ids: Iterable[int]) -> None:
    session.execute(delete(OfficerUnit).where(OfficerUnit.officer_id == officer_id))
    for uid in sorted(set(unit_ids)):
        session.add(OfficerUnit(officer_id=officer_id, unit_id=uid))
    session.flush()


def scope_of(session: Session, officer_id: int) -> frozenset[int]:
    """Every unit whose cases the officer may see: the subtrees of his units."""
    return unit_subtree_ids(session, assigned_unit_ids(session, officer_id))


def root_unit_ids(session: Session) -> frozenset[int]:
    return frozenset(session.execute(select(Unit.id).where(Unit.parent_id.is_(None))).scalars())


def list_officers(session: Session, unit_ids: Iterable[int] | None = None) -> list[OfficerRow]:
    stmt = select(Officer).order_by(Officer.unit_id, Officer.username)
    if unit_ids is not None:
        stmt = stmt.where(Officer.unit_id.in_(list(unit_ids)))
    return [_row(o) for o in session.execute(stmt).scalars()]


def officer_row(session: Session, officer_id: int) -> OfficerRow | None:
    officer = session.get(Officer, officer_id)
    return None if officer is None else _row(officer)


def officers_by_usernames(session: Session, usernames: Iterable[str]) -> dict[str, int]:
    names = {normalise_username(u) for u in usernames}
    if not names:
        return {}
    rows = session.execute(
        select(Officer.username, Officer.id).where(
            Officer.username.in_(sorted(names)), Officer.active.is_(True)
        )
    )
    return {name: oid for name, oid in rows}
