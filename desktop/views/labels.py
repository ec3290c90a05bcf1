"""Vietnamese display names of the stored vocabularies (translatable, plain text)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from desktop.domain.enums import CaseStatus, Category, Channel


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def channel_label(channel: Channel) -> str:
    return {
        Channel.FB_COMMENT: _t("Bình luận Facebook"),
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
