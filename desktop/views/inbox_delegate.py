"""Paints one inbox thread as a two-line row (the list never creates a widget per row).

Line 1: urgency mark, channel, unit, author — reply-window countdown and time on the right.
Line 2: unread mark and the first line of the latest item — campaign badge, category chip and
assignee on the right. Urgent rows carry a text badge and a stripe, not only a colour.

Every string is drawn with ``QPainter.drawText`` (plain text; never a rich-text document) and
elided with cached ``QFontMetrics``. The countdown is computed at paint time from the clock the
view gives; nothing here touches the store.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from desktop.domain.enums import CaseStatus, Category, Channel
from desktop.services.inbox import ThreadRow
from desktop.views.inbox_model import ThreadRowRole
from desktop.views.labels import (
    WindowLevel,
    category_label,
    channel_short_label,
    display_line,
    relative_time,
    reply_window_badge,
    status_label,
)

Clock = Callable[[], datetime]
AnyIndex = QModelIndex | QPersistentModelIndex

PAD = 6
GAP = 4
STRIPE = 4
CHIP_PAD = 5
ASSIGNEE_MAX = 150
UNIT_SHARE = 0.5  # the unit may take at most this share of line 1's free width

URGENT = QColor("#b71c1c")
UNREAD = QColor("#1565c0")
CHANNEL_COLOURS = {
    Channel.FB_COMMENT: QColor("#1a5fb4"),
    Channel.FB_MESSAGE: QColor("#7b1fa2"),
    Channel.ZALO_MESSAGE: QColor("#00695c"),
}
CATEGORY_COLOURS: dict[Category, tuple[str, str]] = {  # (text, background)
    Category.CRIME_TIP: ("#8a1c1c", "#fde2e1"),
    Category.SCAM_REPORT: ("#7a4100", "#ffe9c7"),
    Category.ADMIN_QUESTION: ("#0b4a8b", "#e1eeff"),
    Category.COMPLAINT: ("#5f4b00", "#fff3c4"),
    Category.FEEDBACK: ("#1e6b2e", "#e1f4e4"),
    Category.HOSTILE: ("#5e1770", "#f1def7"),
    Category.ABUSIVE: ("#8b1044", "#fde0ec"),
    Category.SPAM: ("#4a4a4a", "#ececec"),
    Category.OTHER: ("#3c4853", "#eceff3"),
}
UNCLASSIFIED = ("#5f6368", "")  # outlined, no fill
CAMPAIGN = ("#4527a0", "#e8e1f8")
WINDOW_COLOURS = {
    WindowLevel.OPEN: QColor("#2e7d32"),
    WindowLevel.SOON: QColor("#c62828"),
    WindowLevel.HUMAN_AGENT: QColor("#9a5200"),
    WindowLevel.CLOSED: QColor("#6b6b6b"),
}


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class _Fonts:
    normal: QFont
    bold: QFont
    small: QFont
    small_bold: QFont
    fm: QFontMetrics
    fm_bold: QFontMetrics
    fm_small: QFontMetrics
    fm_small_bold: QFontMetrics

    @classmethod
    def of(cls, font: QFont) -> _Fonts:
        base = QFont(font)  # a copy: the option's font dies with the option
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        size = base.pointSizeF()
        if size > 0:
            small.setPointSizeF(max(7.0, size * 0.9))
        small_bold = QFont(small)
        small_bold.setBold(True)
        return cls(
            base,
            bold,
            small,
            small_bold,
            QFontMetrics(base),
            QFontMetrics(bold),
            QFontMetrics(small),
            QFontMetrics(small_bold),
        )


def _chip_width(fm: QFontMetrics, text: str) -> int:
    return fm.horizontalAdvance(text) + 2 * CHIP_PAD


@dataclass(frozen=True, slots=True)
class _Colours:
    selected: bool
    text: QColor
    dim: QColor
    rule: QColor
    urgent_tint: QColor

    @classmethod
    def of(cls, palette: QPalette, state: QStyle.StateFlag, selected: bool) -> _Colours:
        group = (
            QPalette.ColorGroup.Active
            if state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text = palette.color(group, role)
        dim = text if selected else palette.color(group, QPalette.ColorRole.PlaceholderText)
        tint = QColor(URGENT)
        tint.setAlpha(18)
        return cls(selected, text, dim, palette.color(group, QPalette.ColorRole.Midlight), tint)

    def main(self, row: ThreadRow) -> QColor:
        """Resolved cases are drawn dimmed."""
        return self.dim if row.status is CaseStatus.RESOLVED and not self.selected else self.text


@dataclass(slots=True)
class _Canvas:
    """Single-line plain-text drawing at one row height, with cached fonts.

    The painter's font and pen are set only when they change (fewer calls per row).
    """

    painter: QPainter
    fonts: _Fonts
    _font: QFont | None = None
    _pen: int | None = None  # rgba of the current solid pen; None: unknown or no pen

    def use(self, font: QFont, colour: QColor) -> None:
        if font is not self._font:
            self.painter.setFont(font)
            self._font = font
        rgba = colour.rgba()
        if rgba != self._pen:
            self.painter.setPen(colour)
            self._pen = rgba

    def text(self, font: QFont, fm: QFontMetrics, text: str, x: int, y: int, colour: QColor) -> int:
        """Draw ``text`` from ``x``; return where it ends."""
        if not text:
            return x
        width = fm.horizontalAdvance(text)
        self.use(font, colour)
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        box = QRect(x, y, width + 1, self.fonts.fm.height())
        self.painter.drawText(box, int(flags) | int(Qt.TextFlag.TextSingleLine), text)
        return x + width

    def text_right(
        self, font: QFont, fm: QFontMetrics, text: str, right: int, y: int, colour: QColor
    ) -> int:
        """Draw ``text`` ending at ``right``; return where it starts."""
        start = right - fm.horizontalAdvance(text)
        self.text(font, fm, text, start, y, colour)
        return start

    def chip(
        self,
        font: QFont,
        fm: QFontMetrics,
        text: str,
        x: int,
        y: int,
        fg: QColor,
        bg: QColor | None,
        border: QColor | None,
    ) -> int:
        """A rounded label from ``x``; return its right edge."""
        p = self.painter
        box = QRect(x, y, _chip_width(fm, text), self.fonts.fm.height())
        if bg is not None:
            p.setBrush(bg)
            if border is None:
                p.setPen(Qt.PenStyle.NoPen)
                self._pen = None
        else:
            p.setBrush(Qt.BrushStyle.NoBrush)
        if border is not None:
            self.use(font, border)
        p.drawRoundedRect(box.adjusted(0, 0, -1, -1), 3, 3)
        self.use(font, fg)
        p.drawText(box, int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextSingleLine), text)
        return box.right() + 1


class InboxDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None, *, clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self.clock = clock
        self._fonts: dict[str, _Fonts] = {}
        self._labels = {
            "urgent": self.tr("‼ KHẨN"),
            "campaign": self.tr("⚑ Chiến dịch"),
            "unassigned": self.tr("Chưa giao"),
            "unread": "●",
        }

    # -- metrics -----------------------------------------------------------------------------
    def fonts(self, base: QFont) -> _Fonts:
        key = base.key()
        fonts = self._fonts.get(key)
        if fonts is None:
            fonts = self._fonts[key] = _Fonts.of(base)
        return fonts

    def row_height(self, base: QFont) -> int:
        f = self.fonts(base)
        return PAD + f.fm.height() + GAP + f.fm.height() + PAD

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        return QSize(400, self.row_height(option.font))

    # -- text of a row (also used by tests) ---------------------------------------------------
    def texts(self, row: ThreadRow, now: datetime) -> dict[str, str]:
        """Every string a row shows, before eliding."""
        badge = reply_window_badge(row.channel, row.last_citizen_at, now)
        show_window = badge is not None and row.status is not CaseStatus.RESOLVED
        assignee = (
            f"→ {display_line(row.assignee_name, 80)}"
            if row.assignee_name
            else self._labels["unassigned"]
        )
        status = "" if row.status is CaseStatus.NEW else status_label(row.status)
        return {
            "urgent": self._labels["urgent"] if row.urgent else "",
            "channel": channel_short_label(row.channel),
            "unit": display_line(row.unit_name or row.account_name, 80),
            "author": display_line(row.last_author_name or "", 80),
            "window": badge.text if show_window and badge is not None else "",
            "time": relative_time(row.last_activity_at, now),
            "unread": self._labels["unread"] if row.unread else "",
            "preview": display_line(row.last_preview),
            "campaign": self._labels["campaign"] if row.campaign_id is not None else "",
            "category": category_label(row.category),
            "assignee": assignee,
            "status": status,
        }

    # -- painting ------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        row = index.data(ThreadRowRole)
        if not isinstance(row, ThreadRow):
            super().paint(painter, option, index)
            return
        rect: QRect = option.rect
        state = option.state
        widget = option.widget
        selected = bool(state & QStyle.StateFlag.State_Selected)
        colours = _Colours.of(option.palette, state, selected)
        painter.save()
        try:
            if widget is not None:
                widget.style().drawPrimitive(
                    QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
                )
            if row.urgent and not selected:
                painter.fillRect(rect, colours.urgent_tint)
            if row.urgent:
                painter.fillRect(QRect(rect.left(), rect.top(), STRIPE, rect.height()), URGENT)
            painter.setPen(QPen(colours.rule))
            painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)  # rounded chips
            canvas = _Canvas(painter, self.fonts(option.font))
            now = self.clock()
            texts = self.texts(row, now)
            self._first_line(canvas, row, texts, now, rect, colours)
            self._second_line(canvas, row, texts, rect, colours)
        finally:
            painter.restore()

    def _first_line(
        self,
        c: _Canvas,
        row: ThreadRow,
        t: dict[str, str],
        now: datetime,
        rect: QRect,
        colours: _Colours,
    ) -> None:
        """Urgent badge, channel tag, unit · author — countdown and time on the right."""
        f, y = c.fonts, rect.top() + PAD
        x_right = c.text_right(f.small, f.fm_small, t["time"], rect.right() - PAD, y, colours.dim)
        if t["window"]:
            badge = reply_window_badge(row.channel, row.last_citizen_at, now)
            level = badge.level if badge is not None else WindowLevel.OPEN
            colour = colours.text if colours.selected else WINDOW_COLOURS[level]
            soon = level is WindowLevel.SOON
            font, fm = (f.small_bold, f.fm_small_bold) if soon else (f.small, f.fm_small)
            x_right = c.text_right(font, fm, "⏱ " + t["window"], x_right - 2 * PAD, y, colour)
        x = rect.left() + STRIPE + PAD
        if t["urgent"]:
            white = QColor("white")
            x = c.chip(f.small_bold, f.fm_small_bold, t["urgent"], x, y, white, URGENT, None)
            x += GAP
        tag = colours.text if colours.selected else CHANNEL_COLOURS[row.channel]
        x = c.chip(f.small, f.fm_small, t["channel"], x, y, tag, None, tag) + GAP
        free = max(0, x_right - 2 * PAD - x)
        unit = f.fm.elidedText(t["unit"], Qt.TextElideMode.ElideRight, int(free * UNIT_SHARE))
        main = colours.main(row)
        x = c.text(f.normal, f.fm, unit, x, y, main)
        if t["author"]:
            x = c.text(f.normal, f.fm, " · ", x, y, colours.dim)
            font, fm = (f.bold, f.fm_bold) if row.unread else (f.normal, f.fm)
            width = max(0, x_right - 2 * PAD - x)
            c.text(
                font, fm, fm.elidedText(t["author"], Qt.TextElideMode.ElideRight, width), x, y, main
            )

    def _second_line(
        self, c: _Canvas, row: ThreadRow, t: dict[str, str], rect: QRect, colours: _Colours
    ) -> None:
        """Unread mark and preview — campaign badge, category chip and assignee on the right."""
        f = c.fonts
        y = rect.top() + PAD + f.fm.height() + GAP
        assignee = f.fm_small.elidedText(t["assignee"], Qt.TextElideMode.ElideRight, ASSIGNEE_MAX)
        colour = colours.text if row.assignee_name else colours.dim
        x_right = c.text_right(f.small, f.fm_small, assignee, rect.right() - PAD, y, colour)
        if t["status"]:
            status = t["status"] + " · "
            x_right = c.text_right(f.small, f.fm_small, status, x_right, y, colours.dim)
        fg, bg = CATEGORY_COLOURS[row.category] if row.category is not None else UNCLASSIFIED
        x_right -= 2 * PAD + _chip_width(f.fm_small, t["category"])
        fill, border = (QColor(bg), None) if bg else (None, QColor(fg))
        c.chip(f.small, f.fm_small, t["category"], x_right, y, QColor(fg), fill, border)
        if t["campaign"]:
            fg, bg = CAMPAIGN
            x_right -= GAP + _chip_width(f.fm_small_bold, t["campaign"])
            font, fm = f.small_bold, f.fm_small_bold
            c.chip(font, fm, t["campaign"], x_right, y, QColor(fg), QColor(bg), None)
        x = rect.left() + STRIPE + PAD
        if t["unread"]:
            mark = colours.text if colours.selected else UNREAD
            x = c.text(f.bold, f.fm_bold, t["unread"] + " ", x, y, mark)
        width = max(0, x_right - 2 * PAD - x)
        preview = f.fm.elidedText(t["preview"], Qt.TextElideMode.ElideRight, width)
        c.text(f.normal, f.fm, preview, x, y, colours.main(row))

    # -- tooltips --------------------------------------------------------------------------------
    def tooltip(self, row: ThreadRow, now: datetime) -> str:
        """The row's details plus the reply window, as escaped plain text."""
        badge = reply_window_badge(row.channel, row.last_citizen_at, now)
        t = self.texts(row, now)
        lines = [
            f"{t['channel']} — {display_line(row.account_name, 120)}",
            self.tr("Đơn vị: {unit}").format(unit=display_line(row.unit_name or "—", 120)),
            self.tr("Người gửi: {author}").format(author=t["author"] or "—"),
            self.tr("Phân loại: {category} · {status}").format(
                category=t["category"], status=status_label(row.status)
            ),
            self.tr("Người xử lý: {who}").format(who=t["assignee"]),
        ]
        if row.campaign_id is not None:
            lines.append(self.tr("Thuộc chiến dịch phối hợp #{id}").format(id=row.campaign_id))
        if badge is not None:
            lines.append(badge.explanation)
        lines.append(t["preview"])
        text = html.escape("\n".join(lines))
        return f"<p style='white-space:pre-wrap'>{text}</p>"

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: AnyIndex,
    ) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip:
            return super().helpEvent(event, view, option, index)
        row = index.data(ThreadRowRole) if index.isValid() else None
        if not isinstance(row, ThreadRow):
            return super().helpEvent(event, view, option, index)
        QToolTip.showText(event.globalPos(), self.tooltip(row, self.clock()), view)
        return True
