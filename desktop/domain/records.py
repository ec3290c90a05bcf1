"""Normalised records that cross layer boundaries.

Platform clients (and the seed generator) produce ``IncomingItem`` values; the store ingests them.
They are plain frozen dataclasses: built and compared in tests without a database.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desktop.domain.enums import Channel, Direction, ItemKind, Platform

JsonObject = dict[str, Any]


def canonical_json(payload: Any) -> str:
    """One stable text for a payload: sorted keys, no whitespace, UTF-8 kept readable."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(payload: Any) -> str:
    """SHA-256 of the canonical JSON of a raw payload: the evidence fingerprint of an item."""
    return sha256_hex(canonical_json(payload))


@dataclass(frozen=True, slots=True)
class IncomingPost:
    """A Page post that gives a comment thread its context."""

    external_id: str
    message: str
    created_at: datetime
    permalink: str | None = None


@dataclass(frozen=True, slots=True)
class IncomingItem:
    """One comment, reply or message as the platform delivered it, normalised.

    ``thread_external_id`` is the id that groups items into a case: the top-level comment id
    for comment threads, the conversation id for Messenger, the user id for Zalo chats.
    ``raw`` is the platform's own JSON for this item, kept verbatim as evidence.
    """

    account_external_id: str
    channel: Channel
    thread_external_id: str
    external_id: str
    kind: ItemKind
    direction: Direction
    text: str
    created_at: datetime
    author_external_id: str | None = None
    author_name: str | None = None
    parent_external_id: str | None = None
    is_hidden: bool = False
    is_deleted: bool = False
    permalink: str | None = None
    attachments: tuple[JsonObject, ...] = ()
    raw: JsonObject = field(default_factory=dict)
    post: IncomingPost | None = None
    platform: Platform = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "platform", self.channel.platform)

    @property
    def content_hash(self) -> str:
        return content_hash(self.raw) if self.raw else content_hash(self._synthetic_raw())

    def _synthetic_raw(self) -> JsonObject:
        return {
            "id": self.external_id,
            "text": self.text,
            "created_at": self.created_at.isoformat(),
            "author": self.author_external_id,
            "hidden": self.is_hidden,
            "deleted": self.is_deleted,
        }


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one ingest call changed, for the sync engine's summary and for the UI's refresh."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    thread_ids: frozenset[int] = frozenset()
    new_thread_ids: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class ItemTriage:
    """The classifier's verdict on one item, stored with it at ingest."""

    category: str
    confidence: float
    urgent: bool
    source: str = "model"  # model | rule
