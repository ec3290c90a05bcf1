"""Officers for unit admins: list those of the admin's units, add one, change, unlock, reset a
password (the workstation's "Quản trị" window).

The transactions are :mod:`desktop.services.auth`'s (``add_officer``, ``update_officer``,
``unlock_officer``, ``reset_password``): each loads the actor, requires ``MANAGE_OFFICERS`` over
the officer's unit (and the new unit) and appends its audit event (``officer_created``,
``officer_changed``, ``password_changed``). Passwords are checked against the policy and hashed
with scrypt on a worker thread, never on the GUI thread nor on the writer; a refused admin is
told before any hashing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from desktop.domain.enums import OfficerRole
from desktop.services.access import Action, load_actor, require, require_unit
from desktop.services.auth import (
    add_officer,
    reset_password,
    unlock_officer,
    update_officer,
)
from desktop.services.passwords import DEFAULT_PARAMS, ScryptParams, check_policy, hash_password
from desktop.services.units import scope_units
from desktop.store.cases import UnitRow
from desktop.store.database import Database
from desktop.store.models import Officer, utcnow
from desktop.store.officers import (
    DuplicateUsername,
    OfficerRow,
    list_officers,
    normalise_username,
    officer_by_username,
)

Clock = Callable[[], datetime]
MAX_CAPACITY = 200


class UsernameTaken(ValueError):
    """Another officer has this username (the view names it in the interface language)."""


class BadUsername(ValueError):
    """A username is 1-64 letters, digits, '.', '_' or '-'."""


@dataclass(frozen=True, slots=True)
class NewOfficer:
    username: str
    display_name: str
    role: OfficerRole
    unit_id: int
    capacity: int = 10
    need_to_know: bool = False


@dataclass(frozen=True, slots=True)
class OfficerChange:
    """What to change (``None``: leave it)."""

    display_name: str | None = None
    role: OfficerRole | None = None
    unit_id: int | None = None
    capacity: int | None = None
    need_to_know: bool | None = None
    active: bool | None = None


def valid_username(username: str) -> bool:
    name = normalise_username(username)
    return 0 < len(name) <= 64 and all(ch.isalnum() or ch in "._-" for ch in name)


def check_capacity(capacity: int) -> None:
    if not 0 <= capacity <= MAX_CAPACITY:
        raise ValueError(f"Số vụ việc tối đa phải từ 0 đến {MAX_CAPACITY}.")


def managed_officers(session: Session, *, actor_id: int) -> list[OfficerRow]:
    """Every officer (active or not) whose unit is in the admin's scope."""
    actor = load_actor(session, actor_id)
    require(actor, Action.MANAGE_OFFICERS)
    rows = list_officers(session, sorted(actor.scope))
    return sorted(rows, key=lambda r: (r.unit_id or 0, r.display_name.casefold(), r.id))


def check_new_officer(session: Session, *, actor_id: int, draft: NewOfficer) -> None:
    """Refuse before hashing: the admin's right over the unit, the username, the capacity."""
    actor = load_actor(session, actor_id)
    require_unit(actor, Action.MANAGE_OFFICERS, draft.unit_id)
    if not valid_username(draft.username):
        raise BadUsername(draft.username)
    if officer_by_username(session, draft.username) is not None:
        raise UsernameTaken(normalise_username(draft.username))
    if not draft.display_name.strip():
        raise ValueError("Họ và tên đang trống.")
    check_capacity(draft.capacity)


def check_managed(session: Session, *, actor_id: int, officer_id: int) -> None:
    actor = load_actor(session, actor_id)
    officer = session.get(Officer, officer_id)
    if officer is None:
        raise LookupError(f"officer {officer_id} does not exist")
    require_unit(actor, Action.MANAGE_OFFICERS, officer.unit_id)


class OfficerAdminService:
    """Async entry points of the admin window's officers tab."""

    def __init__(
        self, db: Database, *, clock: Clock = utcnow, params: ScryptParams = DEFAULT_PARAMS
    ) -> None:
        self._db = db
        self._clock = clock
        self._params = params

    async def units(self, actor_id: int) -> list[UnitRow]:
        """The units of the admin's scope, parents before children."""
        return await self._db.read(lambda s: scope_units(s, actor_id=actor_id))

    async def officers(self, actor_id: int) -> list[OfficerRow]:
        return await self._db.read(lambda s: managed_officers(s, actor_id=actor_id))

    async def _hash(self, password: str) -> str:
        return await asyncio.to_thread(hash_password, password, self._params)

    async def add(self, actor_id: int, draft: NewOfficer, password: str) -> int:
        """Add an officer who can sign in with ``password``; his id."""
        check_policy(password)
        await self._db.read(lambda s: check_new_officer(s, actor_id=actor_id, draft=draft))
        digest = await self._hash(password)
        now = self._clock()

        def work(session: Session) -> int:
            check_new_officer(session, actor_id=actor_id, draft=draft)
            try:
                return add_officer(
                    session,
                    actor_id=actor_id,
                    username=draft.username,
                    display_name=draft.display_name.strip()[:200],
                    role=draft.role,
                    unit_id=draft.unit_id,
                    password_hash=digest,
                    now=now,
                    capacity=draft.capacity,
                    need_to_know=draft.need_to_know,
                )
            except DuplicateUsername as exc:
                raise UsernameTaken(normalise_username(draft.username)) from exc

        return await self._db.write(work)

    async def change(self, actor_id: int, officer_id: int, change: OfficerChange) -> int:
        """Apply ``change``; how many of his open cases were given back to be reassigned."""
        if change.capacity is not None:
            check_capacity(change.capacity)
        now = self._clock()
        return await self._db.write(
            lambda s: update_officer(
                s,
                actor_id=actor_id,
                officer_id=officer_id,
                now=now,
                role=change.role,
                active=change.active,
                capacity=change.capacity,
                need_to_know=change.need_to_know,
                unit_id=change.unit_id,
                display_name=change.display_name,
            )
        )

    async def unlock(self, actor_id: int, officer_id: int) -> None:
        """Lift a lock-out after too many wrong passwords."""
        now = self._clock()
        await self._db.write(
            lambda s: unlock_officer(s, actor_id=actor_id, officer_id=officer_id, now=now)
        )

    async def reset_password(self, actor_id: int, officer_id: int, password: str) -> None:
        """Set a new password (lifts any lock-out)."""
        check_policy(password)
        await self._db.read(lambda s: check_managed(s, actor_id=actor_id, officer_id=officer_id))
        digest = await self._hash(password)
        now = self._clock()
        await self._db.write(
            lambda s: reset_password(
                s, actor_id=actor_id, officer_id=officer_id, password_hash=digest, now=now
            )
        )
