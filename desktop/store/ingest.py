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

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import CaseStatus, Direction, ItemKind, Platform
from desktop.domain.records import IncomingItem, IngestResult, canonical_json, sha256_hex
from desktop.store.models import Account, Contact, Item, ItemRevision, Post, Thread, table_of
from desktop.store.search import SearchBackend

PREVIEW_CHARS = 240
_IN_CHUNK = 500


class UnknownAccountError(LookupError):
    """An item names an account the store does not know; import the account first."""


def _chunks(values: Sequence[Any], size: int = _IN_CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _returning_insert(model: type[Any], *columns: str) -> Any:
    """A Core INSERT returning the key columns, so rows map back whatever order they come in.

    Core (not the ORM's bulk insert) keeps it one multi-row statement per batch on SQLite.
    """
    table = table_of(model)
    return insert(table).returning(*(table.c[name] for name in columns))


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat[:PREVIEW_CHARS]


@dataclass(slots=True)
class _ThreadState:
    """A thread's inbox aggregates while a batch is applied; ``id`` is 0 until it is inserted."""

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
    fresh: dict[str, Any] | None = None  # the insert row of a thread new in this batch


ThreadKey = tuple[int, str, str]  # (account id, channel, external id)


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
    batch = sorted(latest.values(), key=lambda i: i.created_at)

    accounts = _load_accounts(session, batch)
    contacts = _upsert_contacts(session, batch)
    posts = _upsert_posts(session, batch, accounts)
    existing = _existing_items(session, batch)
    threads = _thread_states(session, batch, accounts, contacts, posts)

    pending: list[tuple[IncomingItem, _ThreadState, str | None, str]] = []
    text_changed: set[int] = set()
    updated = unchanged = 0
    for item in batch:
        account_id = accounts[(item.platform, item.account_external_id)][0]
        state = threads[(account_id, item.channel, item.thread_external_id)]
        old = existing.get((item.platform, item.external_id))
        raw_text = canonical_json(item.raw) if item.raw else None
        digest = sha256_hex(raw_text) if raw_text is not None else item.content_hash
        if old is None:
            pending.append((item, state, raw_text, digest))
            _apply_new_item(state, item)
        elif old["content_hash"] == digest:
            unchanged += 1
        else:
            _revise_item(session, old, item, raw_text, digest, now)
            if old["text"] != item.text:
                text_changed.add(old["thread_id"])
                if item.created_at >= state.last_activity_at and not item.is_deleted:
                    state.last_preview = _preview(item.text)
                    state.changed = True
            updated += 1

    new_ids = _insert_new_threads(session, threads.values())
    if pending:
        rows = [_item_row(i, st.id, contacts, raw, dg, now) for i, st, raw, dg in pending]
        session.connection().execute(insert(table_of(Item)), rows)
    _save_thread_states(session, (s for s in threads.values() if s.id not in new_ids))

    # Search documents: a new thread's items are all in this batch; others are re-read.
    known: dict[int, list[str]] = {tid: [] for tid in new_ids}
    for item, state, _, _ in pending:
        if state.id in known:
            known[state.id] += [item.author_name or "", item.text]
    reread = {st.id for _, st, _, _ in pending if st.id not in known} | text_changed
    search.index_threads(session, known, reread)

    touched = frozenset(s.id for s in threads.values() if s.changed) | frozenset(text_changed)
    return IngestResult(
        inserted=len(pending),
        updated=updated,
        unchanged=unchanged + (len(items) - len(batch)),
        thread_ids=touched,
        new_thread_ids=frozenset(new_ids),
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
        inserted = session.connection().execute(
            _returning_insert(Contact, "id", "platform", "external_id"),
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
    for account_id in {a for a, _ in wanted}:
        ext_ids = sorted(e for a, e in wanted if a == account_id)
        for chunk in _chunks(ext_ids):
            for pid, acc, ext, message in session.execute(
                select(Post.id, Post.account_id, Post.external_id, Post.message).where(
                    Post.account_id == account_id, Post.external_id.in_(chunk)
                )
            ):
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
        for pid, acc, ext in session.connection().execute(
            _returning_insert(Post, "id", "account_id", "external_id"),
            fresh,
        ):
            ids[(acc, ext)] = pid
    return ids


def _thread_states(
    session: Session,
    batch: Sequence[IncomingItem],
    accounts: dict[tuple[Platform, str], tuple[int, int | None]],
    contacts: dict[tuple[Platform, str], int],
    posts: dict[tuple[int, str], int],
) -> dict[ThreadKey, _ThreadState]:
    """Existing threads' aggregates, and provisional states (with insert rows) for new ones."""
    by_key: dict[ThreadKey, list[IncomingItem]] = {}
    for item in batch:
        account_id = accounts[(item.platform, item.account_external_id)][0]
        by_key.setdefault((account_id, item.channel, item.thread_external_id), []).append(item)

    states: dict[ThreadKey, _ThreadState] = {}
    for chunk in _chunks(sorted({k[2] for k in by_key})):
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
            ).where(Thread.external_id.in_(chunk))  # the unique index leads with external_id
        )
        for row in rows:
            key = (row.account_id, row.channel, row.external_id)
            if key in by_key:
                tid, _acc, _channel, _ext, *aggregates = tuple(row)
                states[key] = _ThreadState(tid, *aggregates)

    for key, group in by_key.items():
        if key in states:
            continue
        account_id, channel, ext = key
        first = group[0]  # the batch is sorted by time
        citizen = next(
            (i for i in group if i.direction is Direction.INBOUND and i.author_external_id), None
        )
        post = next((i.post for i in group if i.post is not None), None)
        states[key] = _ThreadState(
            0,
            CaseStatus.NEW,
            first.created_at,
            None,
            "",
            None,
            0,
            False,
            1,
            fresh={
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
                "version": 1,
            },
        )
    return states


def _insert_new_threads(session: Session, states: Iterable[_ThreadState]) -> set[int]:
    """Insert the batch's new threads with their final aggregates; fill in their ids."""
    fresh = {
        (s.fresh["account_id"], s.fresh["channel"], s.fresh["external_id"]): s
        for s in states
        if s.fresh is not None
    }
    if not fresh:
        return set()
    rows = [
        {
            **s.fresh,
            "last_activity_at": s.last_activity_at,
            "last_citizen_at": s.last_citizen_at,
            "last_preview": s.last_preview,
            "last_author_name": s.last_author_name,
            "item_count": s.item_count,
            "unread": s.unread,
        }
        for s in fresh.values()
        if s.fresh is not None
    ]
    created = session.connection().execute(
        _returning_insert(Thread, "id", "account_id", "channel", "external_id"), rows
    )
    ids: set[int] = set()
    for tid, acc, channel, ext in created:
        state = fresh[(acc, channel, ext)]
        state.id = tid
        state.fresh = None
        state.changed = True
        ids.add(tid)
    return ids


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
    raw_text: str | None,
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
        "raw_json": raw_text,
        "content_hash": digest,
        "category": None,
        "confidence": None,
        "urgent": False,
    }


def _apply_new_item(state: _ThreadState, item: IncomingItem) -> None:
    state.changed = True
    if item.kind is not ItemKind.NOTE:
        state.item_count += 1
    if item.created_at >= state.last_activity_at or state.item_count <= 1:
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
    session: Session,
    old: dict[str, Any],
    item: IncomingItem,
    raw_text: str | None,
    digest: str,
    now: datetime,
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
        "raw_json": raw_text if raw_text is not None else old["raw_json"],
        "captured_at": now,
    }
    if item.text != old["text"] and not item.is_deleted:
        values["text"] = item.text
        values["edited_at"] = now
    session.execute(update(Item).where(Item.id == old["id"]).values(**values))


def _save_thread_states(session: Session, states: Iterable[_ThreadState]) -> None:
    rows = [
        {
            "tid": s.id,
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
        table = table_of(Thread)
        session.connection().execute(
            update(table)
            .where(table.c.id == bindparam("tid"))
            .values({name: bindparam(name) for name in rows[0] if name != "tid"}),
            rows,
        )
