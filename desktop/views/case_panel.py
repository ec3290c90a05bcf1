"""The right-hand case panel: the thread, its classification, its assignment and the replies.

The panel loads one case through the injected case service (no SQL, no HTTP here), shows it in
its panes and performs what they ask, one change at a time, each checked against the case's
version: when someone else changed the case meanwhile, the panel says so and reloads, and the
officer decides again. Outgoing actions show their outbox state live (the service tells the
panel when an action of the shown case changes).

Keyboard entry points for the main window: ``classify_shortcut``, ``toggle_urgent``,
``start_assign``, ``start_reply``, ``hide_current``, ``resolve_current`` (and ``start_forward``).

Optional sections (each shown only when the composition root passes its service and a signed-in
officer): forwarding to another unit (``forwarding``: the forward dialog replaces the unit
chooser's bare unit change), the SLA clocks (``sla``: resolving and reopening then stop and
restart the clock), internal notes and the officer's mentions (``notes``), and the collision
indicator (``presence``). Call ``shutdown`` before the panel goes away (it leaves the case).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection
from datetime import UTC, datetime
from typing import Any, Protocol

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.enums import CaseStatus, Category, OutboxKind, OutboxState
from desktop.services.access import Action
from desktop.services.cases import (
    CaseDetail,
    CaseRefused,
    OfficerRow,
    PermissionDenied,
    StaleCase,
    UnitRow,
)
from desktop.services.forwarding import ForwardError, ForwardView
from desktop.services.notes import NoteError, NoteResult
from desktop.services.reply_templates import ReplyTemplate
from desktop.services.sla import CaseStateError
from desktop.store.outbox import OutboxRow
from desktop.store.sla import SlaClock
from desktop.views.assignment_pane import AssignmentPane
from desktop.views.case_labels import outbox_kind_label, priority_label
from desktop.views.case_services import ForwardActions, NoteActions, SlaActions
from desktop.views.classification_pane import CATEGORIES, ClassificationPane
from desktop.views.duty_labels import (
    resolution_late,
    resolution_text,
    response_late,
    response_text,
)
from desktop.views.forward_dialog import ForwardDialog
from desktop.views.forward_pane import ForwardPane
from desktop.views.labels import channel_label, long_time, status_label
from desktop.views.notes_pane import MentionsButton, NotesPane
from desktop.views.presence_bar import POLL_MS, PresenceActions, PresenceBar
from desktop.views.reply_pane import ReplyPane
from desktop.views.thread_pane import ThreadPane
from desktop.views.widgets import plain_label

log = logging.getLogger(__name__)

REFRESH_DELAY_MS = 150  # outbox changes arriving together reload the case once
SLA_TICK_MS = 30_000
# Refusals whose message is meant for the officer (shown as they are, nothing reloaded).
REFUSALS: tuple[type[Exception], ...] = (
    CaseRefused,
    PermissionDenied,
    ForwardError,
    NoteError,
    CaseStateError,
)
NOTICE_STYLES = {
    "info": "background: #e3f1e4; color: #1b5e20;",
    "warning": "background: #fff3c4; color: #6d4c00;",
    "error": "background: #fbe0de; color: #8c1d18;",
}


class CaseActions(Protocol):
    """What the panel needs of the case service (``desktop.services.cases.CaseService``)."""

    async def detail(self, thread_id: int) -> CaseDetail: ...
    async def reveal(self, thread_id: int) -> CaseDetail: ...
    async def officers(self) -> list[OfficerRow]: ...
    async def units(self) -> list[UnitRow]: ...
    async def classify(
        self, thread_id: int, category: Category, urgent: bool, expected_version: int
    ) -> int: ...
    async def set_urgent(self, thread_id: int, urgent: bool, expected_version: int) -> int: ...
    async def assign(
        self, thread_id: int, officer_id: int | None, unit_id: int | None, expected_version: int
    ) -> int: ...
    async def set_status(
        self, thread_id: int, status: CaseStatus, expected_version: int
    ) -> int: ...
    async def set_priority(self, thread_id: int, priority: int, expected_version: int) -> int: ...
    async def reply(
        self, thread_id: int, kind: OutboxKind, text: str, item_id: int | None = None
    ) -> OutboxRow: ...
    async def moderate(
        self, thread_id: int, item_id: int | None, kind: OutboxKind
    ) -> OutboxRow: ...
    def templates(self, kind: OutboxKind, category: Category | None) -> list[ReplyTemplate]: ...
    def render(self, template: ReplyTemplate, detail: CaseDetail) -> str: ...
    def subscribe(self, listener: Callable[[OutboxRow], None]) -> Callable[[], None]: ...


Change = Callable[[CaseDetail, int], Awaitable[Any]]  # (case, version to expect) → result
OnError = Callable[[str], None]


class CasePanel(QWidget):
    case_changed = Signal(int)  # a change was saved (the inbox refreshes that row)
    case_loaded = Signal(int)  # the case is shown
    notice_shown = Signal(str)  # a message for the officer (refusals, stale cases, errors)
    open_requested = Signal(int)  # the officer opened another case of the same citizen

    def __init__(
        self,
        service: CaseActions,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
        *,
        officer_id: int | None = None,
        forwarding: ForwardActions | None = None,
        notes: NoteActions | None = None,
        presence: PresenceActions | None = None,
        sla: SlaActions | None = None,
        presence_poll_ms: int = POLL_MS,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("casePanel")
        self.service = service
        self.clock = clock
        # The optional sections act for the signed-in officer (CaseService knows him too).
        officer = officer_id if officer_id is not None else getattr(service, "officer_id", None)
        self.officer_id: int | None = officer if isinstance(officer, int) else None
        on = self.officer_id is not None
        self.forwarding, self.notes, self.sla = (forwarding, notes, sla) if on else (None,) * 3
        self.detail: CaseDetail | None = None
        self.thread_id: int | None = None
        self.confirmation: QMessageBox | None = None
        self._version = 0
        self._choices_loaded = False
        self._load_task: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[Any]] = set()
        self._lock = asyncio.Lock()

        self.notice = plain_label("", self)
        self.notice.setObjectName("caseNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.header = plain_label(self.tr("Chọn một vụ việc trong hộp thư"), self)
        self.header.setObjectName("caseHeader")
        self.header.setWordWrap(True)
        self.header.setStyleSheet("#caseHeader { font-weight: bold; padding: 2px 4px; }")
        self.reveal_button = QPushButton(self.tr("Xem thông tin người báo tin (ghi nhật ký)"), self)
        self.reveal_button.setObjectName("revealProtected")
        self.reveal_button.clicked.connect(self._reveal)
        self.reveal_button.hide()

        self.thread_pane = ThreadPane(parent=self)
        self.thread_pane.title.hide()  # the header says it all
        self.classification = ClassificationPane(self)
        self.assignment = AssignmentPane(self)
        self.reply = ReplyPane(service.templates, service.render, clock, self)
        self._build_sections(presence, presence_poll_ms)
        self._build_layout()

        self.thread_pane.open_thread.connect(self._open_other)
        self.classification.classify_requested.connect(self._classify)
        self.classification.urgent_requested.connect(self._set_urgent)
        self.assignment.assign_requested.connect(self._assign)
        self.assignment.status_requested.connect(self._set_status)
        self.assignment.priority_requested.connect(self._set_priority)
        self.reply.send_requested.connect(self._send)
        self.reply.moderate_requested.connect(self._confirm_moderation)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        unsubscribe = service.subscribe(self._outbox_changed)
        self.destroyed.connect(lambda *_: unsubscribe())
        self._set_panes_enabled(False)

    def _build_sections(self, presence: PresenceActions | None, poll_ms: int) -> None:
        """The optional issue-6 sections (None where the service or the officer is missing)."""
        self.forwards: list[ForwardView] = []
        self.sla_clock: SlaClock | None = None
        self.forward_dialog: ForwardDialog | None = None
        self._units: list[UnitRow] = []
        self._seen_thread: int | None = None
        self._sla_timer = QTimer(self)
        self._sla_timer.setInterval(SLA_TICK_MS)
        self._sla_timer.timeout.connect(self._tick_sla)
        if self.sla is not None:
            self._sla_timer.start()
        self.sla_label = plain_label("", self)
        self.sla_label.setObjectName("caseSla")
        self.sla_label.hide()
        me = self.officer_id
        self.presence_bar: PresenceBar | None = None
        if presence is not None and me is not None:
            bar = PresenceBar(presence, me, poll_ms=poll_ms, parent=self)
            self.reply.editor.textChanged.connect(
                lambda: bar.set_replying(bool(self.reply.editor.toPlainText().strip()))
            )
            self.presence_bar = bar
        self.mentions: MentionsButton | None = None
        self.notes_pane: NotesPane | None = None
        if self.notes is not None and me is not None:
            notes = self.notes
            self.mentions = MentionsButton(lambda: notes.mentions(me), parent=self)
            self.mentions.open_requested.connect(self._open_other)
            self.notes_pane = NotesPane(self)
            self.notes_pane.note_requested.connect(self._add_note)
        self.forward_pane: ForwardPane | None = None
        if self.forwarding is not None:
            self.forward_pane = ForwardPane(self.clock, self)
            self.forward_pane.forward_clicked.connect(self.start_forward)
            self.forward_pane.result_requested.connect(self._record_result)
            self.assignment.use_forwarding(True)
            self.assignment.forward_requested.connect(self.start_forward)

    def _build_layout(self) -> None:
        bottom = QWidget(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.classification, 3)
        row.addWidget(self.assignment, 2)
        column = QVBoxLayout(bottom)
        column.setContentsMargins(4, 0, 4, 4)
        column.addLayout(row)
        if self.forward_pane is not None:
            column.addWidget(self.forward_pane)
        column.addWidget(self.reply)
        if self.notes_pane is not None:
            column.addWidget(self.notes_pane)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(bottom)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("caseSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.thread_pane)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([420, 580])  # scaled to the panel's height
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.notice)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 4, 0)
        top.addWidget(self.header, 1)
        if self.mentions is not None:
            top.addWidget(self.mentions)
        top.addWidget(self.reveal_button)
        layout.addLayout(top)
        layout.addWidget(self.sla_label)
        if self.presence_bar is not None:
            layout.addWidget(self.presence_bar)
        layout.addWidget(self.splitter, 1)

    # -- loading -------------------------------------------------------------------------------
    def show_case(self, thread_id: int) -> None:
        """Show ``thread_id``; a load still running for another case is cancelled."""
        if thread_id != self.thread_id:
            self.clear_notice()
            if self.presence_bar is not None:
                self.presence_bar.set_case(None)  # left at once; back once the case is shown
        self.thread_id = thread_id
        self.header.setText(self.tr("Vụ việc #{id} — đang tải…").format(id=thread_id))
        self._start_load(thread_id)

    def refresh(self, thread_ids: Collection[int] | None = None) -> None:
        """Reload the shown case (when ``thread_ids`` is given: only if it is among them)."""
        if self.thread_id is None:
            return
        if thread_ids is not None and self.thread_id not in thread_ids:
            return
        self._start_load(self.thread_id)

    def _start_load(self, thread_id: int) -> None:
        if self._load_task is not None:
            self._load_task.cancel()
        task = asyncio.ensure_future(self._load(thread_id))
        self._load_task = task
        task.add_done_callback(self._load_finished)

    async def _load(self, thread_id: int) -> None:
        if not self._choices_loaded:
            officers, units = await asyncio.gather(self.service.officers(), self.service.units())
            self.assignment.set_choices(officers, units)
            self._units = list(units)
            if self.notes is not None and self.notes_pane is not None:
                assert self.officer_id is not None
                with contextlib.suppress(PermissionDenied):  # no notes, no completion
                    self.notes_pane.set_officers(await self.notes.mentionable(self.officer_id))
            self._choices_loaded = True
        detail = await self.service.detail(thread_id)
        forwards, clock = await self._load_extras(thread_id)
        if thread_id == self.thread_id:
            self._show(detail)
            self._show_extras(detail, forwards, clock)

    async def _load_extras(
        self, thread_id: int, *, reveal: bool = False
    ) -> tuple[list[ForwardView], SlaClock | None]:
        """The case's forwards and SLA clock (when those sections are on)."""
        me = self.officer_id
        forwards: list[ForwardView] = []
        clock: SlaClock | None = None
        if me is None:
            return forwards, clock
        if self.forwarding is not None:
            forwards = await self.forwarding.of_case(me, thread_id, reveal=reveal)
        if self.sla is not None:
            clock = (await self.sla.clocks(me, [thread_id])).get(thread_id)
        return forwards, clock

    def _load_finished(self, task: asyncio.Task[None]) -> None:
        if self._load_task is task:
            self._load_task = None
        if task.cancelled():
            return
        error = task.exception()
        if isinstance(error, PermissionDenied):
            self.header.setText(self.tr("Không được xem vụ việc này"))
            self._notice(str(error), "error")
        elif error is not None:
            log.error("case failed to load", exc_info=error)
            self.header.setText(self.tr("Không tải được vụ việc"))
            self._notice(self.tr("Không tải được vụ việc: {e}").format(e=error), "error")

    def _show(self, detail: CaseDetail) -> None:
        self.detail = detail
        self._version = detail.version
        case = detail.case
        parts = [
            f"#{case.thread_id}",
            channel_label(case.channel),
            case.account_name,
            case.unit_name or "",
            status_label(case.status),
            self.tr("ưu tiên {p}").format(p=priority_label(case.priority)),
            self.tr("{n} mục").format(n=len(detail.items)),
        ]
        if case.urgent:
            parts.insert(1, self.tr("⚠ KHẨN CẤP"))
        if case.deadline_at is not None:
            parts.append(self.tr("hạn {t}").format(t=long_time(case.deadline_at)))
        if case.contact_blocked:
            parts.append(self.tr("người dùng đã bị chặn"))
        if detail.masked:
            parts.append(self.tr("🔒 thông tin cá nhân đã che"))
        elif detail.protected:
            parts.append(self.tr("🔓 đang xem thông tin người báo tin"))
        self.reveal_button.setVisible(detail.masked and detail.can_reveal)
        self.header.setText(" · ".join(p for p in parts if p))
        self._set_panes_enabled(True)
        self.classification.setEnabled(detail.may(Action.CLASSIFY))
        self.thread_pane.show_case(detail)
        self.classification.show_case(detail)
        self.assignment.show_case(detail)
        if self.presence_bar is not None:
            self.presence_bar.set_case(case.thread_id)  # before the reply draft comes back
        self.reply.show_case(detail)
        if self.notes_pane is not None:
            self.notes_pane.show_case(case.thread_id, may_write=self._may_write_notes(detail))
        self._mark_mentions_seen(case.thread_id)
        self.case_loaded.emit(case.thread_id)

    def _show_extras(
        self, detail: CaseDetail, forwards: list[ForwardView], clock: SlaClock | None
    ) -> None:
        self.forwards = forwards
        if self.forward_pane is not None:
            may_forward = (
                detail.may(Action.FORWARD) and detail.case.status is not CaseStatus.RESOLVED
            )
            self.forward_pane.show_forwards(forwards, may_forward=may_forward)
        self.sla_clock = clock
        self._tick_sla()

    @staticmethod
    def _may_write_notes(detail: CaseDetail) -> bool:
        # The policy's WRITE_NOTE goes with REPLY for every role (duty officers and leaders).
        return detail.allowed is None or Action.REPLY in detail.allowed

    def _tick_sla(self) -> None:
        """The SLA line from the loaded clock and the current time (no database)."""
        clock = self.sla_clock
        if clock is None or self.sla is None:
            self.sla_label.hide()
            return
        now = self.clock()
        self.sla_label.setText(f"{response_text(clock, now)} · {resolution_text(clock, now)}")
        late = response_late(clock, now) or resolution_late(clock, now)
        colour = "#b3261e" if late else ("#555" if not clock.running else "#1b5e20")
        self.sla_label.setStyleSheet(f"#caseSla {{ color: {colour}; padding: 0 4px; }}")
        self.sla_label.show()

    def _mark_mentions_seen(self, thread_id: int) -> None:
        notes, me = self.notes, self.officer_id
        if notes is None or me is None or thread_id == self._seen_thread:
            return
        self._seen_thread = thread_id

        async def mark() -> None:
            if await notes.seen(me, thread_id) and self.mentions is not None:
                self.mentions.refresh()

        task = asyncio.ensure_future(mark())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _set_panes_enabled(self, enabled: bool) -> None:
        for pane in (self.classification, self.assignment):
            pane.setEnabled(enabled)

    # -- notices ---------------------------------------------------------------------------------
    def _notice(self, text: str, level: str = "warning") -> None:
        self.notice.setStyleSheet(f"#caseNotice {{ {NOTICE_STYLES[level]} padding: 4px; }}")
        self.notice.setText(text)
        self.notice.show()
        self.notice_shown.emit(text)

    def stale_text(self) -> str:
        return self.tr("Người khác vừa thay đổi vụ việc này: đã tải lại, hãy quyết định lại.")

    def clear_notice(self) -> None:
        self.notice.clear()
        self.notice.hide()

    # -- performing changes ----------------------------------------------------------------------
    def _perform(
        self,
        change: Change,
        *,
        done: Callable[[Any], None] | None = None,
        reload: bool = True,
        on_error: OnError | None = None,
    ) -> None:
        detail = self.detail
        if detail is None:
            self._notice(self.tr("Chưa chọn vụ việc nào."))
            return
        task = asyncio.ensure_future(self._run(detail.thread_id, change, done, reload, on_error))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(
        self,
        thread_id: int,
        change: Change,
        done: Callable[[Any], None] | None,
        reload: bool,
        on_error: OnError | None = None,
    ) -> None:
        async with self._lock:  # one change at a time, each from the version the last one left
            detail = self.detail
            if detail is None or detail.thread_id != thread_id:
                return  # the officer moved on to another case meanwhile
            try:
                result = await change(detail, self._version)
            except StaleCase:
                self._notice(self.stale_text())
                if on_error is not None:
                    on_error(self.stale_text())
                self.refresh()
                return
            except REFUSALS as refused:
                self._notice(str(refused), "error")
                if on_error is not None:
                    on_error(str(refused))
                return
            except Exception as error:
                log.exception("case change failed")
                text = self.tr("Không thực hiện được: {e}").format(e=error)
                self._notice(text, "error")
                if on_error is not None:
                    on_error(text)
                self.refresh()
                return
            if isinstance(result, int) and not isinstance(result, bool):
                self._version = result  # the next change expects the version this one left
            if done is not None:
                done(result)
            self.case_changed.emit(thread_id)
            if reload and thread_id == self.thread_id:
                self.refresh()

    def _classify(self, category: Category) -> None:
        self._perform(lambda d, v: self.service.classify(d.thread_id, category, d.case.urgent, v))

    def _set_urgent(self, urgent: bool) -> None:
        self._perform(lambda d, v: self.service.set_urgent(d.thread_id, urgent, v))

    def _assign(self, officer_id: int | None, unit_id: int | None) -> None:
        self._perform(lambda d, v: self.service.assign(d.thread_id, officer_id, unit_id, v))

    def _set_status(self, status: CaseStatus) -> None:
        detail = self.detail
        sla, me = self.sla, self.officer_id
        if detail is not None and status is detail.case.status:
            return
        if status is CaseStatus.FORWARDED and self.forwarding is not None:
            if detail is not None:
                self.assignment.show_case(detail)  # the combo goes back until a unit is chosen
            self.start_forward()
            return
        if sla is not None and me is not None:
            if status is CaseStatus.RESOLVED:  # stops the SLA clock
                self._perform(lambda d, v: sla.resolve(me, d.thread_id, v))
                return
            reopening = detail is not None and detail.case.status is CaseStatus.RESOLVED
            if status is CaseStatus.REOPENED and reopening:  # a new SLA period
                self._perform(lambda d, v: sla.reopen(me, d.thread_id, v))
                return
        self._perform(lambda d, v: self.service.set_status(d.thread_id, status, v))

    # -- forwarding and notes ----------------------------------------------------------------------
    def start_forward(self, preselect: int | None = None) -> None:
        """Open the "Chuyển đơn vị" dialog (``preselect``: a unit picked in the unit chooser)."""
        detail, forwarding, me = self.detail, self.forwarding, self.officer_id
        if detail is None or forwarding is None or me is None:
            return
        if not detail.may(Action.FORWARD):
            self._notice(self.tr("Vai trò của đồng chí không được chuyển đơn vị."), "error")
            return
        if self.forward_dialog is not None:
            self.forward_dialog.raise_()
            return
        dialog = ForwardDialog(
            self._units,
            case_unit_id=detail.case.unit_id,
            preselect=preselect if isinstance(preselect, int) else None,
            clock=self.clock,
            parent=self,
        )
        thread_id = detail.thread_id

        def submitted(unit_id: int, deadline: datetime, text: str) -> None:
            if self.thread_id != thread_id:
                dialog.show_error(self.tr("Đồng chí đã chuyển sang vụ việc khác."))
                return

            async def change(d: CaseDetail, version: int) -> int:
                _forward_id, new_version = await forwarding.forward(
                    me, d.thread_id, unit_id, deadline, text, version
                )
                return new_version

            def forwarded(_version: int) -> None:
                dialog.finish()
                self._notice(self.tr("Đã chuyển vụ việc cho đơn vị; chờ kết quả."), "info")

            self._perform(change, done=forwarded, on_error=dialog.show_error)

        def finished(_result: int) -> None:
            if self.forward_dialog is dialog:
                self.forward_dialog = None
            dialog.deleteLater()

        dialog.submitted.connect(submitted)
        dialog.finished.connect(finished)
        self.forward_dialog = dialog
        dialog.open()  # not exec(): a nested loop inside qasync would re-enter the event loop

    def _record_result(self, forward_id: int, text: str) -> None:
        forwarding, me = self.forwarding, self.officer_id
        if forwarding is None or me is None:
            return

        def saved(_row: object) -> None:
            if self.forward_pane is not None:
                self.forward_pane.result_saved()
            self._notice(self.tr("Đã ghi kết quả của đơn vị."), "info")

        self._perform(lambda _d, _v: forwarding.record_result(me, forward_id, text), done=saved)

    def _add_note(self, text: str) -> None:
        notes, me, pane = self.notes, self.officer_id, self.notes_pane
        if notes is None or me is None or pane is None:
            return

        def saved(result: NoteResult) -> None:
            pane.saved()
            message = self.tr("Đã lưu ghi chú nội bộ.")
            if result.mentioned_ids:
                message += " " + self.tr("Đã nhắc {n} cán bộ.").format(n=len(result.mentioned_ids))
            if result.unresolved:
                names = ", ".join(f"@{n}" for n in result.unresolved)
                message += " " + self.tr("Không có cán bộ: {names}.").format(names=names)
            self._notice(message, "warning" if result.unresolved else "info")

        self._perform(
            lambda d, _v: notes.add(me, d.thread_id, text),
            done=saved,
            on_error=lambda _text: pane.refused(),
        )

    def shutdown(self) -> None:
        """Leave the shown case (presence) and stop polling; call before the panel goes away."""
        if self.presence_bar is not None:
            self.presence_bar.shutdown()
        if self.mentions is not None:
            self.mentions.shutdown()

    def _set_priority(self, priority: int) -> None:
        self._perform(lambda d, v: self.service.set_priority(d.thread_id, priority, v))

    def _send(self, kind: OutboxKind, text: str, item_id: int | None) -> None:
        def queued(row: OutboxRow) -> None:
            self.reply.sent()
            if row.state is OutboxState.PENDING_APPROVAL:
                self._notice(
                    self.tr(
                        "Đã gửi lãnh đạo ca duyệt: {kind}. Trả lời chỉ được gửi cho người dân sau "
                        "khi được duyệt."
                    ).format(kind=outbox_kind_label(row.kind)),
                    "info",
                )
                return
            self._notice(
                self.tr("Đã đưa vào hàng gửi: {kind}. Trạng thái hiện ở “Thao tác gửi đi”.").format(
                    kind=outbox_kind_label(row.kind)
                ),
                "info",
            )

        self._perform(
            lambda d, _v: self.service.reply(d.thread_id, kind, text, item_id), done=queued
        )

    def _moderate(self, kind: OutboxKind, item_id: int | None) -> None:
        def queued(row: OutboxRow) -> None:
            self._notice(
                self.tr("Đã đưa vào hàng gửi: {kind}.").format(kind=outbox_kind_label(row.kind)),
                "info",
            )

        self._perform(lambda d, _v: self.service.moderate(d.thread_id, item_id, kind), done=queued)

    # -- confirmation ------------------------------------------------------------------------------
    def _confirm_moderation(self, kind: OutboxKind, item_id: int | None) -> None:
        detail = self.detail
        if detail is None:
            return
        if kind not in detail.moderation_kinds:
            self._notice(self.tr("Kênh này không cho thao tác đó."), "error")
            return
        target = detail.comment(item_id) if detail.moderation_targets else None
        author = (target.author if target else None) or detail.case.contact_name
        author = author or self.tr("(không rõ)")
        question = {
            OutboxKind.HIDE: self.tr("Ẩn bình luận này trên Facebook?"),
            OutboxKind.UNHIDE: self.tr("Hiện lại bình luận này trên Facebook?"),
            OutboxKind.DELETE: self.tr(
                "Xoá bình luận này trên Facebook? Không thể hoàn tác trên nền tảng."
            ),
            OutboxKind.BLOCK: self.tr(
                "Chặn {author} khỏi trang “{page}”? Người này sẽ không bình luận, nhắn tin "
                "cho trang được nữa."
            ).format(author=author, page=detail.case.account_name),
        }[kind]
        lines = [question, ""]
        if target is not None:
            lines += [f"{author} — {long_time(target.created_at)}:", f"“{target.text}”", ""]
        lines.append(
            self.tr(
                "Nội dung, tác giả, thời gian và mã băm đã được lưu trong máy làm bằng chứng, "
                "kể cả khi nền tảng xoá."
            )
        )
        verb = {
            OutboxKind.HIDE: self.tr("Ẩn"),
            OutboxKind.UNHIDE: self.tr("Hiện lại"),
            OutboxKind.DELETE: self.tr("Xoá"),
            OutboxKind.BLOCK: self.tr("Chặn"),
        }[kind]
        box = QMessageBox(self)
        box.setObjectName("confirmModeration")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Xác nhận: {what}").format(what=outbox_kind_label(kind)))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText("\n".join(lines))
        yes = box.addButton(verb, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Huỷ"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        thread_id = detail.thread_id
        target_id = target.item_id if target is not None else None

        def finished(_result: int) -> None:
            self.confirmation = None
            box.deleteLater()
            if box.clickedButton() is yes and self.thread_id == thread_id:
                self._moderate(kind, target_id)

        box.finished.connect(finished)
        self.confirmation = box
        box.open()  # not exec(): a nested loop inside qasync would re-enter the event loop

    # -- outbox changes ----------------------------------------------------------------------------
    def _outbox_changed(self, row: OutboxRow) -> None:
        if row.thread_id is not None and row.thread_id == self.thread_id:
            self._refresh_timer.start()

    def _reveal(self, *_args: object) -> None:
        """Show a protected case unmasked (the service records who looked, and when)."""
        thread_id = self.thread_id
        if thread_id is None:
            return

        async def reveal() -> None:
            try:
                detail = await self.service.reveal(thread_id)
                extras = await self._load_extras(thread_id, reveal=bool(self.forwards))
            except PermissionDenied as denied:
                self._notice(str(denied), "error")
                return
            if thread_id == self.thread_id:
                self._show(detail)
                self._show_extras(detail, *extras)
                self._notice(
                    self.tr("Đã hiện thông tin người báo tin; việc xem đã được ghi nhật ký."),
                    "warning",
                )

        task = asyncio.ensure_future(reveal())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _open_other(self, thread_id: int) -> None:
        self.open_requested.emit(thread_id)
        self.show_case(thread_id)

    # -- keyboard entry points (the main window's shortcuts) ---------------------------------------
    def classify_shortcut(self, digit: int) -> None:
        """Digit 1–9: the category in enum order (each button shows its digit)."""
        if 1 <= digit <= len(CATEGORIES):
            self._classify(CATEGORIES[digit - 1])

    def toggle_urgent(self) -> None:
        if self.detail is not None:
            self._set_urgent(not self.detail.case.urgent)

    def start_assign(self) -> None:
        if self.detail is None:
            return
        self.assignment.assignee.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.assignment.assignee.showPopup()

    def start_reply(self) -> None:
        if self.detail is not None:
            self.reply.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def hide_current(self) -> None:
        """Ask, then hide the chosen comment (the thread's top-level comment by default)."""
        if self.detail is None:
            return
        self._confirm_moderation(OutboxKind.HIDE, self.reply.target_item())

    def resolve_current(self) -> None:
        if self.detail is not None:
            self._set_status(CaseStatus.RESOLVED)
