"""The outbox table's state machine: order within a thread, crash recovery, retries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain.enums import OutboxKind, OutboxState
from desktop.store import outbox
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.outbox import OutboxStateError
from tests.factories import PAGE, comment, setup_accounts


@pytest.fixture
def ctx(db: Database) -> tuple[Database, int, list[int]]:
    accounts = setup_accounts(db)
    items = [comment("a", minutes=1), comment("b", minutes=2)]
    result = db.write_blocking(lambda s: ingest_items(s, items=items, search=db.search))
    return db, accounts[PAGE], sorted(result.new_thread_ids)


def _enqueue(db: Database, account: int, thread: int | None, text: str) -> int:
    row = db.write_blocking(
        lambda s: outbox.enqueue(
            s,
            account_id=account,
            thread_id=thread,
            kind=OutboxKind.PUBLIC_REPLY,
            payload={"message": text},
        )
    )
    return row.id


def test_actions_of_one_thread_go_in_order(ctx: tuple[Database, int, list[int]]) -> None:
    db, account, (t1, t2) = ctx
    a1 = _enqueue(db, account, t1, "first")
    a2 = _enqueue(db, account, t1, "second")
    b1 = _enqueue(db, account, t2, "other thread")
    first = db.write_blocking(outbox.claim_next)
    assert first is not None and first.id == a1 and first.state is OutboxState.SENDING
    # a2 waits behind a1 (still sending); the other thread's action may go.
    second = db.write_blocking(outbox.claim_next)
    assert second is not None and second.id == b1
    assert db.write_blocking(outbox.claim_next) is None
    db.write_blocking(lambda s: outbox.mark_sent(s, a1, "c1"))
    third = db.write_blocking(outbox.claim_next)
    assert third is not None and third.id == a2 and third.attempts == 1


def test_crash_leaves_sending_as_unknown_which_blocks_its_thread(
    ctx: tuple[Database, int, list[int]],
) -> None:
    db, account, (t1, _) = ctx
    a1 = _enqueue(db, account, t1, "reply")
    a2 = _enqueue(db, account, t1, "later reply")
    db.write_blocking(outbox.claim_next)
    assert db.write_blocking(outbox.recover_interrupted) == [a1]
    row = db.read_blocking(lambda s: outbox.get(s, a1))
    assert row.state is OutboxState.UNKNOWN and "interrupted" in (row.last_error or "")
    assert db.write_blocking(outbox.claim_next) is None  # a2 waits
    db.write_blocking(lambda s: outbox.requeue_unknown(s, a1, "not found on the platform"))
    again = db.write_blocking(outbox.claim_next)
    assert again is not None and again.id == a1 and again.attempts == 2
    db.write_blocking(lambda s: outbox.mark_sent(s, a1, "c9"))
    assert db.write_blocking(outbox.claim_next).id == a2  # type: ignore[union-attr]


def test_retry_waits_until_its_time(ctx: tuple[Database, int, list[int]]) -> None:
    db, account, (t1, _) = ctx
    a1 = _enqueue(db, account, t1, "reply")
    now = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
    db.write_blocking(lambda s: outbox.claim_next(s, now=now))
    db.write_blocking(
        lambda s: outbox.mark_retry(s, a1, "network down", now + timedelta(seconds=30))
    )
    assert db.write_blocking(lambda s: outbox.claim_next(s, now=now)) is None
    later = db.write_blocking(lambda s: outbox.claim_next(s, now=now + timedelta(seconds=31)))
    assert later is not None and later.id == a1 and later.last_error == "network down"


def test_failed_is_terminal_and_does_not_block(ctx: tuple[Database, int, list[int]]) -> None:
    db, account, (t1, _) = ctx
    a1 = _enqueue(db, account, t1, "x")
    a2 = _enqueue(db, account, t1, "y")
    db.write_blocking(outbox.claim_next)
    db.write_blocking(lambda s: outbox.mark_failed(s, a1, "window closed"))
    assert db.write_blocking(outbox.claim_next).id == a2  # type: ignore[union-attr]
    with pytest.raises(OutboxStateError, match="failed, not sending"):
        db.write_blocking(lambda s: outbox.mark_sent(s, a1))
    assert db.read_blocking(outbox.pending_count) == 1
