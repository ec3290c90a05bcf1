"""Small builders for test data: accounts and incoming items with sensible defaults."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

from desktop.domain.enums import Channel, Direction, ItemKind, Platform
from desktop.domain.records import IncomingItem, IncomingPost
from desktop.domain.units import thanh_hoa_units
from desktop.store.database import Database
from desktop.store.directory import ensure_account, ensure_units

T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
PAGE = "104000000000001"
PAGE2 = "104000000000002"
OA = "3590000000000000009"
_ids = count(1)


def setup_accounts(db: Database) -> dict[str, int]:
    """Units of Thanh Hóa plus two Pages (province, Sầm Sơn) and one OA (province)."""

    def work(session: Any) -> dict[str, int]:
        ensure_units(session, thanh_hoa_units())
        return {
            PAGE: ensure_account(session, Platform.FACEBOOK, PAGE, "CA tỉnh", "TH"),
            PAGE2: ensure_account(session, Platform.FACEBOOK, PAGE2, "CA Sầm Sơn", "TH-SAMSON"),
            OA: ensure_account(session, Platform.ZALO, OA, "OA tỉnh", "TH"),
        }

    return db.write_blocking(work)


def comment(
    text: str,
    *,
    thread: str | None = None,
    minutes: int = 0,
    page: str = PAGE,
    author: str = "7000000000000001",
    author_name: str = "Nguyễn Văn A",
    **changes: Any,
) -> IncomingItem:
    n = next(_ids)
    ext = f"120000000000009_{900000000000000 + n}"
    thread_id = thread or ext
    item = IncomingItem(
        account_external_id=page,
        channel=Channel.FB_COMMENT,
        thread_external_id=thread_id,
        external_id=ext,
        kind=ItemKind.COMMENT if thread is None else ItemKind.REPLY,
        direction=Direction.INBOUND,
        text=text,
        created_at=T0 + timedelta(minutes=minutes),
        author_external_id=author,
        author_name=author_name,
        parent_external_id=thread,
        raw={"id": ext, "message": text, "from": {"id": author, "name": author_name}},
        post=IncomingPost(f"{page}_120000000000009", "Cảnh báo lừa đảo qua mạng", T0),
    )
    return replace(item, **changes) if changes else item


def message(
    text: str,
    *,
    channel: Channel = Channel.FB_MESSAGE,
    thread: str = "t_1",
    minutes: int = 0,
    inbound: bool = True,
    account: str | None = None,
    author: str = "7000000000000002",
) -> IncomingItem:
    n = next(_ids)
    ext = f"m_test{n}" if channel is Channel.FB_MESSAGE else f"{n:020x}"
    acc = account or (OA if channel is Channel.ZALO_MESSAGE else PAGE)
    return IncomingItem(
        account_external_id=acc,
        channel=channel,
        thread_external_id=thread,
        external_id=ext,
        kind=ItemKind.MESSAGE,
        direction=Direction.INBOUND if inbound else Direction.OUTBOUND,
        text=text,
        created_at=T0 + timedelta(minutes=minutes),
        author_external_id=author if inbound else acc,
        author_name="Trần Thị B" if inbound else "Trang",
        raw={"id": ext, "message": text},
    )
