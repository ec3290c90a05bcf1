"""One officer's workstation: the main window with the inbox and the case panel, wired to the
services and to the background's events (sync passes, outbox changes, connectivity).

A desk lives from sign-in to sign-out (or quit); the background (sync, outbox) outlives it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.config import Config
from desktop.domain.enums import OfficerRole, OutboxKind
from desktop.gui.background import Background
from desktop.gui.settings import SettingsOpener
from desktop.services.access import Action, allowed, load_actor
from desktop.services.alerts import UrgentWatcher
from desktop.services.assignment import AssignmentService
from desktop.services.audit import AuditService
from desktop.services.cases import CaseService
from desktop.services.forwarding import ForwardingService
from desktop.services.health import load_health
from desktop.services.inbox import InboxService
from desktop.services.notes import NoteService
from desktop.services.officers_admin import OfficerAdminService
from desktop.services.outbox import OutboxService
from desktop.services.overview import load_overview
from desktop.services.presence import PresenceService
from desktop.services.reply_approval import ReplyApprovals
from desktop.services.saved_views import SavedViewStore
from desktop.services.shifts import ShiftService
from desktop.services.sla import SlaService
from desktop.services.sync.outcome import SyncSummary
from desktop.store.database import Database
from desktop.views.admin_window import AdminWindow
from desktop.views.alerts import TrayNotifier
from desktop.views.approval_queue import ApprovalQueueView
from desktop.views.audit_viewer import AuditViewer
from desktop.views.campaign_bar import CampaignBar, CampaignCasesDialog
from desktop.views.case_panel import CasePanel
from desktop.views.forward_queue import ForwardQueueView
from desktop.views.inbox_model import InboxModel
from desktop.views.inbox_view import InboxView
from desktop.views.leader_window import LeaderWindow
from desktop.views.main_window import MainWindow

log = logging.getLogger(__name__)

HEALTH_REFRESH_S = 5.0


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class DutyServices:
    """Issue 6's services as one officer's desk uses them."""

    forwarding: ForwardingService
    notes: NoteService
    presence: PresenceService
    sla: SlaService
    shifts: ShiftService
    assignment: AssignmentService
    audit: AuditService
    officers: OfficerAdminService
    approvals: ReplyApprovals

    @classmethod
    def build(cls, db: Database, outbox: OutboxService) -> DutyServices:
        clock = outbox.clock
        return cls(
            ForwardingService(db, clock=clock),
            NoteService(db, clock=clock),
            PresenceService(db, socket.gethostname(), clock=clock),
            SlaService(db, clock=clock),
            ShiftService(db, clock=clock),
            AssignmentService(db, clock=clock),
            AuditService(db),
            OfficerAdminService(db, clock=clock),
            ReplyApprovals(db, clock=clock, on_change=outbox.changed),
        )


@dataclass(slots=True)
class Desk:
    window: MainWindow
    inbox: InboxView
    panel: CasePanel
    closed: asyncio.Event  # the officer closed the window
    _tasks: set[asyncio.Task[Any]] = field(default_factory=set)
    _undo: list[Callable[[], None]] = field(default_factory=list)
    refreshers: list[Callable[[], None]] = field(default_factory=list)  # after each sync pass
    on_close: list[Callable[[], Coroutine[Any, Any, None]]] = field(default_factory=list)

    def spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("desk task failed", exc_info=task.exception())

    async def close(self) -> None:
        """Unhook from the background, stop this desk's tasks, close the window."""
        for undo in self._undo:
            undo()
        for final in self.on_close:
            with contextlib.suppress(Exception):
                await final()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait(self._tasks, timeout=5)
        self.window.closing = None
        self.window.close()
        self.window.deleteLater()


async def open_desk(
    config: Config,
    db: Database,
    background: Background,
    settings: SettingsOpener,
    *,
    officer_id: int,
) -> Desk:
    """Build and show the main window for the officer ``officer_id``."""
    services = background.services
    clock = services.outbox.clock
    actor = await db.read(lambda s: load_actor(s, officer_id))
    inbox = InboxService(db)
    await inbox.restrict_to(actor.scope)
    model = InboxModel(inbox.page, rows_loader=inbox.rows)
    view = InboxView(
        model,
        saved_views=SavedViewStore(config.paths.home / "views.json"),
        officer_id=officer_id,
        counter=inbox.counts,
        units=inbox.units,
        accounts=inbox.accounts,
        officers=inbox.officers,
    )
    window = MainWindow(str(config.paths.database), inbox=view)
    cases = CaseService(
        db, services.outbox, clock, officer_id=officer_id, offensive=background.offensive
    )
    duty = DutyServices.build(db, services.outbox)
    panel = CasePanel(
        cases,
        clock,
        forwarding=duty.forwarding,
        notes=duty.notes,
        presence=duty.presence,
        sla=duty.sla,
    )
    right = QWidget()
    column = QVBoxLayout(right)
    column.setContentsMargins(0, 0, 0, 0)
    campaign_bar = CampaignBar(right)
    column.addWidget(campaign_bar)
    column.addWidget(panel, 1)
    window.set_case_panel(right, panel)
    settings.set_officer(officer_id)
    window.open_settings = settings.open
    closed = asyncio.Event()
    window.closing = closed.set
    desk = Desk(window, view, panel, closed)
    desk._undo.append(panel.shutdown)
    _wire_campaigns(desk, campaign_bar, background, officer_id)
    _add_duty_views(desk, duty, actor.officer_id, actor.role)

    panel.case_changed.connect(view.refresh_thread)
    panel.open_requested.connect(window.open_case)
    view.thread_opened.connect(lambda _thread_id: panel.setFocus())
    window.alerts.show_urgent.connect(lambda: view.filters.apply_view("urgent"))
    if background.keyring_problem is not None:
        window.show_sync_status(background.keyring_problem)

    _wire_events(desk, db, background)
    window.showMaximized()
    view.activate()
    window.show_overview(await load_overview(db))
    return desk


def _wire_events(desk: Desk, db: Database, background: Background) -> None:
    """Sync passes, outbox changes and connectivity → the window (undone by ``Desk.close``)."""
    services = background.services
    window, view, panel = desk.window, desk.inbox, desk.panel
    watcher = UrgentWatcher(db, services.outbox.clock)
    tray = TrayNotifier(window.windowIcon(), window)
    connectivity = services.http.connectivity

    async def show_health() -> None:
        window.show_health(await load_health(db, connectivity.state))

    async def after_pass(summary: SyncSummary) -> None:
        touched: set[int] = set()
        for outcome in summary.outcomes:
            touched |= outcome.touched_thread_ids | outcome.new_thread_ids
        ok = sum(1 for o in summary.outcomes if o.ok)
        window.show_sync_pass(utc_now(), ok, len(summary.outcomes), summary.inserted)
        view.sync_pass_done(touched)
        panel.refresh(touched)
        for refresh in desk.refreshers:
            refresh()
        urgent = await watcher.check(touched)
        if urgent:
            window.alerts.add(urgent)
            tray.notify(urgent)
        window.show_overview(await load_overview(db))
        await show_health()

    def on_pass(summary: SyncSummary) -> None:
        desk.spawn(after_pass(summary))

    def on_outbox(_row: object) -> None:
        desk.spawn(show_health())

    def on_connectivity(_state: object) -> None:
        desk.spawn(show_health())

    for listeners, listener in (
        (services.sync.listeners, on_pass),
        (services.outbox.listeners, on_outbox),
        (connectivity.listeners, on_connectivity),
    ):
        listeners.append(listener)  # type: ignore[arg-type]
        desk._undo.append(lambda ls=listeners, li=listener: ls.remove(li))  # type: ignore[misc]

    async def health_loop() -> None:
        while True:
            await show_health()
            await asyncio.sleep(HEALTH_REFRESH_S)

    desk.spawn(health_loop())


def _add_duty_views(desk: Desk, duty: DutyServices, officer_id: int, role: OfficerRole) -> None:
    """The forward queue for everyone; the leader's window and the audit log for the roles the
    policy lets see them (the services refuse the others anyway)."""
    window, panel = desk.window, desk.panel
    queue = ForwardQueueView(lambda: duty.forwarding.queue_view(officer_id), parent=window)
    queue.open_requested.connect(window.open_case)
    window.add_queue(queue, QCoreApplication.translate("MainWindow", "Chuyển đến đơn vị"))
    queue.refresh()
    desk._undo.append(queue.shutdown)
    desk.refreshers.append(queue.refresh)
    if allowed(role, Action.APPROVE_REPLY):
        _add_approval_queue(desk, duty.approvals, officer_id)
    desk.spawn(_purge_presence(duty.presence))

    def leader() -> LeaderWindow:
        made = LeaderWindow(
            officer_id,
            role,
            assignment=duty.assignment,
            shifts=duty.shifts,
            forwarding=duty.forwarding,
            sla=duty.sla,
            parent=window,
        )
        made.open_case.connect(panel.show_case)
        return made

    def admin() -> AdminWindow:
        return AdminWindow(
            officer_id,
            role,
            officers=duty.officers,
            rules=duty.assignment,
            sla=duty.sla,
            replies=duty.approvals,
            parent=window,
        )

    def audit() -> AuditViewer:
        return AuditViewer(duty.audit, officer_id, parent=window)

    # (the translate calls stay literal: the translation extractor reads them)
    tools: list[tuple[Action, str, str, Callable[[], _ToolWindow]]] = [
        (
            Action.VIEW_WORKLOAD,
            "actionLeader",
            QCoreApplication.translate("MainWindow", "Bảng trưởng ca…"),
            leader,
        ),
        (
            Action.VIEW_AUDIT_LOG,
            "actionAudit",
            QCoreApplication.translate("MainWindow", "Nhật ký kiểm toán…"),
            audit,
        ),
        (
            Action.MANAGE_OFFICERS,
            "actionAdmin",
            QCoreApplication.translate("MainWindow", "Quản trị…"),
            admin,
        ),
    ]
    for action, name, text, make in tools:
        if allowed(role, action):
            window.add_desk_action(text, _opener(desk, make), name=name)

    async def leave() -> None:
        await duty.presence.leave(officer_id)

    desk.on_close.append(leave)


def _add_approval_queue(desk: Desk, approvals: ReplyApprovals, officer_id: int) -> None:
    """A shift leader's list of sensitive replies waiting for him, beside the inbox; its tab
    says how many."""
    window = desk.window
    view = ApprovalQueueView(
        lambda: approvals.pending(officer_id),
        lambda action_id: approvals.approve(officer_id, action_id),
        lambda action_id, note: approvals.reject(officer_id, action_id, note),
        parent=window,
    )
    view.open_requested.connect(window.open_case)
    window.add_queue(view, QCoreApplication.translate("MainWindow", "Chờ duyệt"))

    def show_count(count: int) -> None:
        title = (
            QCoreApplication.translate("MainWindow", "Chờ duyệt ({n})").format(n=count)
            if count
            else QCoreApplication.translate("MainWindow", "Chờ duyệt")
        )
        window.set_queue_title(view, title)

    view.count_changed.connect(show_count)
    view.refresh()
    desk._undo.append(view.shutdown)
    desk.refreshers.append(view.refresh)


class _ToolWindow(Protocol):
    """A window of the "Ca trực" menu: built once, reloaded and raised on every opening."""

    def start(self) -> None: ...
    def shutdown(self) -> None: ...
    def show(self) -> None: ...
    def raise_(self) -> None: ...
    def setWindowFlag(self, flag: Qt.WindowType, on: bool = True) -> None: ...


def _opener(desk: Desk, make: Callable[[], _ToolWindow]) -> Callable[[], None]:
    made: list[_ToolWindow] = []

    def open_window() -> None:
        if not made:
            tool = make()
            tool.setWindowFlag(Qt.WindowType.Window)
            desk._undo.append(tool.shutdown)
            made.append(tool)
        made[0].start()  # (re)loads what it shows
        made[0].show()
        made[0].raise_()

    return open_window


async def _purge_presence(presence: PresenceService) -> None:
    await presence.purge()


def _wire_campaigns(desk: Desk, bar: CampaignBar, background: Background, officer_id: int) -> None:
    """The open case's campaign: shown above the case, its cases listed, hidden in bulk."""
    campaigns = background.services.campaigns
    window = desk.window

    async def show(thread_id: int) -> None:
        campaign = await campaigns.of_thread(thread_id)
        if desk.panel.thread_id == thread_id:
            bar.show_campaign(campaign)

    async def hide_all(campaign_id: int) -> None:
        queued = await campaigns.bulk_action(campaign_id, OutboxKind.HIDE, officer_id=officer_id)
        bar.show_result(queued)

    async def list_cases(campaign_id: int) -> None:
        dialog = CampaignCasesDialog(await campaigns.threads(campaign_id), window)
        dialog.open_case.connect(window.open_case)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    desk.panel.case_loaded.connect(lambda thread_id: desk.spawn(show(thread_id)))
    bar.bulk_hide_requested.connect(lambda cid: desk.spawn(hide_all(cid)))
    bar.list_requested.connect(lambda cid: desk.spawn(list_cases(cid)))
