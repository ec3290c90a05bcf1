"""Vietnamese display texts of the case panel (translatable, plain text)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from desktop.domain.enums import CategorySource, Channel, OutboxKind, OutboxState
from desktop.services.windows import WindowReason, closed_reason
from desktop.store.outbox import OutboxRow
from desktop.views.labels import short_time


def _t(text: str) -> str:
    return QCoreApplication.translate("case_labels", text)


def source_label(
    source: CategorySource | None, by_name: str | None, confidence: float | None
) -> str:
    """Who set the category: the model (with its confidence), a rule, an officer, the seed."""
    if source is None:
        return ""
    if source is CategorySource.OFFICER:
        return _t("cán bộ {name}").format(name=by_name or _t("(không rõ)"))
    if source is CategorySource.MODEL:
        if confidence is None:
            return _t("mô hình")
        return _t("mô hình, {pct}%").format(pct=round(confidence * 100))
    if source is CategorySource.RULE:
        return _t("quy tắc")
    return _t("dữ liệu mẫu")


def priority_label(priority: int) -> str:
    return {0: _t("Thường"), 1: _t("Cao"), 2: _t("Khẩn")}.get(priority, str(priority))


def pii_kind_label(kind: str) -> str:
    return {
        "phone": _t("Số điện thoại"),
        "cccd": _t("Số CCCD/CMND"),
        "bank_account": _t("Số tài khoản"),
        "plate": _t("Biển số xe"),
        "email": _t("Thư điện tử"),
        "address": _t("Địa chỉ"),
    }.get(kind, kind)


def outbox_kind_label(kind: OutboxKind) -> str:
    return {
        OutboxKind.PUBLIC_REPLY: _t("Trả lời công khai"),
        OutboxKind.PRIVATE_REPLY: _t("Trả lời riêng"),
        OutboxKind.MESSAGE_REPLY: _t("Nhắn tin"),
        OutboxKind.HIDE: _t("Ẩn bình luận"),
        OutboxKind.UNHIDE: _t("Hiện lại bình luận"),
        OutboxKind.DELETE: _t("Xoá bình luận"),
        OutboxKind.BLOCK: _t("Chặn người dùng"),
    }[kind]


def outbox_state_label(state: OutboxState) -> str:
    return {
        OutboxState.QUEUED: _t("Chờ gửi"),
        OutboxState.SENDING: _t("Đang gửi"),
        OutboxState.SENT: _t("Đã gửi"),
        OutboxState.FAILED: _t("Thất bại"),
        OutboxState.UNKNOWN: _t("Chưa rõ"),
        OutboxState.PENDING_APPROVAL: _t("Chờ duyệt"),
        OutboxState.REJECTED: _t("Không được duyệt"),
    }[state]


def window_closed_label(reason: WindowReason) -> str:
    """Why a reply cannot be sent now, as the officer reads it (one literal string per code:
    the translation scanner sees them)."""
    return {
        WindowReason.NOT_FOR_CHANNEL: QCoreApplication.translate(
            "case_labels", "Kênh này không cho kiểu trả lời đó"
        ),
        WindowReason.NO_CONVERSATION: QCoreApplication.translate(
            "case_labels", "Vụ việc bình luận không có hộp thư riêng để nhắn tin"
        ),
        WindowReason.NO_MESSAGE_YET: QCoreApplication.translate(
            "case_labels", "Người dân chưa nhắn tin: chưa thể trả lời"
        ),
        WindowReason.MESSENGER_EXPIRED: QCoreApplication.translate(
            "case_labels",
            "Messenger: quá 7 ngày từ tin nhắn cuối của người dân — không thể gửi nữa, "
            "chờ người dân nhắn lại",
        ),
        WindowReason.ZALO_EXPIRED: QCoreApplication.translate(
            "case_labels",
            "Zalo: quá 7 ngày từ lần tương tác cuối của người dân (lỗi -230) — không thể gửi "
            "nữa, chờ người dân nhắn lại",
        ),
        WindowReason.NOT_A_COMMENT: QCoreApplication.translate(
            "case_labels", "Chỉ trả lời riêng được bình luận trên Trang Facebook"
        ),
        WindowReason.NO_COMMENT: QCoreApplication.translate(
            "case_labels", "Hãy chọn bình luận của người dân để trả lời riêng"
        ),
        WindowReason.ALREADY_REPLIED: QCoreApplication.translate(
            "case_labels", "Bình luận này đã được trả lời riêng (mỗi bình luận một lần)"
        ),
        WindowReason.PRIVATE_EXPIRED: QCoreApplication.translate(
            "case_labels",
            "Facebook: quá 7 ngày từ khi người dân bình luận — không trả lời riêng được nữa, "
            "hãy trả lời công khai",
        ),
    }[reason]


def outbox_advice(row: OutboxRow) -> str:
    """What the officer should know or do about an action in this state."""
    if row.state is OutboxState.QUEUED:
        if row.last_error:
            when = short_time(row.next_attempt_at) if row.next_attempt_at else ""
            return (
                _t("Chưa gửi được (mạng hoặc nền tảng chưa sẵn sàng); sẽ tự gửi lại {when}")
                .format(when=_t("lúc {t}").format(t=when) if when else _t("khi có mạng"))
                .strip()
            )
        return _t("Sẽ được gửi khi đến lượt")
    if row.state is OutboxState.SENDING:
        return _t("Đang gửi lên nền tảng")
    if row.state is OutboxState.SENT:
        return ""
    if row.state is OutboxState.PENDING_APPROVAL:
        return _t("Chờ lãnh đạo ca duyệt; chưa gửi cho người dân")
    if row.state is OutboxState.REJECTED:
        return _t("Lãnh đạo ca không duyệt: {reason}. Sửa lại rồi gửi lại nếu cần").format(
            reason=row.review_note or _t("không ghi lý do")
        )
    if row.state is OutboxState.FAILED:
        window = closed_reason(row.last_error)  # the window closed while it waited
        return _t("Không gửi được: {reason}. Kiểm tra lại rồi thao tác lại nếu cần").format(
            reason=window_closed_label(window)
            if window is not None
            else row.last_error or _t("không rõ lý do")
        )
    if row.next_attempt_at is not None:
        return _t(
            "Không rõ nền tảng đã nhận chưa: sẽ tự kiểm tra lại lúc {t}, không gửi lại mù quáng"
        ).format(t=short_time(row.next_attempt_at))
    return _t(
        "Không rõ nền tảng đã nhận chưa: hãy kiểm tra trên trang rồi quyết định gửi lại hay bỏ"
    )


def countdown(remaining: timedelta) -> str:
    """``2 ngày 03:04:05`` or ``03:04:05``."""
    seconds = max(0, int(remaining.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return _t("{d} ngày {clock}").format(d=days, clock=clock) if days else clock


def window_text(
    kind: OutboxKind,
    channel: Channel,
    *,
    open_: bool,
    closes_at: datetime | None,
    human_agent: bool,
    now: datetime,
) -> str:
    """The reply window as the officer reads it (with the rule that sets it)."""
    if closes_at is None:
        return _t("Không giới hạn thời gian") if open_ else ""
    if not open_:
        return _t("Đã hết hạn trả lời từ {t}").format(t=short_time(closes_at))
    left = countdown(closes_at - now)
    if kind is OutboxKind.PRIVATE_REPLY:
        return _t("Còn {left} để trả lời riêng (một lần, trong 7 ngày từ khi bình luận)").format(
            left=left
        )
    if channel is Channel.ZALO_MESSAGE:
        return _t("Zalo: còn {left} (7 ngày từ lần tương tác cuối của người dân)").format(left=left)
    if human_agent:
        return _t(
            "Messenger: quá 24 giờ, gửi với thẻ HUMAN_AGENT; còn {left} (7 ngày từ tin cuối)"
        ).format(left=left)
    return _t("Messenger: còn {left} (24 giờ từ tin nhắn cuối của người dân)").format(left=left)
