"""Idempotent ingest of platform items into threads (cases).

Delivering the same item twice changes nothing; an edited, hidden or deleted item is updated in
place and its previous version is kept in ``item_revisions`` as evidence. Everything happens in the
caller's write transaction, so a sync cursor written in the same transaction commits atomically
with the items it covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import CaseStatus, Direction, ItemKind, Platform
from desktop.domain.records import IncomingItem, IngestResult, canonical_json
from desktop.store.models import Account, Contact, Item, ItemRevision, Post, Thread
from desktop.store.search import SearchBackend

PREVIEW_CHARS = 240
_IN_CHUNK = 500


class UnknownAccountError(LookupError):
    """An item names an account the store does not know; import the account first."""


def _chunks(values: Sequence[Any], size: int = _IN_CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat[:PREVIEW_CHARS]


@dataclass(slots=True)
class _ThreadState:
    id: int
    status: CaseStatus
    last_activity_at: datetime
    last_citizen_at: datetime | None
    last_preview: str
    last_author_name: str | None
    item_count: int
    unread: bool
    version: int
    changed: bool = False


def ingest_items(
    session: Session, *, items: Sequence[IncomingItem], search: SearchBackend
) -> IngestResult:
    """Upsert ``items`` (any mix of accounts, channels and threads) in the current transaction."""
    if not items:
        return IngestResult()
    now = datetime.now(UTC)
    latest: dict[tuple[Platform, str], IncomingItem] = {}
    for item in items:  # the same item twice in one batch: the later delivery wins
        latest[(item.platform, item.external_id)] = item
    batch = list(latest.values())

    accounts = _load_accounts(session, batch)
    contacts = _upsert_contacts(session, batch)
    posts = _upsert_posts(session, batch, accounts)
    threads, new_thread_ids = _ensure_threads(session, batch, accounts, contacts, posts)

    existing = _existing_items(session, batch)
    new_rows: list[dict[str, Any]] = []
    reindex: set[int] = set()
    updated = unchanged = 0
    for item in batch:
        account_id = accounts[(item.platform, item.account_external_id)][0]
        state = threads[(account_id, item.channel, item.thread_external_id)]
        old = existing.get((item.platform, item.external_id))
        digest = item.content_hash
        if old is None:
            new_rows.append(_item_row(item, state.id, contacts, digest, now))
            _apply_new_item(state, item)
            reindex.add(state.id)
        elif old["content_hash"] == digest:
            unchanged += 1
        else:
            _revise_item(session, old, item, digest, now)
            if old["text"] != item.text:
                reindex.add(old["thread_id"])
                if item.created_at >= state.last_activity_at and not item.is_deleted:
                    state.last_preview = _preview(item.text)
                    state.changed = True
            updated += 1

    if new_rows:
        session.execute(insert(Item), new_rows)
    _save_thread_states(session, threads.values())
    if reindex:
        search.reindex_threads(session, reindex)
    touched = frozenset(s.id for s in threads.values() if s.changed) | frozenset(reindex)
    return IngestResult(
        inserted=len(new_rows),
        updated=updated,
        unchanged=unchanged + (len(items) - len(batch)),
        thread_ids=touched,
        new_thread_ids=frozenset(new_thread_ids),
    )


def _load_accounts(
    session: Session, batch: Sequence[IncomingItem]
) -> dict[tuple[Platform, str], tuple[int, int | None]]:
    wanted = {(i.platform, i.account_external_id) for i in batch}
    found: dict[tuple[Platform, str], tuple[int, int | None]] = {}
    for platform in {p for p, _ in wanted}:
        ids = sorted(e for p, e in wanted if p is platform)
        for chunk in _chunks(ids):
            rows = session.execute(
                select(Account.id, Account.external_id, Account.unit_id).where(
                    Account.platform == platform, Account.external_id.in_(chunk)
                )
            )
            for acc_id, ext, unit_id in rows:
                found[(platform, ext)] = (acc_id, unit_id)
    missing = wanted - found.keys()
    if missing:
        names = ", ".join(f"{p.value}:{e}" for p, e in sorted(missing))
        raise UnknownAccountError(f"items for unknown accounts: {names}")
    return found


def _upsert_contacts(
    session: Session, batch: Sequence[IncomingItem]
) -> dict[tuple[Platform, str], int]:
    seen: dict[tuple[Platform, str], tuple[str | None, datetime]] = {}
    for item in batch:
        if item.direction is not Direction.INBOUND or not item.author_external_id:
            continue
        key = (item.platform, item.author_external_id)
        prev = seen.get(key)
        if prev is None or item.created_at > prev[1]:
            seen[key] = (item.author_name, item.created_at)
    ids: dict[tuple[Platform, str], int] = {}
    stale: list[dict[str, Any]] = []
    for platform in {p for p, _ in seen}:
        ext_ids = sorted(e for p, e in seen if p is platform)
        for chunk in _chunks(ext_ids):
            rows = session.execute(
                select(
                    Contact.id, Contact.external_id, Contact.display_name, Contact.last_seen_at
                ).where(Contact.platform == platform, Contact.external_id.in_(chunk))
            )
            for cid, ext, name, last_seen in rows:
                ids[(platform, ext)] = cid
                new_name, at = seen[(platform, ext)]
                if at > last_seen or (new_name and new_name != name):
                    stale.append(
                        {
                            "id": cid,
                            "display_name": new_name or name,
                            "last_seen_at": max(at, last_seen),
                        }
                    )
    fresh = [
        {
            "platform": p,
            "external_id": e,
            "display_name": name,
            "first_seen_at": at,
            "last_seen_at": at,
            "is_blocked": False,
            "is_informant": False,
        }
        for (p, e), (name, at) in seen.items()
        if (p, e) not in ids
    ]
    if fresh:
        inserted = session.execute(
            insert(Contact).returning(
                Contact.id, Contact.platform, Contact.external_id, sort_by_parameter_order=True
            ),
            fresh,
        )
        for cid, platform, ext in inserted:
            ids[(platform, ext)] = cid
    if stale:
        session.execute(update(Contact), stale)  # ORM bulk update by primary key
    return ids


def _upsert_posts(
    session: Session,
    batch: Sequence[IncomingItem],
    accounts: dict[tuple[Platform, str], tuple[int, int | None]],
) -> dict[tuple[int, str], int]:
    wanted: dict[tuple[int, str], IncomingItem] = {}
    for item in batch:
        if item.post is not None:
            account_id = accounts[(item.platform, item.account_external_id)][0]
            wanted[(account_id, item.post.external_id)] = item
    ids: dict[tuple[int, str], int] = {}
    if not wanted:
        return ids
    ext_ids = sorted({e for _, e in wanted})
    for chunk in _chunks(ext_ids):
        for pid, acc, ext, message in session.execute(
            select(Post.id, Post.account_id, Post.external_id, Post.message).where(
                Post.external_id.in_(chunk)
            )
        ):
            if (acc, ext) not in wanted:
                continue
            ids[(acc, ext)] = pid
            post = wanted[(acc, ext)].post
            assert post is not None
            if post.message != message:
                session.execute(update(Post).where(Post.id == pid).values(message=post.message))
    fresh = []
    for (acc, ext), item in wanted.items():
        if (acc, ext) in ids or item.post is None:
            continue
        fresh.append(
            {
                "account_id": acc,
                "external_id": ext,
                "message": item.post.message,
                "permalink": item.post.permalink,
                "created_at": item.post.created_at,
            }
        )
    if fresh:
        for pid, acc, ext in session.execute(
            insert(Post).returning(
                Post.id, Post.account_id, Post.external_id, sort_by_parameter_order=True
            ),
            fresh,
        ):
            ids[(acc, ext)] = pid
    return ids


def _ensure_threads(
    session: Session,
    batch: Sequence[IncomingItem],
    accounts: dict[tuple[Platform, str], tuple[int, int | None]],
    contacts: dict[tuple[Platform, str], int],
    posts: dict[tuple[int, str], int],
) -> tuple[dict[tuple[int, str, str], _ThreadState], list[int]]:
    by_key: dict[tuple[int, str, str], list[IncomingItem]] = {}
    for item in batch:
        account_id = accounts[(item.platform, item.account_external_id)][0]
        by_key.setdefault((account_id, item.channel, item.thread_external_id), []).append(item)

    states: dict[tuple[int, str, str], _ThreadState] = {}
    ext_ids = sorted({k[2] for k in by_key})
    for chunk in _chunks(ext_ids):
        rows = session.execute(
            select(
                Thread.id,
                Thread.account_id,
                Thread.channel,
                Thread.external_id,
                Thread.status,
                Thread.last_activity_at,
                Thread.last_citizen_at,
                Thread.last_preview,
                Thread.last_author_name,
                Thread.item_count,
                Thread.unread,
                Thread.version,
            ).where(Thread.external_id.in_(chunk))
        )
        for row in rows:
            key = (row.account_id, row.channel, row.external_id)
            if key in by_key:
                states[key] = _ThreadState(
                    row.id,
                    row.status,
                    row.last_activity_at,
                    row.last_citizen_at,
                    row.last_preview,
                    row.last_author_name,
                    row.item_count,
                    row.unread,
                    row.version,
                )

    fresh = []
    first_times: dict[tuple[int, str, str], datetime] = {}
    for key, group in by_key.items():
        if key in states:
            continue
        account_id, channel, ext = key
        first = min(group, key=lambda i: i.created_at)
        first_times[key] = first.created_at
        citizen = next(
            (
                i
                for i in sorted(group, key=lambda i: i.created_at)
                if i.direction is Direction.INBOUND and i.author_external_id
            ),
            None,
        )
        post = next((i.post for i in group if i.post is not None), None)
        fresh.append(
            {
                "account_id": account_id,
                "channel": channel,
                "external_id": ext,
                "unit_id": accounts[(first.platform, first.account_external_id)][1],
                "post_id": posts.get((account_id, post.external_id)) if post else None,
                "contact_id": (
                    contacts.get((citizen.platform, citizen.author_external_id or ""))
                    if citizen
                    else None
                ),
                "status": CaseStatus.NEW,
                "urgent": False,
                "priority": 0,
                "created_at": first.created_at,
                "last_activity_at": first.created_at,
                "last_preview": "",
                "item_count": 0,
                "unread": False,
                "version": 1,
            }
        )
    new_ids: list[int] = []
    if fresh:
        created = session.execute(
            insert(Thread).returning(
                Thread.id,
                Thread.account_id,
                Thread.channel,
                Thread.external_id,
                sort_by_parameter_order=True,
            ),
            fresh,
        )
        for tid, acc, channel, ext in created:
            new_ids.append(tid)
            created_at = first_times[(acc, channel, ext)]
            states[(acc, channel, ext)] = _ThreadState(
                tid,
                CaseStatus.NEW,
                created_at,
                None,
                "",
                None,
                0,
                False,
                1,
                changed=True,
            )
    return states, new_ids


def _existing_items(
    session: Session, batch: Sequence[IncomingItem]
) -> dict[tuple[Platform, str], dict[str, Any]]:
    found: dict[tuple[Platform, str], dict[str, Any]] = {}
    for platform in {i.platform for i in batch}:
        ext_ids = sorted(i.external_id for i in batch if i.platform is platform)
        for chunk in _chunks(ext_ids):
            rows = session.execute(
                select(
                    Item.id,
                    Item.external_id,
                    Item.thread_id,
                    Item.content_hash,
                    Item.text,
                    Item.is_hidden,
                    Item.is_deleted,
                    Item.raw_json,
                    Item.captured_at,
                ).where(Item.platform == platform, Item.external_id.in_(chunk))
            )
            for row in rows:
                found[(platform, row.external_id)] = row._asdict()
    return found


def _item_row(
    item: IncomingItem,
    thread_id: int,
    contacts: dict[tuple[Platform, str], int],
    digest: str,
    now: datetime,
) -> dict[str, Any]:
    author_contact = (
        contacts.get((item.platform, item.author_external_id))
        if item.author_external_id and item.direction is Direction.INBOUND
        else None
    )
    return {
        "thread_id": thread_id,
        "platform": item.platform,
        "external_id": item.external_id,
        "parent_external_id": item.parent_external_id,
        "kind": item.kind,
        "direction": item.direction,
        "author_contact_id": author_contact,
        "author_officer_id": None,
        "author_name": item.author_name,
        "text": item.text,
        "created_at": item.created_at,
        "edited_at": None,
        "captured_at": now,
        "is_hidden": item.is_hidden,
        "is_deleted": item.is_deleted,
        "permalink": item.permalink,
        "attachments_json": list(item.attachments) or None,
        "raw_json": canonical_json(item.raw) if item.raw else None,
        "content_hash": digest,
        "category": None,
        "confidence": None,
        "urgent": False,
    }


def _apply_new_item(state: _ThreadState, item: IncomingItem) -> None:
    state.changed = True
    if item.kind is not ItemKind.NOTE:
        state.item_count += 1
    if item.created_at >= state.last_activity_at or state.item_count == 1:
        state.last_activity_at = item.created_at
        state.last_preview = _preview(item.text)
        state.last_author_name = item.author_name
    if item.direction is Direction.INBOUND:
        state.unread = True
        if state.last_citizen_at is None or item.created_at > state.last_citizen_at:
            state.last_citizen_at = item.created_at
        if state.status is CaseStatus.RESOLVED:
            state.status = CaseStatus.REOPENED  # the citizen wrote again
            state.version += 1


def _revise_item(
    session: Session, old: dict[str, Any], item: IncomingItem, digest: str, now: datetime
) -> None:
    session.execute(
        insert(ItemRevision).values(
            item_id=old["id"],
            text=old["text"],
            is_hidden=old["is_hidden"],
            is_deleted=old["is_deleted"],
            raw_json=old["raw_json"],
            content_hash=old["content_hash"],
            captured_at=old["captured_at"],
            superseded_at=now,
        )
    )
    values: dict[str, Any] = {
        "is_hidden": item.is_hidden,
        "is_deleted": item.is_deleted or old["is_deleted"],  # a deletion is never undone by sync
        "content_hash": digest,
        "raw_json": canonical_json(item.raw) if item.raw else old["raw_json"],
        "captured_at": now,
    }
    if item.text != old["text"] and not item.is_deleted:
        values["text"] = item.text
        values["edited_at"] = now
    session.execute(update(Item).where(Item.id == old["id"]).values(**values))


def _save_thread_states(session: Session, states: Iterable[_ThreadState]) -> None:
    rows = [
        {
            "id": s.id,
            "status": s.status,
            "last_activity_at": s.last_activity_at,
            "last_citizen_at": s.last_citizen_at,
            "last_preview": s.last_preview,
            "last_author_name": s.last_author_name,
            "item_count": s.item_count,
            "unread": s.unread,
            "version": s.version,
        }
        for s in states
        if s.changed
    ]
    if rows:
        session.execute(update(Thread), rows)  # ORM bulk update by primary key
