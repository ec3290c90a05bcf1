"""Signing in on the workstation, the lock-out, the idle screen lock, and managing officers.

- Passwords: scrypt (``desktop.services.passwords``), hashed and checked *off* the writer thread
  (about 0.1 s each), so a sign-in never holds up sync writes.
- Lock-out: after ``LockoutPolicy.max_failures`` wrong passwords in a row the officer is locked for
  ``LockoutPolicy.duration`` (stored in ``officers.locked_until``, so it survives restarts and holds
  on every workstation). While locked, no password is even checked.
- Every sign-in, failure, lock-out, unlock and officer change is an audit event. A failed sign-in
  under an unknown username records no username (it may be a mistyped password).
- :class:`WorkstationSession` is the signed-in state: ``touch(now)`` on every user action,
  ``is_locked(now)`` once idle longer than ``idle_timeout``; unlocking asks for the password again
  (counted against the same lock-out).
- The first run creates the first unit admin (:func:`create_first_admin`), refused once any
  officer has a password.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.enums import OfficerRole, UnitLevel
from desktop.domain.units import thanh_hoa_units
from desktop.services.access import (
    CASE_HANDLERS,
    Action,
    PermissionDenied,
    load_actor,
    require_unit,
)
from desktop.services.assignment import auto_assign, release_cases
from desktop.services.passwords import (
    DEFAULT_PARAMS,
    ScryptParams,
    burn_time,
    check_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from desktop.store.audit import AuditAction, append_event
from desktop.store.database import Database
from desktop.store.directory import ensure_units
from desktop.store.models import Officer, Unit, utcnow
from desktop.store.officers import (
    UnknownUnit,
    count_officers_with_password,
    create_officer,
    officer_by_username,
    scope_of,
    set_assigned_units,
)

Clock = Callable[[], datetime]
DEFAULT_IDLE_TIMEOUT = timedelta(minutes=10)
MAX_DISPLAY_NAME = 200


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    max_failures: int = 5
    duration: timedelta = timedelta(minutes=15)


class SignInStatus(StrEnum):
    OK = "ok"
    BAD_CREDENTIALS = "bad_credentials"  # unknown user or wrong password: never say which
    LOCKED = "locked"
    INACTIVE = "inactive"


@dataclass(frozen=True, slots=True)
class SignedInOfficer:
    officer_id: int
    username: str
    display_name: str
    role: OfficerRole
    unit_id: int | None


@dataclass(frozen=True, slots=True)
class SignInOutcome:
    status: SignInStatus
    officer: SignedInOfficer | None = None
    locked_until: datetime | None = None
    failures_left: int | None = None


class SignInFailed(Exception):
    """Sign-in or unlock refused; ``outcome`` says why (the message is safe to show)."""

    def __init__(self, outcome: SignInOutcome) -> None:
        self.outcome = outcome
        super().__init__(_failure_message(outcome))


def _failure_message(outcome: SignInOutcome) -> str:
    if outcome.status is SignInStatus.LOCKED and outcome.locked_until is not None:
        return "Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; thử lại sau."
    if outcome.status is SignInStatus.INACTIVE:
        return "Tài khoản đã bị vô hiệu hóa; liên hệ quản trị."
    return "Tên đăng nhập hoặc mật khẩu không đúng."


class AlreadyInitialised(RuntimeError):
    """The first admin exists already; officers are added by a unit admin."""


@dataclass(slots=True)
class WorkstationSession:
    """The signed-in officer on this workstation and the idle lock."""

    officer: SignedInOfficer
    idle_timeout: timedelta
    last_activity: datetime
    _locked: bool = field(default=False)

    def touch(self, now: datetime) -> None:
        """Record user activity (ignored while locked: only an unlock resumes the session)."""
        if not self.is_locked(now):
            self.last_activity = now

    def is_locked(self, now: datetime) -> bool:
        return self._locked or now - self.last_activity >= self.idle_timeout

    def lock(self) -> None:
        self._locked = True

    def _unlocked(self, now: datetime) -> None:
        self._locked = False
        self.last_activity = now


# -- transactions (sync, over a session) --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Credentials:
    officer_id: int | None
    password_hash: str | None
    locked_until: datetime | None
    active: bool


def _credentials(session: Session, username: str) -> _Credentials:
    officer = officer_by_username(session, username)
    if officer is None:
        return _Credentials(None, None, None, False)
    return _Credentials(officer.id, officer.password_hash, officer.locked_until, officer.active)


def _signed_in(officer: Officer) -> SignedInOfficer:
    return SignedInOfficer(
        officer.id, officer.username, officer.display_name, officer.role, officer.unit_id
    )


def record_attempt(
    session: Session,
    *,
    officer_id: int | None,
    hash_checked: str | None,
    password_ok: bool,
    now: datetime,
    policy: LockoutPolicy,
    unlock: bool = False,
    new_hash: str | None = None,
) -> SignInOutcome:
    """Apply one sign-in (or screen unlock) attempt whose password was checked beforehand.

    ``hash_checked`` is the hash the password was verified against; if the officer's hash changed
    since, the attempt is refused without counting. ``new_hash`` replaces the stored hash after a
    success (parameters raised).
    """
    officer = session.get(Officer, officer_id) if officer_id is not None else None
    if officer is None:
        append_event(
            session,
            actor_id=None,
            action=AuditAction.SIGN_IN_FAILED,
            subject_type="officer",
            subject_id=None,
            details={"reason": "unknown_user"},
            at=now,
        )
        return SignInOutcome(SignInStatus.BAD_CREDENTIALS)
    subject = str(officer.id)
    if officer.locked_until is not None and officer.locked_until > now:
        append_event(
            session,
            actor_id=officer.id,
            action=AuditAction.SIGN_IN_FAILED,
            subject_type="officer",
            subject_id=subject,
            details={"reason": "locked"},
            at=now,
        )
        return SignInOutcome(SignInStatus.LOCKED, locked_until=officer.locked_until)
    if officer.locked_until is not None:  # the lock has run out: start counting afresh
        officer.locked_until = None
        officer.failed_sign_ins = 0
    if officer.password_hash != hash_checked:
        return SignInOutcome(SignInStatus.BAD_CREDENTIALS)
    if not password_ok:
        officer.failed_sign_ins += 1
        details: dict[str, object] = {"reason": "password", "failures": officer.failed_sign_ins}
        append_event(
            session,
            actor_id=officer.id,
            action=AuditAction.SIGN_IN_FAILED,
            subject_type="officer",
            subject_id=subject,
            details=details,
            at=now,
        )
        if officer.failed_sign_ins >= policy.max_failures:
            officer.locked_until = now + policy.duration
            append_event(
                session,
                actor_id=officer.id,
                action=AuditAction.ACCOUNT_LOCKED,
                subject_type="officer",
                subject_id=subject,
                details={
                    "until": officer.locked_until.isoformat(),
                    "failures": policy.max_failures,
                },
                at=now,
            )
            session.flush()
            return SignInOutcome(SignInStatus.LOCKED, locked_until=officer.locked_until)
        session.flush()
        return SignInOutcome(
            SignInStatus.BAD_CREDENTIALS,
            failures_left=policy.max_failures - officer.failed_sign_ins,
        )
    if not officer.active:
        append_event(
            session,
            actor_id=officer.id,
            action=AuditAction.SIGN_IN_FAILED,
            subject_type="officer",
            subject_id=subject,
            details={"reason": "inactive"},
            at=now,
        )
        return SignInOutcome(SignInStatus.INACTIVE)
    officer.failed_sign_ins = 0
    if not unlock:
        officer.last_sign_in_at = now
    if new_hash is not None:
        officer.password_hash = new_hash
    append_event(
        session,
        actor_id=officer.id,
        action=AuditAction.SCREEN_UNLOCKED if unlock else AuditAction.SIGN_IN,
        subject_type="officer",
        subject_id=subject,
        details=None,
        at=now,
    )
    session.flush()
    return SignInOutcome(SignInStatus.OK, officer=_signed_in(officer))


def sign_in_blocking(
    session: Session,
    *,
    username: str,
    password: str,
    now: datetime,
    policy: LockoutPolicy = LockoutPolicy(),
    params: ScryptParams = DEFAULT_PARAMS,
) -> SignInOutcome:
    """Sign-in in one transaction (headless commands and tests; the GUI uses AuthService)."""
    creds = _credentials(session, username)
    ok = _check(creds, password, now, params)
    return record_attempt(
        session,
        officer_id=creds.officer_id,
        hash_checked=creds.password_hash,
        password_ok=ok,
        now=now,
        policy=policy,
    )


def _check(creds: _Credentials, password: str, now: datetime, params: ScryptParams) -> bool:
    if creds.locked_until is not None and creds.locked_until > now:
        return False  # locked: the password is not even checked
    if creds.officer_id is None:
        burn_time(password, params)
        return False
    return verify_password(password, creds.password_hash, params)


def first_run_needed(session: Session) -> bool:
    return count_officers_with_password(session) == 0


def first_admin_units(session: Session) -> list[tuple[int, str]]:
    """(id, name) of the province and district units, the province first; the Thanh Hóa tree
    is created first on a new store."""
    ensure_units(session, thanh_hoa_units())
    rows = [
        (uid, name, level)
        for uid, name, level in session.execute(
            select(Unit.id, Unit.name, Unit.level).where(Unit.level != UnitLevel.COMMUNE)
        )
    ]
    rows.sort(key=lambda r: (r[2] is not UnitLevel.PROVINCE, r[1]))
    return [(uid, name) for uid, name, _level in rows]


def create_first_admin(
    session: Session,
    *,
    username: str,
    display_name: str,
    password_hash: str,
    unit_id: int,
    now: datetime,
) -> int:
    """The first unit admin; refused once any officer can sign in."""
    if not first_run_needed(session):
        raise AlreadyInitialised("Đã có quản trị viên; cán bộ mới do quản trị viên thêm.")
    officer = create_officer(
        session,
        username=username,
        display_name=display_name,
        role=OfficerRole.UNIT_ADMIN,
        unit_id=unit_id,
        password_hash=password_hash,
    )
    append_event(
        session,
        actor_id=officer.id,
        action=AuditAction.OFFICER_CREATED,
        subject_type="officer",
        subject_id=str(officer.id),
        details={"role": officer.role.value, "unit_id": unit_id, "first_admin": True},
        at=now,
    )
    return officer.id


def add_officer(
    session: Session,
    *,
    actor_id: int,
    username: str,
    display_name: str,
    role: OfficerRole,
    unit_id: int,
    password_hash: str,
    now: datetime,
    capacity: int = 10,
    need_to_know: bool = False,
    extra_unit_ids: Iterable[int] = (),
) -> int:
    """A unit admin adds an officer to a unit of his scope."""
    actor = load_actor(session, actor_id)
    require_unit(actor, Action.MANAGE_OFFICERS, unit_id)
    extra = sorted(set(extra_unit_ids))
    for uid in extra:
        require_unit(actor, Action.MANAGE_OFFICERS, uid)
    if capacity < 0:
        raise ValueError("capacity must be zero or more")
    officer = create_officer(
        session,
        username=username,
        display_name=display_name,
        role=role,
        unit_id=unit_id,
        password_hash=password_hash,
        capacity=capacity,
        need_to_know=need_to_know,
    )
    if extra:
        set_assigned_units(session, officer.id, extra)
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.OFFICER_CREATED,
        subject_type="officer",
        subject_id=str(officer.id),
        details={
            "role": role.value,
            "unit_id": unit_id,
            "extra_unit_ids": extra,
            "capacity": capacity,
            "need_to_know": need_to_know,
        },
        at=now,
    )
    return officer.id


def _managed_officer(session: Session, actor_id: int, officer_id: int) -> Officer:
    actor = load_actor(session, actor_id)
    officer = session.get(Officer, officer_id)
    if officer is None:
        raise LookupError(f"officer {officer_id} does not exist")
    require_unit(actor, Action.MANAGE_OFFICERS, officer.unit_id)
    return officer


def update_officer(
    session: Session,
    *,
    actor_id: int,
    officer_id: int,
    now: datetime,
    role: OfficerRole | None = None,
    active: bool | None = None,
    capacity: int | None = None,
    need_to_know: bool | None = None,
    extra_unit_ids: Iterable[int] | None = None,
    unit_id: int | None = None,
    display_name: str | None = None,
) -> int:
    """Change an officer's role, active flag, capacity, need-to-know, unit, extra units or name.

    An officer who can no longer handle cases (deactivated, or given an admin's or auditor's
    role) gives his open cases back to be auto-assigned; one moved to another unit gives back
    those outside his new scope. Returns how many cases were released.
    """
    officer = _managed_officer(session, actor_id, officer_id)
    moving = unit_id is not None and unit_id != officer.unit_id
    if officer_id == actor_id and (role not in (None, officer.role) or active is False or moving):
        raise PermissionDenied(
            "Không thể tự hạ quyền, chuyển đơn vị hoặc vô hiệu hóa tài khoản của chính mình."
        )
    changes = _apply_fields(officer, role, active, capacity, need_to_know, display_name)
    actor = load_actor(session, actor_id)
    if moving:
        assert unit_id is not None
        require_unit(actor, Action.MANAGE_OFFICERS, unit_id)
        if session.get(Unit, unit_id) is None:
            raise UnknownUnit(f"unknown unit id {unit_id}")
        changes["unit_id"] = {"from": officer.unit_id, "to": unit_id}
        officer.unit_id = unit_id
    if extra_unit_ids is not None:
        extra = sorted(set(extra_unit_ids))
        for uid in extra:
            require_unit(actor, Action.MANAGE_OFFICERS, uid)
        set_assigned_units(session, officer.id, extra)
        changes["extra_unit_ids"] = extra
    if not changes:
        return 0
    append_event(
        session,
        actor_id=actor_id,
        action=AuditAction.OFFICER_CHANGED,
        subject_type="officer",
        subject_id=str(officer_id),
        details=changes,
        at=now,
    )
    session.flush()
    return _release_after_change(session, officer, changes, actor_id=actor_id, now=now)


def _apply_fields(
    officer: Officer,
    role: OfficerRole | None,
    active: bool | None,
    capacity: int | None,
    need_to_know: bool | None,
    display_name: str | None,
) -> dict[str, object]:
    """Set the plain fields that differ; what changed, for the audit log (never the name)."""
    changes: dict[str, object] = {}
    if display_name is not None:
        name = display_name.strip()[:MAX_DISPLAY_NAME]
        if not name:
            raise ValueError("Họ và tên đang trống.")
        if name != officer.display_name:
            officer.display_name = name
            changes["display_name"] = True
    if role is not None and role is not officer.role:
        officer.role = role
        changes["role"] = role.value
    if active is not None and active != officer.active:
        officer.active = active
        changes["active"] = active
    if capacity is not None and capacity != officer.capacity:
        if capacity < 0:
            raise ValueError("capacity must be zero or more")
        officer.capacity = capacity
        changes["capacity"] = capacity
    if need_to_know is not None and need_to_know != officer.need_to_know:
        officer.need_to_know = need_to_know
        changes["need_to_know"] = need_to_know
    return changes


def _release_after_change(
    session: Session, officer: Officer, changes: dict[str, object], *, actor_id: int, now: datetime
) -> int:
    """Give back the open cases the changed officer may no longer keep; how many."""
    keep: frozenset[int] | None
    if not officer.active or officer.role not in CASE_HANDLERS:
        if "active" not in changes and "role" not in changes:
            return 0
        reason, keep = ("inactive" if not officer.active else "role"), None
    elif "unit_id" in changes or "extra_unit_ids" in changes:
        reason, keep = "unit", scope_of(session, officer.id)
    else:
        return 0
    released = release_cases(
        session, officer_id=officer.id, now=now, actor_id=actor_id, reason=reason, keep_units=keep
    )
    auto_assign(
        session, now=now, thread_ids=released, action=AuditAction.REDISTRIBUTED, actor_id=actor_id
    )
    return len(released)


def reset_password(
    session: Session, *, actor_id: int, officer_id: int, password_hash: str, now: datetime
) -> None:
    """A unit admin sets a new password (and lifts any lock-out)."""
    officer = _managed_officer(session, actor_id, officer_id)
    officer.password_hash = password_hash
    officer.failed_sign_ins = 0
    officer.locked_until = None
    append_event(
        session,
        actor_id=actor_id,
        action=AuditAction.PASSWORD_CHANGED,
        subject_type="officer",
        subject_id=str(officer_id),
        details={"by_admin": True},
        at=now,
    )
    session.flush()


def unlock_officer(session: Session, *, actor_id: int, officer_id: int, now: datetime) -> None:
    officer = _managed_officer(session, actor_id, officer_id)
    officer.failed_sign_ins = 0
    officer.locked_until = None
    append_event(
        session,
        actor_id=actor_id,
        action=AuditAction.OFFICER_CHANGED,
        subject_type="officer",
        subject_id=str(officer_id),
        details={"unlocked": True},
        at=now,
    )
    session.flush()


# -- the GUI's service ---------------------------------------------------------------------------


class AuthService:
    """Async sign-in for the workstation: hashing off the writer thread, outcomes committed."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Clock = utcnow,
        params: ScryptParams = DEFAULT_PARAMS,
        policy: LockoutPolicy = LockoutPolicy(),
        idle_timeout: timedelta = DEFAULT_IDLE_TIMEOUT,
    ) -> None:
        self._db = db
        self._clock = clock
        self._params = params
        self._policy = policy
        self.idle_timeout = idle_timeout

    async def first_run_needed(self) -> bool:
        return await self._db.read(first_run_needed)

    async def first_admin_units(self) -> list[tuple[int, str]]:
        """The units a first admin may belong to (the unit tree is created if missing)."""
        return await self._db.write(first_admin_units)

    async def hash_new_password(self, password: str) -> str:
        check_policy(password)
        return await asyncio.to_thread(hash_password, password, self._params)

    async def create_first_admin(
        self, *, username: str, display_name: str, password: str, unit_id: int
    ) -> WorkstationSession:
        digest = await self.hash_new_password(password)
        now = self._clock()
        await self._db.write(
            lambda s: create_first_admin(
                s,
                username=username,
                display_name=display_name,
                password_hash=digest,
                unit_id=unit_id,
                now=now,
            )
        )
        return await self.sign_in(username, password)

    async def _attempt(
        self, username: str, password: str, *, unlock_officer_id: int | None = None
    ) -> SignInOutcome:
        creds = await self._db.read(lambda s: _credentials(s, username))
        if unlock_officer_id is not None and creds.officer_id != unlock_officer_id:
            creds = _Credentials(None, None, None, False)
        now = self._clock()
        ok = await asyncio.to_thread(_check, creds, password, now, self._params)
        new_hash = None
        if ok and creds.password_hash and needs_rehash(creds.password_hash, self._params):
            new_hash = await asyncio.to_thread(hash_password, password, self._params)
        return await self._db.write(
            lambda s: record_attempt(
                s,
                officer_id=creds.officer_id,
                hash_checked=creds.password_hash,
                password_ok=ok,
                now=self._clock(),
                policy=self._policy,
                unlock=unlock_officer_id is not None,
                new_hash=new_hash,
            )
        )

    async def sign_in(self, username: str, password: str) -> WorkstationSession:
        outcome = await self._attempt(username, password)
        if outcome.status is not SignInStatus.OK or outcome.officer is None:
            raise SignInFailed(outcome)
        return WorkstationSession(outcome.officer, self.idle_timeout, self._clock())

    async def unlock(self, ws: WorkstationSession, password: str) -> None:
        """Unlock the idle-locked screen with the same officer's password."""
        outcome = await self._attempt(
            ws.officer.username, password, unlock_officer_id=ws.officer.officer_id
        )
        if outcome.status is not SignInStatus.OK:
            raise SignInFailed(outcome)
        ws._unlocked(self._clock())

    async def sign_out(self, ws: WorkstationSession) -> None:
        ws.lock()
        now = self._clock()
        await self._db.write(
            lambda s: append_event(
                s,
                actor_id=ws.officer.officer_id,
                action=AuditAction.SIGN_OUT,
                subject_type="officer",
                subject_id=str(ws.officer.officer_id),
                details=None,
                at=now,
            )
        )
