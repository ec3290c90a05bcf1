"""Messaging windows: when a page or OA may still answer a citizen privately.

- Messenger: 24 hours after the citizen's last message; a human agent may answer up to 7 days
  with the HUMAN_AGENT tag.
- Zalo OA: customer-service messages up to 7 days after the citizen's last interaction.
- Private reply to a comment: once per comment, within 7 days of the comment.
Public replies, hiding, deleting and blocking have no window.

A closed window says why as a ``WindowReason`` code, not as text: the views word each code for
the officer in his language (``desktop/views/case_labels.py``); services refuse with the
Vietnamese sentence of ``refusal`` (what their exceptions carry) and write the code itself into
logs and the outbox's ``last_error`` (``closed_note`` / ``closed_reason``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from desktop.domain.enums import Channel, OutboxKind

MESSENGER_STANDARD = timedelta(hours=24)
MESSENGER_HUMAN_AGENT = timedelta(days=7)
ZALO_CS = timedelta(days=7)
PRIVATE_REPLY = timedelta(days=7)


class WindowReason(StrEnum):
    """Why a reply cannot be sent now (the value is stable: it is logged and stored)."""

    NOT_FOR_CHANNEL = "not_for_channel"  # the channel has no such reply at all
    NO_CONVERSATION = "no_conversation"  # a comment thread has no private conversation
    NO_MESSAGE_YET = "no_message_yet"  # the citizen has not written to the page or OA yet
    MESSENGER_EXPIRED = "messenger_expired"  # 7 days since the citizen's last message
    ZALO_EXPIRED = "zalo_expired"  # 7 days since the last interaction (Zalo error -230)
    NOT_A_COMMENT = "not_a_comment"  # a private reply answers a Page comment only
    NO_COMMENT = "no_comment"  # no comment chosen to answer privately
    ALREADY_REPLIED = "already_replied"  # the comment has had its one private reply
    PRIVATE_EXPIRED = "private_expired"  # 7 days since the comment


@dataclass(frozen=True, slots=True)
class WindowState:
    open: bool
    closes_at: datetime | None  # None: no window applies
    human_agent: bool = False  # Messenger past 24 h: send with the HUMAN_AGENT tag
    reason: WindowReason | None = None  # why it is closed (None while open)


# What a service's refusal says (a code for programs, a Vietnamese sentence for the officer).
_REFUSALS: dict[WindowReason, tuple[str, str]] = {
    WindowReason.NOT_FOR_CHANNEL: ("not_allowed", "Kênh này không cho kiểu trả lời đó."),
    WindowReason.NO_CONVERSATION: (
        "not_allowed",
        "Vụ việc bình luận không có hộp thư riêng để nhắn tin.",
    ),
    WindowReason.NO_MESSAGE_YET: ("no_message", "Người dân chưa nhắn tin: chưa thể trả lời."),
    WindowReason.MESSENGER_EXPIRED: (
        "window_closed",
        "Đã hết hạn trả lời: quá 7 ngày kể từ tin nhắn cuối của người dân, Messenger không cho "
        "trang trả lời nữa (kể cả với thẻ HUMAN_AGENT). Chờ người dân nhắn lại.",
    ),
    WindowReason.ZALO_EXPIRED: (
        "window_closed",
        "Đã hết hạn trả lời: quá 7 ngày kể từ lần tương tác cuối của người dân, Zalo không "
        "cho OA gửi tin tư vấn nữa (lỗi -230). Chờ người dân nhắn lại.",
    ),
    WindowReason.NOT_A_COMMENT: (
        "not_allowed",
        "Chỉ trả lời riêng được bình luận trên Trang Facebook.",
    ),
    WindowReason.NO_COMMENT: ("no_target", "Hãy chọn bình luận của người dân để trả lời riêng."),
    WindowReason.ALREADY_REPLIED: (
        "already_replied",
        "Bình luận này đã được trả lời riêng: mỗi bình luận chỉ được trả lời riêng "
        "một lần. Hãy tiếp tục trong hộp thư Messenger.",
    ),
    WindowReason.PRIVATE_EXPIRED: (
        "window_closed",
        "Đã quá 7 ngày kể từ khi người dân bình luận: Facebook không cho trả lời riêng "
        "bình luận này nữa. Hãy trả lời công khai.",
    ),
}

_CLOSED = "messaging window closed before sending: "


def refusal(reason: WindowReason) -> tuple[str, str]:
    """The refusal's code and Vietnamese sentence for services' exceptions (no Qt here: the
    views word ``reason`` themselves, translatable)."""
    return _REFUSALS[reason]


def closed_note(reason: WindowReason) -> str:
    """What the outbox records (``last_error``, logs) when a queued reply's window closed."""
    return _CLOSED + reason.value


def closed_reason(note: str | None) -> WindowReason | None:
    """The code in a ``closed_note`` (None for any other error text)."""
    if not note or not note.startswith(_CLOSED):
        return None
    try:
        return WindowReason(note.removeprefix(_CLOSED))
    except ValueError:
        return None


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
            return WindowState(False, None, reason=WindowReason.NO_CONVERSATION)
        if last_citizen_at is None:
            return WindowState(False, None, reason=WindowReason.NO_MESSAGE_YET)
        if channel is Channel.ZALO_MESSAGE:
            closes = last_citizen_at + ZALO_CS
            if now < closes:
                return WindowState(True, closes)
            return WindowState(False, closes, reason=WindowReason.ZALO_EXPIRED)
        standard = last_citizen_at + MESSENGER_STANDARD
        if now < standard:
            return WindowState(True, standard)
        agent = last_citizen_at + MESSENGER_HUMAN_AGENT
        if now < agent:
            return WindowState(True, agent, human_agent=True)
        return WindowState(False, agent, reason=WindowReason.MESSENGER_EXPIRED)
    if kind is OutboxKind.PRIVATE_REPLY:
        if channel is not Channel.FB_COMMENT:
            return WindowState(False, None, reason=WindowReason.NOT_A_COMMENT)
        if comment_created_at is None:
            return WindowState(False, None, reason=WindowReason.NO_COMMENT)
        if already_private_replied:
            return WindowState(False, None, reason=WindowReason.ALREADY_REPLIED)
        closes = comment_created_at + PRIVATE_REPLY
        if now < closes:
            return WindowState(True, closes)
        return WindowState(False, closes, reason=WindowReason.PRIVATE_EXPIRED)
    return WindowState(True, None)
