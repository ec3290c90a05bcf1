"""Assignment: manual rights, auto-assignment fairness over a simulated shift, urgent first,
capacity, rules, redistribution when a shift ends, the workload view, the handover."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select, update

from desktop.domain.enums import CaseStatus, Category
from desktop.services.access import PermissionDenied
from desktop.services.assignment import (
    assign_case,
    auto_assign,
    open_loads,
    save_rule,
    settle_ended_shifts,
    workload,
)
from desktop.services.case_writes import StaleCase
from desktop.services.shifts import (
    HandoverError,
    acknowledge_handover,
    end_shift,
    schedule_shift,
    sign_handover,
)
from desktop.store.audit import recent_events, verify_chain
from desktop.store.models import Thread
from desktop.store.shifts import RosterError
from tests.people.conftest import World, at


def _shift(
    world: World, who: str, unit: str, start: float = 0, end: float = 480, **kw: bool
) -> int:
    admin = world.officers["admin"]
    return world.db.write_blocking(
        lambda s: schedule_shift(
            s,
            actor_id=admin,
            officer_id=world.officers[who],
            unit_id=world.units[unit],
            starts_at=at(start),
            ends_at=at(end),
            now=at(start),
            **kw,
        )
    )


def _assign(world: World, who: str, tid: int, to: str | None, version: int = 1) -> int:
    return world.db.write_blocking(
        lambda s: assign_case(
            s,
            actor_id=world.officers[who],
            thread_id=tid,
            assignee_id=world.officers[to] if to else None,
            expected_version=version,
            now=at(1),
        )
    )


def _auto(world: World, minutes: float):  # type: ignore[no-untyped-def]
    return world.db.write_blocking(lambda s: auto_assign(s, now=at(minutes)))


def test_leader_assigns_and_reassigns_within_scope(world: World) -> None:
    tid = world.case("TH-SAMSON")
    v = _assign(world, "ss_leader", tid, "ss_duty")
    v = _assign(world, "ss_leader", tid, "ss_duty2", v)
    assert world.thread(tid).assignee_id == world.officers["ss_duty2"]
    with pytest.raises(PermissionDenied):  # Bỉm Sơn's officer does not cover Sầm Sơn
        _assign(world, "ss_leader", tid, "bs_duty", v)
    with pytest.raises(StaleCase):
        _assign(world, "ss_leader", tid, "ss_duty", v - 1)
    with pytest.raises(PermissionDenied):  # an auditor is never an assignee
        _assign(world, "leader", tid, "auditor", v)
    events = world.db.read_blocking(lambda s: recent_events(s, subject_id=str(tid)))
    assert next(e.details for e in events if e.action == "assigned") == {
        "from": world.officers["ss_duty"],
        "to": world.officers["ss_duty2"],
    }


def test_duty_officer_only_takes_free_cases_or_gives_back_his_own(world: World) -> None:
    tid = world.case("TH-SAMSON")
    with pytest.raises(PermissionDenied):
        _assign(world, "ss_duty", tid, "ss_duty2")
    v = _assign(world, "ss_duty", tid, "ss_duty")
    with pytest.raises(PermissionDenied):  # not his any more to take
        _assign(world, "ss_duty2", tid, "ss_duty2", v)
    with pytest.raises(PermissionDenied):  # nor to release
        _assign(world, "ss_duty2", tid, None, v)
    _assign(world, "ss_duty", tid, None, v)
    assert world.thread(tid).assignee_id is None


def test_auto_assignment_is_fair_over_a_simulated_shift(world: World) -> None:
    """Three officers, a case every 4 minutes for 8 hours, each works his cases at the same pace:
    round-robin keeps their counts within one and nobody ever holds more than his capacity."""
    for who in ("ss_duty", "ss_duty2", "ss_leader"):
        _shift(world, who, "TH-SAMSON")
    _shift(world, "leader", "TH-SAMSON", is_leader=True)  # the trực chỉ huy is not in the pool
    given: Counter[int] = Counter()
    officers = {world.officers[w] for w in ("ss_duty", "ss_duty2", "ss_leader")}
    for minute in range(0, 480, 4):
        world.case("TH-SAMSON", at=at(minute), urgent=minute % 36 == 0)
        for done in _auto(world, minute):
            given[done.officer_id] += 1
            assert not done.over_capacity
        loads = world.db.read_blocking(open_loads)
        assert set(loads) <= officers
        assert all(n <= 3 for n in loads.values())
        if minute % 12 == 8:  # every 12 minutes each officer resolves his oldest case

            def resolve_oldest(session, minute=minute):  # type: ignore[no-untyped-def]
                for oid in officers:
                    tid = session.execute(
                        select(Thread.id)
                        .where(Thread.assignee_id == oid, Thread.status == CaseStatus.NEW)
                        .order_by(Thread.id)
                        .limit(1)
                    ).scalar_one_or_none()
                    if tid is not None:
                        session.execute(
                            update(Thread)
                            .where(Thread.id == tid)
                            .values(status=CaseStatus.RESOLVED, resolved_at=at(minute))
                        )

            world.db.write_blocking(resolve_oldest)
    assert set(given) == officers
    assert max(given.values()) - min(given.values()) <= 1
    assert sum(given.values()) == 120
    assert world.db.read_blocking(verify_chain).ok


def test_urgent_cases_go_first_and_never_wait_for_capacity(world: World) -> None:
    _shift(world, "ss_duty", "TH-SAMSON")
    for i in range(3):
        world.case("TH-SAMSON", at=at(i), assignee="ss_duty")  # at capacity (3)
    old = world.case("TH-SAMSON", at=at(5))
    urgent = world.case("TH-SAMSON", at=at(10), urgent=True)
    done = _auto(world, 11)
    assert [(d.thread_id, d.over_capacity) for d in done] == [(urgent, True)]
    assert world.thread(old).assignee_id is None
    # One case resolved frees a slot: the waiting case is assigned on the next run.
    world.db.write_blocking(
        lambda s: s.execute(
            update(Thread)
            .where(Thread.assignee_id == world.officers["ss_duty"], Thread.urgent.is_(False))
            .where(Thread.id == select(Thread.id).order_by(Thread.id).limit(1).scalar_subquery())
            .values(status=CaseStatus.RESOLVED)
        )
    )
    assert [d.thread_id for d in _auto(world, 12)] == []  # still 3 open (incl. the urgent one)


def test_urgent_first_when_slots_are_scarce(world: World) -> None:
    _shift(world, "ss_duty", "TH-SAMSON")
    world.case("TH-SAMSON", at=at(0), assignee="ss_duty")
    world.case("TH-SAMSON", at=at(0), assignee="ss_duty")
    old = world.case("TH-SAMSON", at=at(1))
    urgent = world.case("TH-SAMSON", at=at(9), urgent=True)
    done = _auto(world, 10)
    assert [d.thread_id for d in done] == [urgent]
    assert not done[0].over_capacity and world.thread(old).assignee_id is None


def test_rules_route_by_unit_and_category_and_defaults_climb_the_tree(world: World) -> None:
    _shift(world, "duty", "TH")
    _shift(world, "ss_duty", "TH-SAMSON")
    with pytest.raises(PermissionDenied):  # rules are the admins'
        world.db.write_blocking(
            lambda s: save_rule(
                s,
                actor_id=world.officers["leader"],
                now=at(0),
                name="x",
                unit_id=None,
                category=None,
                target_unit_id=None,
            )
        )
    world.db.write_blocking(
        lambda s: save_rule(
            s,
            actor_id=world.officers["admin"],
            now=at(0),
            name="Tố giác ở Sầm Sơn: bàn trực tỉnh",
            unit_id=world.units["TH-SAMSON"],
            category=Category.CRIME_TIP,
            target_unit_id=world.units["TH"],
        )
    )
    tip = world.case("TH-SAMSON-TRUNGSON", category=Category.CRIME_TIP, at=at(1))
    question = world.case("TH-SAMSON-TRUNGSON", category=Category.ADMIN_QUESTION, at=at(2))
    elsewhere = world.case("TH-BIMSON", category=Category.OTHER, at=at(3))
    done = {d.thread_id: d for d in _auto(world, 5)}
    assert done[tip].officer_id == world.officers["duty"] and done[tip].rule_id is not None
    assert done[question].officer_id == world.officers["ss_duty"]  # nobody at the commune
    assert done[elsewhere].officer_id == world.officers["duty"]  # Bỉm Sơn unstaffed: province
    actions = [e.action for e in world.db.read_blocking(recent_events)]
    assert "assignment_rule_changed" in actions and actions.count("auto_assigned") == 3


def test_leaving_a_shift_redistributes_open_cases(world: World) -> None:
    _shift(world, "ss_duty", "TH-SAMSON")
    _shift(world, "ss_duty2", "TH-SAMSON")
    cases = [world.case("TH-SAMSON", at=at(i), assignee="ss_duty") for i in range(2)]
    closed = world.case("TH-SAMSON", assignee="ss_duty", status=CaseStatus.RESOLVED)
    moved = world.db.write_blocking(
        lambda s: end_shift(
            s, actor_id=world.officers["ss_duty"], officer_id=world.officers["ss_duty"], now=at(60)
        )
    )
    assert sorted(d.thread_id for d in moved) == cases
    assert {world.thread(t).assignee_id for t in cases} == {world.officers["ss_duty2"]}
    assert world.thread(closed).assignee_id == world.officers["ss_duty"]
    with pytest.raises(HandoverError):  # no longer on shift
        world.db.write_blocking(
            lambda s: end_shift(
                s,
                actor_id=world.officers["ss_duty"],
                officer_id=world.officers["ss_duty"],
                now=at(61),
            )
        )
    with pytest.raises(PermissionDenied):  # a duty officer cannot end someone else's shift
        world.db.write_blocking(
            lambda s: end_shift(
                s,
                actor_id=world.officers["ss_duty"],
                officer_id=world.officers["ss_duty2"],
                now=at(62),
            )
        )


def test_planned_shift_end_redistributes_once(world: World) -> None:
    _shift(world, "ss_duty", "TH-SAMSON", 0, 240)
    _shift(world, "ss_duty2", "TH-SAMSON", 0, 480)
    tid = world.case("TH-SAMSON", assignee="ss_duty")
    assert world.db.write_blocking(lambda s: settle_ended_shifts(s, now=at(200))) == []
    moved = world.db.write_blocking(lambda s: settle_ended_shifts(s, now=at(241)))
    assert [d.thread_id for d in moved] == [tid]
    assert world.thread(tid).assignee_id == world.officers["ss_duty2"]
    assert world.db.write_blocking(lambda s: settle_ended_shifts(s, now=at(242))) == []


def test_nobody_left_on_shift_leaves_cases_unassigned_for_the_leader(world: World) -> None:
    _shift(world, "ss_duty", "TH-SAMSON", 0, 240)
    tid = world.case("TH-SAMSON", assignee="ss_duty")
    world.db.write_blocking(lambda s: settle_ended_shifts(s, now=at(300)))
    assert world.thread(tid).assignee_id is None


def test_workload_view_for_the_shift_leader(world: World) -> None:
    _shift(world, "ss_duty", "TH-SAMSON")
    world.case("TH-SAMSON", assignee="ss_duty", urgent=True, category=Category.SCAM_REPORT)
    world.case("TH-SAMSON", assignee="ss_duty", at=at(100), category=Category.FEEDBACK)
    world.case("TH-SAMSON", assignee="ss_duty2", status=CaseStatus.RESOLVED)
    rows = world.db.read_blocking(
        lambda s: workload(s, actor_id=world.officers["ss_leader"], now=at(120))
    )
    by = {r.officer_id: r for r in rows}
    duty = by[world.officers["ss_duty"]]
    assert duty.on_shift and duty.open_cases == 2 and duty.urgent_cases == 1
    assert duty.overdue_cases == 1  # the scam report: no response within 5 minutes
    assert by[world.officers["ss_duty2"]].open_cases == 0
    assert world.officers["duty"] not in by  # the province desk is outside Sầm Sơn's scope
    with pytest.raises(PermissionDenied):
        world.db.read_blocking(lambda s: workload(s, actor_id=world.officers["ss_duty"], now=at(0)))


def test_handover_summary_and_acknowledgement(world: World) -> None:
    urgent = world.case("TH-SAMSON", urgent=True, category=Category.ABUSIVE, at=at(0))
    late = world.case("TH-SAMSON-TRUNGSON", category=Category.SCAM_REPORT, at=at(0))
    world.case("TH-SAMSON", category=Category.FEEDBACK, at=at(400), assignee="ss_duty")
    world.case("TH-SAMSON", status=CaseStatus.RESOLVED)
    world.case("TH-BIMSON", urgent=True)
    hid = world.db.write_blocking(
        lambda s: sign_handover(
            s,
            actor_id=world.officers["ss_leader"],
            unit_id=world.units["TH-SAMSON"],
            note="Theo dõi vụ lừa đảo ở Trung Sơn",
            now=at(420),
        )
    )
    with pytest.raises(PermissionDenied):
        world.db.write_blocking(
            lambda s: acknowledge_handover(
                s, actor_id=world.officers["ss_leader"], handover_id=hid, now=at(421)
            )
        )
    with pytest.raises(PermissionDenied):
        world.db.write_blocking(
            lambda s: acknowledge_handover(
                s, actor_id=world.officers["ss_duty"], handover_id=hid, now=at(421)
            )
        )
    row = world.db.write_blocking(
        lambda s: acknowledge_handover(
            s, actor_id=world.officers["leader"], handover_id=hid, now=at(425)
        )
    )
    assert row.acknowledged_by_id == world.officers["leader"]
    summary = row.summary
    assert summary["open"] == 3 and summary["urgent_ids"] == [urgent]
    assert set(summary["overdue_ids"]) == {urgent, late}
    assert summary["unassigned"] == 2
    with pytest.raises(HandoverError):
        world.db.write_blocking(
            lambda s: acknowledge_handover(
                s, actor_id=world.officers["leader"], handover_id=hid, now=at(426)
            )
        )


def test_schedule_rules(world: World) -> None:
    with pytest.raises(PermissionDenied):  # a duty officer does not write the roster
        world.db.write_blocking(
            lambda s: schedule_shift(
                s,
                actor_id=world.officers["ss_duty"],
                officer_id=world.officers["ss_duty"],
                unit_id=world.units["TH-SAMSON"],
                starts_at=at(0),
                ends_at=at(60),
                now=at(0),
            )
        )
    with pytest.raises(PermissionDenied):  # an auditor is not rostered to handle cases
        _shift(world, "auditor", "TH")
    with pytest.raises(PermissionDenied):  # only a shift leader leads a shift
        _shift(world, "ss_duty", "TH-SAMSON", is_leader=True)
    _shift(world, "ss_duty", "TH-SAMSON", 0, 60)
    with pytest.raises(RosterError):
        _shift(world, "ss_duty", "TH-SAMSON", 30, 90)
