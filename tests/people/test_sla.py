"""The SLA clock: response and resolution targets per category; stop on resolve, restart on
reopen (by an officer or by the citizen writing again)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import update

from desktop.domain.enums import CaseStatus, Category, Direction, ItemKind, Platform
from desktop.services.access import PermissionDenied
from desktop.services.case_writes import StaleCase
from desktop.services.sla import (
    CaseStateError,
    case_sla,
    record_response,
    reopen_case,
    resolve_case,
    set_target,
)
from desktop.store.ingest import ingest_items
from desktop.store.models import Item, Thread
from desktop.store.sla import Target
from tests.factories import comment
from tests.people.conftest import World, at


def _outbound(world: World, thread_id: int, minutes: float) -> None:
    def work(session):  # type: ignore[no-untyped-def]
        session.add(
            Item(
                thread_id=thread_id,
                platform=Platform.FACEBOOK,
                external_id=f"reply_{thread_id}_{minutes}",
                kind=ItemKind.REPLY,
                direction=Direction.OUTBOUND,
                text="Cảm ơn bạn đã báo tin",
                created_at=at(minutes),
                content_hash=hashlib.sha256(b"x").hexdigest(),
            )
        )

    world.db.write_blocking(work)


def _clock(world: World, tid: int, minutes: float, who: str = "duty"):  # type: ignore[no-untyped-def]
    return world.db.read_blocking(
        lambda s: case_sla(s, actor_id=world.officers[who], thread_ids=[tid], now=at(minutes))
    )[tid]


def test_response_target_depends_on_category_and_urgency(world: World) -> None:
    scam = world.case(category=Category.SCAM_REPORT, at=at(0))
    urgent = world.case(category=Category.SCAM_REPORT, urgent=True, at=at(0))
    plain = world.case(category=None, at=at(0))
    assert _clock(world, scam, 0).response_due_at == at(15)
    assert _clock(world, urgent, 0).response_due_at == at(5)
    assert _clock(world, plain, 0).response_due_at == at(24 * 60)  # held to "other"
    assert not _clock(world, scam, 14).response_breached
    assert _clock(world, scam, 16).response_breached
    _outbound(world, scam, 10)
    clock = _clock(world, scam, 60)
    assert clock.responded_at == at(10) and not clock.response_breached


def test_resolution_clock_stops_on_resolve_and_restarts_on_reopen(world: World) -> None:
    tid = world.case(category=Category.SCAM_REPORT, at=at(0))  # resolution target 4 h
    assert _clock(world, tid, 60).resolution_elapsed == timedelta(minutes=60)
    version = world.db.write_blocking(
        lambda s: resolve_case(
            s,
            actor_id=world.officers["duty"],
            thread_id=tid,
            expected_version=1,
            now=at(90),
            outcome="answered",
        )
    )
    stopped = _clock(world, tid, 500)
    assert not stopped.running and stopped.resolution_elapsed == timedelta(minutes=90)
    assert stopped.resolution_due_at is None and not stopped.resolution_breached
    assert world.thread(tid).status is CaseStatus.RESOLVED
    with pytest.raises(CaseStateError):
        world.db.write_blocking(
            lambda s: resolve_case(
                s,
                actor_id=world.officers["duty"],
                thread_id=tid,
                expected_version=version,
                now=at(91),
            )
        )
    version = world.db.write_blocking(
        lambda s: reopen_case(
            s, actor_id=world.officers["duty"], thread_id=tid, expected_version=version, now=at(600)
        )
    )
    running = _clock(world, tid, 660)
    assert running.running and running.period_started_at == at(600)
    assert running.resolution_elapsed == timedelta(minutes=150)  # 90 before + 60 since reopening
    assert running.response_due_at == at(615)  # a new first-response target
    assert running.resolution_due_at == at(660) + timedelta(minutes=90)
    assert _clock(world, tid, 600 + 151).resolution_breached
    world.db.write_blocking(
        lambda s: resolve_case(
            s, actor_id=world.officers["duty"], thread_id=tid, expected_version=version, now=at(700)
        )
    )
    assert _clock(world, tid, 9999).resolution_elapsed == timedelta(minutes=190)


def test_response_of_an_earlier_period_does_not_count_after_reopening(world: World) -> None:
    tid = world.case(category=Category.COMPLAINT, at=at(0))
    world.db.write_blocking(lambda s: record_response(s, thread_id=tid, at=at(5)))
    assert _clock(world, tid, 6).responded_at == at(5)
    v = world.db.write_blocking(
        lambda s: resolve_case(
            s, actor_id=world.officers["duty"], thread_id=tid, expected_version=1, now=at(10)
        )
    )
    world.db.write_blocking(
        lambda s: reopen_case(
            s, actor_id=world.officers["duty"], thread_id=tid, expected_version=v, now=at(20)
        )
    )
    assert _clock(world, tid, 21).responded_at is None
    world.db.write_blocking(lambda s: record_response(s, thread_id=tid, at=at(25)))
    world.db.write_blocking(lambda s: record_response(s, thread_id=tid, at=at(30)))  # not first
    assert _clock(world, tid, 31).responded_at == at(25)


def test_citizen_writing_again_restarts_the_clock(world: World) -> None:
    top = comment("Nhà tôi bị trộm xe máy tối qua", minutes=0)
    result = world.db.write_blocking(lambda s: ingest_items(s, items=[top], search=world.db.search))
    tid = next(iter(result.new_thread_ids))
    world.db.write_blocking(
        lambda s: s.execute(
            update(Thread).where(Thread.id == tid).values(category=Category.COMPLAINT)
        )
    )
    world.db.write_blocking(
        lambda s: resolve_case(
            s, actor_id=world.officers["duty"], thread_id=tid, expected_version=1, now=at(30)
        )
    )
    again = comment("Sao chưa thấy ai liên hệ?", thread=top.external_id, minutes=300)
    world.db.write_blocking(lambda s: ingest_items(s, items=[again], search=world.db.search))
    assert world.thread(tid).status is CaseStatus.REOPENED
    clock = _clock(world, tid, 360)
    assert clock.running and clock.period_started_at == at(300)
    assert clock.resolution_elapsed == timedelta(minutes=30 + 60)
    assert clock.response_due_at == at(300 + 240) and clock.responded_at is None
    # Resolving again adds the second period.
    version = world.thread(tid).version
    world.db.write_blocking(
        lambda s: resolve_case(
            s, actor_id=world.officers["duty"], thread_id=tid, expected_version=version, now=at(400)
        )
    )
    assert _clock(world, tid, 999).resolution_elapsed == timedelta(minutes=30 + 100)


def test_resolve_is_version_checked_and_scoped(world: World) -> None:
    tid = world.case("TH-SAMSON", category=Category.OTHER)
    with pytest.raises(PermissionDenied):  # Bỉm Sơn's officer does not see Sầm Sơn's cases
        world.db.write_blocking(
            lambda s: resolve_case(
                s, actor_id=world.officers["bs_duty"], thread_id=tid, expected_version=1, now=at(1)
            )
        )
    with pytest.raises(StaleCase):
        world.db.write_blocking(
            lambda s: resolve_case(
                s, actor_id=world.officers["ss_duty"], thread_id=tid, expected_version=7, now=at(1)
            )
        )
    assert world.thread(tid).status is CaseStatus.NEW


def test_targets_are_configurable_by_the_province_admin(world: World) -> None:
    tid = world.case(category=Category.SPAM, at=at(0))
    target = Target(response_minutes=30, resolution_minutes=120, urgent_response_minutes=10)
    with pytest.raises(PermissionDenied):
        world.db.write_blocking(
            lambda s: set_target(
                s,
                actor_id=world.officers["leader"],
                category=Category.SPAM,
                target=target,
                now=at(0),
            )
        )
    with pytest.raises(PermissionDenied):  # a district admin cannot change the province's targets
        world.db.write_blocking(
            lambda s: set_target(
                s,
                actor_id=world.officers["ss_admin"],
                category=Category.SPAM,
                target=target,
                now=at(0),
            )
        )
    world.db.write_blocking(
        lambda s: set_target(
            s, actor_id=world.officers["admin"], category=Category.SPAM, target=target, now=at(0)
        )
    )
    assert _clock(world, tid, 0).response_due_at == at(30)
