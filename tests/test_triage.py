"""Verdicts carried to threads: a conversation that opens with a greeting or thanks takes the
category of its first message that says more; a substantive category, or an officer's, stays."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from desktop.domain.enums import Category, CategorySource, Platform
from desktop.domain.records import IncomingItem, ItemTriage
from desktop.store.database import Database
from desktop.store.ingest import ingest_items
from desktop.store.models import Thread
from desktop.store.triage import record_triage
from tests.factories import message, setup_accounts


def _arrive(db: Database, item: IncomingItem, category: Category, urgent: bool = False) -> Thread:
    verdict = ItemTriage(category.value, 0.9, urgent)

    def work(session: Any) -> Thread:
        ingest_items(session, items=[item], search=db.search)
        record_triage(session, {(Platform.FACEBOOK, item.external_id): verdict})
        return session.execute(
            select(Thread).where(Thread.external_id == item.thread_external_id)
        ).scalar_one()

    return db.write_blocking(work)


def test_a_greeting_then_a_scam_report_is_a_scam_report(db: Database) -> None:
    setup_accounts(db)
    hello = _arrive(db, message("Chào ad ạ", thread="t_scam"), Category.OTHER)
    assert hello.category is Category.OTHER
    thanks = _arrive(db, message("Cảm ơn ad", thread="t_scam", minutes=1), Category.FEEDBACK)
    assert thanks.category is Category.OTHER  # nothing more said yet
    report = _arrive(
        db,
        message("Em vừa bị lừa chuyển 20 triệu", thread="t_scam", minutes=2),
        Category.SCAM_REPORT,
        urgent=True,
    )
    assert report.category is Category.SCAM_REPORT and report.urgent
    assert report.category_source is CategorySource.MODEL
    later = _arrive(db, message("Cảm ơn các anh", thread="t_scam", minutes=3), Category.FEEDBACK)
    assert later.category is Category.SCAM_REPORT  # a substantive category stays


def test_an_officers_category_is_never_replaced(db: Database) -> None:
    setup_accounts(db)
    _arrive(db, message("Chào ad", thread="t_officer"), Category.OTHER)

    def officer_says(session: Any) -> None:
        thread = session.execute(
            select(Thread).where(Thread.external_id == "t_officer")
        ).scalar_one()
        thread.category, thread.category_source = Category.FEEDBACK, CategorySource.OFFICER

    db.write_blocking(officer_says)
    after = _arrive(
        db, message("Có ổ cờ bạc ở xóm 2", thread="t_officer", minutes=1), Category.CRIME_TIP
    )
    assert after.category is Category.FEEDBACK and after.category_source is CategorySource.OFFICER
