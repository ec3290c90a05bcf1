"""Sign-in: scrypt hashes, lock-out after repeated failures (persisted), idle lock, first admin."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.domain.enums import OfficerRole
from desktop.services.access import PermissionDenied
from desktop.services.auth import (
    AlreadyInitialised,
    AuthService,
    LockoutPolicy,
    SignInFailed,
    SignInStatus,
    add_officer,
    create_first_admin,
    first_run_needed,
    reset_password,
    sign_in_blocking,
    unlock_officer,
)
from desktop.services.passwords import (
    FAST_TEST_PARAMS,
    PasswordPolicyError,
    ScryptParams,
    check_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from desktop.store.audit import recent_events, verify_chain
from desktop.store.database import Database
from desktop.store.models import Officer
from desktop.store.officers import unit_id_by_code
from tests.factories import T0, setup_accounts
from tests.people.conftest import PASSWORD, World, at, build_world


def test_hashes_are_salted_parameterised_and_verified() -> None:
    a = hash_password("mật khẩu dài", FAST_TEST_PARAMS)
    b = hash_password("mật khẩu dài", FAST_TEST_PARAMS)
    assert a != b and a.startswith("scrypt$10$8$1$")
    assert verify_password("mật khẩu dài", a, FAST_TEST_PARAMS)
    assert not verify_password("mat khau dai", a, FAST_TEST_PARAMS)
    assert not verify_password("x", None, FAST_TEST_PARAMS)
    assert not verify_password("x", "md5$abc", FAST_TEST_PARAMS)
    assert not needs_rehash(a, FAST_TEST_PARAMS)
    assert needs_rehash(a, ScryptParams(log2_n=11))
    with pytest.raises(PasswordPolicyError):
        check_policy("ngan")


def _sign_in(world: World, username: str, password: str, minutes: float):  # type: ignore[no-untyped-def]
    return world.db.write_blocking(
        lambda s: sign_in_blocking(
            s, username=username, password=password, now=at(minutes), params=FAST_TEST_PARAMS
        )
    )


def test_sign_in_succeeds_and_is_audited(world: World) -> None:
    outcome = _sign_in(world, "  Duty ", PASSWORD, 0)
    assert outcome.status is SignInStatus.OK and outcome.officer is not None
    assert outcome.officer.role is OfficerRole.DUTY_OFFICER
    events = world.db.read_blocking(lambda s: recent_events(s, limit=1))
    assert events[0].action == "sign_in" and events[0].actor_id == world.officers["duty"]


def test_unknown_user_and_wrong_password_look_the_same(world: World) -> None:
    unknown = _sign_in(world, "nobody", PASSWORD, 0)
    wrong = _sign_in(world, "duty", "sai-mat-khau", 0)
    assert unknown.status is wrong.status is SignInStatus.BAD_CREDENTIALS
    assert str(SignInFailed(unknown)) == str(SignInFailed(wrong))
    last = world.db.read_blocking(lambda s: recent_events(s, limit=2))
    assert last[1].details == {"reason": "unknown_user"} and last[1].subject_id is None


def test_five_failures_lock_the_account_for_fifteen_minutes(world: World) -> None:
    for i in range(4):
        outcome = _sign_in(world, "duty", "sai-mat-khau", i)
        assert outcome.status is SignInStatus.BAD_CREDENTIALS
        assert outcome.failures_left == 4 - i
    locked = _sign_in(world, "duty", "sai-mat-khau", 4)
    assert locked.status is SignInStatus.LOCKED and locked.locked_until == at(19)
    # Even the right password is refused while locked, and the lock is in the database.
    assert _sign_in(world, "duty", PASSWORD, 10).status is SignInStatus.LOCKED
    stored = world.db.read_blocking(lambda s: s.get(Officer, world.officers["duty"]))
    assert stored.locked_until == at(19)
    assert _sign_in(world, "duty", PASSWORD, 19).status is SignInStatus.OK
    actions = [e.action for e in world.db.read_blocking(recent_events)]
    assert "account_locked" in actions
    assert world.db.read_blocking(verify_chain).ok


def test_the_count_restarts_after_a_success_and_after_the_lock(world: World) -> None:
    for i in range(4):
        _sign_in(world, "duty", "sai", i)
    assert _sign_in(world, "duty", PASSWORD, 5).status is SignInStatus.OK
    assert _sign_in(world, "duty", "sai", 6).failures_left == 4
    for i in range(4):
        _sign_in(world, "duty", "sai", 7 + i)
    assert _sign_in(world, "duty", "sai", 30).failures_left == 4  # lock expired: fresh count


def test_lock_out_survives_a_restart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.sqlite3"
    db = Database(path)
    db.open()
    world = build_world(db)
    for i in range(5):
        _sign_in(world, "duty", "sai", i)
    db.close()
    db2 = Database(path)
    db2.open()
    try:
        world.db = db2
        assert _sign_in(world, "duty", PASSWORD, 6).status is SignInStatus.LOCKED
    finally:
        db2.close()


def test_admin_unlock_and_password_reset(world: World) -> None:
    for i in range(5):
        _sign_in(world, "ss_duty", "sai", i)
    with pytest.raises(PermissionDenied):  # a leader is not an admin
        world.db.write_blocking(
            lambda s: unlock_officer(
                s,
                actor_id=world.officers["leader"],
                officer_id=world.officers["ss_duty"],
                now=at(5),
            )
        )
    with pytest.raises(PermissionDenied):  # Bỉm Sơn is outside Sầm Sơn's admin's scope
        world.db.write_blocking(
            lambda s: unlock_officer(
                s,
                actor_id=world.officers["ss_admin"],
                officer_id=world.officers["bs_duty"],
                now=at(5),
            )
        )
    world.db.write_blocking(
        lambda s: unlock_officer(
            s, actor_id=world.officers["ss_admin"], officer_id=world.officers["ss_duty"], now=at(5)
        )
    )
    assert _sign_in(world, "ss_duty", PASSWORD, 6).status is SignInStatus.OK
    new = hash_password("mat-khau-moi-123", FAST_TEST_PARAMS)
    world.db.write_blocking(
        lambda s: reset_password(
            s,
            actor_id=world.officers["admin"],
            officer_id=world.officers["ss_duty"],
            password_hash=new,
            now=at(7),
        )
    )
    assert _sign_in(world, "ss_duty", PASSWORD, 8).status is SignInStatus.BAD_CREDENTIALS
    assert _sign_in(world, "ss_duty", "mat-khau-moi-123", 9).status is SignInStatus.OK


def test_inactive_officer_cannot_sign_in(world: World) -> None:
    from desktop.services.auth import update_officer

    world.db.write_blocking(
        lambda s: update_officer(
            s,
            actor_id=world.officers["admin"],
            officer_id=world.officers["duty"],
            now=at(0),
            active=False,
        )
    )
    assert _sign_in(world, "duty", PASSWORD, 1).status is SignInStatus.INACTIVE
    assert _sign_in(world, "duty", "sai", 1).status is SignInStatus.BAD_CREDENTIALS


def test_first_admin_only_once(db: Database) -> None:
    ids = setup_accounts(db)
    assert ids and db.read_blocking(first_run_needed)
    assert db.read_blocking(lambda s: s.execute(select(Officer.id)).scalars().all()) == []
    th = db.read_blocking(lambda s: unit_id_by_code(s, "TH"))
    digest = hash_password(PASSWORD, FAST_TEST_PARAMS)
    admin_id = db.write_blocking(
        lambda s: create_first_admin(
            s, username="quantri", display_name="Quản trị", password_hash=digest, unit_id=th, now=T0
        )
    )
    assert not db.read_blocking(first_run_needed)
    with pytest.raises(AlreadyInitialised):
        db.write_blocking(
            lambda s: create_first_admin(
                s, username="other", display_name="X", password_hash=digest, unit_id=th, now=T0
            )
        )
    # The admin adds officers; the new one signs in.
    db.write_blocking(
        lambda s: add_officer(
            s,
            actor_id=admin_id,
            username="trucban1",
            display_name="Trực ban 1",
            role=OfficerRole.DUTY_OFFICER,
            unit_id=th,
            password_hash=digest,
            now=T0,
        )
    )
    outcome = db.write_blocking(
        lambda s: sign_in_blocking(
            s, username="trucban1", password=PASSWORD, now=T0, params=FAST_TEST_PARAMS
        )
    )
    assert outcome.status is SignInStatus.OK


def test_workstation_session_locks_when_idle_and_unlocks_with_the_password(world: World) -> None:
    clock = [at(0)]
    service = AuthService(
        world.db,
        clock=lambda: clock[0],
        params=FAST_TEST_PARAMS,
        policy=LockoutPolicy(max_failures=3),
        idle_timeout=timedelta(minutes=10),
    )

    async def scenario() -> None:
        ws = await service.sign_in("duty", PASSWORD)
        assert not ws.is_locked(at(9))
        ws.touch(at(9))
        assert not ws.is_locked(at(18))
        assert ws.is_locked(at(19))
        ws.touch(at(20))  # activity while locked does not unlock
        assert ws.is_locked(at(20))
        clock[0] = at(21)
        with pytest.raises(SignInFailed):
            await service.unlock(ws, "sai")
        assert ws.is_locked(at(21))
        await service.unlock(ws, PASSWORD)
        assert not ws.is_locked(at(21)) and ws.is_locked(at(31))
        ws.lock()
        assert ws.is_locked(at(22))
        # Unlock failures count towards the lock-out.
        for _ in range(3):
            with pytest.raises(SignInFailed):
                await service.unlock(ws, "sai")
        with pytest.raises(SignInFailed) as refused:
            await service.unlock(ws, PASSWORD)
        assert refused.value.outcome.status is SignInStatus.LOCKED
        await service.sign_out(ws)

    asyncio.run(scenario())
    actions = [e.action for e in world.db.read_blocking(recent_events)]
    assert "screen_unlocked" in actions and actions[0] == "sign_out"


def test_gui_first_admin_flow(db: Database) -> None:
    setup_accounts(db)
    service = AuthService(db, clock=lambda: T0, params=FAST_TEST_PARAMS)

    th = db.read_blocking(lambda s: unit_id_by_code(s, "TH"))

    async def scenario() -> None:
        assert await service.first_run_needed()
        with pytest.raises(PasswordPolicyError):
            await service.create_first_admin(
                username="qt", display_name="QT", password="ngan", unit_id=th
            )
        ws = await service.create_first_admin(
            username="qt", display_name="QT", password=PASSWORD, unit_id=th
        )
        assert ws.officer.role is OfficerRole.UNIT_ADMIN
        assert not await service.first_run_needed()

    asyncio.run(scenario())
