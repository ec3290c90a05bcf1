"""Tunables of the sync engine, declared in one place with their defaults."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SyncSettings:
    interval_s: float = 30.0  # between passes in continuous mode
    recent_posts: int = 25  # posts whose comment counts are checked each pass
    rescan_every_s: float = 600.0  # full re-read of recent posts' comments (edits/hides/deletes)
    conversation_page: int = 25
    inline_messages: int = 10  # newest messages fetched inline with each conversation
    zalo_page: int = 10  # Zalo caps listrecentchat/conversation at 10 rows
    zalo_rows_are_messages: bool = True  # listrecentchat: one row per message (else per chat)
    max_pages: int = 500  # safety cap for one stream in one pass
    batch_ops: int = 50  # Graph batch limit
    concurrency: int = 4  # accounts followed up at once
    overlap_s: float = 120.0  # re-read this much before a time watermark (clock skew, late rows)
