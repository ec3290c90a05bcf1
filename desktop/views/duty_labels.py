"""Vietnamese display texts of the duty screens: roles, deadlines, SLA clocks, handover summaries,
audit actions (translatable, plain text)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.domain.enums import CaseStatus, OfficerRole
from desktop.store.sla import SlaClock
from desktop.views.labels import compact_duration, status_label

MAX_IDS_SHOWN = 30  # ids listed per line of a handover summary (the count is always complete)


def _t(text: str) -> str:
    return QCoreApplication.translate("duty_labels", text)


def role_label(role: OfficerRole) -> str:
    return {
        OfficerRole.DUTY_OFFICER: _t("Cán bộ trực ban"),
        OfficerRole.SHIFT_LEADER: _t("Lãnh đạo ca"),
        OfficerRole.UNIT_ADMIN: _t("Quản trị"),
        OfficerRole.AUDITOR: _t("Kiểm tra"),
    }[role]


def due_text(due: datetime, now: datetime) -> str:
    """ "còn 12 phút" before ``due``, "quá hạn 5 phút" after it."""
    if now <= due:
        return _t("còn {d}").format(d=compact_duration(due - now))
    return _t("quá hạn {d}").format(d=compact_duration(now - due))


def response_text(clock: SlaClock, now: datetime) -> str:
    """The first-response target of a case's current period."""
    if clock.responded_at is not None:
        if clock.responded_at > clock.response_due_at:
            late = compact_duration(clock.responded_at - clock.response_due_at)
            return _t("Phản hồi đầu: đã phản hồi, trễ {d}").format(d=late)
        return _t("Phản hồi đầu: đã phản hồi đúng hạn")
    if not clock.running:
        return _t("Phản hồi đầu: không có (đã dừng)")
    return _t("Phản hồi đầu: {due}").format(due=due_text(clock.response_due_at, now))


def resolution_text(clock: SlaClock, now: datetime) -> str:
    """The resolution target: counting down while open, stopped once resolved."""
    if clock.running and clock.resolution_due_at is not None:
        return _t("Giải quyết: {due}").format(due=due_text(clock.resolution_due_at, now))
    spent = compact_duration(clock.resolution_elapsed)
    if clock.resolution_breached:
        over = compact_duration(clock.resolution_elapsed - clock.resolution_target)
        return _t("Giải quyết: đã dừng, mất {spent} (vượt {over})").format(spent=spent, over=over)
    return _t("Giải quyết: đã dừng, mất {spent} (đúng hạn)").format(spent=spent)


def response_late(clock: SlaClock, now: datetime) -> bool:
    return clock.responded_at is None and clock.running and now > clock.response_due_at


def resolution_late(clock: SlaClock, now: datetime) -> bool:
    if clock.running and clock.resolution_due_at is not None:
        return now > clock.resolution_due_at
    return clock.resolution_breached


def _ids(ids: Any) -> str:
    shown = [f"#{i}" for i in list(ids or [])[:MAX_IDS_SHOWN]]
    more = len(list(ids or [])) - len(shown)
    text = ", ".join(shown)
    if more > 0:
        text += _t(" và {n} vụ khác").format(n=more)
    return text


def summary_text(summary: Mapping[str, Any]) -> str:
    """A handover summary (counts and case ids) as plain lines."""
    statuses = []
    for value, count in dict(summary.get("by_status") or {}).items():
        try:
            name = status_label(CaseStatus(value))
        except ValueError:
            name = str(value)
        statuses.append(f"{name}: {count}")
    lines = [_t("Đang mở: {n}").format(n=summary.get("open", 0))]
    if statuses:
        lines[0] += f" ({', '.join(statuses)})"
    for key, ids_key, label in (
        ("urgent", "urgent_ids", _t("Khẩn cấp")),
        ("overdue", "overdue_ids", _t("Quá hạn")),
        ("unassigned", "unassigned_ids", _t("Chưa giao")),
    ):
        count = summary.get(key, 0)
        line = f"{label}: {count}"
        if count:
            line += f" — {_ids(summary.get(ids_key))}"
        lines.append(line)
    late = summary.get("overdue_forwards", 0)
    line = _t("Chuyển đơn vị quá hạn: {n}").format(n=late)
    if late:
        line += _t(" — mã chuyển {ids}").format(ids=_ids(summary.get("overdue_forward_ids")))
    lines.append(line)
    return "\n".join(lines)


def audit_action_label(action: str) -> str:
    """The Vietnamese name of a stored audit action (unknown ones as stored)."""
    names = {
        "sign_in": _t("Đăng nhập"),
        "sign_in_failed": _t("Đăng nhập thất bại"),
        "sign_out": _t("Đăng xuất"),
        "account_locked": _t("Khóa tài khoản"),
        "screen_unlocked": _t("Mở khóa màn hình"),
        "officer_created": _t("Tạo cán bộ"),
        "officer_changed": _t("Sửa cán bộ"),
        "password_changed": _t("Đổi mật khẩu"),
        "protected_viewed": _t("Xem thông tin người báo tin"),
        "case_viewed": _t("Xem vụ việc"),
        "classification_changed": _t("Phân loại"),
        "status_changed": _t("Đổi trạng thái"),
        "priority_changed": _t("Đổi ưu tiên"),
        "assigned": _t("Giao việc"),
        "auto_assigned": _t("Tự động giao việc"),
        "redistributed": _t("Chia lại vụ việc"),
        "forwarded": _t("Chuyển đơn vị"),
        "forward_result": _t("Kết quả chuyển đơn vị"),
        "forward_escalated": _t("Báo cáo vượt cấp"),
        "reply_queued": _t("Trả lời"),
        "reply_approved": _t("Duyệt trả lời"),
        "reply_rejected": _t("Không duyệt trả lời"),
        "reply_policy_changed": _t("Sửa quy định duyệt trả lời"),
        "note_added": _t("Ghi chú nội bộ"),
        "hidden": _t("Ẩn bình luận"),
        "unhidden": _t("Hiện lại bình luận"),
        "deleted": _t("Xoá bình luận"),
        "blocked": _t("Chặn người dùng"),
        "rule_changed": _t("Sửa quy tắc kiểm duyệt"),
        "assignment_rule_changed": _t("Sửa quy tắc giao việc"),
        "sla_changed": _t("Sửa chỉ tiêu thời gian"),
        "shift_changed": _t("Lịch trực"),
        "handover_signed": _t("Ký bàn giao ca"),
        "handover_acknowledged": _t("Nhận bàn giao ca"),
        "export": _t("Xuất dữ liệu"),
        "audit_verified": _t("Kiểm tra chuỗi nhật ký"),
        "account_changed": _t("Sửa tài khoản trang"),
        "unit_changed": _t("Sửa đơn vị"),
    }
    return names.get(action, action)


def details_text(details: Mapping[str, Any] | None) -> str:
    """Audit details (ids, codes, counts) as one plain line."""
    if not details:
        return ""
    return json.dumps(details, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))
