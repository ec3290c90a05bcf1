"""The selected thread: the post it sits under, every comment, reply or message with its author
and time, hidden/deleted marks, attachments (metadata only), internal notes set apart, replies
still in the outbox, and the same citizen's other cases.

Marks in the citizens' text: personal data on an orange background, offensive words (found by
the word model in the service) with a wavy underline on a light lilac background — a shape as
well as a colour, so they read without telling colours apart; a word that is both gets both.
A legend above the text says what the marks mean; it and the marks' tooltips are fixed wording,
never citizen text.

Untrusted text is never interpreted: it is inserted with ``QTextCursor.insertText`` (formats are
applied around it, never parsed from it), labels are plain text and no tooltip carries it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import Direction, OutboxKind, OutboxState
from desktop.services.inbox import ItemView
from desktop.views.case_labels import outbox_state_label
from desktop.views.labels import category_label, channel_label, long_time, short_time, status_label
from desktop.views.widgets import plain_label

if TYPE_CHECKING:
    from desktop.services.cases import AuthorThread, CaseDetail, OffensiveFinding, PiiFinding
    from desktop.store.outbox import OutboxRow

log = logging.getLogger(__name__)

ItemsLoader = Callable[[int], Awaitable[list[ItemView]]]
ThreadIdRole = Qt.ItemDataRole.UserRole + 1
PENDING_TEXT_KINDS = {
    OutboxKind.PUBLIC_REPLY,
    OutboxKind.PRIVATE_REPLY,
    OutboxKind.MESSAGE_REPLY,
}
MAX_POST_CHARS = 400
MAX_OTHER_ROWS = 4
OTHERS_PADDING = 6

NOTE_BACKGROUND = QColor("#fff3c4")
OUTBOUND_COLOUR = QColor("#1f4e79")
DELETED_COLOUR = QColor("#7a7a7a")
PENDING_COLOUR = QColor("#8a5a00")
PII_BACKGROUND = QColor("#ffd8a8")
OFFENSIVE_BACKGROUND = QColor("#eadff7")
OFFENSIVE_UNDERLINE = QColor("#5e2b97")
OFFENSIVE_UNDERLINE_STYLE = QTextCharFormat.UnderlineStyle.WaveUnderline


def _attachment_text(meta: dict[str, Any]) -> str:
    kind = meta.get("type") or meta.get("mime_type")
    parts = [str(kind) if kind else QCoreApplication.translate("ThreadPane", "tệp")]
    name = meta.get("name") or meta.get("description")
    if name:
        parts.append(str(name))
    size = meta.get("size")
    if isinstance(size, int) and size > 0:
        parts.append(f"{size / 1024:.0f} KB" if size >= 1024 else f"{size} B")
    url = meta.get("url") or meta.get("file_url") or meta.get("image_url")
    if url:
        parts.append(str(url))
    return " · ".join(parts)


class ThreadPane(QWidget):
    loaded = Signal(int)  # the thread id whose items are now shown
    load_failed = Signal(str)
    open_thread = Signal(int)  # the officer opened another case of the same citizen

    def __init__(self, loader: ItemsLoader | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._task: asyncio.Task[None] | None = None
        self.thread_id: int | None = None
        self.title = plain_label(self.tr("Chọn một vụ việc trong hộp thư"), self)
        self.title.setObjectName("threadTitle")
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.post = plain_label("", self)
        self.post.setObjectName("threadPost")
        self.post.setWordWrap(True)
        self.post.setStyleSheet("#threadPost { color: #444; background: #f1f1f1; padding: 4px; }")
        self.post.hide()
        self.legend = plain_label("", self)
        self.legend.setObjectName("threadLegend")
        self.legend.setWordWrap(True)
        self.legend.hide()
        self.text = QTextEdit(self)
        self.text.setObjectName("threadText")
        self.text.setReadOnly(True)
        self.text.setAcceptRichText(False)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.others_title = plain_label("", self)
        self.others_title.setObjectName("otherThreadsTitle")
        self.others = QListWidget(self)
        self.others.setObjectName("otherThreads")
        self.others.itemActivated.connect(self._open_other)
        self.others_title.hide()
        self.others.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.post)
        layout.addWidget(self.legend)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.others_title)
        layout.addWidget(self.others)

    # -- loading by itself (the inbox's items loader) ---------------------------------------------
    def show_thread(self, thread_id: int) -> None:
        """Load ``thread_id``; a load still running for another thread is cancelled."""
        if self._loader is None:
            raise RuntimeError("this thread pane is fed by its case panel")
        if self._task is not None:
            self._task.cancel()
        self.thread_id = thread_id
        self.title.setText(self.tr("Vụ việc #{id} — đang tải…").format(id=thread_id))
        task = asyncio.ensure_future(self._load(thread_id))
        self._task = task
        task.add_done_callback(self._finished)

    async def _load(self, thread_id: int) -> None:
        assert self._loader is not None
        items = await self._loader(thread_id)
        if thread_id != self.thread_id:
            return
        self.show_items(thread_id, items)

    def _finished(self, task: asyncio.Task[None]) -> None:
        if self._task is task:
            self._task = None
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            log.error("thread items failed to load", exc_info=error)
            self.title.setText(self.tr("Không tải được vụ việc"))
            self.load_failed.emit(str(error))

    # -- showing ------------------------------------------------------------------------------
    def show_items(
        self,
        thread_id: int,
        items: Sequence[ItemView],
        *,
        pii: Iterable[PiiFinding] = (),
        offensive: Iterable[OffensiveFinding] = (),
        pending: Iterable[OutboxRow] = (),
    ) -> None:
        """Render the items (oldest first), personal data and offensive words marked, unsent
        replies last."""
        self.thread_id = thread_id
        self.title.setText(self.tr("Vụ việc #{id} — {n} mục").format(id=thread_id, n=len(items)))
        spans: dict[int, list[PiiFinding]] = {}
        for finding in pii:
            spans.setdefault(finding.item_id, []).append(finding)
        words: dict[int, list[OffensiveFinding]] = {}
        for word in offensive:
            words.setdefault(word.item_id, []).append(word)
        self._show_legend(
            pii=any(_inside(f, i.text) for i in items for f in spans.get(i.item_id, ())),
            offensive=sum(_inside(w, i.text) for i in items for w in words.get(i.item_id, ())),
        )
        bar = self.text.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        keep = bar.value()
        self.text.clear()
        cursor = QTextCursor(self.text.document())
        first = True
        for item in items:
            self._insert_item(
                cursor,
                item,
                spans.get(item.item_id, []),
                words.get(item.item_id, []),
                first=first,
            )
            first = False
        for row in pending:
            self._insert_pending(cursor, row, first=first)
            first = False
        bar.setValue(bar.maximum() if at_end else min(keep, bar.maximum()))
        self.loaded.emit(thread_id)

    def show_case(self, detail: CaseDetail) -> None:
        """Everything the case panel loaded about the thread."""
        case = detail.case
        if case.post_message:
            text = case.post_message
            if len(text) > MAX_POST_CHARS:
                text = text[:MAX_POST_CHARS].rstrip() + "…"
            self.post.setText(self.tr("Bài viết của trang: {text}").format(text=text))
            self.post.show()
        else:
            self.post.clear()
            self.post.hide()
        pending = [
            a
            for a in detail.actions
            if a.kind in PENDING_TEXT_KINDS and a.state is not OutboxState.SENT
        ]
        self.show_others(detail.author_threads)
        self.show_items(
            case.thread_id,
            detail.items,
            pii=detail.pii,
            offensive=detail.offensive,
            pending=pending,
        )

    def _show_legend(self, *, pii: bool, offensive: int) -> None:
        """What the marks in the text mean (fixed wording and counts, never citizen text)."""
        parts = []
        if pii:
            parts.append(self.tr("Nền cam: dữ liệu cá nhân"))
        if offensive:
            parts.append(
                self.tr(
                    "Gạch chân lượn sóng, nền tím nhạt: từ ngữ xúc phạm ({n}; máy tự đánh dấu, "
                    "có thể nhầm)"
                ).format(n=offensive)
            )
        self.legend.setText(" · ".join(parts))
        self.legend.setVisible(bool(parts))

    def show_others(self, threads: Sequence[AuthorThread]) -> None:
        self.others.clear()
        for other in threads:
            row = QListWidgetItem(
                self.tr(
                    "#{id} · {when} · {account} · {channel} · {category} · {status} — {text}"
                ).format(
                    id=other.thread_id,
                    when=short_time(other.last_activity_at),
                    account=other.account_name,
                    channel=channel_label(other.channel),
                    category=category_label(other.category),
                    status=status_label(other.status),
                    text=other.last_preview,
                )
            )
            row.setData(ThreadIdRole, other.thread_id)
            self.others.addItem(row)
        self.others_title.setText(
            self.tr("Các vụ việc khác của người này ({n}) — nhấn Enter để mở").format(
                n=len(threads)
            )
        )
        self.others_title.setVisible(bool(threads))
        self.others.setVisible(bool(threads))
        rows = min(max(len(threads), 1), MAX_OTHER_ROWS)
        self.others.setFixedHeight(rows * self.others.fontMetrics().height() + 2 * OTHERS_PADDING)

    def _open_other(self, row: QListWidgetItem) -> None:
        thread_id = row.data(ThreadIdRole)
        if isinstance(thread_id, int):
            self.open_thread.emit(thread_id)

    # -- formatting ---------------------------------------------------------------------------
    def head(self, item: ItemView) -> str:
        marks = []
        if item.is_hidden:
            marks.append(self.tr("[đã ẩn]"))
        if item.is_deleted:
            marks.append(self.tr("[đã xoá trên nền tảng]"))
        if item.edited:
            marks.append(self.tr("[đã sửa]"))
        author = item.author or (
            self.tr("Tài khoản của đơn vị")
            if item.direction is Direction.OUTBOUND
            else self.tr("(không rõ)")
        )
        head = f"{author} — {long_time(item.created_at)}"
        if item.direction is Direction.INTERNAL:
            head = self.tr("▌ GHI CHÚ NỘI BỘ ▌ ") + head
        elif item.direction is Direction.OUTBOUND:
            head = self.tr("↳ Trả lời: ") + head
        if marks:
            head += " " + " ".join(marks)
        return head

    def format_item(self, item: ItemView) -> str:
        """The item as plain text (what the pane shows, without its colours)."""
        lines = [self.head(item), item.text]
        lines += [
            self.tr("📎 Đính kèm: {a}").format(a=_attachment_text(a)) for a in item.attachments
        ]
        return "\n".join(lines)

    def _insert_item(
        self,
        cursor: QTextCursor,
        item: ItemView,
        spans: list[PiiFinding],
        words: list[OffensiveFinding],
        *,
        first: bool,
    ) -> None:
        block = QTextBlockFormat()
        body = QTextCharFormat()
        if item.direction is Direction.INTERNAL:
            block.setBackground(NOTE_BACKGROUND)
            block.setLeftMargin(8)
        elif item.direction is Direction.OUTBOUND:
            block.setLeftMargin(28)
            body.setForeground(OUTBOUND_COLOUR)
        if item.is_deleted or item.is_hidden:
            body.setForeground(DELETED_COLOUR)
        head = QTextCharFormat(body)
        head.setFontWeight(QFont.Weight.Bold)
        self._block(cursor, block, first=first, spacer=not first)
        cursor.insertText(self.head(item), head)
        cursor.insertBlock(block, body)
        self._insert_with_spans(cursor, item.text, spans, words, body)
        note = QTextCharFormat(body)
        note.setFontItalic(True)
        for meta in item.attachments:
            cursor.insertBlock(block, note)
            cursor.insertText(self.tr("📎 Đính kèm: {a}").format(a=_attachment_text(meta)), note)

    def _insert_pending(self, cursor: QTextCursor, row: OutboxRow, *, first: bool) -> None:
        block = QTextBlockFormat()
        block.setLeftMargin(28)
        body = QTextCharFormat()
        body.setForeground(PENDING_COLOUR)
        body.setFontItalic(True)
        head = QTextCharFormat(body)
        head.setFontWeight(QFont.Weight.Bold)
        self._block(cursor, block, first=first, spacer=not first)
        cursor.insertText(
            self.tr("↳ Trả lời [{state}] — {when}").format(
                state=outbox_state_label(row.state), when=long_time(row.created_at)
            ),
            head,
        )
        cursor.insertBlock(block, body)
        cursor.insertText(str(row.payload.get("message", "")), body)

    @staticmethod
    def _block(cursor: QTextCursor, block: QTextBlockFormat, *, first: bool, spacer: bool) -> None:
        if spacer:
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        if first:
            cursor.setBlockFormat(block)
        else:
            cursor.insertBlock(block)

    def _insert_with_spans(
        self,
        cursor: QTextCursor,
        text: str,
        pii: Sequence[PiiFinding],
        offensive: Sequence[OffensiveFinding],
        fmt: QTextCharFormat,
    ) -> None:
        """``text`` in ``fmt``, each piece inside a personal-data span and/or an offensive word
        with its mark added (overlaps get both). Spans are Python offsets into ``text`` (so an
        emoji before a word counts once); spans outside it (masked findings: -1) are ignored."""
        size = len(text)
        events: dict[int, list[tuple[int, int]]] = {0: [], size: []}
        for kind, spans in ((0, pii), (1, offensive)):
            for span in spans:
                if 0 <= span.start < span.end <= size:
                    events.setdefault(span.start, []).append((kind, 1))
                    events.setdefault(span.end, []).append((kind, -1))
        if not any(events.values()):  # nothing to mark (the usual case)
            cursor.insertText(text, fmt)
            return
        formats = self._mark_formats(fmt)
        depth = [0, 0]
        cuts = sorted(events)
        for start, end in pairwise(cuts):
            for kind, step in events[start]:
                depth[kind] += step
            cursor.insertText(text[start:end], formats[depth[0] > 0, depth[1] > 0])

    def _mark_formats(self, fmt: QTextCharFormat) -> dict[tuple[bool, bool], QTextCharFormat]:
        """``fmt`` as is, with the personal-data mark, the offensive mark, or both."""
        pii = QTextCharFormat(fmt)
        pii.setBackground(PII_BACKGROUND)
        pii.setToolTip(self.tr("Dữ liệu cá nhân"))
        word = QTextCharFormat(fmt)
        word.setBackground(OFFENSIVE_BACKGROUND)
        both = QTextCharFormat(pii)  # the personal-data background wins, the underline stays
        for marked in (word, both):
            marked.setUnderlineStyle(OFFENSIVE_UNDERLINE_STYLE)
            marked.setUnderlineColor(OFFENSIVE_UNDERLINE)
        word.setToolTip(self.tr("Từ ngữ xúc phạm (máy tự đánh dấu, có thể nhầm)"))
        both.setToolTip(self.tr("Dữ liệu cá nhân; từ ngữ xúc phạm (máy tự đánh dấu)"))
        return {(False, False): fmt, (True, False): pii, (False, True): word, (True, True): both}


def _inside(span: PiiFinding | OffensiveFinding, text: str) -> bool:
    """A span the pane can mark in ``text`` (masked personal data has none: offsets -1)."""
    return 0 <= span.start < span.end <= len(text)
