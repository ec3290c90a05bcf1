"""Units and accounts: the small reference tables that everything else hangs off."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import Platform
from desktop.domain.units import UnitSpec
from desktop.store.models import Account, Unit


def ensure_units(session: Session, specs: Iterable[UnitSpec]) -> dict[str, int]:
    """Create missing units (parents before children) and return code → id for all of them."""
    ids = {code: uid for code, uid in session.execute(select(Unit.code, Unit.id))}
    for spec in specs:
        if spec.code in ids:
            continue
        parent_id = ids.get(spec.parent_code) if spec.parent_code else None
        if spec.parent_code and parent_id is None:
            raise ValueError(f"unit {spec.code} names an unknown parent {spec.parent_code}")
        unit = Unit(code=spec.code, name=spec.name, level=spec.level, parent_id=parent_id)
        session.add(unit)
        session.flush()
        ids[spec.code] = unit.id
    return ids


def ensure_account(
    session: Session, platform: Platform, external_id: str, name: str, unit_code: str | None
) -> int:
    """Create or update an account (never its tokens: those are in the keyring)."""
    unit_id = None
    if unit_code is not None:
        unit_id = session.execute(
            select(Unit.id).where(Unit.code == unit_code)
        ).scalar_one_or_none()
        if unit_id is None:
            raise ValueError(f"unknown unit code {unit_code!r}")
    account = session.execute(
        select(Account).where(Account.platform == platform, Account.external_id == external_id)
    ).scalar_one_or_none()
    if account is None:
        account = Account(platform=platform, external_id=external_id, name=name, unit_id=unit_id)
        session.add(account)
    else:
        account.name = name
        account.unit_id = unit_id
    session.flush()
    return account.id


def unit_names(session: Session) -> dict[str, str]:
    return {code: name for code, name in session.execute(select(Unit.code, Unit.name))}
