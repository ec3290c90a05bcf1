"""What the workstation's screens read from the issue-6 services: forwards with names and
masking, SLA breaches, the handover preview and roster, mentions with previews, audit names."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import update

from desktop.domain.enums import CaseStatus, Category
from desktop.services.access import PermissionDenied
from desktop.services.audit import officer_names
from desktop.services.forwarding import (
    case_forwards,
    forward_case,
    overdue_views,
    queue_views,
    record_result,
    reveal_case_forwards,
)
from desktop.services.notes import add_note, mentionable, my_mentions
from desktop.services.shifts import preview_handover, schedule_shift, view_roster
from desktop.services.sla import breached_cases
from desktop.services.units import scope_units
from desktop.store.audit import recent_events
from desktop.store.models import Thread
from tests.people.conftest import World, at

PHONE = "0912345678"


def _forward(world: World, tid: int, who: str = "duty", to: str = "TH-SAMSON") -> int:
    fid, _version = world.db.write_blocking(
        lambda s: forward_case(
            s,
            actor_id=world.officers[who],
            thread_id=tid,
            to_unit_id=world.units[to],
            deadline_at=at(60),
            instructions=f"Gọi người báo tin số {PHONE} để xác minh",
            expected_version=1,
            now=at(0),
        )
    )
    return fid


def _preview(world: World, tid: int, text: str) -> None:
    world.db.write_blocking(
        lambda s: s.execute(update(Thread).where(Thread.id == tid).values(last_preview=text))
    )


def test_forward_views_carry_names_rights_and_masking(world: World) -> None:
    tid = world.case("TH", category=Category.COMPLAINT)
    _preview(world, tid, f"anh gọi {PHONE} nhé")
    fid = _forward(world, tid)
    queue = world.db.read_blocking(
        lambda s: queue_views(s, actor_id=world.officers["ss_duty"], now=at(30))
    )
    assert [v.id for v in queue] == [fid]
    view = queue[0]
    assert view.to_unit_name == "Công an TP Sầm Sơn"
    assert view.from_unit_name == "Công an tỉnh Thanh Hóa" and view.by_officer_name == "Duty"
    assert not view.masked and PHONE in view.forward.instructions and PHONE in view.preview
    assert view.can_record and not view.can_escalate and not view.overdue
    # The auditor sees the same case masked.
    seen = world.db.read_blocking(
        lambda s: case_forwards(s, actor_id=world.officers["auditor"], thread_id=tid, now=at(30))
    )
    assert seen[0].masked and PHONE not in seen[0].forward.instructions
    assert not seen[0].can_record
    # Overdue for the Sầm Sơn leader, who may escalate.
    late = world.db.read_blocking(
        lambda s: overdue_views(s, actor_id=world.officers["ss_leader"], now=at(61))
    )
    assert [(v.id, v.overdue, v.can_escalate) for v in late] == [(fid, True, True)]
    world.db.write_blocking(
        lambda s: record_result(
            s, actor_id=world.officers["ss_duty"], forward_id=fid, result="Xong", now=at(70)
        )
    )
    done = world.db.read_blocking(
        lambda s: case_forwards(s, actor_id=world.officers["duty"], thread_id=tid, now=at(80))
    )
    assert done[0].forward.result == "Xong" and done[0].result_by_name == "Ss Duty"
    assert done[0].overdue and not done[0].can_record  # answered late


def test_a_crime_tips_forward_is_masked_until_revealed_and_the_reveal_is_recorded(
    world: World,
) -> None:
    tid = world.case("TH", category=Category.CRIME_TIP)
    _preview(world, tid, f"em báo ổ ma túy, gọi {PHONE}")
    _forward(world, tid)
    for who in ("ss_duty", "ss_leader"):
        rows = world.db.read_blocking(
            lambda s, who=who: queue_views(s, actor_id=world.officers[who], now=at(1))
        )
        assert rows[0].masked and rows[0].protected
        assert PHONE not in rows[0].forward.instructions and PHONE not in rows[0].preview
    with pytest.raises(PermissionDenied):  # a duty officer without need-to-know
        world.db.write_blocking(
            lambda s: reveal_case_forwards(
                s, actor_id=world.officers["ss_duty"], thread_id=tid, now=at(2)
            )
        )
    shown = world.db.write_blocking(
        lambda s: reveal_case_forwards(
            s, actor_id=world.officers["ss_leader"], thread_id=tid, now=at(2)
        )
    )
    assert not shown[0].masked and PHONE in shown[0].forward.instructions
    event = world.db.read_blocking(lambda s: recent_events(s, limit=1))[0]
    assert event.action == "protected_viewed" and event.details is not None
    assert event.details["reason"] == "forwards" and PHONE not in str(event.details)


def test_sla_breaches_for_the_leader(world: World) -> None:
    late = world.case("TH-SAMSON", category=Category.SCAM_REPORT, assignee="ss_duty", at=at(0))
    urgent = world.case("TH-SAMSON", category=Category.ADMIN_QUESTION, urgent=True, at=at(0))
    fresh = world.case("TH-SAMSON", category=Category.SCAM_REPORT, at=at(100))
    world.case("TH-SAMSON", category=Category.SCAM_REPORT, status=CaseStatus.RESOLVED)
    world.case("TH-BIMSON", category=Category.SCAM_REPORT)  # not his units
    rows = world.db.read_blocking(
        lambda s: breached_cases(s, actor_id=world.officers["ss_leader"], now=at(110))
    )
    assert [r.thread_id for r in rows] == [urgent, late]  # urgent first
    assert rows[1].assignee_name == "Ss Duty" and rows[1].unit_name == "Công an TP Sầm Sơn"
    assert fresh not in [r.thread_id for r in rows]
    with pytest.raises(PermissionDenied):
        world.db.read_blocking(
            lambda s: breached_cases(s, actor_id=world.officers["ss_duty"], now=at(110))
        )


def test_handover_preview_roster_and_scope_units(world: World) -> None:
    world.case("TH-SAMSON", urgent=True)
    summary = world.db.read_blocking(
        lambda s: preview_handover(
            s, actor_id=world.officers["ss_leader"], unit_id=world.units["TH-SAMSON"], now=at(5)
        )
    )
    assert summary["open"] == 1 and summary["urgent"] == 1
    with pytest.raises(PermissionDenied):
        world.db.read_blocking(
            lambda s: preview_handover(
                s, actor_id=world.officers["ss_duty"], unit_id=world.units["TH-SAMSON"], now=at(5)
            )
        )
    units = world.db.read_blocking(lambda s: scope_units(s, actor_id=world.officers["ss_leader"]))
    assert units[0].code == "TH-SAMSON" and all(u.code.startswith("TH-SAMSON") for u in units)
    world.db.write_blocking(
        lambda s: schedule_shift(
            s,
            actor_id=world.officers["ss_leader"],
            officer_id=world.officers["ss_duty"],
            unit_id=world.units["TH-SAMSON"],
            starts_at=at(0),
            ends_at=at(480),
            now=at(0),
        )
    )
    shifts = world.db.read_blocking(
        lambda s: view_roster(
            s,
            actor_id=world.officers["ss_leader"],
            unit_id=world.units["TH-SAMSON"],
            since=at(-60),
            until=at(600),
        )
    )
    assert [(r.officer_name, r.ends_at) for r in shifts] == [("Ss Duty", at(480))]


def test_mentions_carry_a_masked_preview_and_mentionable_officers(world: World) -> None:
    tip = world.case("TH-SAMSON", category=Category.CRIME_TIP)
    plain = world.case("TH-SAMSON")

    def note(tid: int) -> Any:
        return world.db.write_blocking(
            lambda s: add_note(
                s,
                actor_id=world.officers["ss_duty"],
                thread_id=tid,
                text=f"@ss_duty2 @bs_duty gọi {PHONE}",
                now=at(tid),
            )
        )

    note(tip)
    note(plain)
    mine = world.db.read_blocking(lambda s: my_mentions(s, actor_id=world.officers["ss_duty2"]))
    previews = {m.thread_id: m.preview for m in mine}
    assert PHONE in previews[plain] and PHONE not in previews[tip]
    assert previews[tip].startswith("@ss_duty2 @bs_duty gọi")
    # Mentioned from a case outside his scope: no preview at all.
    other = world.db.read_blocking(lambda s: my_mentions(s, actor_id=world.officers["bs_duty"]))
    assert {m.preview for m in other} == {""}
    names = world.db.read_blocking(lambda s: mentionable(s, actor_id=world.officers["ss_duty"]))
    assert "ss_duty2" in [n.username for n in names] and "ss_duty" not in [
        n.username for n in names
    ]


def test_audit_names_need_the_right(world: World) -> None:
    names = world.db.read_blocking(lambda s: officer_names(s, actor_id=world.officers["auditor"]))
    assert names[world.officers["duty"]] == "Duty (duty)"
    with pytest.raises(PermissionDenied):
        world.db.read_blocking(lambda s: officer_names(s, actor_id=world.officers["duty"]))
