"""Messaging windows: when a page or OA may still answer a citizen privately.

- Messenger: 24 hours after the citizen's last message; a human agent may answer up to 7 days
  with the HUMAN_AGENT tag.
- Zalo OA: customer-service messages up to 7 days after the citizen's last interaction.
- Private reply to a comment: once per comment, within 7 days of the comment.
Public replies, hiding, deleting and blocking have no window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from desktop.domain.enums import Channel, OutboxKind

MESSENGER_STANDARD = timedelta(hours=24)
MESSENGER_HUMAN_AGENT = timedelta(days=7)
ZALO_CS = timedelta(days=7)
PRIVATE_REPLY = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class WindowState:
    open: bool
    closes_at: datetime | None  # None: no window applies
    human_agent: bool = False  # Messenger past 24 h: send with the HUMAN_AGENT tag
    reason: str = ""


def reply_window(
    kind: OutboxKind,
    channel: Channel,
    now: datetime,
    *,
    last_citizen_at: datetime | None,
    comment_created_at: datetime | None = None,
    already_private_replied: bool = False,
) -> WindowState:
    if kind is OutboxKind.MESSAGE_REPLY:
        if channel is Channel.FB_COMMENT:
            return WindowState(False, None, reason="a comment thread has no private conversation")
        if last_citizen_at is None:
            return WindowState(False, None, reason="the citizen has not written yet")
        if channel is Channel.ZALO_MESSAGE:
            closes = last_citizen_at + ZALO_CS
            if now < closes:
                return WindowState(True, closes)
            return WindowState(
                False,
                closes,
                reason="Zalo: more than 7 days since the citizen's last message (error -230)",
            )
        standard = last_citizen_at + MESSENGER_STANDARD
        if now < standard:
            return WindowState(True, standard)
        agent = last_citizen_at + MESSENGER_HUMAN_AGENT
        if now < agent:
            return WindowState(True, agent, human_agent=True)
        return WindowState(
            False, agent, reason="Messenger: more than 7 days since the citizen's last message"
        )
    if kind is OutboxKind.PRIVATE_REPLY:
        if channel is not Channel.FB_COMMENT or comment_created_at is None:
            return WindowState(False, None, reason="a private reply answers a Page comment")
        if already_private_replied:
            return WindowState(False, None, reason="this comment already has a private reply")
        closes = comment_created_at + PRIVATE_REPLY
        if now < closes:
            return WindowState(True, closes)
        return WindowState(False, closes, reason="more than 7 days since the comment")
    return WindowState(True, None)
