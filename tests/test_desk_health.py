"""Status-bar facts: connectivity from requests, account health and outbox counts, urgent alerts,
and the event-loop stall monitor."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import update

from desktop.domain.enums import AccountHealth, OutboxKind, OutboxState
from desktop.platforms.connectivity import Connectivity
from desktop.platforms.errors import Transient
from desktop.platforms.http import PlatformHttp
from desktop.services.alerts import UrgentWatcher
from desktop.services.health import load_health
from desktop.services.stall_monitor import StallMonitor
from desktop.store import outbox
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.models import Thread
from desktop.store.sync_state import set_health
from tests.factories import PAGE, T0, comment, setup_accounts


def test_connectivity_follows_the_latest_evidence() -> None:
    seen: list[bool | None] = []
    conn = Connectivity(clock=lambda: T0)
    conn.listeners.append(lambda state: seen.append(state.online))
    assert conn.state.online is None
    conn.unreachable("GET /me: ConnectError")
    conn.unreachable("GET /me: ConnectError")  # no second notification
    assert conn.state.online is False and "ConnectError" in conn.state.reason
    conn.answered()
    assert conn.state.online is True and conn.state.last_answer_at == T0
    assert seen == [False, True]


@pytest.mark.asyncio
async def test_http_marks_offline_on_refused_connection_and_online_on_any_answer() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/down":
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(500, json={"error": {"message": "boom"}})

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        http = PlatformHttp(client)
        with pytest.raises(Transient):
            await http.request("facebook", "GET", "http://graph.test/down")
        assert http.connectivity.state.online is False
        answer = await http.request("facebook", "GET", "http://graph.test/up")
        assert answer.status == 500  # an error answer still proves the network works
        assert http.connectivity.state.online is True


@pytest.mark.asyncio
async def test_health_report_counts_accounts_and_outbox(db: Database) -> None:
    accounts = setup_accounts(db)
    ids = list(accounts.values())
    db.write_blocking(lambda s: ingest_items(s, items=[comment("Xin chào")], search=db.search))

    def prepare(session: object) -> None:
        from sqlalchemy.orm import Session

        assert isinstance(session, Session)
        set_health(session, ids[0], AccountHealth.OK, synced=True)
        set_health(session, ids[1], AccountHealth.TOKEN_EXPIRED, "token rejected: (190)")
        set_health(session, ids[2], AccountHealth.DEGRADED, "throttled")
        thread_id = session.query(Thread.id).scalar()
        for state in (OutboxState.QUEUED, OutboxState.FAILED):
            row = outbox.enqueue(
                session,
                account_id=accounts[PAGE],
                thread_id=thread_id,
                item_id=None,
                kind=OutboxKind.HIDE,
                payload={"comment_id": "x"},
                created_by_id=None,
                now=T0,
            )
            if state is OutboxState.FAILED:
                outbox.claim_next(session, now=T0)
                outbox.mark_failed(session, row.id, "permission missing")

    db.write_blocking(prepare)
    report = await load_health(db)
    assert report.healthy == 1
    assert [a.health for a in report.problems] == [AccountHealth.TOKEN_EXPIRED]
    assert [a.health for a in report.degraded] == [AccountHealth.DEGRADED]
    assert report.waiting == 1 and report.failed == 1
    assert not report.offline


@pytest.mark.asyncio
async def test_urgent_watcher_alerts_recent_urgent_open_cases_once(db: Database) -> None:
    setup_accounts(db)
    now = T0 + timedelta(minutes=30)
    items = [
        comment("Có cướp ở chợ, cứu với", minutes=20),
        comment("Hỏi thủ tục căn cước", minutes=25),
        comment("Vụ cũ: trộm xe tuần trước", minutes=-600),
    ]
    result = db.write_blocking(lambda s: ingest_items(s, items=items, search=db.search))
    thread_ids = sorted(result.thread_ids)
    by_text = dict(db.read_blocking(lambda s: s.query(Thread.last_preview, Thread.id).all()))
    robbery, old = by_text["Có cướp ở chợ, cứu với"], by_text["Vụ cũ: trộm xe tuần trước"]
    db.write_blocking(
        lambda s: s.execute(update(Thread).where(Thread.id.in_([robbery, old])).values(urgent=True))
    )
    watcher = UrgentWatcher(db, clock=lambda: now, recent=timedelta(hours=2))
    first = await watcher.check(thread_ids)
    assert [c.thread_id for c in first] == [robbery]  # the old one is not "new"
    assert first[0].account_name == "CA tỉnh"
    assert await watcher.check(thread_ids) == []  # told once


@pytest.mark.asyncio
async def test_stall_monitor_measures_a_blocked_loop() -> None:
    monitor = StallMonitor(tick_s=0.005, warn_ms=50)
    monitor.start()
    await asyncio.sleep(0.05)
    time.sleep(0.12)  # block the loop on purpose
    await asyncio.sleep(0.05)
    monitor.stop()
    stats = monitor.reset()
    assert stats.max_ms >= 100
    assert stats.over_warn >= 1
    assert stats.worst[0] == stats.max_ms
    assert monitor.stats.ticks == 0
