"""Unit admins' services: officers (add, change, deactivate, move, unlock, reset), auto-assignment
rules (list, save, delete) and SLA targets (read, set, checked) — each refused outside the
policy and audited."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine
from typing import Any, TypeVar

import pytest

from desktop.domain.enums import Category, OfficerRole
from desktop.services.access import PermissionDenied
from desktop.services.assignment import AssignmentService, RuleDraft
from desktop.services.auth import AuthService, SignInFailed, SignInStatus
from desktop.services.officers_admin import (
    BadUsername,
    NewOfficer,
    OfficerAdminService,
    OfficerChange,
    UsernameTaken,
)
from desktop.services.passwords import FAST_TEST_PARAMS, PasswordPolicyError
from desktop.services.shifts import schedule_shift
from desktop.services.sla import SlaService
from desktop.store.audit import recent_events, verify_chain
from desktop.store.models import Officer
from desktop.store.sla import DEFAULT_TARGETS, Target
from tests.people.conftest import PASSWORD, World, at

T = TypeVar("T")
NEW_PASSWORD = "mat-khau-can-bo-moi"


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def _admin(world: World) -> OfficerAdminService:
    return OfficerAdminService(world.db, clock=lambda: at(0), params=FAST_TEST_PARAMS)


def _auth(world: World, minutes: float = 1) -> AuthService:
    return AuthService(world.db, clock=lambda: at(minutes), params=FAST_TEST_PARAMS)


def _shift(world: World, who: str, unit: str) -> None:
    world.db.write_blocking(
        lambda s: schedule_shift(
            s,
            actor_id=world.officers["admin"],
            officer_id=world.officers[who],
            unit_id=world.units[unit],
            starts_at=at(0),
            ends_at=at(480),
            now=at(0),
        )
    )


def _events(world: World, action: str) -> list[Any]:
    return world.db.read_blocking(lambda s: recent_events(s, action=action))


def _draft(unit: int, username: str = "ss_moi", **kw: Any) -> NewOfficer:
    fields: dict[str, Any] = {
        "username": username,
        "display_name": "Trần Thị Mới",
        "role": OfficerRole.DUTY_OFFICER,
        "unit_id": unit,
        "capacity": 4,
    }
    fields.update(kw)
    return NewOfficer(**fields)


def test_an_added_officer_signs_in_and_the_creation_is_audited(world: World) -> None:
    admin = _admin(world)
    draft = _draft(world.units["TH-SAMSON-TRUNGSON"], "  SS_Moi ", need_to_know=True)
    oid = run(admin.add(world.officers["ss_admin"], draft, NEW_PASSWORD))
    ws = run(_auth(world).sign_in("ss_moi", NEW_PASSWORD))
    assert ws.officer.officer_id == oid and ws.officer.role is OfficerRole.DUTY_OFFICER
    row = next(r for r in run(admin.officers(world.officers["ss_admin"])) if r.id == oid)
    assert (row.username, row.display_name, row.capacity, row.need_to_know, row.active) == (
        "ss_moi",
        "Trần Thị Mới",
        4,
        True,
        True,
    )
    (event,) = _events(world, "officer_created")
    assert event.actor_id == world.officers["ss_admin"] and event.subject_id == str(oid)
    assert "Trần" not in json.dumps(event.details) and NEW_PASSWORD not in json.dumps(event.details)


def test_adding_is_refused_outside_the_policy_before_any_hashing(world: World) -> None:
    admin = _admin(world)
    samson = world.units["TH-SAMSON"]
    for who in ("leader", "duty", "auditor"):
        with pytest.raises(PermissionDenied):
            run(admin.add(world.officers[who], _draft(samson), NEW_PASSWORD))
    with pytest.raises(PermissionDenied):  # Bỉm Sơn is outside the Sầm Sơn admin's units
        run(admin.add(world.officers["ss_admin"], _draft(world.units["TH-BIMSON"]), NEW_PASSWORD))
    with pytest.raises(UsernameTaken):
        run(admin.add(world.officers["admin"], _draft(samson, "SS_Duty"), NEW_PASSWORD))
    with pytest.raises(BadUsername):
        run(admin.add(world.officers["admin"], _draft(samson, "có dấu cách"), NEW_PASSWORD))
    with pytest.raises(PasswordPolicyError):
        run(admin.add(world.officers["admin"], _draft(samson), "ngan"))
    with pytest.raises(ValueError):
        run(admin.add(world.officers["admin"], _draft(samson, capacity=-1), NEW_PASSWORD))
    count = world.db.read_blocking(lambda s: s.query(Officer).count())
    assert count == len(world.officers) and _events(world, "officer_created") == []


def test_the_list_holds_the_officers_of_the_admins_units_only(world: World) -> None:
    admin = _admin(world)
    names = {r.username for r in run(admin.officers(world.officers["ss_admin"]))}
    assert names == {"ss_leader", "ss_duty", "ss_duty2", "ss_admin", "ts_duty"}
    assert len(run(admin.officers(world.officers["admin"]))) == len(world.officers)
    with pytest.raises(PermissionDenied):
        run(admin.officers(world.officers["leader"]))
    units = run(admin.units(world.officers["ss_admin"]))
    assert units[0].code == "TH-SAMSON" and {u.code for u in units} >= {"TH-SAMSON-TRUNGSON"}


def test_changes_are_applied_checked_and_audited_without_names(world: World) -> None:
    admin = _admin(world)
    ss_admin, duty = world.officers["ss_admin"], world.officers["ss_duty"]
    change = OfficerChange(
        display_name=" Nguyễn Văn Sửa ",
        capacity=7,
        need_to_know=True,
        role=OfficerRole.SHIFT_LEADER,
    )
    assert run(admin.change(ss_admin, duty, change)) == 0
    row = next(r for r in run(admin.officers(ss_admin)) if r.id == duty)
    assert (row.display_name, row.capacity, row.need_to_know, row.role) == (
        "Nguyễn Văn Sửa",
        7,
        True,
        OfficerRole.SHIFT_LEADER,
    )
    (event,) = _events(world, "officer_changed")
    assert event.details == {
        "display_name": True,
        "capacity": 7,
        "need_to_know": True,
        "role": "shift_leader",
    }
    with pytest.raises(PermissionDenied):  # not his own role
        run(admin.change(ss_admin, ss_admin, OfficerChange(role=OfficerRole.DUTY_OFFICER)))
    with pytest.raises(PermissionDenied):  # nor his own deactivation
        run(admin.change(ss_admin, ss_admin, OfficerChange(active=False)))
    with pytest.raises(PermissionDenied):  # nor an officer outside his units
        run(admin.change(ss_admin, world.officers["bs_duty"], OfficerChange(capacity=1)))
    with pytest.raises(PermissionDenied):  # nor a move out of them
        run(admin.change(ss_admin, duty, OfficerChange(unit_id=world.units["TH-BIMSON"])))
    with pytest.raises(PermissionDenied):
        run(admin.change(world.officers["leader"], duty, OfficerChange(capacity=1)))
    with pytest.raises(ValueError):
        run(admin.change(ss_admin, duty, OfficerChange(capacity=10_000)))
    assert len(_events(world, "officer_changed")) == 1
    assert run(admin.change(ss_admin, duty, OfficerChange(capacity=7))) == 0  # no change
    assert len(_events(world, "officer_changed")) == 1


def test_deactivating_gives_his_cases_to_those_on_shift_and_blocks_sign_in(world: World) -> None:
    admin = _admin(world)
    _shift(world, "ss_duty", "TH-SAMSON")
    _shift(world, "ss_duty2", "TH-SAMSON")
    mine = [world.case("TH-SAMSON", assignee="ss_duty", at=at(i)) for i in range(2)]
    released = run(
        admin.change(
            world.officers["ss_admin"], world.officers["ss_duty"], OfficerChange(active=False)
        )
    )
    assert released == 2
    assert {world.thread(t).assignee_id for t in mine} == {world.officers["ss_duty2"]}
    with pytest.raises(SignInFailed) as refused:
        run(_auth(world).sign_in("ss_duty", PASSWORD))
    assert refused.value.outcome.status is SignInStatus.INACTIVE
    reasons = {
        e.details["reason"] for e in _events(world, "redistributed") if e.details["to"] is None
    }
    assert reasons == {"inactive"}
    run(
        admin.change(
            world.officers["ss_admin"], world.officers["ss_duty"], OfficerChange(active=True)
        )
    )
    assert run(_auth(world).sign_in("ss_duty", PASSWORD)).officer.username == "ss_duty"
    assert world.db.read_blocking(verify_chain).ok


def test_a_move_releases_only_the_cases_outside_his_new_units(world: World) -> None:
    admin = _admin(world)
    commune = world.case("TH-SAMSON-TRUNGSON", assignee="ss_duty")
    district = world.case("TH-SAMSON", assignee="ss_duty")
    moved = OfficerChange(unit_id=world.units["TH-SAMSON-TRUNGSON"])
    assert run(admin.change(world.officers["ss_admin"], world.officers["ss_duty"], moved)) == 1
    assert world.thread(commune).assignee_id == world.officers["ss_duty"]
    assert world.thread(district).assignee_id is None  # nobody on shift: waits for the leader
    (event,) = _events(world, "officer_changed")
    assert event.details["unit_id"] == {
        "from": world.units["TH-SAMSON"],
        "to": world.units["TH-SAMSON-TRUNGSON"],
    }


def test_unlock_and_password_reset_through_the_service(world: World) -> None:
    admin, auth = _admin(world), _auth(world)
    for _ in range(5):
        with pytest.raises(SignInFailed):
            run(auth.sign_in("ts_duty", "sai-mat-khau"))
    locked = next(
        r for r in run(admin.officers(world.officers["ss_admin"])) if r.username == "ts_duty"
    )
    assert locked.locked_until is not None
    with pytest.raises(PermissionDenied):
        run(admin.unlock(world.officers["leader"], locked.id))
    run(admin.unlock(world.officers["ss_admin"], locked.id))
    assert run(auth.sign_in("ts_duty", PASSWORD)).officer.officer_id == locked.id
    with pytest.raises(PasswordPolicyError):
        run(admin.reset_password(world.officers["ss_admin"], locked.id, "ngan"))
    with pytest.raises(PermissionDenied):
        run(admin.reset_password(world.officers["duty"], locked.id, NEW_PASSWORD))
    run(admin.reset_password(world.officers["ss_admin"], locked.id, NEW_PASSWORD))
    assert run(auth.sign_in("ts_duty", NEW_PASSWORD)).officer.officer_id == locked.id
    (event,) = _events(world, "password_changed")
    assert event.actor_id == world.officers["ss_admin"] and NEW_PASSWORD not in json.dumps(
        event.details
    )


def test_assignment_rules_listed_saved_and_deleted_within_scope(world: World) -> None:
    service = AssignmentService(world.db, clock=lambda: at(0))
    admin, ss_admin = world.officers["admin"], world.officers["ss_admin"]
    province_rule = run(
        service.save_rule(admin, RuleDraft("Lừa đảo: tỉnh", None, Category.SCAM_REPORT, None))
    )
    samson = RuleDraft("Sầm Sơn", world.units["TH-SAMSON"], None, world.units["TH-SAMSON"], 1)
    ss_rule = run(service.save_rule(ss_admin, samson))
    assert [r.id for r in run(service.rules(admin))] == [province_rule, ss_rule]
    assert [r.id for r in run(service.rules(ss_admin))] == [ss_rule]
    for who in ("leader", "duty"):
        with pytest.raises(PermissionDenied):
            run(service.rules(world.officers[who]))
        with pytest.raises(PermissionDenied):
            run(service.delete_rule(world.officers[who], ss_rule))
    with pytest.raises(PermissionDenied):  # the province's rule is not the district admin's
        run(service.delete_rule(ss_admin, province_rule))
    disabled = RuleDraft("Sầm Sơn", world.units["TH-SAMSON"], None, None, 1, enabled=False)
    assert run(service.save_rule(ss_admin, disabled, ss_rule)) == ss_rule
    (row,) = run(service.rules(ss_admin))
    assert not row.enabled and row.target_unit_id is None
    run(service.delete_rule(ss_admin, ss_rule))
    assert run(service.rules(ss_admin)) == []
    with pytest.raises(LookupError):
        run(service.delete_rule(admin, ss_rule))
    details = [e.details for e in _events(world, "assignment_rule_changed")]
    assert details[0]["deleted"] is True and details[0]["unit_id"] == world.units["TH-SAMSON"]
    assert len(details) == 4  # two created, one changed, one deleted


def test_sla_targets_read_by_admins_set_by_the_province_admin_and_checked(world: World) -> None:
    service = SlaService(world.db, clock=lambda: at(0))
    admin, ss_admin = world.officers["admin"], world.officers["ss_admin"]
    view = run(service.targets(admin))
    assert view.editable and [r.category for r in view.rows] == list(Category)
    assert all(r.target == DEFAULT_TARGETS[r.category] and not r.customised for r in view.rows)
    assert not run(service.targets(ss_admin)).editable
    with pytest.raises(PermissionDenied):
        run(service.targets(world.officers["leader"]))
    for bad in (
        Target(60, 30, 10),  # resolved before the first response is due
        Target(60, 120, 90),  # urgent slower than ordinary
        Target(0, 120, 0),
        Target(60, 91 * 24 * 60, 10),
    ):
        with pytest.raises(ValueError):
            run(service.set_target(admin, Category.SPAM, bad))
    run(service.set_target(admin, Category.SPAM, Target(45, 600, 15)))
    spam = next(r for r in run(service.targets(ss_admin)).rows if r.category is Category.SPAM)
    assert spam.customised and spam.target == Target(45, 600, 15)
    assert spam.default == DEFAULT_TARGETS[Category.SPAM]
    (event,) = _events(world, "sla_changed")
    assert event.details["after"] == [45, 600, 15]
