"""The unit tree for unit admins (province → district → commune) and officers' scope for lists.

``add_unit`` places a new unit under a parent of the admin's scope, one level down;
``rename_unit`` changes a name. Codes never change (they name keyring entries and accounts).
``inbox_unit_ids`` is the unit filter the inbox should apply for an officer (his scope);
``scope_units`` lists those units (the roster's and handover's choosers).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import UnitLevel
from desktop.services.access import Action, load_actor, require, require_unit
from desktop.store.audit import AuditAction, append_event
from desktop.store.cases import UnitRow
from desktop.store.models import Unit

_CHILD_LEVEL = {UnitLevel.PROVINCE: UnitLevel.DISTRICT, UnitLevel.DISTRICT: UnitLevel.COMMUNE}


class UnitError(ValueError):
    pass


def add_unit(
    session: Session, *, actor_id: int, code: str, name: str, parent_id: int, now: datetime
) -> int:
    actor = load_actor(session, actor_id)
    require_unit(actor, Action.MANAGE_UNITS, parent_id)
    parent = session.get(Unit, parent_id)
    if parent is None:
        raise UnitError(f"unknown unit {parent_id}")
    level = _CHILD_LEVEL.get(parent.level)
    if level is None:
        raise UnitError("Xã/phường là cấp thấp nhất.")
    clean = code.strip().upper()
    if (
        not clean
        or len(clean) > 64
        or not all(c.isascii() and (c.isalnum() or c == "-") for c in clean)
    ):
        raise UnitError("Mã đơn vị gồm chữ cái không dấu, chữ số và dấu '-'.")
    if session.execute(select(Unit.id).where(Unit.code == clean)).first() is not None:
        raise UnitError(f"Mã đơn vị {clean} đã có.")
    if not name.strip():
        raise UnitError("Tên đơn vị đang trống.")
    unit = Unit(code=clean, name=name.strip()[:200], level=level, parent_id=parent_id)
    session.add(unit)
    session.flush()
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.UNIT_CHANGED,
        subject_type="unit",
        subject_id=str(unit.id),
        details={"created": True, "code": clean, "parent_id": parent_id, "level": level.value},
        at=now,
    )
    return unit.id


def rename_unit(session: Session, *, actor_id: int, unit_id: int, name: str, now: datetime) -> None:
    actor = load_actor(session, actor_id)
    require_unit(actor, Action.MANAGE_UNITS, unit_id)
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise UnitError(f"unknown unit {unit_id}")
    if not name.strip():
        raise UnitError("Tên đơn vị đang trống.")
    unit.name = name.strip()[:200]
    session.flush()
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.UNIT_CHANGED,
        subject_type="unit",
        subject_id=str(unit_id),
        details={"renamed": True},
        at=now,
    )


def inbox_unit_ids(session: Session, *, actor_id: int) -> frozenset[int]:
    """The units whose cases the officer's inbox lists (``InboxFilter.unit_ids``).

    Cases forwarded to his units from elsewhere are in ``forwarding.forward_queue``.
    """
    actor = load_actor(session, actor_id)
    require(actor, Action.VIEW_CASE)
    return actor.scope


def scope_units(session: Session, *, actor_id: int) -> list[UnitRow]:
    """The units of the officer's scope, as a tree in pre-order (parents before children)."""
    actor = load_actor(session, actor_id)
    rows = session.execute(
        select(Unit.id, Unit.code, Unit.name, Unit.level, Unit.parent_id).where(
            Unit.id.in_(sorted(actor.scope))
        )
    ).all()
    units = [UnitRow(*r) for r in rows]
    children: dict[int | None, list[UnitRow]] = {}
    ids = {u.id for u in units}
    for u in units:
        children.setdefault(u.parent_id if u.parent_id in ids else None, []).append(u)
    out: list[UnitRow] = []

    def walk(parent: int | None) -> None:
        for u in sorted(children.get(parent, []), key=lambda u: u.id):
            out.append(u)
            walk(u.id)

    walk(None)
    return out
