"""Forwarding: deadline and instructions, the receiving unit's queue and result, overdue flags
and escalation."""

from __future__ import annotations

import pytest

from desktop.domain.enums import CaseStatus, Category
from desktop.services.access import Action, PermissionDenied, case_ref, load_actor, require_case
from desktop.services.case_writes import StaleCase
from desktop.services.forwarding import (
    ForwardError,
    escalate,
    forward_case,
    forward_queue,
    overdue_forwards,
    record_result,
)
from desktop.store.audit import recent_events
from tests.people.conftest import World, at


def _forward(world: World, who: str, tid: int, to: str, deadline: float, version: int = 1):  # type: ignore[no-untyped-def]
    return world.db.write_blocking(
        lambda s: forward_case(
            s,
            actor_id=world.officers[who],
            thread_id=tid,
            to_unit_id=world.units[to],
            deadline_at=at(deadline),
            instructions="Xác minh và báo cáo kết quả",
            expected_version=version,
            now=at(0),
        )
    )


def test_forward_appears_in_the_receiving_units_queue_and_returns_with_a_result(
    world: World,
) -> None:
    tid = world.case("TH", category=Category.CRIME_TIP)
    with pytest.raises(PermissionDenied):  # before forwarding, Sầm Sơn cannot see it
        world.db.read_blocking(
            lambda s: require_case(
                s, load_actor(s, world.officers["ss_duty"]), Action.VIEW_CASE, tid
            )
        )
    fid, version = _forward(world, "duty", tid, "TH-SAMSON", 240)
    thread = world.thread(tid)
    assert thread.status is CaseStatus.FORWARDED and thread.deadline_at == at(240)
    assert thread.version == version == 2
    queue = world.db.read_blocking(lambda s: forward_queue(s, actor_id=world.officers["ss_duty"]))
    assert [(f.id, f.thread_id, f.deadline_at) for f in queue] == [(fid, tid, at(240))]
    # The commune under Sầm Sơn sees it too (subtree); Bỉm Sơn does not.
    assert (
        world.db.read_blocking(lambda s: forward_queue(s, actor_id=world.officers["ts_duty"])) == []
    )
    assert (
        world.db.read_blocking(lambda s: forward_queue(s, actor_id=world.officers["bs_duty"])) == []
    )
    world.db.read_blocking(
        lambda s: require_case(s, load_actor(s, world.officers["ss_duty"]), Action.VIEW_CASE, tid)
    )
    with pytest.raises(PermissionDenied):  # only the receiving unit records the result
        world.db.write_blocking(
            lambda s: record_result(
                s, actor_id=world.officers["bs_duty"], forward_id=fid, result="x", now=at(60)
            )
        )
    row = world.db.write_blocking(
        lambda s: record_result(
            s,
            actor_id=world.officers["ss_duty"],
            forward_id=fid,
            result="Đã xác minh, chuyển điều tra",
            now=at(120),
        )
    )
    assert row.state == "answered" and not row.overdue(at(999))
    thread = world.thread(tid)
    assert thread.status is CaseStatus.IN_PROGRESS and thread.deadline_at is None
    with pytest.raises(ForwardError):
        world.db.write_blocking(
            lambda s: record_result(
                s, actor_id=world.officers["ss_duty"], forward_id=fid, result="again", now=at(130)
            )
        )
    events = world.db.read_blocking(lambda s: recent_events(s, subject_id=str(tid)))
    assert [e.action for e in events] == ["forward_result", "forwarded"]
    assert "Xác minh" not in str([e.details for e in events])  # no free text in the log


def test_forward_checks(world: World) -> None:
    tid = world.case("TH-SAMSON")
    with pytest.raises(PermissionDenied):  # outside the officer's scope
        _forward(world, "bs_duty", tid, "TH-SAMSON-TRUNGSON", 60)
    with pytest.raises(PermissionDenied):  # auditors never act
        _forward(world, "auditor", tid, "TH-SAMSON-TRUNGSON", 60)
    with pytest.raises(ForwardError):  # deadline in the past
        _forward(world, "ss_duty", tid, "TH-SAMSON-TRUNGSON", -1)
    with pytest.raises(ForwardError):  # its own unit
        _forward(world, "ss_duty", tid, "TH-SAMSON", 60)
    with pytest.raises(StaleCase):
        _forward(world, "ss_duty", tid, "TH-SAMSON-TRUNGSON", 60, version=9)
    _forward(world, "ss_duty", tid, "TH-SAMSON-TRUNGSON", 60)
    with pytest.raises(ForwardError):  # already waiting for that unit
        _forward(world, "ss_duty", tid, "TH-SAMSON-TRUNGSON", 90, version=2)
    # A second unit with an earlier deadline: the case shows the earliest.
    _forward(world, "ss_duty", tid, "TH-SAMSON-BACSON", 30, version=2)
    assert world.thread(tid).deadline_at == at(30)


def test_overdue_forwards_are_flagged_and_escalated(world: World) -> None:
    tid = world.case("TH-SAMSON")
    fid, _ = _forward(world, "ss_leader", tid, "TH-SAMSON-TRUNGSON", 60)
    assert (
        world.db.read_blocking(
            lambda s: overdue_forwards(s, actor_id=world.officers["ss_leader"], now=at(59))
        )
        == []
    )
    late = world.db.read_blocking(
        lambda s: overdue_forwards(s, actor_id=world.officers["ss_leader"], now=at(61))
    )
    assert [f.id for f in late] == [fid] and late[0].overdue(at(61))
    # The province leader sees it too; a leader elsewhere does not; duty officers have no list.
    assert world.db.read_blocking(
        lambda s: overdue_forwards(s, actor_id=world.officers["leader"], now=at(61))
    )
    with pytest.raises(PermissionDenied):
        world.db.read_blocking(
            lambda s: overdue_forwards(s, actor_id=world.officers["ss_duty"], now=at(61))
        )
    with pytest.raises(PermissionDenied):
        world.db.write_blocking(
            lambda s: escalate(
                s, actor_id=world.officers["ss_duty"], forward_id=fid, note="", now=at(62)
            )
        )
    row = world.db.write_blocking(
        lambda s: escalate(
            s,
            actor_id=world.officers["ss_leader"],
            forward_id=fid,
            note="Quá hạn, báo cáo lãnh đạo",
            now=at(62),
        )
    )
    assert row.escalated_at == at(62) and world.thread(tid).priority == 5
    # A late result is kept and flagged as late.
    row = world.db.write_blocking(
        lambda s: record_result(
            s, actor_id=world.officers["ts_duty"], forward_id=fid, result="Đã xử lý", now=at(90)
        )
    )
    assert row.overdue(at(90))
    events = world.db.read_blocking(lambda s: recent_events(s, subject_id=str(tid), limit=1))
    assert events[0].details == {"forward_id": fid, "late": True}
    assert world.db.read_blocking(lambda s: case_ref(s, tid)).forwarded_to
