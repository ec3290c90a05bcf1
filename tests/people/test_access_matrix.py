"""Every role × every action: what the policy allows succeeds, everything else is refused by the
service itself with PermissionDenied (not merely hidden in the UI)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from desktop.domain.enums import Category, OfficerRole
from desktop.services import (
    assignment,
    audit,
    auth,
    disclosure,
    forwarding,
    notes,
    shifts,
    sla,
    units,
)
from desktop.services.access import POLICY, Action, PermissionDenied, load_actor, require_case
from desktop.services.passwords import FAST_TEST_PARAMS, hash_password
from desktop.store.sla import Target
from tests.people.conftest import World, at

ACTOR = {
    OfficerRole.DUTY_OFFICER: "duty",
    OfficerRole.SHIFT_LEADER: "leader",
    OfficerRole.UNIT_ADMIN: "admin",
    OfficerRole.AUDITOR: "auditor",
}
Attempt = Callable[[World, int], object]


def _w(world: World, fn: Callable[[Session], object]) -> object:
    return world.db.write_blocking(fn)


def _view(world: World, me: int) -> object:
    tid = world.case("TH-SAMSON")
    return world.db.read_blocking(lambda s: disclosure.case_items(s, actor_id=me, thread_id=tid))


def _reveal(world: World, me: int) -> object:
    # Assigned to the duty officer: the one duty officer with need-to-know for it.
    tid = world.case("TH-SAMSON", category=Category.CRIME_TIP, assignee="duty")
    return _w(
        world, lambda s: disclosure.reveal_case_items(s, actor_id=me, thread_id=tid, now=at(1))
    )


def _note(world: World, me: int) -> object:
    tid = world.case("TH-SAMSON")
    return _w(
        world, lambda s: notes.add_note(s, actor_id=me, thread_id=tid, text="@duty", now=at(1))
    )


def _resolve(world: World, me: int) -> object:
    tid = world.case("TH-SAMSON")
    return _w(
        world,
        lambda s: sla.resolve_case(s, actor_id=me, thread_id=tid, expected_version=1, now=at(1)),
    )


def _take(world: World, me: int) -> object:
    tid = world.case("TH-SAMSON")
    return _w(
        world,
        lambda s: assignment.assign_case(
            s, actor_id=me, thread_id=tid, assignee_id=me, expected_version=1, now=at(1)
        ),
    )


def _assign(world: World, me: int) -> object:
    tid = world.case("TH-SAMSON")
    other = world.officers["ss_duty"]
    return _w(
        world,
        lambda s: assignment.assign_case(
            s, actor_id=me, thread_id=tid, assignee_id=other, expected_version=1, now=at(1)
        ),
    )


def _priority(world: World, me: int) -> object:
    tid = world.case("TH-SAMSON")
    return _w(
        world,
        lambda s: assignment.set_priority(
            s, actor_id=me, thread_id=tid, priority=3, expected_version=1, now=at(1)
        ),
    )


def _forward(world: World, me: int) -> object:
    tid = world.case("TH-SAMSON")
    unit = world.units["TH-SAMSON-TRUNGSON"]
    return _w(
        world,
        lambda s: forwarding.forward_case(
            s,
            actor_id=me,
            thread_id=tid,
            to_unit_id=unit,
            deadline_at=at(60),
            instructions="xác minh",
            expected_version=1,
            now=at(0),
        ),
    )


def _forwarded(world: World, to: str) -> int:
    tid = world.case("TH-SAMSON")
    unit = world.units[to]
    leader = world.officers["ss_leader"]
    fid, _ = world.db.write_blocking(
        lambda s: forwarding.forward_case(
            s,
            actor_id=leader,
            thread_id=tid,
            to_unit_id=unit,
            deadline_at=at(60),
            instructions="",
            expected_version=1,
            now=at(0),
        )
    )
    return fid


def _result(world: World, me: int) -> object:
    fid = _forwarded(world, "TH")
    return _w(
        world,
        lambda s: forwarding.record_result(
            s, actor_id=me, forward_id=fid, result="xong", now=at(5)
        ),
    )


def _escalate(world: World, me: int) -> object:
    fid = _forwarded(world, "TH-SAMSON-TRUNGSON")
    return _w(
        world, lambda s: forwarding.escalate(s, actor_id=me, forward_id=fid, note="", now=at(90))
    )


def _end_own_shift(world: World, me: int) -> object:
    role = world.db.read_blocking(lambda s: load_actor(s, me)).role
    if role in (OfficerRole.DUTY_OFFICER, OfficerRole.SHIFT_LEADER):
        admin = world.officers["admin"]
        unit = world.units["TH"]
        _w(
            world,
            lambda s: shifts.schedule_shift(
                s,
                actor_id=admin,
                officer_id=me,
                unit_id=unit,
                starts_at=at(0),
                ends_at=at(480),
                now=at(0),
            ),
        )
    return _w(world, lambda s: shifts.end_shift(s, actor_id=me, officer_id=me, now=at(60)))


def _workload(world: World, me: int) -> object:
    return world.db.read_blocking(lambda s: assignment.workload(s, actor_id=me, now=at(0)))


def _roster(world: World, me: int) -> object:
    duty = world.officers["ss_duty"]
    unit = world.units["TH-SAMSON"]
    return _w(
        world,
        lambda s: shifts.schedule_shift(
            s,
            actor_id=me,
            officer_id=duty,
            unit_id=unit,
            starts_at=at(0),
            ends_at=at(480),
            now=at(0),
        ),
    )


def _handover(world: World, me: int) -> object:
    unit = world.units["TH"]
    return _w(
        world,
        lambda s: shifts.sign_handover(s, actor_id=me, unit_id=unit, note="ổn", now=at(0)),
    )


_DIGEST = hash_password("mat-khau-moi-123", FAST_TEST_PARAMS)


def _officers(world: World, me: int) -> object:
    unit = world.units["TH-SAMSON"]
    return _w(
        world,
        lambda s: auth.add_officer(
            s,
            actor_id=me,
            username="moi",
            display_name="Mới",
            role=OfficerRole.DUTY_OFFICER,
            unit_id=unit,
            password_hash=_DIGEST,
            now=at(0),
        ),
    )


def _units(world: World, me: int) -> object:
    parent = world.units["TH-SAMSON"]
    return _w(
        world,
        lambda s: units.add_unit(
            s, actor_id=me, code="TH-SAMSON-MOI", name="Mới", parent_id=parent, now=at(0)
        ),
    )


def _rules(world: World, me: int) -> object:
    unit = world.units["TH-SAMSON"]
    return _w(
        world,
        lambda s: assignment.save_rule(
            s,
            actor_id=me,
            now=at(0),
            name="r",
            unit_id=unit,
            category=Category.CRIME_TIP,
            target_unit_id=None,
        ),
    )


def _sla(world: World, me: int) -> object:
    return _w(
        world,
        lambda s: sla.set_target(
            s, actor_id=me, category=Category.SPAM, target=Target(10, 60, 5), now=at(0)
        ),
    )


def _audit_log(world: World, me: int) -> object:
    return world.db.read_blocking(lambda s: audit.read_log(s, actor_id=me))


def _verify(world: World, me: int) -> object:
    return _w(world, lambda s: audit.verify_and_record(s, actor_id=me, now=at(0)))


def _export(unmasked: bool) -> Attempt:
    def attempt(world: World, me: int) -> object:
        return _w(
            world,
            lambda s: audit.record_export(
                s, actor_id=me, unmasked=unmasked, rows=3, scope=None, now=at(0)
            ),
        )

    return attempt


def _policy_only(action: Action) -> Attempt:
    """Actions carried out by other services (case pane, accounts, templates, moderation rules):
    they call the same gate, ``require_case`` / ``require``; checked here at that gate."""

    def attempt(world: World, me: int) -> object:
        tid = world.case("TH-SAMSON")
        return world.db.read_blocking(lambda s: require_case(s, load_actor(s, me), action, tid))

    return attempt


ATTEMPTS: dict[Action, Attempt] = {
    Action.VIEW_CASE: _view,
    Action.VIEW_PROTECTED: _reveal,
    Action.WRITE_NOTE: _note,
    Action.RESOLVE: _resolve,
    Action.TAKE_CASE: _take,
    Action.ASSIGN: _assign,
    Action.SET_PRIORITY: _priority,
    Action.FORWARD: _forward,
    Action.RECORD_FORWARD_RESULT: _result,
    Action.ESCALATE: _escalate,
    Action.END_OWN_SHIFT: _end_own_shift,
    Action.VIEW_WORKLOAD: _workload,
    Action.MANAGE_ROSTER: _roster,
    Action.SIGN_HANDOVER: _handover,
    Action.MANAGE_OFFICERS: _officers,
    Action.MANAGE_UNITS: _units,
    Action.MANAGE_ASSIGNMENT_RULES: _rules,
    Action.MANAGE_SLA: _sla,
    Action.VIEW_AUDIT_LOG: _audit_log,
    Action.VERIFY_AUDIT: _verify,
    Action.EXPORT: _export(unmasked=False),
    Action.EXPORT_UNMASKED: _export(unmasked=True),
}
for _action in Action:
    ATTEMPTS.setdefault(_action, _policy_only(_action))

CASES = [
    pytest.param(role, action, id=f"{role.value}-{action.value}")
    for role in OfficerRole
    for action in Action
]


@pytest.mark.parametrize(("role", "action"), CASES)
def test_role_action_matrix(world: World, role: OfficerRole, action: Action) -> None:
    me = world.officers[ACTOR[role]]
    if action in POLICY[role]:
        ATTEMPTS[action](world, me)
    else:
        with pytest.raises(PermissionDenied):
            ATTEMPTS[action](world, me)


def test_every_action_has_a_service_attempt_or_a_gate_check() -> None:
    assert set(ATTEMPTS) == set(Action)


def test_scope_is_enforced_for_every_case_action(world: World) -> None:
    """Bỉm Sơn's duty officer, though his role allows these actions, is refused on a Sầm Sơn
    case."""
    me = world.officers["bs_duty"]
    for action in (Action.VIEW_CASE, Action.WRITE_NOTE, Action.RESOLVE, Action.FORWARD):
        with pytest.raises(PermissionDenied):
            ATTEMPTS[action](world, me)
