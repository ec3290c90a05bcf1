"""Coordinated campaigns: near-duplicate inbound texts on several accounts within a short time.

``assign_campaigns`` runs in the ingest's write transaction. For each new item it looks up its
near-duplicates (word-bigram Jaccard similarity at least ``desktop.store.minhash.THRESHOLD``,
found through MinHash bands and checked exactly) created within ``window`` of it:

- if one of them already belongs to a campaign, the item — and its near-duplicates that belong
  to none — join that campaign (the nearest neighbour's, when there are several);
- otherwise, once the item and its near-duplicates span ``min_accounts`` accounts, they found a
  new campaign together (the earlier copies included).

A campaign's ``signature`` is the SimHash of its founding copy (``desktop.text.simhash``, 16 hex
digits): a stable label for the text, not used for matching. Members' items and threads get
``campaign_id``; the campaign's counts and times are recomputed
from its items (the ``items.campaign_id`` index keeps that proportional to the campaign).
Campaigns are never merged and keep their members whatever their status, so copies that arrive
after an officer dismissed a campaign stay out of the inbox's way in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import Channel, Direction, ItemKind, OutboxKind, OutboxState
from desktop.domain.records import IncomingItem
from desktop.store.campaign_window import Member, NewItem, RecentItems, group_items, load_recent
from desktop.store.models import Account, Campaign, Item, OutboxAction, Thread, table_of
from desktop.text.simhash import fingerprint, to_hex

DEFAULT_WINDOW = timedelta(hours=6)
MIN_ACCOUNTS = 3
OPEN, HANDLED, DISMISSED = "open", "handled", "dismissed"
STATUSES = frozenset({OPEN, HANDLED, DISMISSED})
_CHUNK = 500


@dataclass(frozen=True, slots=True)
class CampaignChanges:
    created: frozenset[int] = frozenset()  # campaign ids
    extended: frozenset[int] = frozenset()  # existing campaigns that gained members
    thread_ids: frozenset[int] = frozenset()  # threads whose campaign_id was set
    item_ids: frozenset[int] = frozenset()

    @property
    def campaign_ids(self) -> frozenset[int]:
        return self.created | self.extended


@dataclass(frozen=True, slots=True)
class CampaignRow:
    id: int
    signature: str
    sample_text: str
    first_seen_at: datetime
    last_seen_at: datetime
    item_count: int
    account_count: int
    status: str


@dataclass(frozen=True, slots=True)
class CampaignThread:
    thread_id: int
    account_id: int
    account_name: str
    channel: Channel
    last_activity_at: datetime
    last_preview: str


def assign_campaigns(
    session: Session,
    items: Sequence[NewItem] | Sequence[tuple[int, int, int, str, datetime]],
    window: timedelta = DEFAULT_WINDOW,
    min_accounts: int = MIN_ACCOUNTS,
    *,
    recent: RecentItems | None = None,
) -> CampaignChanges:
    """Group new inbound ``items`` with their near-duplicates (see the module doc).

    ``recent`` is a warm index that already holds the items around these (the detector's);
    without one, the items within ``window`` of the batch are read from the store.
    """
    batch = [NewItem(*i) for i in items]
    if not batch:
        return CampaignChanges()
    if recent is None:
        recent = RecentItems()
        times = [i.created_at for i in batch]
        load_recent(session, recent, min(times) - window, max(times) + window)
    joined, created = group_items(
        recent, batch, window, min_accounts, lambda item: _create(session, item)
    )
    if not joined:
        return CampaignChanges()
    _write_members(session, joined)
    refresh_counts(session, joined)
    members = [m for ms in joined.values() for m in ms]
    return CampaignChanges(
        created=frozenset(created),
        extended=frozenset(joined) - created,
        thread_ids=frozenset(m.thread_id for m in members),
        item_ids=frozenset(m.item_id for m in members),
    )


def _create(session: Session, item: NewItem) -> int:
    row = {
        "signature": to_hex(fingerprint(item.text, min_words=0) or 0),
        "sample_text": item.text,
        "first_seen_at": item.created_at,
        "last_seen_at": item.created_at,
        "item_count": 0,
        "account_count": 0,
        "status": OPEN,
    }
    result = session.connection().execute(insert(table_of(Campaign)).returning(Campaign.id), row)
    return int(result.scalar_one())


def _write_members(session: Session, joined: dict[int, list[Member]]) -> None:
    items = table_of(Item)
    threads = table_of(Thread)
    item_rows = [{"key": m.item_id, "cid": cid} for cid, ms in joined.items() for m in ms]
    thread_rows = {m.thread_id: cid for cid, ms in joined.items() for m in ms}
    conn = session.connection()
    conn.execute(
        update(items).where(items.c.id == bindparam("key")).values(campaign_id=bindparam("cid")),
        item_rows,
    )
    conn.execute(
        update(threads)
        .where(threads.c.id == bindparam("key"))
        .values(campaign_id=bindparam("cid")),
        [{"key": tid, "cid": cid} for tid, cid in thread_rows.items()],
    )


def refresh_counts(session: Session, campaign_ids: Iterable[int]) -> None:
    """Recompute item and account counts and first/last times from the campaigns' items."""
    ids = sorted(set(campaign_ids))
    for start in range(0, len(ids), _CHUNK):
        stats = session.execute(
            select(
                Item.campaign_id,
                func.count(Item.id),
                func.count(func.distinct(Thread.account_id)),
                func.min(Item.created_at),
                func.max(Item.created_at),
            )
            .join(Thread, Thread.id == Item.thread_id)
            .where(Item.campaign_id.in_(ids[start : start + _CHUNK]))
            .group_by(Item.campaign_id)
        ).all()
        for cid, n_items, n_accounts, first, last in stats:
            session.execute(
                update(Campaign)
                .where(Campaign.id == cid)
                .values(
                    item_count=n_items,
                    account_count=n_accounts,
                    first_seen_at=first,
                    last_seen_at=last,
                )
            )


def new_inbound(session: Session, incoming: Sequence[IncomingItem]) -> list[NewItem]:
    """The stored ids of ``incoming``'s inbound texts that belong to no campaign yet."""
    wanted = [
        i
        for i in incoming
        if i.direction is Direction.INBOUND and i.kind is not ItemKind.NOTE and i.text.strip()
    ]
    found: list[NewItem] = []
    for platform in {i.platform for i in wanted}:
        ext_ids = sorted({i.external_id for i in wanted if i.platform is platform})
        for start in range(0, len(ext_ids), _CHUNK):
            rows = session.execute(
                select(Item.id, Item.thread_id, Thread.account_id, Item.text, Item.created_at)
                .join(Thread, Thread.id == Item.thread_id)
                .where(
                    Item.platform == platform,
                    Item.external_id.in_(ext_ids[start : start + _CHUNK]),
                    Item.campaign_id.is_(None),
                )
            )
            found += [NewItem(*row) for row in rows]
    return found


# -- for the UI -------------------------------------------------------------------------------


_CAMPAIGN_COLUMNS = (
    Campaign.id,
    Campaign.signature,
    Campaign.sample_text,
    Campaign.first_seen_at,
    Campaign.last_seen_at,
    Campaign.item_count,
    Campaign.account_count,
    Campaign.status,
)


def list_campaigns(
    session: Session,
    *,
    statuses: Iterable[str] = (),
    since: datetime | None = None,
    limit: int = 100,
) -> list[CampaignRow]:
    """Campaigns by latest copy first; ``since`` keeps those seen at or after it."""
    stmt = select(*_CAMPAIGN_COLUMNS)
    wanted = sorted(set(statuses))
    if wanted:
        stmt = stmt.where(Campaign.status.in_(wanted))
    if since is not None:
        stmt = stmt.where(Campaign.last_seen_at >= since)
    stmt = stmt.order_by(Campaign.last_seen_at.desc(), Campaign.id.desc()).limit(limit)
    return [CampaignRow(**row._asdict()) for row in session.execute(stmt)]


def campaign_row(session: Session, campaign_id: int) -> CampaignRow | None:
    row = session.execute(select(*_CAMPAIGN_COLUMNS).where(Campaign.id == campaign_id)).first()
    return None if row is None else CampaignRow(**row._asdict())


def thread_campaign(session: Session, thread_id: int) -> CampaignRow | None:
    campaign_id = session.execute(
        select(Thread.campaign_id).where(Thread.id == thread_id)
    ).scalar_one_or_none()
    return None if campaign_id is None else campaign_row(session, campaign_id)


def campaign_threads(session: Session, campaign_id: int) -> list[CampaignThread]:
    """The campaign's threads, latest activity first, with the account each is on."""
    stmt = (
        select(
            Thread.id.label("thread_id"),
            Thread.account_id,
            Account.name.label("account_name"),
            Thread.channel,
            Thread.last_activity_at,
            Thread.last_preview,
        )
        .join(Account, Account.id == Thread.account_id)
        .where(Thread.campaign_id == campaign_id)
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
    )
    return [CampaignThread(**row._asdict()) for row in session.execute(stmt)]


def set_campaign_status(session: Session, campaign_id: int, status: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"unknown campaign status {status!r}")
    session.execute(update(Campaign).where(Campaign.id == campaign_id).values(status=status))


_PENDING = (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.UNKNOWN)


def comment_targets(session: Session, campaign_id: int, kind: OutboxKind) -> list[tuple[int, int]]:
    """``(thread_id, item_id)`` of the campaign's comments that ``kind`` would still change.

    Skipped: comments already in the wanted state (hidden for a hide, visible for an unhide),
    deleted ones, and those with the same action already on its way.
    """
    if kind not in (OutboxKind.HIDE, OutboxKind.UNHIDE, OutboxKind.DELETE):
        raise ValueError(f"{kind.value} is not an action on comments")
    pending = select(OutboxAction.item_id).where(
        OutboxAction.item_id == Item.id,
        OutboxAction.kind == kind,
        OutboxAction.state.in_(_PENDING),
    )
    stmt = (
        select(Item.thread_id, Item.id)
        .join(Thread, Thread.id == Item.thread_id)
        .where(
            Item.campaign_id == campaign_id,
            Thread.channel == Channel.FB_COMMENT,
            Item.kind.in_((ItemKind.COMMENT, ItemKind.REPLY)),
            Item.direction == Direction.INBOUND,
            Item.external_id.is_not(None),
            Item.is_deleted.is_(False),
            ~pending.exists(),
        )
        .order_by(Item.created_at, Item.id)
    )
    if kind is OutboxKind.HIDE:
        stmt = stmt.where(Item.is_hidden.is_(False))
    elif kind is OutboxKind.UNHIDE:
        stmt = stmt.where(Item.is_hidden.is_(True))
    return [(tid, iid) for tid, iid in session.execute(stmt)]
