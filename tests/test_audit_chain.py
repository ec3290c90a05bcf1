"""The audit log's hash chain: appends, canonical form, tamper detection at the right event."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop.store.audit import (
    GENESIS_HASH,
    AuditAction,
    AuditDetailsError,
    append_event,
    event_hash,
    recent_events,
    verify_chain,
)
from desktop.store.database import Database
from desktop.store.models import AuditEvent

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def _append_n(db: Database, n: int) -> None:
    def work(session):  # type: ignore[no-untyped-def]
        for i in range(n):
            append_event(
                session,
                actor_id=None,
                action=AuditAction.ASSIGNED,
                subject_type="thread",
                subject_id=str(100 + i),
                details={"to": i, "note": "phân công", "tags": ("a", "b")},
                at=T0 + timedelta(seconds=i, microseconds=7),
            )

    db.write_blocking(work)


def _sql(db: Database, statement: str, *params: object) -> None:
    with sqlite3.connect(db.path) as conn:
        conn.execute(statement, params)


def test_empty_log_is_intact(db: Database) -> None:
    result = db.read_blocking(verify_chain)
    assert result.ok and result.count == 0 and result.head_hash == GENESIS_HASH


def test_appends_chain_and_match_the_documented_canonical_form(db: Database) -> None:
    _append_n(db, 3)
    events = db.read_blocking(
        lambda s: s.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().all()
    )
    assert [e.id for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    assert events[1].prev_hash == events[0].hash and events[2].prev_hash == events[1].hash
    # Recompute the first hash by hand from the docstring's definition.
    canonical = json.dumps(
        {
            "action": "assigned",
            "actor_id": None,
            "at": "2026-11-01T08:00:00.000007Z",
            "details": {"note": "phân công", "tags": ["a", "b"], "to": 0},
            "id": 1,
            "prev_hash": GENESIS_HASH,
            "subject_id": "100",
            "subject_type": "thread",
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    assert '"note":"phân công"' in canonical  # UTF-8, not \\u escapes
    assert events[0].hash == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    result = db.read_blocking(verify_chain)
    assert result.ok and result.count == 3 and result.head_hash == events[2].hash


def test_details_that_cannot_round_trip_are_refused(db: Database) -> None:
    for bad in ({1: "x"}, {"x": float("nan")}, {"x": object()}):
        with pytest.raises(AuditDetailsError):
            db.write_blocking(
                lambda s, bad=bad: append_event(
                    s, actor_id=None, action="x", subject_type=None, subject_id=None, details=bad
                )
            )
    assert db.read_blocking(verify_chain).count == 0


def test_an_append_rolls_back_with_its_action(db: Database) -> None:
    _append_n(db, 1)

    def failing(session):  # type: ignore[no-untyped-def]
        append_event(
            session, actor_id=None, action="x", subject_type=None, subject_id=None, details=None
        )
        raise RuntimeError("the action failed")

    with pytest.raises(RuntimeError):
        db.write_blocking(failing)
    _append_n(db, 1)
    result = db.read_blocking(verify_chain)
    assert result.ok and result.count == 2


def test_edited_event_is_reported_at_that_event(db: Database) -> None:
    _append_n(db, 5)
    _sql(db, "UPDATE audit_events SET details_json = ? WHERE id = 3", json.dumps({"to": 99}))
    result = db.read_blocking(verify_chain)
    assert not result.ok and result.broken_id == 3 and "altered" in (result.reason or "")


@pytest.mark.parametrize("column", ["actor_id", "action", "subject_id", "at"])
def test_each_field_is_covered_by_the_hash(db: Database, column: str) -> None:
    _append_n(db, 4)
    value = {
        "actor_id": None,
        "action": "export",
        "subject_id": "999",
        "at": "2026-11-01 09:00:00.000000",
    }[column]
    if column == "actor_id":
        _sql(db, "UPDATE audit_events SET actor_id = 77 WHERE id = 2")
    else:
        _sql(db, f"UPDATE audit_events SET {column} = ? WHERE id = 2", value)
    result = db.read_blocking(verify_chain)
    assert not result.ok and result.broken_id == 2


def test_edit_with_a_recomputed_hash_is_reported_at_the_next_event(db: Database) -> None:
    _append_n(db, 4)

    def forge(session):  # type: ignore[no-untyped-def]
        ev = session.get(AuditEvent, 2)
        ev.subject_id = "999"
        ev.hash = event_hash(
            event_id=2,
            at=ev.at,
            actor_id=ev.actor_id,
            action=ev.action,
            subject_type=ev.subject_type,
            subject_id="999",
            details=ev.details_json,
            prev_hash=ev.prev_hash,
        )

    db.write_blocking(forge)
    result = db.read_blocking(verify_chain)
    # Event 2 now checks out on its own; event 3 no longer follows it.
    assert not result.ok and result.broken_id == 3 and "prev_hash" in (result.reason or "")


def test_a_hash_overwritten_is_reported_at_that_event(db: Database) -> None:
    _append_n(db, 4)
    _sql(db, "UPDATE audit_events SET hash = ? WHERE id = 2", "f" * 64)
    result = db.read_blocking(verify_chain)
    assert not result.ok and result.broken_id == 2


def test_deleted_event_is_reported_at_the_next_event_naming_the_gap(db: Database) -> None:
    _append_n(db, 5)
    _sql(db, "DELETE FROM audit_events WHERE id = 3")
    result = db.read_blocking(verify_chain)
    assert not result.ok and result.broken_id == 4
    assert "3 are missing" in (result.reason or "")


def test_deleted_and_renumbered_events_are_reported(db: Database) -> None:
    _append_n(db, 5)
    _sql(db, "DELETE FROM audit_events WHERE id = 3")
    _sql(db, "UPDATE audit_events SET id = id - 1 WHERE id > 3")
    result = db.read_blocking(verify_chain)
    assert not result.ok and result.broken_id == 3


def test_reordered_events_are_reported_at_the_first_moved(db: Database) -> None:
    _append_n(db, 5)
    _sql(db, "UPDATE audit_events SET id = 100 WHERE id = 2")
    _sql(db, "UPDATE audit_events SET id = 2 WHERE id = 4")
    _sql(db, "UPDATE audit_events SET id = 4 WHERE id = 100")
    result = db.read_blocking(verify_chain)
    assert not result.ok and result.broken_id == 2


def test_a_genesis_replaced_first_event_is_reported(db: Database) -> None:
    _append_n(db, 2)
    _sql(db, "DELETE FROM audit_events WHERE id = 1")
    result = db.read_blocking(verify_chain)
    assert not result.ok and result.broken_id == 2


def test_appending_after_a_break_keeps_the_break_visible(db: Database) -> None:
    _append_n(db, 3)
    _sql(db, "UPDATE audit_events SET action = 'export' WHERE id = 1")
    _append_n(db, 2)
    result = db.read_blocking(verify_chain)
    assert not result.ok and result.broken_id == 1


def test_recent_events_are_newest_first_and_filterable(db: Database) -> None:
    _append_n(db, 4)
    rows = db.read_blocking(lambda s: recent_events(s, limit=2))
    assert [r.id for r in rows] == [4, 3]
    rows = db.read_blocking(lambda s: recent_events(s, subject_type="thread", subject_id="101"))
    assert [r.id for r in rows] == [2]
    assert rows[0].details == {"note": "phân công", "tags": ["a", "b"], "to": 1}
    assert [r.id for r in db.read_blocking(lambda s: recent_events(s, before_id=2))] == [1]


def test_two_workstations_appending_at_once_keep_one_chain(db: Database) -> None:
    """Two Database objects on one file (two processes' writers): BEGIN IMMEDIATE serialises the
    read of the last event and the insert, so the chain never forks."""
    from concurrent.futures import wait

    other = Database(db.path)
    other.open()
    try:
        futures = []
        for i in range(40):
            target = db if i % 2 else other
            futures.append(
                target.submit_write(
                    lambda s, i=i: append_event(
                        s,
                        actor_id=None,
                        action="x",
                        subject_type="n",
                        subject_id=str(i),
                        details=None,
                    )
                )
            )
        wait(futures)
        assert all(f.exception() is None for f in futures)
    finally:
        other.close()
    result = db.read_blocking(verify_chain)
    assert result.ok and result.count == 40
