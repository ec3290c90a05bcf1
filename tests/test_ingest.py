"""Idempotent upsert: twice is once; edits, hides and deletes update in place with evidence."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select, update

from desktop.domain.enums import CaseStatus, Channel
from desktop.store.database import Database
from desktop.store.ingest import UnknownAccountError, ingest_items
from desktop.store.models import Contact, Item, ItemRevision, Post, Thread
from tests.factories import comment, message, setup_accounts


@pytest.fixture
def store(db: Database) -> Database:
    setup_accounts(db)
    return db


def _ingest(db: Database, *items):  # type: ignore[no-untyped-def]
    return db.write_blocking(lambda s: ingest_items(s, items=list(items), search=db.search))


def _count(db: Database, model: type) -> int:
    return db.read_blocking(
        lambda s: s.execute(select(func.count()).select_from(model)).scalar_one()
    )


def test_same_item_twice_changes_nothing(store: Database) -> None:
    first = comment("Có người bán ma túy ở chợ")
    reply = comment("Ở đâu vậy bạn", thread=first.external_id, minutes=3, author="7000000000000009")
    r1 = _ingest(store, first, reply)
    snapshot = store.read_blocking(lambda s: s.execute(select(Thread)).scalars().one())
    r2 = _ingest(store, first, reply)
    r3 = _ingest(store, reply, reply, first)  # duplicates inside one batch, too
    assert (r1.inserted, r2.inserted, r3.inserted) == (2, 0, 0)
    assert r2.unchanged == 2 and r3.unchanged == 3
    assert _count(store, Item) == 2 and _count(store, Thread) == 1 and _count(store, Post) == 1
    assert _count(store, Contact) == 2
    again = store.read_blocking(lambda s: s.execute(select(Thread)).scalars().one())
    assert (again.item_count, again.version, again.last_activity_at) == (
        snapshot.item_count,
        snapshot.version,
        snapshot.last_activity_at,
    )


def test_thread_aggregates_follow_the_latest_item(store: Database) -> None:
    top = comment("Xe không biển số chạy lạng lách QL47", minutes=0)
    later = comment("Tối nay lại thấy", thread=top.external_id, minutes=30)
    _ingest(store, later, top)  # out of order on purpose
    thread = store.read_blocking(lambda s: s.execute(select(Thread)).scalars().one())
    assert thread.external_id == top.external_id
    assert thread.item_count == 2
    assert thread.last_activity_at == later.created_at
    assert thread.last_citizen_at == later.created_at
    assert thread.last_preview == "Tối nay lại thấy"
    assert thread.created_at == top.created_at
    assert thread.unread is True and thread.status is CaseStatus.NEW


def test_an_edit_updates_in_place_and_keeps_the_old_version(store: Database) -> None:
    item = comment("số tài khoản của kẻ lừa là 1903")
    _ingest(store, item)
    edited = replace(item, text="đã xóa số tài khoản", raw={**item.raw, "message": "đã xóa"})
    result = _ingest(store, edited)
    assert (result.inserted, result.updated) == (0, 1)
    row = store.read_blocking(lambda s: s.execute(select(Item)).scalars().one())
    assert row.text == "đã xóa số tài khoản" and row.edited_at is not None
    revision = store.read_blocking(lambda s: s.execute(select(ItemRevision)).scalars().one())
    assert revision.text == "số tài khoản của kẻ lừa là 1903"
    assert revision.content_hash == item.content_hash != row.content_hash
    # The thread search follows the edit.
    from desktop.store.inbox import InboxFilter, inbox_page

    def find(q: str) -> int:
        return len(
            store.read_blocking(lambda s: inbox_page(s, InboxFilter(text=q), store.search)).rows
        )

    assert find("da xoa") == 1 and find("1903") == 0


def test_hide_and_platform_delete_keep_the_text_as_evidence(store: Database) -> None:
    item = comment("link cá độ bóng đá uy tín")
    _ingest(store, item)
    _ingest(store, replace(item, is_hidden=True, raw={**item.raw, "is_hidden": True}))
    row = store.read_blocking(lambda s: s.execute(select(Item)).scalars().one())
    assert row.is_hidden and not row.is_deleted
    gone = replace(item, text="", is_deleted=True, raw={"id": item.external_id, "deleted": True})
    _ingest(store, gone)
    row = store.read_blocking(lambda s: s.execute(select(Item)).scalars().one())
    assert row.is_deleted and row.text == "link cá độ bóng đá uy tín"
    # A later sync that sees the item again does not undelete it.
    _ingest(store, replace(item, raw={**item.raw, "again": 1}))
    assert store.read_blocking(lambda s: s.execute(select(Item.is_deleted)).scalar_one())
    assert _count(store, ItemRevision) == 3


def test_a_citizen_writing_again_reopens_a_resolved_case(store: Database) -> None:
    first = message("Cho em hỏi thủ tục đăng ký tạm trú", thread="t_55")
    _ingest(store, first)
    store.write_blocking(
        lambda s: s.execute(update(Thread).values(status=CaseStatus.RESOLVED, unread=False))
    )
    _ingest(store, message("Dạ em cảm ơn, cho em hỏi thêm", thread="t_55", minutes=60))
    thread = store.read_blocking(lambda s: s.execute(select(Thread)).scalars().one())
    assert thread.status is CaseStatus.REOPENED and thread.unread and thread.version == 2


def test_outbound_items_do_not_move_the_citizen_clock(store: Database) -> None:
    _ingest(store, message("Xin chào", thread="t_9", minutes=0))
    _ingest(
        store, message("Chào bạn, công an tỉnh xin nghe", thread="t_9", minutes=5, inbound=False)
    )
    thread = store.read_blocking(lambda s: s.execute(select(Thread)).scalars().one())
    assert thread.last_citizen_at is not None
    assert thread.last_activity_at > thread.last_citizen_at
    assert thread.last_author_name == "Trang"


def test_same_thread_id_on_two_pages_are_two_threads(store: Database) -> None:
    from tests.factories import PAGE2

    _ingest(store, message("a", thread="t_1"), message("b", thread="t_1", account=PAGE2))
    assert _count(store, Thread) == 2


def test_zalo_and_facebook_ids_do_not_collide(store: Database) -> None:
    fb = message("x", thread="42")
    zl = replace(
        message("y", channel=Channel.ZALO_MESSAGE, thread="42"), external_id=fb.external_id
    )
    assert _ingest(store, fb, zl).inserted == 2


def test_unknown_account_is_refused_and_nothing_is_written(store: Database) -> None:
    with pytest.raises(UnknownAccountError, match="999"):
        _ingest(store, comment("a"), comment("b", page="999"))
    assert _count(store, Item) == 0 and _count(store, Thread) == 0


def test_raw_payload_and_hash_are_kept(store: Database) -> None:
    item = comment("Bằng chứng")
    _ingest(store, item)
    row = store.read_blocking(lambda s: s.execute(select(Item)).scalars().one())
    assert row.content_hash == item.content_hash and len(row.content_hash) == 64
    assert row.raw_json is not None and '"message":"Bằng chứng"' in row.raw_json
