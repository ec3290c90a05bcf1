"""Vietnamese display names of the stored vocabularies (translatable, plain text)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from PySide6.QtCore import QCoreApplication

from desktop.domain.enums import CaseStatus, Category, Channel, OutboxKind
from desktop.services.windows import reply_window

DISPLAY_LINE_CHARS = 300  # a row never shows more; long texts are cut before eliding


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def channel_label(channel: Channel) -> str:
    return {
        Channel.FB_COMMENT: _t("Bình luận Facebook"),
        Channel.FB_MESSAGE: _t("Messenger"),
        Channel.ZALO_MESSAGE: _t("Zalo"),
    }[channel]


def channel_short_label(channel: Channel) -> str:
    """The channel in a few letters (inbox rows)."""
    return {
        Channel.FB_COMMENT: _t("Bình luận"),
        Channel.FB_MESSAGE: _t("Messenger"),
        Channel.ZALO_MESSAGE: _t("Zalo"),
    }[channel]


def category_label(category: Category | None) -> str:
    if category is None:
        return _t("Chưa phân loại")
    return {
        Category.CRIME_TIP: _t("Tin báo tội phạm"),
        Category.SCAM_REPORT: _t("Báo lừa đảo"),
        Category.ADMIN_QUESTION: _t("Hỏi thủ tục"),
        Category.COMPLAINT: _t("Khiếu nại"),
        Category.FEEDBACK: _t("Góp ý"),
        Category.HOSTILE: _t("Chống đối"),
        Category.ABUSIVE: _t("Xúc phạm"),
        Category.SPAM: _t("Quảng cáo, rác"),
        Category.OTHER: _t("Khác"),
    }[category]


def status_label(status: CaseStatus) -> str:
    return {
        CaseStatus.NEW: _t("Mới"),
        CaseStatus.IN_PROGRESS: _t("Đang xử lý"),
        CaseStatus.FORWARDED: _t("Đã chuyển"),
        CaseStatus.RESOLVED: _t("Đã xong"),
        CaseStatus.REOPENED: _t("Mở lại"),
    }[status]


def short_time(moment: datetime) -> str:
    """Local time as dd/MM HH:mm."""
    return moment.astimezone().strftime("%d/%m %H:%M")


def long_time(moment: datetime) -> str:
    """Local time as dd/MM/yyyy HH:mm."""
    return moment.astimezone().strftime("%d/%m/%Y %H:%M")


def display_line(text: str, limit: int = DISPLAY_LINE_CHARS) -> str:
    """The first non-empty line of ``text``, control characters as spaces, at most ``limit``.

    Only a bounded prefix is looked at, so a huge payload costs no more than a short one.
    """
    head = text[: limit * 4]
    for line in head.splitlines():
        if line.strip():
            cleaned = "".join(
                " " if unicodedata.category(ch) == "Cc" else ch for ch in line.strip()
            )
            return cleaned[:limit]
    return ""


def grouped(number: int) -> str:
    """Vietnamese digit grouping: 12.345."""
    return f"{number:,}".replace(",", ".")


def relative_time(moment: datetime, now: datetime) -> str:
    """HH:mm today, dd/MM this year, dd/MM/yy before (local time)."""
    local, today = moment.astimezone(), now.astimezone()
    if local.date() == today.date():
        return local.strftime("%H:%M")
    if local.year == today.year:
        return local.strftime("%d/%m")
    return local.strftime("%d/%m/%y")


def compact_duration(span: timedelta) -> str:
    """A short Vietnamese duration: "45 phút", "5 giờ", "6 ngày" (rounded down, at least 1 min)."""
    minutes = max(1, int(span.total_seconds() // 60))
    if minutes < 60:
        return _t("{n} phút").format(n=minutes)
    hours = minutes // 60
    if hours < 48:
        return _t("{n} giờ").format(n=hours)
    return _t("{n} ngày").format(n=hours // 24)


class WindowLevel(Enum):
    OPEN = "open"  # plenty of time in the standard window
    SOON = "soon"  # closes within SOON
    HUMAN_AGENT = "human_agent"  # Messenger past 24 h: only with the HUMAN_AGENT tag
    CLOSED = "closed"


SOON = timedelta(hours=3)


@dataclass(frozen=True, slots=True)
class WindowBadge:
    text: str
    level: WindowLevel
    explanation: str


def reply_window_badge(
    channel: Channel, last_citizen_at: datetime | None, now: datetime
) -> WindowBadge | None:
    """The reply-window countdown of a private conversation; None for comments."""
    if not channel.is_private or last_citizen_at is None:
        return None
    state = reply_window(OutboxKind.MESSAGE_REPLY, channel, now, last_citizen_at=last_citizen_at)
    if not state.open or state.closes_at is None:
        return WindowBadge(
            _t("Hết hạn trả lời"),
            WindowLevel.CLOSED,
            _t("Đã quá thời hạn nhắn lại cho người dân trên kênh này."),
        )
    left = compact_duration(state.closes_at - now)
    if state.human_agent:
        return WindowBadge(
            _t("Còn {left} (HA)").format(left=left),
            WindowLevel.HUMAN_AGENT,
            _t(
                "Đã quá 24 giờ: chỉ trả lời được với thẻ HUMAN_AGENT, còn {left} (tối đa 7 ngày)."
            ).format(left=left),
        )
    level = WindowLevel.SOON if state.closes_at - now <= SOON else WindowLevel.OPEN
    return WindowBadge(
        _t("Còn {left}").format(left=left),
        level,
        _t("Còn {left} để nhắn lại cho người dân.").format(left=left),
    )
