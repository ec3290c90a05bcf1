"""Internal notes with @mentions: an item (direction INTERNAL, kind NOTE) on the case's thread.

``@username`` (letters, digits, ``.``, ``_``, ``-``) names an active officer; mentions of unknown
names are returned as unresolved and stored nowhere. Each resolved mention is a ``note_mentions``
row the officer sees in his mentions list until he marks it seen (with a preview of the note,
masked like the case itself would be for him, empty when the case is outside his scope).
``mentionable`` lists the active officers' usernames for the editor's ``@`` completion. The
note's text is stored on the item and never copied into the audit log (only the item id and the
mentioned officer ids).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.domain.enums import Direction, ItemKind
from desktop.services.access import (
    Action,
    case_in_scope,
    case_ref,
    load_actor,
    require,
    require_case,
    sees_unmasked_by_default,
)
from desktop.store.audit import AuditAction, append_event
from desktop.store.database import Database
from desktop.store.models import Account, Item, NoteMention, Officer, Thread, utcnow
from desktop.store.officers import normalise_username, officers_by_usernames
from desktop.text.pii import mask_pii

Clock = Callable[[], datetime]
MAX_NOTE = 4000
PREVIEW_CHARS = 120
_MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})")


class NoteError(ValueError):
    pass


def mentioned_usernames(text: str) -> list[str]:
    """``@names`` in order of first appearance (trailing dots dropped: "@lan." is lan)."""
    seen: dict[str, None] = {}
    for match in _MENTION.finditer(text):
        seen.setdefault(normalise_username(match.group(1).rstrip(".-")), None)
    return list(seen)


@dataclass(frozen=True, slots=True)
class NoteResult:
    item_id: int
    mentioned_ids: tuple[int, ...]
    unresolved: tuple[str, ...]


def add_note(
    session: Session, *, actor_id: int, thread_id: int, text: str, now: datetime
) -> NoteResult:
    actor = load_actor(session, actor_id)
    require_case(session, actor, Action.WRITE_NOTE, thread_id)
    body = text.strip()
    if not body:
        raise NoteError("Ghi chú đang trống.")
    if len(body) > MAX_NOTE:
        raise NoteError(f"Ghi chú dài quá {MAX_NOTE} ký tự.")
    platform = session.execute(
        select(Account.platform)
        .join(Thread, Thread.account_id == Account.id)
        .where(Thread.id == thread_id)
    ).scalar_one()
    note = Item(
        thread_id=thread_id,
        platform=platform,
        external_id=None,
        kind=ItemKind.NOTE,
        direction=Direction.INTERNAL,
        author_officer_id=actor.officer_id,
        author_name=actor.display_name,
        text=body,
        created_at=now,
        captured_at=now,
        content_hash=hashlib.sha256(body.encode("utf-8")).hexdigest(),
    )
    session.add(note)
    session.flush()
    names = mentioned_usernames(body)
    found = officers_by_usernames(session, names)
    ids = tuple(
        dict.fromkeys(found[n] for n in names if n in found and found[n] != actor.officer_id)
    )
    for oid in ids:
        session.add(NoteMention(item_id=note.id, officer_id=oid, thread_id=thread_id))
    session.flush()
    append_event(
        session,
        actor_id=actor.officer_id,
        action=AuditAction.NOTE_ADDED,
        subject_type="thread",
        subject_id=str(thread_id),
        details={"item_id": note.id, "mentions": list(ids)},
        at=now,
    )
    return NoteResult(note.id, ids, tuple(n for n in names if n not in found))


@dataclass(frozen=True, slots=True)
class MentionRow:
    item_id: int
    thread_id: int
    author_name: str
    created_at: datetime
    seen: bool
    preview: str = ""  # the note's start, masked as the case is for this officer


def my_mentions(
    session: Session, *, actor_id: int, unseen_only: bool = True, limit: int = 100
) -> list[MentionRow]:
    actor = load_actor(session, actor_id)
    require(actor, Action.VIEW_CASE)
    stmt = (
        select(
            NoteMention.item_id,
            NoteMention.thread_id,
            Item.author_name,
            Item.created_at,
            NoteMention.seen_at,
            Item.text,
        )
        .join(Item, Item.id == NoteMention.item_id)
        .where(NoteMention.officer_id == actor.officer_id)
        .order_by(Item.created_at.desc(), Item.id.desc())
        .limit(limit)
    )
    if unseen_only:
        stmt = stmt.where(NoteMention.seen_at.is_(None))
    out = []
    for item_id, tid, author, created, seen, text in session.execute(stmt).all():
        ref = case_ref(session, tid)
        preview = " ".join((text or "").split())[:PREVIEW_CHARS]
        if not case_in_scope(actor, ref):
            preview = ""
        elif not sees_unmasked_by_default(actor, ref):
            preview = mask_pii(preview)
        out.append(MentionRow(item_id, tid, author or "", created, seen is not None, preview))
    return out


@dataclass(frozen=True, slots=True)
class Mentionable:
    username: str
    display_name: str


def mentionable(session: Session, *, actor_id: int) -> list[Mentionable]:
    """Active officers who can be ``@mentioned`` (for the editor's completion)."""
    actor = load_actor(session, actor_id)
    require(actor, Action.WRITE_NOTE)
    rows = session.execute(
        select(Officer.username, Officer.display_name)
        .where(Officer.active.is_(True), Officer.id != actor.officer_id)
        .order_by(Officer.username)
    )
    return [Mentionable(u, n) for u, n in rows]


def mark_mentions_seen(session: Session, *, actor_id: int, thread_id: int, now: datetime) -> int:
    """Mark the officer's mentions in one case seen (when he opens it); how many were marked."""
    load_actor(session, actor_id)
    result = session.execute(
        update(NoteMention)
        .where(
            NoteMention.officer_id == actor_id,
            NoteMention.thread_id == thread_id,
            NoteMention.seen_at.is_(None),
        )
        .values(seen_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


class NoteService:
    def __init__(self, db: Database, *, clock: Clock = utcnow) -> None:
        self._db = db
        self._clock = clock

    async def add(self, actor_id: int, thread_id: int, text: str) -> NoteResult:
        now = self._clock()
        return await self._db.write(
            lambda s: add_note(s, actor_id=actor_id, thread_id=thread_id, text=text, now=now)
        )

    async def mentions(self, actor_id: int) -> list[MentionRow]:
        return await self._db.read(lambda s: my_mentions(s, actor_id=actor_id))

    async def mentionable(self, actor_id: int) -> list[Mentionable]:
        return await self._db.read(lambda s: mentionable(s, actor_id=actor_id))

    async def seen(self, actor_id: int, thread_id: int) -> int:
        now = self._clock()
        return await self._db.write(
            lambda s: mark_mentions_seen(s, actor_id=actor_id, thread_id=thread_id, now=now)
        )
